import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAdminNotifier } from "../src/notices/admin-notifier";
import { createMemoryChatArticleStore } from "../src/bot/chat-articles";
import { createBot } from "../src/bot/create-bot";
import { createChannel } from "../src/channel/create-channel";
import { loadContent } from "../src/content/load-content";
import { createLiveContent } from "../src/library/live-content";
import { createLocalBotApi, localBotInfo, type ApiCall } from "../src/demo/local-bot-api";
import { htmlToText } from "../src/render/html";
import { openEmbeddedState } from "../src/app/create-shared-state";
import { inlineQuery, textMessage } from "./support/test-bot";

const bakuFile = "test/fixtures/baku/cis-defense-ministers-baku.yaml";
const baku = await readFile(bakuFile, "utf8");
const channelId = "@newsroom";
const adminId = 7001;

/** A second article, newer than Baku (so it would be the one answered about), with `status` set as given. */
function embargoed(status: "draft" | "live" | undefined): string {
  return baku
    .replace("id: cis-defense-ministers-baku-2019", "id: embargoed-story")
    .replace("headline: Council of CIS", "headline: Embargoed - Council of CIS")
    .replace("date: 2019-10-30", "date: 2019-11-05")
    .replace(/^(event: .*)$/m, status === undefined ? "$1" : `$1\nstatus: ${status}`);
}

let stop: (() => unknown) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** The bot and the channel (AUTOPOST on) over live content in a folder holding `files`, as main.ts wires them. */
async function startOver(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), "briefing-drafts-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const calls: ApiCall[] = [];
  const fetch = createLocalBotApi({ botInfo: localBotInfo, onCall: (call) => calls.push(call) });
  const logger = pino({ level: "silent" });
  const api = new Api("1:x", { fetch });
  const notifier = createAdminNotifier(api, [adminId], logger);
  const live = createLiveContent({ dir, logger, notifier, intervalMs: 20 });
  const loaded = await live.load();
  if (!loaded.ok) expect.fail(loaded.problems.join("\n"));
  const channel = createChannel({
    channelId,
    autopost: true,
    adminIds: [adminId],
    storage: openEmbeddedState(":memory:").channel(),
    channelApi: api,
    notifier,
    botUsername: () => localBotInfo.username,
    library: live.library,
    logger,
    publisher: { limit: { count: 1_000_000, windowMs: 60_000, minIntervalMs: 0 } },
  });
  const seen = { changes: 0 };
  live.onChange(async () => {
    await channel.publisher.sync();
    seen.changes += 1;
  });
  const bot = createBot("1:x", { library: live.library, chatArticles: createMemoryChatArticleStore(), logger, channel: channel.deps }, { botConfig: { botInfo: localBotInfo, client: { fetch } } });
  await channel.publisher.start();
  await channel.publisher.whenIdle();
  live.start();
  stop = async () => {
    live.stop();
    await channel.close();
  };
  /** Everything the bot sent for one update, as a reader sees it. */
  const answer = async (update: Update) => {
    const before = calls.length;
    await bot.handleUpdate(update);
    return calls.slice(before).map((call) => htmlToText(JSON.stringify(call.payload))).join("\n");
  };
  const channelPosts = () => calls.filter((call) => call.method === "sendMessage" && call.payload.chat_id === channelId).map((call) => htmlToText(String(call.payload.text)));
  const noticesToAdmin = () => calls.filter((call) => call.method === "sendMessage" && call.payload.chat_id === adminId).map((call) => htmlToText(String(call.payload.text)));
  return { dir, answer, channelPosts, noticesToAdmin, seen, whenIdle: () => channel.publisher.whenIdle() };
}

describe("a draft beside the Baku article", () => {
  it("is loaded and checked, but not offered, answered from, found inline or posted, until its status flips to live", async () => {
    const { dir, answer, channelPosts, seen, whenIdle } = await startOver({ "baku.yaml": baku, "embargoed.yaml": embargoed("draft") });

    expect(await answer(textMessage("/articles"))).toContain("Council of CIS Defense Ministers meets");
    expect(await answer(textMessage("/articles"))).not.toContain("Embargoed");
    // The draft is newer: were it served, it would be the article commands answer about.
    expect(await answer(textMessage("/summary"))).toContain("Council of CIS Defense Ministers meets");
    expect(await answer(textMessage("/summary"))).not.toContain("Embargoed");
    // A deep link to the draft answers about the live article instead.
    expect(await answer(textMessage("/start attendees_embargoed-story"))).not.toContain("Embargoed");
    const inline = await answer(inlineQuery("shoigu"));
    expect(inline).toContain("Shoigu");
    expect(inline).not.toMatch(/embargoed/i);
    expect(channelPosts()).toHaveLength(1);
    expect(channelPosts()[0]).toContain("Council of CIS Defense Ministers meets in hospitable land of Azerbaijan");

    // The editor removes the flag: the next reload serves it everywhere.
    await writeFile(join(dir, "embargoed.yaml"), embargoed(undefined));
    await vi.waitFor(() => expect(seen.changes).toBe(1));
    await whenIdle();
    expect(await answer(textMessage("/articles"))).toContain("Embargoed - Council of CIS");
    expect(await answer(textMessage("/summary"))).toContain("Embargoed - Council of CIS");
    expect(await answer(inlineQuery("shoigu"))).toMatch(/embargoed/i);
    expect(channelPosts()).toHaveLength(2);
    expect(channelPosts()[1]).toContain("Embargoed - Council of CIS");
  });

  it("keeps its id: a draft and a live article may not share one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "briefing-drafts-"));
    await writeFile(join(dir, "a.yaml"), baku);
    await writeFile(join(dir, "b.yaml"), embargoed("draft").replace("id: embargoed-story", "id: cis-defense-ministers-baku-2019"));
    expect(await loadContent(dir)).toEqual({ ok: false, problems: [`${join(dir, "b.yaml")}:4:5: id: "cis-defense-ministers-baku-2019" is already the id of a.yaml`] });
  });

  it("is checked like a live one: a draft with a problem stops the load", async () => {
    const dir = await mkdtemp(join(tmpdir(), "briefing-drafts-"));
    await writeFile(join(dir, "a.yaml"), baku);
    await writeFile(join(dir, "b.yaml"), embargoed("draft").replace("speaker: shoigu", "speaker: shoygu"));
    expect(await loadContent(dir)).toEqual({
      ok: false,
      problems: [`${join(dir, "b.yaml")}:126:14: statements[1].speaker: "shoygu" is not among the article's people; did you mean "shoigu"?`],
    });
  });
});

describe("content with drafts only", () => {
  it("is a valid start: loaded, with nothing served yet", async () => {
    const dir = await mkdtemp(join(tmpdir(), "briefing-drafts-"));
    await writeFile(join(dir, "embargoed.yaml"), embargoed("draft"));
    const loaded = await loadContent(dir);
    expect(loaded.ok && loaded.articles.map((article) => [article.id, article.status])).toEqual([["embargoed-story", "draft"]]);
  });

  it("arriving while the bot runs is served as it is: readers told politely there is no article yet, inline offers nothing", async () => {
    const { dir, answer, noticesToAdmin, seen } = await startOver({ "baku.yaml": baku });
    await writeFile(join(dir, "baku.yaml"), baku.replace(/^(event: .*)$/m, "$1\nstatus: draft"));
    await vi.waitFor(() => expect(seen.changes).toBe(1));
    expect(noticesToAdmin()).toEqual([]);
    expect(await answer(textMessage("/summary"))).toContain("There is no article here yet");
    expect(await answer(textMessage("who attended?"))).toContain("There is no article here yet");
    const inline = await answer(inlineQuery("shoigu"));
    expect(inline).toContain('"results":[]');
  });
});
