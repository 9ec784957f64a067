import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { openChannelDatabase } from "../../src/channel/channel-database";
import type { PostLedger, SendLimit } from "../../src/channel/post-ledger";
import { createRedisPostLedger } from "../../src/channel/redis-post-ledger";
import { createRedisPosterLease } from "../../src/channel/redis-poster-lease";
import { createSqlitePostLedger } from "../../src/channel/sqlite-post-ledger";
import { connectRedis, type RedisConnection } from "../../src/storage/redis-connection";
import { StorageUnavailableError } from "../../src/storage/storage-unavailable";
import { freePort } from "../support/bot-process";
import { tempDataDir } from "../support/channel-fixtures";
import { describeWithRedis, testConnection } from "../support/redis-server";

const run = promisify(execFile);
const generous: SendLimit = { count: 1000, windowMs: 60_000, minIntervalMs: 0 };
const claim = (ledger: PostLedger, articleId: string, now = 1000) =>
  ledger.claimPost({ articleId, chatId: "@newsroom", contentHash: "h1", now, autoAllowed: true, limit: generous });

/** One storage shared by several processes' ledgers. */
interface LedgerStore {
  /** The ledger of one more process on this storage (a process restarted is a new one). */
  open(options?: { instanceId?: string }): Promise<PostLedger>;
}

/**
 * The ledger's contract, whatever stores it: run against SQLite and Redis
 * alike. A process that dies is one whose registration vanishes
 * (`unregister`, as its row or key would be found stale or expired).
 */
function ledgerContract(newStore: () => LedgerStore): void {
  it("keeps a post across a restart: a ledger opened later will not let it be claimed again", async () => {
    const store = newStore();
    const first = await store.open();
    expect(await claim(first, "a")).toEqual({ status: "claimed" });
    await first.recordPosted({ articleId: "a", messageId: 17, contentHash: "h1", now: 2000 });

    const second = await store.open();
    expect(await claim(second, "a", 3000)).toMatchObject({ status: "not-eligible" });
    expect(await second.get("a")).toMatchObject({ chatId: "@newsroom", state: "posted", messageId: 17, contentHash: "h1", revision: 1, attemptAt: 1000, postedAt: 2000 });
    expect((await second.events("a")).map((e) => e.event)).toEqual(["attempt", "posted"]);
  });

  it("lets exactly one of two ledgers claim an article", async () => {
    const store = newStore();
    const one = await store.open();
    const two = await store.open();
    expect(await claim(one, "a")).toEqual({ status: "claimed" });
    expect(await claim(two, "a")).toMatchObject({ status: "not-eligible", record: { state: "sending", owner: one.instanceId } });
  });

  it("lets exactly one of several ledgers racing for the same articles claim each", async () => {
    const store = newStore();
    const ids = Array.from({ length: 30 }, (_, i) => `article-${i}`);
    const racers = await Promise.all([store.open(), store.open(), store.open()]);
    const won = await Promise.all(
      racers.map(async (ledger) => {
        const mine: string[] = [];
        await Promise.all(
          [...ids]
            .sort(() => Math.random() - 0.5)
            .map(async (id) => {
              if ((await claim(ledger, id)).status === "claimed") mine.push(id);
            }),
        );
        return mine;
      }),
    );
    expect(won.flat().toSorted()).toEqual(ids.toSorted());
  });

  it("lets the process whose claim's answer was lost claim again (nothing was sent on it), and no other", async () => {
    const store = newStore();
    const one = await store.open();
    const two = await store.open();
    await claim(one, "a");
    expect(await claim(two, "a")).toMatchObject({ status: "not-eligible" });
    expect(await claim(one, "a")).toEqual({ status: "claimed" });
    expect(await one.get("a")).toMatchObject({ state: "sending", owner: one.instanceId, attempts: 2 });
  });

  it("keeps within the send limit and a 429 pause across ledgers", async () => {
    const store = newStore();
    const one = await store.open();
    const two = await store.open();
    const limit: SendLimit = { count: 2, windowMs: 60_000, minIntervalMs: 1000 };
    const take = (ledger: PostLedger, id: string, now: number) => ledger.claimPost({ articleId: id, chatId: "@newsroom", contentHash: "h", now, autoAllowed: true, limit });
    expect(await take(one, "a", 0)).toEqual({ status: "claimed" });
    expect(await take(two, "b", 500)).toEqual({ status: "wait", until: 1000 });
    expect(await take(two, "b", 1000)).toEqual({ status: "claimed" });
    expect(await take(one, "c", 2000)).toEqual({ status: "wait", until: 60_000 });
    await two.pauseChat("@newsroom", 90_000);
    await one.pauseChat("@newsroom", 80_000);
    expect(await take(one, "c", 60_000)).toEqual({ status: "wait", until: 90_000 });
    expect(await take(one, "c", 90_000)).toEqual({ status: "claimed" });
  });

  it("sends a released claim back to what was asked for (gone for AUTOPOST, requested for Post now), or on to failed or uncertain", async () => {
    const store = newStore();
    const ledger = await store.open();
    await claim(ledger, "auto");
    await ledger.releasePost("auto", 2000, "502: Bad Gateway");
    expect(await ledger.get("auto")).toBeUndefined();
    expect((await ledger.events("auto")).map((e) => [e.event, e.detail])).toEqual([
      ["attempt", `owner ${ledger.instanceId}`],
      ["released", "502: Bad Gateway"],
    ]);
    expect(await ledger.requestPost({ articleId: "asked", chatId: "@newsroom", by: 7, now: 3000 })).toMatchObject({ ok: true, record: { state: "requested", requestedBy: 7 } });
    expect(await ledger.claimPost({ articleId: "asked", chatId: "@newsroom", contentHash: "h", now: 4000, autoAllowed: false, limit: generous })).toEqual({ status: "claimed" });
    await ledger.releasePost("asked", 5000, "429");
    expect(await ledger.get("asked")).toMatchObject({ state: "requested", owner: null, attempts: 1 });
    await claim(ledger, "refused", 6000);
    await ledger.recordFailed("refused", "400: Bad Request", 6000);
    expect(await ledger.get("refused")).toMatchObject({ state: "failed", error: "400: Bad Request" });
    await claim(ledger, "unanswered", 7000);
    const other = await store.open();
    expect(await other.recordUncertain("unanswered", "no answer", 8000)).toBeUndefined();
    expect(await ledger.recordUncertain("unanswered", "Telegram did not answer in time", 8000)).toMatchObject({ state: "uncertain", error: "Telegram did not answer in time", owner: null });
    expect((await ledger.events("unanswered")).map((e) => e.event)).toEqual(["attempt", "uncertain"]);
  });

  it("makes a claim abandoned by a dead process uncertain, once, and leaves live ones alone", async () => {
    const store = newStore();
    const dead = await store.open();
    await dead.register(1000);
    expect(await claim(dead, "a")).toEqual({ status: "claimed" });
    const live = await store.open();
    await live.register(1000);
    expect(await claim(live, "b")).toEqual({ status: "claimed" });
    await dead.unregister(); // killed: its registration is gone, as a stale one is

    const restarted = await store.open();
    await restarted.register(2000);
    expect((await restarted.sweepAbandoned(2000)).map((r) => [r.articleId, r.state])).toEqual([["a", "uncertain"]]);
    expect(await restarted.sweepAbandoned(2001)).toEqual([]);
    expect(await restarted.get("b")).toMatchObject({ state: "sending", owner: live.instanceId });
    expect(await claim(restarted, "a", 3000)).toMatchObject({ status: "not-eligible", record: { state: "uncertain" } });
    expect((await restarted.events("a")).map((e) => e.event)).toEqual(["attempt", "uncertain"]);
    // What the dead process sent and Telegram answered is the truth, if its answer is ever recorded.
    await dead.recordPosted({ articleId: "a", messageId: 9, contentHash: "h1", now: 4000 });
    expect((await restarted.events("a")).map((e) => [e.event, e.detail])).toEqual([
      ["attempt", `owner ${dead.instanceId}`],
      ["uncertain", `owner ${dead.instanceId} stopped between sending and recording`],
      ["posted", "was uncertain"],
    ]);
  });

  it("lets an admin post again or mark as posted an uncertain article, never one posted", async () => {
    const store = newStore();
    const dead = await store.open();
    await claim(dead, "a");
    await dead.unregister();
    const ledger = await store.open();
    await ledger.sweepAbandoned(2000);
    expect(await ledger.markPosted({ articleId: "a", messageId: 41, by: 7, now: 3000 })).toMatchObject({ ok: true, record: { state: "posted", messageId: 41, revision: 1, postedAt: 1000, contentHash: "h1" } });
    expect(await ledger.markPosted({ articleId: "a", messageId: 42, by: 7, now: 3000 })).toMatchObject({ ok: false, record: { messageId: 41 } });
    expect(await ledger.requestPost({ articleId: "a", chatId: "@newsroom", by: 7, now: 4000 })).toMatchObject({ ok: false, record: { state: "posted" } });
    expect(await ledger.schedulePost({ articleId: "b", chatId: "@newsroom", at: 10_000, by: 7, now: 4000 })).toMatchObject({ ok: true, record: { state: "scheduled", scheduledAt: 10_000 } });
    expect(await ledger.claimPost({ articleId: "b", chatId: "@newsroom", contentHash: "h", now: 9999, autoAllowed: true, limit: generous })).toMatchObject({ status: "not-eligible" });
    expect(await ledger.claimPost({ articleId: "b", chatId: "@newsroom", contentHash: "h", now: 10_000, autoAllowed: false, limit: generous })).toEqual({ status: "claimed" });
    expect((await ledger.all()).map((r) => [r.articleId, r.state])).toEqual([
      ["a", "posted"],
      ["b", "sending"],
    ]);
  });

  it("records corrections as revisions, and a failed correction is not tried again for the same content", async () => {
    const ledger = await newStore().open();
    await claim(ledger, "a");
    await ledger.recordPosted({ articleId: "a", messageId: 5, contentHash: "h1", now: 2000 });
    expect(await ledger.claimEdit({ articleId: "a", contentHash: "h1", now: 3000, limit: generous })).toMatchObject({ status: "not-eligible" });
    expect(await ledger.claimEdit({ articleId: "a", contentHash: "h2", now: 3000, limit: generous })).toEqual({ status: "claimed" });
    await ledger.recordEdited({ articleId: "a", contentHash: "h2", now: 3000, modified: true });
    expect(await ledger.get("a")).toMatchObject({ revision: 2, contentHash: "h2", editedAt: 3000, messageId: 5 });
    expect(await ledger.claimEdit({ articleId: "a", contentHash: "h3", now: 4000, limit: generous })).toEqual({ status: "claimed" });
    await ledger.recordEditFailed({ articleId: "a", contentHash: "h3", error: "400: Bad Request: message can't be edited", now: 4000 });
    expect(await ledger.claimEdit({ articleId: "a", contentHash: "h3", now: 5000, limit: generous })).toMatchObject({ status: "not-eligible" });
    expect(await ledger.get("a")).toMatchObject({ revision: 2, editError: "400: Bad Request: message can't be edited" });
    expect((await ledger.events("a")).map((e) => [e.event, e.revision])).toEqual([
      ["attempt", 0],
      ["posted", 1],
      ["edited", 2],
      ["edit-failed", 2],
    ]);
  });

  it("changes nothing, and writes no history, for an article it holds no record of", async () => {
    const ledger = await newStore().open();
    await ledger.recordEditFailed({ articleId: "ghost", contentHash: "h1", error: "400: Bad Request: message can't be edited", now: 1000 });
    await ledger.recordEdited({ articleId: "ghost", contentHash: "h1", now: 1000, modified: true });
    await ledger.releasePost("ghost", 1000, "429");
    await ledger.releaseEdit("ghost", 1000, "429");
    expect(await ledger.recordUncertain("ghost", "no answer", 1000)).toBeUndefined();
    expect(await ledger.get("ghost")).toBeUndefined();
    expect(await ledger.events("ghost")).toEqual([]);
  });
}

/** The pid of a process that has exited: a claim left by it is abandoned. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
}

describe("the post ledger in SQLite", () => {
  ledgerContract(() => {
    const dir = tempDataDir();
    return { open: async (options) => createSqlitePostLedger(openChannelDatabase(dir), options) };
  });

  it("lets exactly one of several real processes on one DATA_DIR claim each article", async () => {
    const dir = tempDataDir();
    openChannelDatabase(dir).close();
    const ids = Array.from({ length: 40 }, (_, i) => `article-${i}`);
    const script = join("test", "channel", "fixtures", "claim-race.ts");
    const results = await Promise.all(
      [1, 2, 3].map(() => run(join("node_modules", ".bin", "tsx"), [script, dir, ...ids]).then(({ stdout }) => JSON.parse(stdout) as string[])),
    );
    const won = results.flat();
    expect(won.toSorted()).toEqual(ids.toSorted());
    expect(new Set(won).size).toBe(ids.length);
  });

  it("takes a process for dead when its pid is gone on this machine, or its heartbeat is 30 s old elsewhere", async () => {
    const db = openChannelDatabase(":memory:");
    const dead = createSqlitePostLedger(db, { pid: deadPid() });
    await dead.register(1000);
    await claim(dead, "a");
    const remote = createSqlitePostLedger(db, { instanceId: "remote", host: "another-machine" });
    await remote.register(1000);
    await claim(remote, "c");
    const restarted = createSqlitePostLedger(db);
    await restarted.register(2000);
    expect((await restarted.sweepAbandoned(2000)).map((r) => r.articleId)).toEqual(["a"]);
    expect(await restarted.sweepAbandoned(1000 + 29_000)).toEqual([]);
    expect((await restarted.sweepAbandoned(1000 + 31_000)).map((r) => r.articleId)).toEqual(["c"]);
  });
});

describeWithRedis("the post ledger in Redis", (url) => {
  const connections: RedisConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((c) => c.close()));
  });
  /** Each ledger with a connection of its own, as each process has: the race is a real one, in Redis. */
  const open = async (prefix: string, options: Parameters<typeof createRedisPostLedger>[1] = {}) => {
    const connection = testConnection(url(), prefix);
    connections.push(connection);
    await connection.whenUp(5000);
    return { connection, ledger: createRedisPostLedger(connection, options) };
  };

  describe("keeps the ledger's contract", () => {
    ledgerContract(() => {
      const prefix = `test-${Math.random().toString(36).slice(2)}:`;
      return { open: async (options) => (await open(prefix, options)).ledger };
    });
  });

  it("takes a process for dead once its heartbeat key has expired", async () => {
    const { ledger: dead } = await open("stale:", { staleMs: 300 });
    await dead.register(1000);
    await claim(dead, "a");
    const { ledger: other } = await open("stale:");
    expect(await other.sweepAbandoned(2000)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await other.sweepAbandoned(3000)).map((r) => r.articleId)).toEqual(["a"]);
  });

  it("claims only while holding the poster lease, when there is one", async () => {
    const prefix = `lease-${Math.random().toString(36).slice(2)}:`;
    const logger = pino({ level: "silent" });
    const a = await open(prefix, { instanceId: "a", leaseKey: `${prefix}poster` });
    const b = await open(prefix, { instanceId: "b", leaseKey: `${prefix}poster` });
    const leaseA = createRedisPosterLease(a.connection, { key: `${prefix}poster`, instanceId: "a", ttlMs: 5000, logger });
    const leaseB = createRedisPosterLease(b.connection, { key: `${prefix}poster`, instanceId: "b", ttlMs: 5000, logger });
    expect(await leaseA.renew()).toBe(true);
    expect(await leaseB.renew()).toBe(false);
    expect(await claim(b.ledger, "x")).toEqual({ status: "not-eligible" });
    expect(await claim(a.ledger, "x")).toEqual({ status: "claimed" });
    await leaseA.release();
    expect(await leaseB.renew()).toBe(true);
    expect(await claim(a.ledger, "y")).toEqual({ status: "not-eligible" });
    expect(await claim(b.ledger, "y")).toEqual({ status: "claimed" });
  });

  it("posts nothing once the ledger has vanished from Redis (Redis lost its data), rather than everything again", async () => {
    const problems: Array<string | undefined> = [];
    const { connection, ledger } = await open(`lost-${Math.random().toString(36).slice(2)}:`, { onProblem: (reason) => problems.push(reason) });
    await ledger.register(1000);
    expect(await claim(ledger, "a")).toEqual({ status: "claimed" });
    await connection.client.flushdb();
    await expect(claim(ledger, "b")).rejects.toThrow(StorageUnavailableError);
    expect(problems[0]).toMatch(/the ledger in Redis is gone/);
  });

  it("every instance notices at its heartbeat that the ledger has vanished, not only the one that claims; an instance started after begins a new one and says so", async () => {
    const prefix = `lost-${Math.random().toString(36).slice(2)}:`;
    const problemsOf = { a: [] as Array<string | undefined>, b: [] as Array<string | undefined> };
    const a = await open(prefix, { onProblem: (reason) => problemsOf.a.push(reason) });
    const b = await open(prefix, { onProblem: (reason) => problemsOf.b.push(reason) });
    await a.ledger.register(1000);
    await b.ledger.register(1000);
    expect([a.ledger.createdHere(), b.ledger.createdHere()].toSorted()).toEqual([false, true]);
    await a.ledger.heartbeat(2000);
    expect(problemsOf.a).toEqual([]);
    await a.connection.client.flushdb();
    await a.ledger.heartbeat(3000);
    await b.ledger.heartbeat(3000);
    expect(problemsOf.a).toEqual([expect.stringMatching(/the ledger in Redis is gone/)]);
    expect(problemsOf.b).toEqual([expect.stringMatching(/the ledger in Redis is gone/)]);
    // Told of a change, not at every beat.
    await b.ledger.heartbeat(4000);
    expect(problemsOf.b).toHaveLength(1);

    const c = await open(prefix);
    await c.ledger.register(5000);
    expect(c.ledger.createdHere()).toBe(true);
    // The old instances' ledger is still gone for them: a new one is not theirs.
    await a.ledger.heartbeat(6000);
    expect(problemsOf.a).toHaveLength(1);
    await expect(claim(a.ledger, "z")).rejects.toThrow(StorageUnavailableError);
  });

  it("rejects at once with StorageUnavailableError when Redis cannot be reached, changing nothing", async () => {
    const connection = connectRedis({ url: `redis://127.0.0.1:${await freePort()}`, prefix: "none:", logger: pino({ level: "silent" }) });
    connections.push(connection);
    const ledger = createRedisPostLedger(connection);
    const started = Date.now();
    await expect(claim(ledger, "a")).rejects.toThrow(StorageUnavailableError);
    await expect(ledger.all()).rejects.toThrow(/redis unreachable/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
