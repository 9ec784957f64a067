import type { RedisConnection } from "./redis-connection";

/** What `@grammyjs/ratelimiter` needs of its `storageClient` (its `RedisType`). */
export interface SpamLimiterStorage {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/**
 * The spam limiter's counters in Redis, shared by every instance: give it as
 * `limit({ storageClient: storage })`. While Redis is away the counting goes
 * on in memory, so the limiter neither fails updates nor lets a flood through.
 */
export function createRedisSpamLimiterStorage(connection: RedisConnection, now: () => number = () => Date.now()): SpamLimiterStorage {
  const local = new Map<string, { hits: number; expiresAt: number }>();
  const localIncr = (key: string) => {
    const at = now();
    const entry = local.get(key);
    const next = entry && entry.expiresAt > at ? { ...entry, hits: entry.hits + 1 } : { hits: 1, expiresAt: Infinity };
    local.set(key, next);
    if (local.size > 100_000) for (const [k, e] of local) if (e.expiresAt <= at) local.delete(k);
    return next.hits;
  };
  return {
    async incr(key) {
      try {
        return await connection.run(() => connection.client.incr(connection.key("limit", key)));
      } catch {
        return localIncr(key);
      }
    },
    async pexpire(key, milliseconds) {
      const entry = local.get(key);
      if (entry && entry.expiresAt === Infinity) entry.expiresAt = now() + milliseconds;
      try {
        return await connection.run(() => connection.client.pexpire(connection.key("limit", key), milliseconds));
      } catch {
        return entry ? 1 : 0;
      }
    },
  };
}
