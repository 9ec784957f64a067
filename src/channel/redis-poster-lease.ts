import type { Logger } from "pino";
import type { RedisConnection } from "../storage/redis-connection";
import type { PosterLease } from "./poster-lease";
import { describeError } from "../base/describe-error";

/** Extends the lease only if this instance still holds it (a check and an extension in one step). */
const RENEW = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes the lease only if this instance holds it. */
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

export interface RedisPosterLeaseOptions {
  key: string;
  /** The holder's id: the ledger's `instanceId`, so a claim can check the lease. */
  instanceId: string;
  /** How long the lease lasts unless renewed: the longest the channel waits for a new poster after one dies. */
  ttlMs: number;
  logger: Logger;
  now?: () => number;
}

/**
 * The poster lease in Redis: `SET key id NX PX ttl` takes it when free, a Lua
 * check-and-extend renews it (every second, or every third of a short TTL), a Lua check-and-delete
 * releases it. This instance counts itself the holder only until the time
 * the last renewal was *asked* plus the TTL, less a margin: a renewal that
 * does not come back (Redis away, a long pause) never lets it believe it
 * holds a lease that Redis has already given to another.
 */
export function createRedisPosterLease(connection: RedisConnection, options: RedisPosterLeaseOptions): PosterLease {
  const { key, instanceId, ttlMs, logger } = options;
  const now = options.now ?? (() => Date.now());
  const margin = Math.min(1000, ttlMs / 5);
  let validUntil = 0;

  return {
    // Every second at most, and at least three times per TTL: the poster's tick also picks up admins' actions from other instances.
    renewEveryMs: Math.max(100, Math.min(1000, Math.floor(ttlMs / 3))),
    get held() {
      return now() < validUntil;
    },
    async renew() {
      const askedAt = now();
      try {
        let held = validUntil > 0 && (await connection.run(() => connection.client.eval(RENEW, 1, key, instanceId, ttlMs))) === 1;
        if (!held) held = (await connection.run(() => connection.client.set(key, instanceId, "PX", ttlMs, "NX"))) === "OK";
        validUntil = held ? askedAt + ttlMs - margin : 0;
      } catch (error) {
        // Redis away: the lease lapses here when it would lapse there.
        logger.debug({ error: describeError(error) }, "poster lease: could not renew");
      }
      return now() < validUntil;
    },
    async release() {
      if (validUntil === 0) return;
      validUntil = 0;
      try {
        await connection.run(() => connection.client.eval(RELEASE, 1, key, instanceId));
      } catch (error) {
        logger.warn({ error: describeError(error) }, "poster lease: could not release it; another instance takes over when it expires");
      }
    },
  };
}
