import { createMemorySpamCounters, type SpamCounterStore } from "./spam-limit";
import type { RedisConnection } from "../storage/redis-connection";

/**
 * The spam limiter's counters in Redis (`limit:<key>`), shared by every
 * instance, so a flooder cannot get a fresh allowance from each. While Redis
 * is away the counting goes on in this process's memory, so the limiter
 * neither fails updates nor lets a flood through.
 */
export function createRedisSpamCounters(connection: RedisConnection, now: () => number = () => Date.now()): SpamCounterStore {
  const local = createMemorySpamCounters({ now });
  const key = (name: string) => connection.key("limit", name);
  return {
    async incr(name) {
      try {
        return await connection.run(() => connection.client.incr(key(name)));
      } catch {
        return local.incr(name);
      }
    },
    async pexpire(name, milliseconds) {
      const counted = await local.pexpire(name, milliseconds);
      try {
        return await connection.run(() => connection.client.pexpire(key(name), milliseconds));
      } catch {
        return counted;
      }
    },
  };
}
