import type { Logger } from "pino";
import { followChannel, type RedisConnection } from "../storage/redis-connection";
import { createMemoryChatArticleStore, type ChatArticleStore } from "./chat-articles";
import { describeError } from "../base/describe-error";

/**
 * The chats' choices from /articles, shared by every instance: kept in
 * memory (answers read them without waiting on Redis, and keep working while
 * it is away), written to a hash (`chat-articles`) and announced on a channel
 * of the same name, so the other instances' copies follow within moments. An
 * instance starting reads the hash. A choice lost (Redis away at that moment)
 * falls back to the newest article, as it always could.
 */
export function createRedisChatArticleStore(connection: RedisConnection, logger: Logger, capacity = 100_000): ChatArticleStore & { close(): Promise<void> } {
  const local = createMemoryChatArticleStore(capacity);
  const hashKey = connection.key("chat-articles");
  const channel = connection.key("chat-articles");
  const subscriber = followChannel(
    connection,
    channel,
    (message) => {
      const [chatId, articleId] = message.split(" ");
      if (chatId && articleId) local.set(Number(chatId), articleId);
    },
    (error) => logger.warn({ error: describeError(error) }, "redis: cannot follow other instances' /articles choices"),
  );
  void (async () => {
    if (!(await connection.whenUp(5000))) return;
    if ((await connection.client.hlen(hashKey)) > capacity) return;
    for (const [chatId, articleId] of Object.entries(await connection.client.hgetall(hashKey))) local.set(Number(chatId), articleId);
  })().catch((err: unknown) => logger.debug({ error: describeError(err) }, "redis: could not read the chats' /articles choices"));

  return {
    get: (chatId) => local.get(chatId),
    set(chatId, articleId) {
      local.set(chatId, articleId);
      void connection
        .run(() => connection.client.multi().hset(hashKey, String(chatId), articleId).publish(channel, `${chatId} ${articleId}`).exec())
        .catch((err: unknown) => logger.debug({ error: describeError(err), chatId }, "redis away: an /articles choice kept in this instance only"));
    },
    async close() {
      subscriber.disconnect();
    },
  };
}
