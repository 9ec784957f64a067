import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { RedisConnection } from "../storage/redis-connection";

/**
 * What the newsroom remembers of its feeds: each item (by feed and guid/link)
 * once claimed, and the notices sent about a failing feed. Claim before act,
 * as the post ledger does: an instance drafts an item only after its claim
 * was recorded, so a restart or a second instance never drafts it twice.
 */
export interface FeedLedger {
  /**
   * Claims `key` for this process, in one atomic step; true when this call got
   * it. A claim left unfinished (`done` never called: the process died while
   * drafting) for `staleMs` can be claimed again, so an item is never lost.
   */
  claim(key: string, staleMs: number): Promise<boolean>;
  /** The claimed work is done: `key` is never claimed again. */
  done(key: string, note?: string): Promise<void>;
  /** The claimed work failed: `key` may be claimed again at once (the next poll retries it). */
  release(key: string): Promise<void>;
  /** Whether `key` was ever done. */
  isDone(key: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The file in DATA_DIR that remembers the feeds' items. */
export const NEWSROOM_DATABASE_FILE = "newsroom.sqlite";

/** The embedded ledger: SQLite in DATA_DIR (or `:memory:`), claims in `BEGIN IMMEDIATE` transactions, so processes on one DATA_DIR agree. */
export function openSqliteFeedLedger(dataDir: string, now: () => number = () => Date.now()): FeedLedger {
  let db: Database.Database;
  if (dataDir === ":memory:") db = new Database(":memory:");
  else {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(join(dataDir, NEWSROOM_DATABASE_FILE));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("busy_timeout = 5000");
  }
  db.exec("CREATE TABLE IF NOT EXISTS feed_items (key TEXT PRIMARY KEY, state TEXT NOT NULL CHECK (state IN ('claimed', 'done')), at INTEGER NOT NULL, note TEXT)");
  const get = db.prepare<[string], { state: string; at: number }>("SELECT state, at FROM feed_items WHERE key = ?");
  const put = db.prepare<[string, number]>("INSERT INTO feed_items (key, state, at) VALUES (?, 'claimed', ?) ON CONFLICT (key) DO UPDATE SET state = 'claimed', at = excluded.at");
  const claim = db.transaction((key: string, staleMs: number) => {
    const row = get.get(key);
    if (row && (row.state === "done" || row.at > now() - staleMs)) return false;
    put.run(key, now());
    return true;
  });
  const done = db.prepare<[string, number, string | null]>("INSERT INTO feed_items (key, state, at, note) VALUES (?, 'done', ?, ?) ON CONFLICT (key) DO UPDATE SET state = 'done', at = excluded.at, note = excluded.note");
  const release = db.prepare<[string]>("DELETE FROM feed_items WHERE key = ? AND state = 'claimed'");
  return {
    async claim(key, staleMs) {
      return claim.immediate(key, staleMs);
    },
    async done(key, note) {
      done.run(key, now(), note ?? null);
    },
    async release(key) {
      release.run(key);
    },
    async isDone(key) {
      return get.get(key)?.state === "done";
    },
    async close() {
      db.close();
    },
  };
}

/** Claims a field of the hash unless it is done or claimed less than ARGV[2] ms ago; ARGV[1] is now. */
const CLAIM = `
local value = redis.call("HGET", KEYS[1], ARGV[3])
if value then
  if string.sub(value, 1, 5) == "done:" then return 0 end
  local at = tonumber(string.sub(value, 9))
  if at and at > tonumber(ARGV[1]) - tonumber(ARGV[2]) then return 0 end
end
redis.call("HSET", KEYS[1], ARGV[3], "claimed:" .. ARGV[1])
return 1`;
const RELEASE = `if string.sub(redis.call("HGET", KEYS[1], ARGV[1]) or "", 1, 8) == "claimed:" then return redis.call("HDEL", KEYS[1], ARGV[1]) end return 0`;

/** The ledger in Redis, beside the post ledger: one hash `feed-items`, each claim a Lua script, so instances agree. */
export function createRedisFeedLedger(connection: RedisConnection, now: () => number = () => Date.now()): FeedLedger {
  const hash = connection.key("feed-items");
  return {
    async claim(key, staleMs) {
      return Number(await connection.run(() => connection.client.eval(CLAIM, 1, hash, now(), staleMs, key))) === 1;
    },
    async done(key, note) {
      await connection.run(() => connection.client.hset(hash, key, `done:${now()}${note ? `:${note}` : ""}`));
    },
    async release(key) {
      await connection.run(() => connection.client.eval(RELEASE, 1, hash, key));
    },
    async isDone(key) {
      return (await connection.run(() => connection.client.hget(hash, key)))?.startsWith("done:") === true;
    },
    // The connection is the shared state's, closed by its owner.
    async close() {},
  };
}
