import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AdminNotifier } from "../../src/notices/admin-notifier";
import { createLiveContent } from "../../src/library/live-content";
import { createFileArticleStore, createRedisArticleStore, type ArticleStore } from "../../src/newsroom/article-store";
import { createRedisFeedLedger, openSqliteFeedLedger, type FeedLedger } from "../../src/newsroom/feed-ledger";
import { createNewsroomService } from "../../src/newsroom/newsroom-service";
import { htmlToText } from "../../src/render/html";
import type { RedisConnection } from "../../src/storage/redis-connection";
import { startFeedServer, type FeedServer } from "../support/feed-server";
import { describeWithRedis, testConnection } from "../support/redis-server";

const logger = pino({ level: "silent" });
const bakuPage = await readFile("test/fixtures/import/baku-page.html", "utf8");
const lavrovText = await readFile("test/fixtures/articles/lavrov-motegi-eight-hours.txt", "utf8");

/** What the admins were told: each notice's text and its buttons' labels. */
function recordingNotifier() {
  const notices: { text: string; buttons: string[] }[] = [];
  const notifier: AdminNotifier = {
    async notifyAdmins(blocks, keyboard) {
      notices.push({ text: htmlToText(blocks.map(String).join("\n\n")), buttons: (keyboard ?? []).flat().map((b) => b.text) });
    },
    async notifyAdmin() {},
  };
  return { notices, notifier };
}

async function startInstance(options: { dir: string; store: ArticleStore; ledger: FeedLedger; feeds: string[]; sync?: boolean }) {
  const { notices, notifier } = recordingNotifier();
  const live = createLiveContent({ dir: options.dir, logger, notifier, intervalMs: 60_000 });
  const loaded = await live.load();
  if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
  const service = createNewsroomService({
    store: options.store,
    ledger: () => options.ledger,
    content: live,
    notifier,
    logger,
    feedUrls: options.feeds,
    feedIntervalMs: 60_000,
    withChannel: true,
    syncIntervalMs: 0,
    today: () => "2019-10-30",
  });
  return { live, service, notices, drafts: () => notices.filter((n) => n.text.startsWith("New draft from the feed")) };
}

let feed: FeedServer;
beforeAll(async () => {
  feed = await startFeedServer();
  feed.publish("baku-1", "CIS defense ministers meet in Baku", "/news/baku.html", { type: "text/html", body: bakuPage }, "Wed, 30 Oct 2019 10:00:00 GMT");
});
afterAll(() => feed.close());

describe("the feed newsroom, embedded (SQLite ledger, files in CONTENT_DIR)", () => {
  let dataDir: string;
  let dir: string;
  let ledger: FeedLedger | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "briefing-news-data-"));
    dir = await mkdtemp(join(tmpdir(), "briefing-news-content-"));
  });
  afterEach(async () => {
    await ledger?.close();
    ledger = undefined;
  });

  it("drafts a new item once, tells the admins once with its preview, and asks again conditionally", async () => {
    ledger = openSqliteFeedLedger(dataDir);
    const one = await startInstance({ dir, store: createFileArticleStore(dir), ledger, feeds: [`${feed.root}/feed.xml`] });
    await one.service.poller?.pollAll();
    await one.service.poller?.pollAll();
    expect(one.drafts()).toHaveLength(1);
    const notice = one.drafts()[0];
    expect(notice?.text).toContain("CIS");
    expect(notice?.text).toContain("Sergei Shoigu");
    expect(notice?.buttons).toEqual(["Approve", "Approve and post", "Edit", "Discard"]);
    expect(await readdir(dir)).toEqual([expect.stringMatching(/\.yaml$/)]);
    expect(await readFile(join(dir, (await readdir(dir))[0] ?? ""), "utf8")).toMatch(/^status: draft$/m);
    // The second poll was answered 304 Not Modified: the ETag was sent back.
    expect(feed.notModified()).toBeGreaterThanOrEqual(1);
    expect(one.live.library().articles).toEqual([]);
    expect(one.service.newsroom.drafts()).toHaveLength(1);
  });

  it("does not draft the item again after a restart on the same DATA_DIR, and drafts the next one once", async () => {
    ledger = openSqliteFeedLedger(dataDir);
    const again = await startInstance({ dir, store: createFileArticleStore(dir), ledger, feeds: [`${feed.root}/feed.xml`] });
    await again.service.poller?.pollAll();
    expect(again.drafts()).toEqual([]);
    feed.publish("lavrov-1", "Lavrov and Motegi", "/news/lavrov.txt", { type: "text/plain", body: lavrovText }, "Thu, 19 Dec 2019 10:00:00 GMT");
    await again.service.poller?.pollAll();
    await again.service.poller?.pollAll();
    expect(again.drafts()).toHaveLength(1);
    expect(again.drafts()[0]?.text).toContain("Lavrov");
    expect((await readdir(dir)).filter((name) => name.endsWith(".yaml"))).toHaveLength(2);
  });

  it("tells the admins once about a feed that errs, is huge or is malformed, and keeps polling the others", async () => {
    ledger = openSqliteFeedLedger(dataDir);
    const feeds = ["error", "huge", "broken"].map((name) => `${feed.root}/${name}.xml`);
    const one = await startInstance({ dir, store: createFileArticleStore(dir), ledger, feeds: [...feeds, `${feed.root}/feed.xml`] });
    for (let i = 0; i < 3; i++) await one.service.poller?.pollAll();
    const failing = one.notices.filter((n) => n.text.startsWith("A feed cannot be read"));
    expect(failing.map((n) => n.text.split("\n")[0])).toEqual(feeds.map((url) => `A feed cannot be read: ${url}`));
    expect(failing[0]?.text).toContain("HTTP 500");
    expect(failing[1]?.text).toContain("over 5242880 bytes");
    expect(failing[2]?.text).toContain("not well-formed XML");
    expect(feed.requests("/broken.xml")).toBeGreaterThanOrEqual(3);
    expect(one.drafts()).toEqual([]);
  });
});

describeWithRedis("the feed newsroom on Redis: two instances", (url) => {
  const connections: RedisConnection[] = [];
  afterAll(async () => {
    for (const connection of connections) await connection.close();
  });

  it("drafts a new item once across two instances, and both serve it once it is approved", async () => {
    const prefix = `test-news-${Date.now()}:`;
    const instances = [];
    for (let i = 0; i < 2; i++) {
      const connection = testConnection(url(), prefix);
      connections.push(connection);
      await connection.whenUp(2000);
      const dir = await mkdtemp(join(tmpdir(), `briefing-news-redis-${i}-`));
      instances.push({ dir, ...(await startInstance({ dir, store: createRedisArticleStore(connection, dir, logger), ledger: createRedisFeedLedger(connection), feeds: [`${feed.root}/feed.xml`] })) });
    }
    const [a, b] = instances;
    if (!a || !b) throw new Error("two instances");
    // Both poll at once, twice: the claims keep each item to one draft and one notice.
    await Promise.all([a.service.poller?.pollAll(), b.service.poller?.pollAll()]);
    await Promise.all([a.service.poller?.pollAll(), b.service.poller?.pollAll()]);
    const drafted = [...a.drafts(), ...b.drafts()];
    expect(drafted.map((n) => n.text.split("\n")[1])).toEqual(expect.arrayContaining([expect.stringContaining("CIS"), expect.stringContaining("Japanese Foreign Ministers")]));
    expect(drafted).toHaveLength(2);
    // Whichever drafted it, the other instance's CONTENT_DIR gets it at its next sync.
    await a.service.sync();
    await b.service.sync();
    expect((await readdir(a.dir)).sort()).toEqual((await readdir(b.dir)).sort());
    const baku = a.service.newsroom.drafts().find((article) => article.headline.includes("CIS"));
    expect(baku).toBeDefined();
    const approved = await b.service.newsroom.approve(baku?.id ?? "");
    expect(approved).toMatchObject({ ok: true, already: false });
    await a.service.sync();
    expect(a.live.library().articles.map((article) => article.id)).toEqual([baku?.id]);
    expect(b.live.library().articles.map((article) => article.id)).toEqual([baku?.id]);
  });
});
