import type { Logger } from "pino";
import { isLocale } from "../i18n/locale";
import { describeError } from "../base/describe-error";
import { followChannel, type RedisConnection } from "../storage/redis-connection";
import { createLanguageCache, type ReaderLanguageStore } from "./reader-languages";

/**
 * Readers' languages shared by every instance: a hash (`reader-languages`,
 * user id → locale) with a memory cache in front. A change is announced on a
 * channel of the same name, so other instances' caches follow at once; a
 * reader not in the cache is read from the hash once (a miss is cached too).
 * While Redis is away, readers it cannot tell about get their Telegram
 * language, and a choice made then is kept in this instance (and logged).
 */
export function createRedisReaderLanguageStore(connection: RedisConnection, logger: Logger, capacity?: number): ReaderLanguageStore & { close(): Promise<void> } {
  const cache = createLanguageCache(capacity);
  const hashKey = connection.key("reader-languages");
  const channel = connection.key("reader-languages");
  const subscriber = followChannel(
    connection,
    channel,
    (message) => {
      const [userId, locale] = message.split(" ");
      if (userId && isLocale(locale)) cache.put(Number(userId), locale);
    },
    (error) => logger.warn({ error: describeError(error) }, "redis: cannot follow other instances' /language choices"),
  );

  return {
    get(userId) {
      const known = cache.peek(userId);
      if (known !== undefined) return known ?? undefined;
      if (!connection.up) return undefined; // not cached: asked again once Redis is back
      return connection
        .run(() => connection.client.hget(hashKey, String(userId)))
        .then(
          (stored) => {
            const locale = isLocale(stored) ? stored : null;
            // A choice announced while this read was on its way wins over it.
            if (cache.peek(userId) === undefined) cache.put(userId, locale);
            return cache.peek(userId) ?? undefined;
          },
          (err: unknown) => {
            logger.debug({ error: describeError(err), userId }, "redis away: a reader's language taken from Telegram");
            return undefined;
          },
        );
    },
    async set(userId, locale) {
      cache.put(userId, locale);
      try {
        await connection.run(() => connection.client.multi().hset(hashKey, String(userId), locale).publish(channel, `${userId} ${locale}`).exec());
      } catch (err) {
        logger.warn({ error: describeError(err), userId }, "redis away: a /language choice kept in this instance only");
      }
    },
    async close() {
      subscriber.disconnect();
    },
  };
}
