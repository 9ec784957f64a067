import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BotApiStandIn, chats, users } from "../support/bot-api-stand-in";
import { e2eToken, startBot, type BotProcess } from "../support/bot-process";
import { startFeedServer, type FeedServer } from "../support/feed-server";

const bakuPage = await readFile("test/fixtures/import/baku-page.html", "utf8");
const lavrovText = await readFile("test/fixtures/articles/lavrov-motegi-eight-hours.txt", "utf8");
const editor = users.editor;

let standIn: BotApiStandIn;
let feed: FeedServer;
let bot: BotProcess;
let contentDir: string;
let dataDir: string;

function start(): BotProcess {
  return startBot({
    BOT_TOKEN: e2eToken,
    BOT_API_ROOT: standIn.apiRoot,
    CONTENT_DIR: contentDir,
    DATA_DIR: dataDir,
    ADMIN_IDS: String(editor.id),
    CHANNEL_ID: "@briefing_news",
    AUTOPOST: "off",
    FEED_URLS: [`${feed.root}/feed.xml`, `${feed.root}/error.xml`, `${feed.root}/huge.xml`, `${feed.root}/broken.xml`].join(","),
    FEED_INTERVAL: "1",
  });
}

/** The messages the bot sent the editor whose text starts with `prefix`. */
const toEditor = (prefix: string) => standIn.sentTo(editor.id).filter((m) => m.text?.startsWith(prefix));
const channelPosts = () => standIn.sentTo(chats.channel.id);

/** The editor's first message from the bot after `act` whose text starts with `prefix` (feed notices may come in between). */
async function editorGets(act: () => unknown, prefix: string): Promise<Message> {
  const before = standIn.sentTo(editor.id).length;
  act();
  return standIn.waitUntil(() => standIn.sentTo(editor.id).slice(before).find((m) => m.text?.startsWith(prefix)), prefix);
}

beforeAll(async () => {
  standIn = await BotApiStandIn.start({ token: e2eToken });
  standIn.startedBy(editor);
  feed = await startFeedServer();
  contentDir = await mkdtemp(join(tmpdir(), "briefing-e2e-newsroom-content-"));
  dataDir = await mkdtemp(join(tmpdir(), "briefing-e2e-newsroom-data-"));
  feed.publish("baku-1", "CIS defense ministers meet in Baku", "/news/baku.html", { type: "text/html", body: bakuPage }, "Wed, 30 Oct 2019 10:00:00 GMT");
  bot = start();
  await bot.waitForLog((l) => l.msg === "taking updates", "start-up");
}, 30_000);

afterEach(() => {
  expect(standIn.violations).toEqual([]);
});

afterAll(async () => {
  await bot.kill();
  await standIn.close();
  await feed.close();
});

describe("the newsroom end to end: a feed, the Bot API stand-in, an editor", () => {
  it("starts on an empty CONTENT_DIR and tells readers politely there is no article yet; inline offers nothing", async () => {
    const answer = await standIn.ask("/attendees");
    expect(answer.text).toContain("There is no article here yet");
    standIn.inlineQuery("shoigu");
    const inline = await standIn.waitForCall("answerInlineQuery");
    expect(inline.errorCode).toBeUndefined();
    expect(inline.payload.results).toEqual([]);
  });

  it("drafts the feed's item once and sends the editor one preview, poll after poll", async () => {
    await standIn.waitUntil(() => toEditor("New draft from the feed")[0], "the draft's notice");
    // Several more polls (answered 304), and the failing feeds tried again with backoff.
    await feed.until(() => feed.notModified() >= 2 && feed.requests("/broken.xml") >= 2, "more polls");
    const notices = toEditor("New draft from the feed");
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain("Council of CIS Defense Ministers meets");
    expect(notices[0]?.text).toContain("Sergey Shoygu");
    const buttons = (notices[0]?.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
    expect(buttons).toEqual(["Approve", "Approve and post", "Edit", "Discard"]);
    // Each failing feed is told once, not at every poll.
    for (const path of ["/error.xml", "/huge.xml", "/broken.xml"]) {
      expect(toEditor("A feed cannot be read").filter((m) => m.text?.includes(path))).toHaveLength(1);
    }
    expect(await standIn.ask("/summary")).toMatchObject({ text: expect.stringContaining("There is no article here yet") });
  });

  it("Approve and post makes it live and posts it to the channel once, however often it is pressed", async () => {
    const notice = toEditor("New draft from the feed")[0];
    if (!notice) throw new Error("no notice");
    const reply = await editorGets(() => standIn.pressButton(notice, "Approve and post", editor), "Live");
    expect(reply.text).toContain("Live: “Council of CIS Defense Ministers meets");
    expect(reply.text).toContain("On its way to @briefing_news");
    await standIn.waitUntil(() => channelPosts()[0], "the channel post");
    const again = await editorGets(() => standIn.pressButton(notice, "Approve and post", editor), "“Council");
    expect(again.text).toContain("was already live");
    expect(again.text).toContain("Not posted again");
    expect(channelPosts()).toHaveLength(1);
    expect(channelPosts()[0]?.text).toContain("Council of CIS Defense Ministers meets");
    expect((await standIn.ask("/attendees")).text).toContain("Sergey Shoygu: defense minister, Russia");
  });

  it("a link from the editor becomes a draft; Edit sends it as YAML, and the edited file sent back replaces it", async () => {
    feed.publish("lavrov-1", "Lavrov and Motegi", "/news/lavrov.txt", { type: "text/plain", body: lavrovText }, "Thu, 19 Dec 2019 10:00:00 GMT");
    await standIn.waitUntil(() => toEditor("New draft from the feed").find((m) => m.text?.includes("Japanese Foreign Ministers")), "the feed's draft");
    // The same page sent as a link: drafted again from the page, and it replaces its own draft (same id).
    const preview = await editorGets(() => standIn.userSends(`${feed.root}/news/lavrov.txt`, { from: editor }), "New draft: http");
    expect(preview.text).toContain("Japanese Foreign Ministers");
    expect(preview.text).toContain("Toshimitsu Motegi: counterpart, Japan");
    expect(preview.text).toContain("To check");
    const id = /· id ([a-z0-9-]+)/.exec(preview.text ?? "")?.[1] ?? "";
    expect(id).toBe("russian-japanese-foreign-ministers-spent");
    const sentBefore = standIn.documentsSent.length;
    standIn.pressButton(preview, "Edit", editor);
    const document = await standIn.waitUntil(() => standIn.documentsSent[sentBefore], "the draft as a document");
    expect(document).toMatchObject({ chatId: editor.id, name: `${id}.yaml` });
    expect(document.text).toMatch(/^status: draft$/m);
    const edited = document.text.replace(/^headline: .*$/m, "headline: Lavrov and Motegi spend eight hours together");
    const replaced = await editorGets(() => standIn.userSendsDocument(`${id}.yaml`, edited, { from: editor }), "Replaced");
    expect(replaced.text).toContain("Lavrov and Motegi spend eight hours together");
    expect(await readFile(join(contentDir, `${id}.yaml`), "utf8")).toContain("headline: Lavrov and Motegi spend eight hours together");
    const list = await editorGets(() => standIn.userSends("/articles", { from: editor }), "Drafts");
    expect(list.text).toContain("Lavrov and Motegi spend eight hours together (russian-japanese-foreign-ministers-spent): draft, waiting for approval");
    const approved = await editorGets(() => standIn.pressButton(replaced, "Approve", editor), "Live");
    expect(approved.text).toContain("“Lavrov and Motegi spend eight hours together” is answered from");
    expect(channelPosts()).toHaveLength(1);
  });

  it("an uploaded file with problems is refused with each problem's line, and nothing changes", async () => {
    const files = (await readdir(contentDir)).sort();
    const broken = (await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8")).replace("speaker: shoigu", "speaker: shoygu");
    const answer = await editorGets(() => standIn.userSendsDocument("baku.yaml", broken, { from: editor }), "baku.yaml was not taken");
    expect(answer.text).toContain("baku.yaml was not taken");
    expect(answer.text).toMatch(/baku\.yaml:\d+:\d+: statements\[\d+\]\.speaker: "shoygu" is not among the article's people/);
    expect((await readdir(contentDir)).sort()).toEqual(files);
    const notArticle = await editorGets(() => standIn.userSendsDocument("compose.yaml", "services:\n  web:\n    image: nginx\n", { from: editor }), "compose.yaml");
    expect(notArticle.text).toBe("compose.yaml is not an article: it has none of an article's fields (id, headline, body, people, statements); nothing was changed.");
    const tooBig = await editorGets(() => standIn.userSendsDocument("big.yaml", "id: x\n", { from: editor, declaredSize: 2_000_000 }), "That file is over");
    expect(tooBig.text).toBe("That file is over 1 MB, too big for an article file; nothing was changed.");
    const notYaml = await editorGets(() => standIn.userSendsDocument("notes.pdf", "%PDF", { from: editor }), "I only read");
    expect(notYaml.text).toContain("I only read article files in YAML or JSON");
  });

  it("a reader's document is refused, never downloaded, and changes nothing", async () => {
    const files = (await readdir(contentDir)).sort();
    const downloads = standIn.downloads.length;
    const real = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");
    standIn.userSendsDocument("evil.yaml", real.replace(/^headline: .*$/m, "headline: Hacked"));
    const answer = await standIn.waitUntil(() => standIn.sentTo(users.reader.id).find((m) => m.text?.startsWith("Only the newsroom's admins")), "the refusal");
    expect(answer.text).toBe("Only the newsroom's admins can add or change articles; I did not read your file.");
    expect(standIn.downloads.length).toBe(downloads);
    expect(standIn.calls.filter((c) => c.method === "getFile" && String(c.payload.file_id).includes("evil"))).toEqual([]);
    expect((await readdir(contentDir)).sort()).toEqual(files);
  });

  it("after a restart on the same DATA_DIR, nothing is drafted or posted again; a new item is drafted once", async () => {
    const noticesBefore = toEditor("New draft from the feed").length;
    bot.signal("SIGTERM");
    await bot.exited;
    bot = start();
    await bot.waitForLog((l) => l.msg === "taking updates", "the restart");
    const requests = feed.requests("/feed.xml");
    await feed.until(() => feed.requests("/feed.xml") >= requests + 2, "two polls after the restart");
    expect(toEditor("New draft from the feed")).toHaveLength(noticesBefore);
    expect(channelPosts()).toHaveLength(1);
    feed.publish("baku-2", "Another Baku article", "/news/baku-2.html", { type: "text/html", body: bakuPage.replace(/Council of CIS Defense Ministers meets/g, "Defense ministers meet again") }, "Fri, 01 Nov 2019 10:00:00 GMT");
    await standIn.waitUntil(() => toEditor("New draft from the feed")[noticesBefore], "the new item's notice");
    await feed.until(() => feed.notModified() >= 4, "more polls");
    expect(toEditor("New draft from the feed")).toHaveLength(noticesBefore + 1);
    const drafted = toEditor("New draft from the feed")[noticesBefore];
    expect(drafted?.text).toContain("Defense ministers meet again");
    const id = /· id ([a-z0-9-]+)/.exec(drafted?.text ?? "")?.[1] ?? "";
    expect(await readdir(contentDir)).toContain(`${id}.yaml`);
    // Discard: the draft's file goes; the live articles stay.
    if (!drafted) throw new Error("no notice");
    const discarded = await editorGets(() => standIn.pressButton(drafted, "Discard", editor), "Discarded");
    expect(discarded.text).toBe("Discarded the draft “Defense ministers meet again in hospitable land of Azerbaijan”.");
    expect(await readdir(contentDir)).not.toContain(`${id}.yaml`);
    const articles = (await standIn.ask("/articles")).text ?? "";
    expect(articles).toContain("Articles (2)");
    expect(articles).toContain("Lavrov and Motegi spend eight hours together");
    expect(articles).toContain("Council of CIS Defense Ministers meets");
    expect(channelPosts()).toHaveLength(1);
  });
});
