import { randomUUID } from "node:crypto";
import type { RedisConnection } from "../storage/redis-connection";
import type { ConversationState, ConversationStore } from "./conversation-store";

/** Deletes the conversation if its last write is `idleMs` old; else returns when it will be (or -1 when it is gone). */
const CLOSE_IF_IDLE = `
local at = redis.call("HGET", KEYS[1], "at")
if not at then return -1 end
if tonumber(at) <= tonumber(ARGV[1]) then redis.call("DEL", KEYS[1]) return 0 end
return tonumber(at)`;

/** Deletes the lock only if this holder still has it. */
const UNLOCK = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

/** Conversations nobody finished are dropped after a week (the plugin times them out after minutes anyway). */
const KEEP_SECONDS = 7 * 24 * 3600;

/**
 * /publish conversations in Redis: a hash per chat (`conversation:<chat>`)
 * with the plugin's state as JSON and the time of the last write, so every
 * instance continues the same conversation; `lock:conversation:<chat>` (SET
 * NX PX) keeps two instances from handling a step of it at once.
 */
export function createRedisConversationStore(connection: RedisConnection, now: () => number = () => Date.now()): ConversationStore {
  const key = (chat: string) => connection.key("conversation", chat);
  return {
    async read(chat) {
      const value = await connection.run(() => connection.client.hget(key(chat), "state"));
      return value === null ? undefined : (JSON.parse(value) as ConversationState);
    },
    async write(chat, state) {
      await connection.run(() =>
        connection.client
          .multi()
          .hset(key(chat), "state", JSON.stringify(state), "at", String(now()))
          .expire(key(chat), KEEP_SECONDS)
          .exec(),
      );
    },
    async delete(chat) {
      await connection.run(() => connection.client.del(key(chat)));
    },
    async lock(chat, ttlMs) {
      const lockKey = connection.key("lock", "conversation", chat);
      const token = randomUUID();
      const giveUpAt = Date.now() + ttlMs;
      while ((await connection.run(() => connection.client.set(lockKey, token, "PX", ttlMs, "NX"))) !== "OK") {
        // Held by a step that did not let go (an instance that died mid-update): it expires by then.
        if (Date.now() > giveUpAt) break;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      return async () => {
        await connection.run(() => connection.client.eval(UNLOCK, 1, lockKey, token)).catch(() => undefined);
      };
    },
    async closeIfIdle(chat, idleMs) {
      const result = Number(await connection.run(() => connection.client.eval(CLOSE_IF_IDLE, 1, key(chat), now() - idleMs)));
      if (result === 0) return { closed: true };
      return result < 0 ? { closed: false } : { closed: false, checkAt: result + idleMs };
    },
  };
}
