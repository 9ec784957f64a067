import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAdminNotifier } from "../src/notices/admin-notifier";
import { createMemoryChatArticleStore } from "../src/bot/chat-articles";
import { createBot } from "../src/bot/create-bot";
import { createLiveContent } from "../src/library/live-content";
import { createLocalBotApi, localBotInfo, type ApiCall } from "../src/demo/local-bot-api";
import { htmlToText } from "../src/render/html";
import type { Update } from "grammy/types";
import { buttonPress, inlineQuery, textMessage } from "./support/test-bot";

let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** The bot over live content in `dir`, polled every 20 ms, with the calls it makes and the changes it saw. */
async function startLiveBot(dir: string, adminIds: number[]) {
  const calls: ApiCall[] = [];
  const fetch = createLocalBotApi({ botInfo: localBotInfo, onCall: (call) => calls.push(call) });
  const logger = pino({ level: "silent" });
  const notifier = createAdminNotifier(new Api("1:x", { fetch }), adminIds, logger);
  const live = createLiveContent({ dir, logger, notifier, intervalMs: 20 });
  expect((await live.load()).ok).toBe(true);
  const seen = { changes: 0 };
  live.onChange(() => (seen.changes += 1));
  live.start();
  stop = live.stop;
  const bot = createBot("1:x", { library: live.library, chatArticles: createMemoryChatArticleStore(), logger }, { botConfig: { botInfo: localBotInfo, client: { fetch } } });
  return { calls, seen, bot };
}

describe("content that changes while the bot runs", () => {
  it("is served at once; a broken file leaves the last good content served while the admins are told the problems", async () => {
    const dir = await mkdtemp(join(tmpdir(), "briefing-live-"));
    const real = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");
    await cp("test/fixtures/baku/cis-defense-ministers-baku.yaml", join(dir, "baku.yaml"));
    const { calls, seen, bot } = await startLiveBot(dir, [7001]);
    const ask = async (text: string) => {
      const before = calls.length;
      await bot.handleUpdate(textMessage(text));
      return calls.slice(before).map((c) => htmlToText(String(c.payload.text))).join("\n");
    };
    const noticesToAdmin = () => calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === 7001).map((c) => htmlToText(String(c.payload.text)));

    await writeFile(join(dir, "newer.yaml"), real.replace("id: cis-defense-ministers-baku-2019", "id: newer").replace("headline: Council", "headline: Newer - Council").replace("date: 2019-10-30", "date: 2019-11-01"));
    await vi.waitFor(() => expect(seen.changes).toBe(1));
    expect(await ask("/summary")).toContain("Newer - Council of CIS Defense Ministers");

    await writeFile(join(dir, "broken.yaml"), real.replace("id: cis-defense-ministers-baku-2019", "id: newest").replace("date: 2019-10-30", "date: 2020-01-01").replace("paragraph: 12", "paragraph: 13"));
    await vi.waitFor(() => expect(noticesToAdmin()).toHaveLength(1));
    expect(noticesToAdmin()[0]).toContain("The content changed, and it has problems, so I keep serving the last good content (2 articles).");
    // The same line as `npm run check` prints: file:line:column, the eighth statement counted from 1.
    expect(noticesToAdmin()[0]).toContain(`• ${join(dir, "broken.yaml")}:163:16: statements[8].paragraph: paragraph 13 does not exist (the body has 12)`);
    expect(await ask("/summary")).toContain("Newer - Council of CIS Defense Ministers");
    expect(seen.changes).toBe(1);

    await writeFile(join(dir, "broken.yaml"), real.replace("id: cis-defense-ministers-baku-2019", "id: newest").replace("headline: Council", "headline: Newest - Council").replace("date: 2019-10-30", "date: 2020-01-01"));
    await vi.waitFor(() => expect(seen.changes).toBe(2));
    expect(noticesToAdmin()[1]).toBe("✅ The content is good again: now serving 3 articles.");
    expect(await ask("/summary")).toContain("Newest - Council of CIS Defense Ministers");
  });

  it("answers from an article edited in place, never from what was rendered before the edit", async () => {
    const dir = await mkdtemp(join(tmpdir(), "briefing-live-"));
    const real = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");
    await writeFile(join(dir, "baku.yaml"), real);
    const { calls, seen, bot } = await startLiveBot(dir, []);
    /** Everything the bot sent for one update, as a reader sees it. */
    const answer = async (update: Update) => {
      const before = calls.length;
      await bot.handleUpdate(update);
      return calls.slice(before).map((c) => htmlToText(JSON.stringify(c.payload))).join("\n").toLowerCase();
    };
    const asked = [textMessage("/attendees"), textMessage("who attended?"), textMessage("/who shoigu"), inlineQuery("shoigu"), buttonPress("topic:attendees")];
    for (const update of asked) {
      const text = await answer(update);
      expect(text).toContain("shoigu");
      expect(text).not.toContain("minister of defence");
    }

    // Same id, same file: only Shoigu's role changes.
    await writeFile(join(dir, "baku.yaml"), real.replace("aliases: [Sergey Shoygu]\n    role: defense minister", "aliases: [Sergey Shoygu]\n    role: minister of defence"));
    await vi.waitFor(() => expect(seen.changes).toBe(1));
    for (const update of asked) {
      expect(await answer(update)).toContain("minister of defence");
    }
  });
});
