/**
 * AUTOPOST's safety window (AUTOPOST_MAX_AGE): a new ledger (a wiped
 * DATA_DIR) while the content holds the archive posts only recent articles
 * by itself, says so to the admins, and holds the rest for /publish, across
 * restarts. (With Redis emptied under running instances:
 * test/e2e/safety-window.test.ts.)
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Article } from "../../src/content/article-schema";
import { htmlToText } from "../../src/render/html";
import { admin, advanceUntil, channelId, createChannelTestBot, tempDataDir, useChannelClock, userChat } from "../support/channel-fixtures";
import { loadRealArticles } from "../support/test-bot";

let real: Article;
beforeAll(async () => {
  [real] = (await loadRealArticles()) as [Article];
});
useChannelClock("2025-01-01T09:00:00Z");

const HOURS_48 = 48 * 3_600_000;
const adminChat = userChat(admin);

/** The Baku article (2019), and copies dated today, yesterday, and four days ago. */
function archive(): Article[] {
  const copy = (id: string, headline: string, date: string): Article => ({ ...real, id, headline, date });
  return [copy("today", "Today's story", "2025-01-01"), copy("yesterday", "Yesterday's story", "2024-12-31"), copy("last-week", "Four days old", "2024-12-28"), real];
}

async function start(dataDir: string, articles = archive()) {
  const t = await createChannelTestBot({ articles, autopost: true, autopostMaxAgeMs: HOURS_48, dataDir });
  await t.channel.publisher.start();
  // Sends go out at least a second apart: let the clock run a few seconds.
  await vi.advanceTimersByTimeAsync(5000);
  await t.channel.publisher.whenIdle();
  const posted = () => t.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === channelId).map((c) => htmlToText(String(c.payload.text)).split("\n")[0]);
  return { ...t, posted, notices: () => t.textsTo(admin.id) };
}

describe("AUTOPOST's safety window", () => {
  it("on a new DATA_DIR posts only articles within AUTOPOST_MAX_AGE, and tells the admins once: a new ledger, and how many were held back", async () => {
    const t = await start(tempDataDir());
    expect(t.posted().toSorted()).toEqual(["Today's story", "Yesterday's story"]);
    const notices = t.notices();
    const newLedger = notices.filter((n) => n.startsWith("⚠️ The post ledger is new"));
    expect(newLedger).toHaveLength(1);
    expect(newLedger[0]).toContain("while the content holds 4 articles. I cannot tell which of them are already in the channel.");
    expect(newLedger[0]).toContain("AUTOPOST posts by itself only articles from the last 48 hours (AUTOPOST_MAX_AGE); older ones wait for /publish.");
    const held = notices.filter((n) => n.startsWith("AUTOPOST held back"));
    expect(held).toHaveLength(1);
    expect(held[0]).toContain("AUTOPOST held back 2 articles older than 48 hours (AUTOPOST_MAX_AGE), so as not to post the archive again. Nothing was posted:");
    expect(held[0]).toContain("• Four days old (28 December 2024)\n• Council of CIS Defense Ministers meets in hospitable land of Azerbaijan (30 October 2019)");
    expect(held[0]).toContain("send /publish and choose it");

    // The next checks say nothing more, and post nothing more.
    await vi.advanceTimersByTimeAsync(120_000);
    await t.channel.publisher.sync();
    await t.channel.publisher.whenIdle();
    expect(t.notices()).toHaveLength(notices.length);
    expect(t.posted()).toHaveLength(2);

    const [status] = (await t.send(adminChat.message("/status"))).filter((c) => c.method === "sendMessage").map((c) => htmlToText(String(c.payload.text)));
    expect(status).toContain("Held back\n• Four days old: held back: older than AUTOPOST_MAX_AGE, so it waits for an admin");
    await t.channel.close();
  });

  it("holds across restarts (the ledger is no longer new), and an admin can still post a held article", async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    await first.channel.close();

    const second = await start(dataDir);
    expect(second.posted()).toEqual([]);
    expect(second.notices().some((n) => n.includes("The post ledger is new"))).toBe(false);
    // A new process tells how many it holds back, once.
    expect(second.notices().filter((n) => n.startsWith("AUTOPOST held back 2 articles"))).toHaveLength(1);
    expect(await second.channel.ledger.get(real.id)).toBeUndefined();

    await second.channel.publisher.postNow(real.id, admin.id);
    second.channel.publisher.dispatch(real.id);
    await advanceUntil(vi, async () => (await second.channel.ledger.get(real.id))?.state === "posted", 10_000);
    expect(second.posted()).toEqual(["Council of CIS Defense Ministers meets in hospitable land of Azerbaijan"]);
    await second.channel.close();
  });

  it("counts from publishAt: one missed by days while the bot was down waits; an article added later within the window goes out", async () => {
    const dataDir = tempDataDir();
    const missed: Article = { ...real, id: "missed", headline: "Missed", date: "2024-12-20", publishAt: "2024-12-28T09:00:00Z" };
    const soon: Article = { ...real, id: "soon", headline: "Soon", date: "2024-12-20", publishAt: "2025-01-01T10:00:00Z" };
    const t = await start(dataDir, [missed, soon]);
    expect(t.posted()).toEqual([]);
    expect(t.notices().filter((n) => n.startsWith("AUTOPOST held back 1 article older than 48 hours"))).toHaveLength(1);
    await advanceUntil(vi, () => t.posted().length > 0, 2 * 3_600_000, 60_000);
    expect(t.posted()).toEqual(["Soon"]);

    await t.setArticles([missed, soon, { ...real, id: "added", headline: "Added", date: "2025-01-01" }]);
    await vi.advanceTimersByTimeAsync(5000);
    await t.channel.publisher.whenIdle();
    expect(t.posted()).toEqual(["Soon", "Added"]);
    await t.channel.close();
  });

  it("with AUTOPOST_MAX_AGE 0 posts the whole content, as before, and the new-ledger notice says so", async () => {
    const t = await createChannelTestBot({ articles: archive(), autopost: true, dataDir: tempDataDir() });
    await t.channel.publisher.start();
    await advanceUntil(vi, async () => (await t.channel.ledger.all()).filter((r) => r.state === "posted").length === 4, 30_000);
    expect(t.textsTo(admin.id).find((n) => n.includes("The post ledger is new"))).toContain("AUTOPOST_MAX_AGE is 0, so AUTOPOST posts every one of them by itself.");
    await t.channel.close();
  });
});
