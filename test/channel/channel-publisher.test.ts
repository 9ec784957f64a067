import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openChannelDatabase } from "../../src/channel/channel-database";
import { createRedisPostLedger } from "../../src/channel/redis-post-ledger";
import { createRedisPosterLease } from "../../src/channel/redis-poster-lease";
import { createSqlitePostLedger } from "../../src/channel/sqlite-post-ledger";
import type { RedisConnection } from "../../src/storage/redis-connection";
import type { Article } from "../../src/content/article-schema";
import { ApiFailure, type ApiCall } from "../../src/demo/local-bot-api";
import { htmlToText } from "../../src/render/html";
import { admin, advanceUntil, channelId, createChannelHarness, manyArticles, tempDataDir, useChannelClock } from "../support/channel-fixtures";
import { describeWithRedis, startRedisServer, testConnection } from "../support/redis-server";
import { loadRealArticles } from "../support/test-bot";

let real: Article;
beforeAll(async () => {
  [real] = (await loadRealArticles()) as [Article];
});
useChannelClock("2025-01-01T09:00:00Z");

const T0 = Date.parse("2025-01-01T09:00:00Z");
const isChannelSend = (call: ApiCall) => call.method === "sendMessage" && call.payload.chat_id === channelId;

/** Fails the first `times` channel sends with `failure`, and records when every channel send came. */
function failFirst(times: number, failure: () => unknown) {
  const at: number[] = [];
  return {
    at,
    respond(call: ApiCall) {
      if (!isChannelSend(call)) return undefined;
      at.push(Date.now());
      return at.length <= times ? failure() : undefined;
    },
  };
}

describe("posting to the channel", () => {
  it("posts a new article once, with its buttons, and records it", async () => {
    const { publisher, channelSends, ledger } = createChannelHarness({ articles: [real] });
    await publisher.start();
    await publisher.whenIdle();
    const [send] = channelSends();
    expect(channelSends()).toHaveLength(1);
    expect(htmlToText(String(send?.payload.text))).toContain("Council of CIS Defense Ministers meets in hospitable land of Azerbaijan");
    expect(send?.payload).toMatchObject({ parse_mode: "HTML", link_preview_options: { url: real.url } });
    expect(JSON.stringify(send?.payload.reply_markup)).toContain("https://t.me/briefingbot?start=attendees_cis-defense-ministers-baku-2019");
    expect(await ledger.get(real.id)).toMatchObject({ state: "posted", chatId: channelId, messageId: 1, revision: 1, postedAt: T0 });
    await publisher.sync();
    await publisher.whenIdle();
    expect(channelSends()).toHaveLength(1);
    await publisher.stop();
  });

  it("posts in the channel's language (CHANNEL_LANGUAGE=ru): the editor's Russian headline and lead, the quotes' language untouched", async () => {
    const { publisher, channelSends } = createChannelHarness({ articles: [real], publisher: { postLanguage: "ru" } });
    await publisher.start();
    await publisher.whenIdle();
    const text = htmlToText(String(channelSends()[0]?.payload.text));
    expect(text.startsWith("Совет министров обороны СНГ собрался на гостеприимной земле Азербайджана\nБаку, Азербайджан, 30 октября 2019 г.")).toBe(true);
    expect(text).not.toContain("Council of CIS Defense Ministers");
    await publisher.stop();
  });

  it("after a restart on the same DATA_DIR does not post again", async () => {
    const dir = tempDataDir();
    const first = createChannelHarness({ articles: [real], db: openChannelDatabase(dir) });
    await first.publisher.start();
    await first.publisher.whenIdle();
    await first.publisher.stop();
    first.db.close();

    const second = createChannelHarness({ articles: [real], db: openChannelDatabase(dir) });
    await second.publisher.start();
    await second.publisher.whenIdle();
    expect(first.channelSends()).toHaveLength(1);
    expect(second.channelSends()).toHaveLength(0);
    expect(await second.publisher.status()).toMatchObject([{ articleId: real.id, state: "posted" }]);
    await second.publisher.stop();
  });

  it("two publishers on one DATA_DIR post each article exactly once between them", async () => {
    const dir = tempDataDir();
    const articles = manyArticles(real, 6);
    const one = createChannelHarness({ articles, db: openChannelDatabase(dir) });
    const two = createChannelHarness({ articles, db: openChannelDatabase(dir) });
    await Promise.all([one.publisher.start(), two.publisher.start()]);
    const all = () => [...one.channelSends(), ...two.channelSends()];
    await advanceUntil(vi, () => all().length >= 6, 60_000);
    await vi.advanceTimersByTimeAsync(10_000);
    const headlines = all().map((s) => String(s.payload.text).match(/Story (\d+):/)?.[1]);
    expect(headlines.toSorted()).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(one.channelSends().length).toBeGreaterThan(0);
    expect(two.channelSends().length).toBeGreaterThan(0);
    // The one-a-second spacing holds across both processes: it lives in the shared ledger.
    const times = (await one.ledger.all()).map((r) => r.attemptAt ?? 0).toSorted((a, b) => a - b);
    times.slice(1).forEach((t, i) => expect(t - (times[i] ?? 0)).toBeGreaterThanOrEqual(1000));
    await Promise.all([one.publisher.stop(), two.publisher.stop()]);
  });
});

describe("faults", () => {
  it("on 429 waits retry_after before sending anything to the channel again; nothing lost, nothing duplicated", async () => {
    const api = failFirst(1, () => new ApiFailure(429, "Too Many Requests: retry after 30", { retry_after: 30 }));
    const articles = manyArticles(real, 3);
    const { publisher, ledger } = createChannelHarness({ articles, respond: (call) => api.respond(call) });
    await publisher.start();
    await advanceUntil(vi, () => api.at.length >= 4, 120_000);
    expect(api.at.map((t) => t - T0)).toEqual([0, 30_000, 31_000, 32_000]);
    expect((await ledger.all()).map((r) => [r.articleId, r.state])).toEqual([
      ["story-001", "posted"],
      ["story-002", "posted"],
      ["story-003", "posted"],
    ]);
    expect((await ledger.events("story-001")).map((e) => e.event)).toEqual(["attempt", "released", "attempt", "posted"]);
    await publisher.stop();
  });

  it("retries 5xx and network errors with growing backoff, and posts once", async () => {
    let n = 0;
    const api = failFirst(3, () => {
      n += 1;
      if (n === 2) throw new TypeError("fetch failed");
      return new ApiFailure(502, "Bad Gateway");
    });
    const { publisher, ledger, channelSends } = createChannelHarness({ articles: [real], respond: (call) => api.respond(call) });
    await publisher.start();
    await advanceUntil(vi, async () => (await ledger.get(real.id))?.state === "posted", 60_000);
    expect(api.at.map((t) => t - T0)).toEqual([0, 1000, 3000, 7000]);
    expect(channelSends()).toHaveLength(4);
    expect(await ledger.get(real.id)).toMatchObject({ state: "posted", messageId: 1 });
    expect((await ledger.events(real.id)).map((e) => e.event)).toEqual(["attempt", "released", "attempt", "released", "attempt", "released", "attempt", "posted"]);
    await publisher.stop();
  });

  it("marks a post Telegram refuses for good as failed, tells the admins, and goes on with the next", async () => {
    const api = failFirst(1, () => new ApiFailure(400, "Bad Request: can't parse entities"));
    const { publisher, ledger, notices } = createChannelHarness({ articles: manyArticles(real, 2), respond: (call) => api.respond(call) });
    await publisher.start();
    await advanceUntil(vi, async () => (await ledger.get("story-002"))?.state === "posted", 10_000);
    expect(await ledger.get("story-001")).toMatchObject({ state: "failed", error: "400: Bad Request: can't parse entities" });
    expect(notices).toEqual([{ to: "admins", text: expect.stringContaining("Telegram refused the channel post Story 1:") }]);
    await publisher.stop();
  });

  it("when the bot may not post to the channel, tells the admins once and tries again later, losing nothing", async () => {
    const api = failFirst(2, () => new ApiFailure(403, "Forbidden: bot is not a member of the channel chat"));
    const { publisher, ledger, notices } = createChannelHarness({ articles: manyArticles(real, 2), respond: (call) => api.respond(call) });
    await publisher.start();
    await advanceUntil(vi, async () => (await ledger.get("story-002"))?.state === "posted", 20 * 60_000);
    expect(api.at.map((t) => t - T0)).toEqual([0, 300_000, 600_000, 601_000]);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain("I cannot post to @newsroom: 403: Forbidden: bot is not a member of the channel chat");
    expect((await ledger.all()).map((r) => r.state)).toEqual(["posted", "posted"]);
    await publisher.stop();
  });
});

describe("scheduling", () => {
  it("posts an article with publishAt when the time comes, not before", async () => {
    const later: Article = { ...real, publishAt: "2025-01-01T11:00:00Z" };
    const { publisher, channelSends } = createChannelHarness({ articles: [later] });
    await publisher.start();
    expect(await publisher.status()).toMatchObject([{ state: "scheduled", dueAt: Date.parse("2025-01-01T11:00:00Z"), scheduledBy: "publishAt" }]);
    await vi.advanceTimersByTimeAsync(2 * 3_600_000 - 1);
    expect(channelSends()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await publisher.whenIdle();
    expect(channelSends()).toHaveLength(1);
    await publisher.stop();
  });

  it("with AUTOPOST off posts nothing by itself, but what an admin asks for or schedules", async () => {
    const [a, b, c] = manyArticles(real, 3) as [Article, Article, Article];
    const { publisher, channelSends, notices } = createChannelHarness({ articles: [a, b, c], autopost: false });
    await publisher.start();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(channelSends()).toHaveLength(0);
    expect((await publisher.status()).map((s) => s.state)).toEqual(["waiting", "waiting", "waiting"]);

    await publisher.schedule(b.id, T0 + 2 * 3_600_000, admin.id);
    await publisher.postNow(c.id, admin.id);
    publisher.dispatch(c.id);
    await publisher.whenIdle();
    expect(channelSends().map((s) => String(s.payload.text).match(/Story (\d+)/)?.[1])).toEqual(["3"]);
    expect(notices).toEqual([{ to: admin.id, text: expect.stringContaining("Posted to @newsroom: Story 3:") }]);
    expect(notices[0]?.text).toContain("https://t.me/newsroom/1");
    await vi.advanceTimersByTimeAsync(3_600_000 - 1);
    expect(channelSends()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await publisher.whenIdle();
    expect(channelSends()).toHaveLength(2);
    expect((await publisher.status()).map((s) => s.state)).toEqual(["waiting", "posted", "posted"]);
    await publisher.stop();
  });
});

describe("corrections", () => {
  it("edit the post in place when a posted article changes, and the ledger keeps the revision", async () => {
    const h = createChannelHarness({ articles: [real] });
    await h.publisher.start();
    await h.publisher.whenIdle();
    const corrected: Article = { ...real, headline: "Council of CIS Defense Ministers meets in Baku" };
    await h.setArticles([corrected]);
    await advanceUntil(vi, () => h.channelEdits().length > 0, 10_000);
    await h.publisher.whenIdle();
    const [edit] = h.channelEdits();
    expect(edit?.payload).toMatchObject({ chat_id: channelId, message_id: 1, parse_mode: "HTML" });
    expect(String(edit?.payload.text)).toContain("<b>Council of CIS Defense Ministers meets in Baku</b>");
    expect(h.channelSends()).toHaveLength(1);
    expect(await h.ledger.get(real.id)).toMatchObject({ state: "posted", messageId: 1, revision: 2, editedAt: Date.now() });
    await h.setArticles([corrected]);
    await h.publisher.whenIdle();
    expect(h.channelEdits()).toHaveLength(1);
    await h.publisher.stop();
  });

  it("wait out a 429 too, and edit once", async () => {
    const editsAt: number[] = [];
    const h = createChannelHarness({
      articles: [real],
      respond: (call) => {
        if (call.method !== "editMessageText") return undefined;
        editsAt.push(Date.now());
        return editsAt.length === 1 ? new ApiFailure(429, "Too Many Requests: retry after 10", { retry_after: 10 }) : undefined;
      },
    });
    await h.publisher.start();
    await h.publisher.whenIdle();
    const start = Date.now();
    await h.setArticles([{ ...real, headline: "Corrected" }]);
    await advanceUntil(vi, async () => (await h.ledger.get(real.id))?.revision === 2, 60_000);
    // One second after the post (the per-chat spacing), then retry_after later.
    expect(editsAt.map((t) => t - start)).toEqual([1000, 11_000]);
    expect((await h.ledger.events(real.id)).map((e) => e.event)).toEqual(["attempt", "posted", "edit-released", "edited"]);
    await h.publisher.stop();
  });

  it("take 'message is not modified' as done", async () => {
    const h = createChannelHarness({
      articles: [real],
      respond: (call) => (call.method === "editMessageText" ? new ApiFailure(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same") : undefined),
    });
    await h.publisher.start();
    await h.publisher.whenIdle();
    await h.setArticles([{ ...real, body: [...real.body] , tags: [...real.tags, "Extra"] }]);
    await advanceUntil(vi, async () => (await h.ledger.get(real.id))?.revision === 2, 10_000);
    expect(await h.ledger.get(real.id)).toMatchObject({ revision: 2, editError: null });
    expect(h.notices).toEqual([]);
    await h.publisher.stop();
  });

  it("record a post that can no longer be edited and tell the admins, without trying again for the same content", async () => {
    const h = createChannelHarness({
      articles: [real],
      respond: (call) => (call.method === "editMessageText" ? new ApiFailure(400, "Bad Request: message to edit not found") : undefined),
    });
    await h.publisher.start();
    await h.publisher.whenIdle();
    const corrected: Article = { ...real, headline: "Corrected headline" };
    await h.setArticles([corrected]);
    await advanceUntil(vi, () => h.notices.length > 0, 10_000);
    expect(await h.ledger.get(real.id)).toMatchObject({ revision: 1, editError: "400: Bad Request: message to edit not found" });
    expect(h.notices[0]?.text).toContain("Corrected headline changed, but its post could not be corrected: 400: Bad Request: message to edit not found");
    await h.setArticles([corrected]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.channelEdits()).toHaveLength(1);
    await h.publisher.stop();
  });
});

describe("a send cut short by a crash", () => {
  it("is not posted again on restart: it becomes uncertain, the admins are told, and an admin decides", async () => {
    const dir = tempDataDir();
    // A process that claimed the article, began sending, and died before recording Telegram's answer.
    const crashed = createSqlitePostLedger(openChannelDatabase(dir), { pid: 2 ** 22 + 12345 });
    await crashed.register(Date.now());
    await crashed.claimPost({ articleId: real.id, chatId: channelId, contentHash: "old", now: Date.now(), autoAllowed: true, limit: { count: 20, windowMs: 60_000, minIntervalMs: 1000 } });

    const h = createChannelHarness({ articles: [real], db: openChannelDatabase(dir) });
    await h.publisher.start();
    await h.publisher.whenIdle();
    expect(h.channelSends()).toHaveLength(0);
    expect((await h.ledger.get(real.id))?.state).toBe("uncertain");
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0]?.text).toContain("Check the channel: I may or may not have posted Council of CIS Defense Ministers meets in hospitable land of Azerbaijan to @newsroom.");
    expect(h.notices[0]?.text).toContain("I will not post it again by myself.");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.channelSends()).toHaveLength(0);
    expect(h.notices).toHaveLength(1);

    await h.publisher.markPosted(real.id, 41, admin.id);
    expect(await h.ledger.get(real.id)).toMatchObject({ state: "posted", messageId: 41, contentHash: "old" });
    // What was being sent then was older content: the post is brought up to date.
    await advanceUntil(vi, () => h.channelEdits().length > 0, 10_000);
    expect(h.channelEdits()[0]?.payload).toMatchObject({ message_id: 41 });
    await h.publisher.stop();
  });

  it("can be posted again by an admin", async () => {
    const db = openChannelDatabase(":memory:");
    const crashed = createSqlitePostLedger(db, { pid: 2 ** 22 + 12345 });
    await crashed.claimPost({ articleId: real.id, chatId: channelId, contentHash: "h", now: Date.now(), autoAllowed: true, limit: { count: 20, windowMs: 60_000, minIntervalMs: 0 } });
    const h = createChannelHarness({ articles: [real], db });
    await h.publisher.start();
    expect(await h.publisher.postNow(real.id, admin.id)).toMatchObject({ ok: true });
    h.publisher.dispatch(real.id);
    await advanceUntil(vi, () => h.channelSends().length > 0, 10_000);
    expect(h.channelSends()).toHaveLength(1);
    expect(await h.ledger.get(real.id)).toMatchObject({ state: "posted", attempts: 2 });
    expect(await h.publisher.postNow(real.id, admin.id)).toMatchObject({ ok: false, record: { state: "posted" } });
    await h.publisher.stop();
  });
});

describeWithRedis("several publishers on one Redis", (url) => {
  const opened: RedisConnection[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
  });
  /** A publisher as one instance runs it: its own connection, ledger and lease (real timers: Redis keeps real time). */
  async function instance(prefix: string, articles: Article[]) {
    const connection = testConnection(url(), prefix);
    opened.push(connection);
    await connection.whenUp(5000);
    const instanceId = randomUUID();
    const leaseKey = `${prefix}poster`;
    const ledger = createRedisPostLedger(connection, { instanceId, leaseKey, staleMs: 3000 });
    const lease = createRedisPosterLease(connection, { key: leaseKey, instanceId, ttlMs: 3000, logger: pino({ level: "silent" }) });
    return createChannelHarness({ articles, storage: { ledger, lease }, publisher: { limit: { count: 1000, windowMs: 60_000, minIntervalMs: 0 } } });
  }

  it("lets one of them post, each article once; when it stops, the other takes over at once", async () => {
    vi.useRealTimers();
    const prefix = `pub-${randomUUID()}:`;
    const articles = manyArticles(real, 4);
    const one = await instance(prefix, articles);
    const two = await instance(prefix, articles);
    await one.publisher.start();
    await two.publisher.start();
    const all = () => [...one.channelSends(), ...two.channelSends()];
    await vi.waitFor(() => expect(all()).toHaveLength(4), { timeout: 5000, interval: 20 });
    expect(one.channelSends()).toHaveLength(4);
    expect(two.channelSends()).toHaveLength(0);

    await one.publisher.stop();
    const fifth = { ...real, id: "story-005", headline: "Story 5: later" };
    await two.setArticles([...articles, fifth]);
    // The lease is let go at once on stop; the wait is long only for a busy machine.
    await vi.waitFor(() => expect(two.channelSends()).toHaveLength(1), { timeout: 10_000, interval: 20 });
    expect(String(two.channelSends()[0]?.payload.text)).toContain("Story 5: later");
    // The send is seen before its answer is recorded: wait for the record too.
    await vi.waitFor(async () => expect((await two.ledger.all()).map((r) => r.state)).toEqual(["posted", "posted", "posted", "posted", "posted"]), {
      timeout: 10_000,
      interval: 20,
    });
    await two.publisher.stop();
  });
});

describeWithRedis("a publisher whose Redis goes away", () => {
  it("sends nothing while it is away, and records a post Telegram had already answered once it is back", async () => {
    vi.useRealTimers();
    const server = await startRedisServer();
    const connection = testConnection(server.url, "away:");
    try {
      await connection.whenUp(5000);
      const [first, second] = manyArticles(real, 2) as [Article, Article];
      const ledger = createRedisPostLedger(connection);
      let sends = 0;
      const h = createChannelHarness({
        articles: [first],
        storage: { ledger },
        publisher: { limit: { count: 1000, windowMs: 60_000, minIntervalMs: 0 }, storageRetryMs: 100 },
        respond: (call) => {
          // Redis dies while Telegram is taking the post: the answer must be kept until it can be recorded.
          if (call.method === "sendMessage" && call.payload.chat_id === channelId && ++sends === 1) void server.stop("SIGKILL");
          return undefined;
        },
      });
      await h.publisher.start();
      await vi.waitFor(() => expect(h.channelSends()).toHaveLength(1), { timeout: 5000, interval: 20 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await h.setArticles([first, second]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(h.channelSends()).toHaveLength(1);
      await server.start();
      await vi.waitFor(async () => expect(await ledger.get(first.id)).toMatchObject({ state: "posted", messageId: 1 }), { timeout: 5000, interval: 50 });
      await h.setArticles([first, second]);
      await vi.waitFor(() => expect(h.channelSends()).toHaveLength(2), { timeout: 5000, interval: 20 });
      expect((await ledger.events(first.id)).map((e) => e.event)).toEqual(["attempt", "posted"]);
      await h.publisher.stop();
    } finally {
      await connection.close();
      await server.stop();
    }
  });

  it("posts what fell due while Redis was away as soon as it is back, not at the next full pass", async () => {
    vi.useRealTimers();
    const server = await startRedisServer();
    const connection = testConnection(server.url, "due:");
    try {
      await connection.whenUp(5000);
      const ledger = createRedisPostLedger(connection);
      const h = createChannelHarness({ articles: [real], autopost: false, storage: { ledger }, publisher: { tickMs: 100, storageRetryMs: 100 } });
      await h.publisher.start();
      await h.publisher.schedule(real.id, Date.now() + 500, admin.id);
      // The poster's ticks have seen the schedule: nothing new to notice once Redis is back, but the due time passed while it was away.
      await new Promise((resolve) => setTimeout(resolve, 250));
      await server.stop("SIGKILL");
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(h.channelSends()).toHaveLength(0);
      await server.start();
      await vi.waitFor(() => expect(h.channelSends()).toHaveLength(1), { timeout: 3000, interval: 20 });
      await h.publisher.stop();
    } finally {
      await connection.close();
      await server.stop();
    }
  });
}, { ownServer: true });
