import type { InlineKeyboardButton } from "grammy/types";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { renderChannelPost } from "../../src/channel/channel-post";
import { createSqlitePostLedger } from "../../src/channel/sqlite-post-ledger";
import { openChannelDatabase } from "../../src/channel/channel-database";
import type { Article } from "../../src/content/article-schema";
import type { ApiCall } from "../../src/demo/local-bot-api";
import { htmlToText } from "../../src/render/html";
import { openEmbeddedState } from "../../src/app/create-shared-state";
import { admin, advanceUntil, channelFakeTimers, channelId, createChannelTestBot, manyArticles, tempDataDir, userChat } from "../support/channel-fixtures";
import { group, loadRealArticles, reader, textMessage } from "../support/test-bot";

let real: Article;
beforeAll(async () => {
  [real] = (await loadRealArticles()) as [Article];
});
afterEach(() => {
  vi.useRealTimers();
});

const adminChat = userChat(admin);
const readerChat = userChat(reader);
const keyboardOf = (call: ApiCall | undefined) => ((call?.payload.reply_markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard ?? []);
const buttons = (call: ApiCall | undefined) => keyboardOf(call).flat().map((b) => [b.text, "callback_data" in b ? b.callback_data : "url" in b ? b.url : ""]);
const sent = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage");
const text = (call: ApiCall | undefined) => htmlToText(String(call?.payload.text ?? ""));

describe("/publish, for an admin in a private chat", () => {
  it("lists the articles with their state, shows the post exactly as it will appear, and posts it on Post now", async () => {
    const [a, b] = manyArticles(real, 2) as [Article, Article];
    const t = await createChannelTestBot({ articles: [a, b] });
    await t.channel.publisher.start();

    const [list] = sent(await t.send(adminChat.message("/publish")));
    expect(text(list)).toContain("Publish to the channel. Choose an article:");
    expect(text(list)).toContain(`• ${a.headline}: waiting for an admin (AUTOPOST is off)`);
    expect(buttons(list)).toEqual([
      ["Story 1: Council of CIS Defense Ministers meets in hospitable…", "pub:pick:story-001"],
      ["Story 2: Council of CIS Defense Ministers meets in hospitable…", "pub:pick:story-002"],
      ["Cancel", "pub:cancel"],
    ]);

    const picked = await t.send(adminChat.press("pub:pick:story-002"));
    expect(picked[0]).toMatchObject({ method: "answerCallbackQuery" });
    const [preview, choice] = sent(picked);
    const post = renderChannelPost(b, "briefingbot");
    expect(preview?.payload).toMatchObject({ chat_id: admin.id, text: post.text, parse_mode: "HTML", reply_markup: { inline_keyboard: post.keyboard } });
    expect(text(choice)).toContain("Above: the post as it will appear in the channel. Now: waiting for an admin (AUTOPOST is off).");
    expect(buttons(choice)).toEqual([
      ["Post now", "pub:now:story-002"],
      ["Schedule", "pub:schedule:story-002"],
      ["Cancel", "pub:cancel:story-002"],
    ]);

    const pressed = await t.send(adminChat.press("pub:now:story-002"));
    expect(t.textsTo(admin.id, t.calls.length - pressed.length)[0]).toBe(`On its way to @newsroom: “${b.headline}”. I will send you the link once it is posted.`);
    await t.channel.publisher.whenIdle();
    const channelPosts = t.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === channelId);
    expect(channelPosts.map((c) => c.payload.text)).toEqual([post.text]);
    expect(t.textsTo(admin.id).at(-1)).toBe(`Posted to @newsroom: ${b.headline}\nhttps://t.me/newsroom/${(await t.channel.ledger.get("story-002"))?.messageId}`);
    expect(await t.channel.ledger.get("story-002")).toMatchObject({ state: "posted", requestedBy: admin.id });
    expect(await t.channel.ledger.get("story-001")).toBeUndefined();

    // The conversation is over: its buttons now say so.
    const [late] = await t.send(adminChat.press("pub:now:story-002"));
    expect(late?.payload).toMatchObject({ text: "This /publish has ended. Send /publish to start again." });
    await t.channel.close();
  });

  it("schedules for a time it asks for and checks, and posts then, not before", async () => {
    vi.useFakeTimers(channelFakeTimers);
    vi.setSystemTime(new Date("2025-01-31T15:20:00Z"));
    const t = await createChannelTestBot({ articles: [real] });
    await t.channel.publisher.start();
    await t.send(adminChat.message("/publish"));
    await t.send(adminChat.press(`pub:pick:${real.id}`));
    const [question] = sent(await t.send(adminChat.press(`pub:schedule:${real.id}`)));
    expect(text(question)).toMatch(/^When should it go out\? Times are UTC\. Send 2025-01-31 18:00/);

    expect(text(sent(await t.send(adminChat.message("whenever")))[0])).toMatch(/^I could not read “whenever” as a time/);
    expect(text(sent(await t.send(adminChat.message("2025-01-31 09:00")))[0])).toBe("That time has passed: give one in the future, or choose Post now.");
    expect(await t.send(adminChat.press(`pub:now:${real.id}`))).toEqual([
      { method: "answerCallbackQuery", payload: expect.objectContaining({ text: "That button belongs to an earlier message." }) },
    ]);
    const [done] = sent(await t.send(adminChat.message("18:00")));
    expect(text(done)).toBe(`Scheduled: “${real.headline}” goes out at 31 January 2025 at 18:00 UTC.`);
    expect(await t.channel.ledger.get(real.id)).toMatchObject({ state: "scheduled", scheduledAt: Date.parse("2025-01-31T18:00:00Z") });

    const [status] = sent(await t.send(adminChat.message("/status")));
    expect(text(status)).toContain(`Scheduled\n• ${real.headline}: scheduled for 31 January 2025 at 18:00 UTC`);

    await vi.advanceTimersByTimeAsync(Date.parse("2025-01-31T18:00:00Z") - Date.now() - 1);
    expect(t.textsTo(channelId)).toEqual([]);
    await advanceUntil(vi, () => t.textsTo(channelId).length > 0, 5000);
    expect(t.textsTo(channelId)).toHaveLength(1);
    await t.channel.close();
  });

  it("changes nothing on Cancel", async () => {
    const t = await createChannelTestBot({ articles: [real] });
    await t.send(adminChat.message("/publish"));
    await t.send(adminChat.press(`pub:pick:${real.id}`));
    const [done] = sent(await t.send(adminChat.press(`pub:cancel:${real.id}`)));
    expect(text(done)).toBe("Cancelled; nothing was changed.");
    expect(await t.channel.ledger.all()).toEqual([]);
    await t.channel.close();
  });

  it("steps aside for another command, which then runs", async () => {
    const t = await createChannelTestBot({ articles: [real] });
    await t.send(adminChat.message("/publish"));
    const texts = sent(await t.send(adminChat.message("/attendees"))).map(text);
    expect(texts[0]).toBe("Closed /publish; nothing was changed.");
    expect(texts[1]).toContain("Who attended");
    await t.channel.close();
  });

  it("starts afresh on /publish in the middle of one", async () => {
    const t = await createChannelTestBot({ articles: [real] });
    await t.send(adminChat.message("/publish"));
    await t.send(adminChat.press(`pub:pick:${real.id}`));
    const again = sent(await t.send(adminChat.message("/publish"))).map(text);
    expect(again).toHaveLength(1);
    expect(again[0]).toContain("Publish to the channel. Choose an article:");
    // The old preview's buttons no longer act; the new list does.
    expect(await t.send(adminChat.press(`pub:now:${real.id}`))).toEqual([
      { method: "answerCallbackQuery", payload: expect.objectContaining({ text: "That button belongs to an earlier message." }) },
    ]);
    expect(buttons(sent(await t.send(adminChat.press(`pub:pick:${real.id}`)))[1])[0]).toEqual(["Post now", `pub:now:${real.id}`]);
    expect(await t.channel.ledger.all()).toEqual([]);
    await t.channel.close();
  });

  it("offers Post again or Mark as posted for an uncertain post, and records the link given", async () => {
    const dataDir = tempDataDir();
    const crashed = createSqlitePostLedger(openChannelDatabase(dataDir), { pid: 2 ** 22 + 12345 });
    await crashed.claimPost({ articleId: real.id, chatId: channelId, contentHash: "x", now: Date.now(), autoAllowed: true, limit: { count: 20, windowMs: 60_000, minIntervalMs: 0 } });
    const t = await createChannelTestBot({ articles: [real], dataDir });
    await t.channel.publisher.start();
    expect(t.textsTo(admin.id)[0]).toContain("Check the channel: I may or may not have posted");

    const [list] = sent(await t.send(adminChat.message("/publish")));
    expect(text(list)).toContain(`• ${real.headline}: uncertain: the bot stopped while sending it`);
    const [, choice] = sent(await t.send(adminChat.press(`pub:pick:${real.id}`)));
    expect(buttons(choice)).toEqual([
      ["Post again", `pub:now:${real.id}`],
      ["Mark as posted", `pub:mark:${real.id}`],
      ["Cancel", `pub:cancel:${real.id}`],
    ]);
    const [ask] = sent(await t.send(adminChat.press(`pub:mark:${real.id}`)));
    expect(text(ask)).toContain("Send me the link to the post");
    expect(text(sent(await t.send(adminChat.message("https://t.me/otherchannel/5")))[0])).toContain("That is not a link to a post in @newsroom");
    const [done] = sent(await t.send(adminChat.message("https://t.me/newsroom/57")));
    expect(text(done)).toBe("Recorded as posted (https://t.me/newsroom/57); corrections will edit it.");
    expect(await t.channel.ledger.get(real.id)).toMatchObject({ state: "posted", messageId: 57 });
    await t.channel.close();
  });

  it("keeps a half-done /publish across a restart (conversations live in DATA_DIR)", async () => {
    const dataDir = tempDataDir();
    const before = await createChannelTestBot({ articles: [real], dataDir });
    await before.send(adminChat.message("/publish"));
    await before.send(adminChat.press(`pub:pick:${real.id}`));
    await before.channel.close();

    const after = await createChannelTestBot({ articles: [real], dataDir });
    const [done] = sent(await after.send(adminChat.press(`pub:cancel:${real.id}`)));
    expect(text(done)).toBe("Cancelled; nothing was changed.");
    await after.channel.close();
  });

  it("times out politely after 10 minutes: the admin is told, and its buttons then say it ended", async () => {
    vi.useFakeTimers(channelFakeTimers);
    const t = await createChannelTestBot({ articles: [real] });
    await t.send(adminChat.message("/publish"));
    const before = t.calls.length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(t.textsTo(admin.id, before)).toEqual([
      "This /publish waited more than 10 minutes for you, so I closed it. Nothing was changed. Send /publish to start again.",
    ]);
    const [late] = await t.send(adminChat.press(`pub:pick:${real.id}`));
    expect(late?.payload).toMatchObject({ text: "This /publish has ended. Send /publish to start again." });
    expect(await t.channel.ledger.all()).toEqual([]);
    await t.channel.close();
  });

  it("times out even when the timer was lost to a restart: the next update is told, and nothing is done", async () => {
    vi.useFakeTimers(channelFakeTimers);
    const dataDir = tempDataDir();
    const before = await createChannelTestBot({ articles: [real], dataDir });
    await before.send(adminChat.message("/publish"));
    await before.send(adminChat.press(`pub:pick:${real.id}`));
    for (const timer of before.channel.deps.publishTimers.values()) clearTimeout(timer);
    await before.channel.close();

    vi.setSystemTime(Date.now() + 11 * 60_000);
    const after = await createChannelTestBot({ articles: [real], dataDir });
    const calls = await after.send(adminChat.press(`pub:now:${real.id}`));
    expect(calls[0]?.payload).toMatchObject({ text: "This /publish has timed out. Send /publish to start again." });
    expect(text(sent(calls)[0])).toContain("This /publish waited more than 10 minutes for you, so I closed it.");
    expect(await after.channel.ledger.all()).toEqual([]);
    await after.channel.close();
  });
});

describe("/status", () => {
  it("shows the ledger by state, with links to the posts", async () => {
    const [a, b, c] = manyArticles(real, 3) as [Article, Article, Article];
    vi.useFakeTimers(channelFakeTimers);
    vi.setSystemTime(new Date("2025-01-31T15:20:00Z"));
    const t = await createChannelTestBot({ articles: [a, b, { ...c, publishAt: "2099-01-01T00:00:00Z" }], autopost: true });
    await t.channel.publisher.start();
    await advanceUntil(vi, () => t.textsTo(channelId).length >= 2, 10_000);
    const [status] = sent(await t.send(adminChat.message("/status")));
    const html = String(status?.payload.text);
    expect(text(status)).toMatch(/^Channel @newsroom · AUTOPOST on\n0 uncertain, 0 failed, 0 sending, 0 going out, 1 scheduled, 0 held back, 0 waiting, 2 posted\n\n/);
    expect(text(status)).toContain(`Posted\n• ${b.headline}: posted 31 January 2025 at 15:20 UTC (the post)\n• ${a.headline}: posted 31 January 2025 at 15:20 UTC (the post)`);
    expect(text(status)).toContain(`Scheduled\n• ${c.headline}: scheduled for 1 January 2099 at 00:00 UTC (publishAt)`);
    expect(html).toContain(`<a href="https://t.me/newsroom/1">the post</a>`);
    expect(html).toContain(`<a href="https://t.me/newsroom/2">the post</a>`);
    await t.channel.close();
  });
});

describe("anyone not in ADMIN_IDS", () => {
  it("is refused /publish and /status, and nothing else happens", async () => {
    const t = await createChannelTestBot({ articles: [real] });
    for (const command of ["/publish", "/status"]) {
      const calls = await t.send(readerChat.message(command));
      expect(calls.map((c) => [c.method, c.payload.chat_id])).toEqual([["sendMessage", reader.id]]);
      expect(text(calls[0])).toBe("/publish and /status are for the channel's admins only.");
    }
    const inGroup = await t.send(textMessage("/publish", "group"));
    expect(text(inGroup[0])).toBe("/publish and /status are for the channel's admins only.");
    expect(inGroup[0]?.payload.chat_id).toBe(group.id);
    expect(await t.channel.ledger.all()).toEqual([]);
    await t.channel.close();
  });

  it("pressing a forged /publish button does nothing, even in the middle of an admin's /publish", async () => {
    const t = await createChannelTestBot({ articles: [real] });
    await t.send(adminChat.message("/publish"));
    await t.send(adminChat.press(`pub:pick:${real.id}`));
    for (const forged of [readerChat.press(`pub:now:${real.id}`, { id: admin.id, first_name: admin.first_name }), readerChat.press(`pub:now:${real.id}`)]) {
      const calls = await t.send(forged);
      expect(calls).toEqual([
        { method: "answerCallbackQuery", payload: expect.objectContaining({ text: "Only the channel's admins can do that.", show_alert: true }) },
      ]);
    }
    await t.channel.publisher.whenIdle();
    expect(await t.channel.ledger.all()).toEqual([]);
    expect(t.textsTo(channelId)).toEqual([]);
    // The admin's own /publish is untouched and still works.
    const [done] = sent(await t.send(adminChat.press(`pub:cancel:${real.id}`)));
    expect(text(done)).toBe("Cancelled; nothing was changed.");
    await t.channel.close();
  });

  it("an admin in a group is pointed to the private chat", async () => {
    const t = await createChannelTestBot({ articles: [real] });
    const update = textMessage("/status", "group");
    if (update.message) update.message.from = admin;
    expect(text((await t.send(update))[0])).toBe("Send /status to me in a private chat.");
    await t.channel.close();
  });
});

describe("while the shared storage (Redis) is away", () => {
  it("tells an admin /publish and /status must wait, answers everything else, and a /publish goes on once it is back", async () => {
    let up = true;
    const storage = { ...openEmbeddedState(":memory:").channel(), available: () => up };
    const t = await createChannelTestBot({ articles: [real], storage });
    expect(text(sent(await t.send(adminChat.message("/publish")))[0])).toContain("Publish to the channel.");
    up = false;
    expect(sent(await t.send(adminChat.message("/status"))).map(text)).toEqual([
      "I cannot reach the channel's ledger right now, so /publish and /status must wait; nothing was changed. Everything else works. Try again in a minute.",
    ]);
    expect(await t.send(adminChat.press(`pub:pick:${real.id}`))).toEqual([
      { method: "answerCallbackQuery", payload: expect.objectContaining({ text: "The ledger is unreachable right now; try again in a minute.", show_alert: true }) },
    ]);
    expect(text(sent(await t.send(adminChat.message("/attendees")))[0])).toContain("Sergei Shoigu");
    up = true;
    expect(text(sent(await t.send(adminChat.press(`pub:pick:${real.id}`)))[1])).toContain("Above: the post as it will appear");
    await t.channel.close();
  });
});
