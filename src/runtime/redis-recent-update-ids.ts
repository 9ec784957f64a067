import type { Logger } from "pino";
import type { RedisConnection } from "../storage/redis-connection";
import { createMemoryRecentUpdateIds, type RecentUpdateIds } from "./recent-update-ids";
import { describeError } from "../base/describe-error";

/** Telegram keeps an update for at most a day, so it never redelivers one older than that. */
const KEEP_SECONDS = 86_400;

/**
 * The update_ids seen by any instance, in Redis (`update:<id>`, `SET NX EX`
 * a day), so a redelivery that the load balancer sends to another instance
 * is still handled once. Each id is kept in memory too. While Redis is away
 * an update is claimed in memory alone (answering matters more; only a
 * redelivery sent to another instance meanwhile could be handled twice), and
 * those ids are written to Redis once it is back.
 */
export function createRedisRecentUpdateIds(connection: RedisConnection, logger: Logger): RecentUpdateIds {
  const memory = createMemoryRecentUpdateIds();
  const unshared: number[] = [];
  const key = (updateId: number) => connection.key("update", updateId);
  const setNx = (updateId: number) => connection.run(() => connection.client.set(key(updateId), "1", "EX", KEEP_SECONDS, "NX"));

  async function share(): Promise<void> {
    while (unshared.length > 0 && connection.up) {
      const updateId = unshared[0] as number;
      try {
        await setNx(updateId);
      } catch {
        return;
      }
      unshared.shift();
    }
  }

  return {
    async claim(updateId) {
      if (!(await memory.claim(updateId))) return false;
      try {
        if (unshared.length > 0) await share();
        return (await setNx(updateId)) === "OK";
      } catch (error) {
        logger.debug({ error: describeError(error), update_id: updateId }, "redis away: update_id kept in memory only");
        if (unshared.length < 100_000) unshared.push(updateId);
        return true;
      }
    },
  };
}
