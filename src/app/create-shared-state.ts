import { randomUUID } from "node:crypto";
import { describeError } from "../base/describe-error";
import type { Logger } from "pino";
import { createMemoryChatArticleStore, type ChatArticleStore } from "../bot/chat-articles";
import { createRedisChatArticleStore } from "../bot/redis-chat-articles";
import { createSqliteReaderLanguageStore, type ReaderLanguageStore } from "../bot/reader-languages";
import { createRedisReaderLanguageStore } from "../bot/redis-reader-languages";
import { createMemorySpamCounters, type SpamCounterStore } from "../bot/spam-limit";
import { isNewChannelDatabase, openChannelDatabase, type ChannelDatabase } from "../channel/channel-database";
import type { ChannelStorage } from "../channel/channel-storage";
import { createSqliteConversationStore } from "../channel/conversation-store";
import { createSoleLease } from "../channel/poster-lease";
import { createRedisConversationStore } from "../channel/redis-conversation-store";
import { createRedisPostLedger } from "../channel/redis-post-ledger";
import { createRedisPosterLease } from "../channel/redis-poster-lease";
import { createSqlitePostLedger } from "../channel/sqlite-post-ledger";
import { createMemoryRecentUpdateIds, type RecentUpdateIds } from "../runtime/recent-update-ids";
import { createRedisRecentUpdateIds } from "../runtime/redis-recent-update-ids";
import { createFileArticleStore, createRedisArticleStore, type ArticleStore } from "../newsroom/article-store";
import { createRedisFeedLedger, openSqliteFeedLedger, type FeedLedger } from "../newsroom/feed-ledger";
import { connectRedis, type RedisConnection } from "../storage/redis-connection";
import { createRedisSpamCounters } from "../bot/spam-limiter-storage";

/**
 * Every piece of state the bot shares between its processes, in one place:
 * embedded (SQLite in DATA_DIR, update_ids in memory) or Redis. Features are
 * given these interfaces and never ask which it is.
 */
export interface SharedState {
  kind: "embedded" | "redis";
  /** Webhook update_ids seen, so a redelivery is handled once. */
  recentUpdateIds: RecentUpdateIds;
  /** Each chat's choice from /articles. */
  chatArticles: ChatArticleStore;
  /** Each reader's choice from /language: SQLite in DATA_DIR, or Redis for every instance. */
  readerLanguages: ReaderLanguageStore;
  /** The channel's storage, opened on first use (only when CHANNEL_ID is set). */
  channel(): ChannelStorage;
  /** The spam limiter's counters (`@grammyjs/ratelimiter`'s `storageClient`): in memory, or in Redis for every instance. */
  spamCounters: SpamCounterStore;
  /** Where articles editors add from Telegram are kept: CONTENT_DIR itself, or Redis mirrored into it. */
  articles(contentDir: string): ArticleStore;
  /** The feeds' items and notices, claimed before they are acted on (opened on first use). */
  feedLedger(): FeedLedger;
  /** Closes the database or the connections (after the channel has stopped). */
  close(): Promise<void>;
}

export interface SharedStateOptions {
  /** REDIS_URL; unset: embedded. */
  redisUrl?: string;
  /** DATA_DIR, or `:memory:` (the demo). */
  dataDir: string;
  /** The bot's id (the token's first part): Redis keys start with `briefing:<id>:`, so bots sharing a Redis keep apart. */
  botId: string;
  /** REDIS_LEASE_MS: the poster lease's TTL, and how long a silent instance counts as alive. */
  leaseMs?: number;
  logger: Logger;
  /** Told of a problem with the shared storage (`reason`), and when it is over (`undefined`): for /healthz. */
  onProblem?: (source: string, reason: string | undefined) => void;
  /** How long start-up waits for Redis before going on without it (it connects in milliseconds when it is there). @default 2 000 */
  connectWaitMs?: number;
}

/** Opens the shared state that the configuration asks for: the one place that chooses. */
export async function openSharedState(options: SharedStateOptions): Promise<SharedState> {
  return options.redisUrl === undefined ? openEmbeddedState(options.dataDir, options.logger) : openRedisState({ ...options, redisUrl: options.redisUrl });
}

/** SQLite in DATA_DIR (the channel's database, opened only if there is a channel) and update_ids in memory. */
export function openEmbeddedState(dataDir: string, logger?: Logger): SharedState {
  let db: ChannelDatabase | undefined;
  let channel: ChannelStorage | undefined;
  let feeds: FeedLedger | undefined;
  const readerLanguages = createSqliteReaderLanguageStore(dataDir, (err) =>
    logger?.error({ err }, `cannot keep readers' languages in ${dataDir}; /language choices are kept in memory until a restart`),
  );
  return {
    kind: "embedded",
    recentUpdateIds: createMemoryRecentUpdateIds(),
    chatArticles: createMemoryChatArticleStore(),
    readerLanguages,
    channel() {
      db ??= openChannelDatabase(dataDir);
      // A ledger in memory (the demo) is new by design, with nothing to protect: only a new DATA_DIR counts as new.
      const created = dataDir !== ":memory:" && isNewChannelDatabase(db);
      channel ??= { ledger: createSqlitePostLedger(db, { created }), conversations: createSqliteConversationStore(db), lease: createSoleLease(), available: () => true };
      return channel;
    },
    spamCounters: createMemorySpamCounters(),
    articles: (contentDir) => createFileArticleStore(contentDir),
    feedLedger() {
      feeds ??= openSqliteFeedLedger(dataDir);
      return feeds;
    },
    async close() {
      db?.close();
      readerLanguages.close();
      await feeds?.close();
    },
  };
}

async function openRedisState(options: SharedStateOptions & { redisUrl: string }): Promise<SharedState> {
  const { logger } = options;
  const instanceId = randomUUID();
  const leaseMs = options.leaseMs ?? 15_000;
  const report = options.onProblem ?? (() => {});
  const connection: RedisConnection = connectRedis({
    url: options.redisUrl,
    prefix: `briefing:${options.botId}:`,
    logger: logger.child({ storage: "redis" }),
    name: `briefing-${instanceId}`,
    onProblem: (reason) => report("redis", reason),
  });
  if (await connection.whenUp(options.connectWaitMs ?? 2000)) void warnIfNotPersistent(connection, logger);
  else logger.warn("redis: not reachable at start; going on without it (answering from memory, not posting) and retrying");

  const leaseKey = connection.key("poster");
  const chatArticles = createRedisChatArticleStore(connection, logger);
  const readerLanguages = createRedisReaderLanguageStore(connection, logger);
  let channel: ChannelStorage | undefined;
  let ledgerGoneLogged = false;
  return {
    kind: "redis",
    recentUpdateIds: createRedisRecentUpdateIds(connection, logger),
    chatArticles,
    readerLanguages,
    channel() {
      channel ??= {
        ledger: createRedisPostLedger(connection, {
          instanceId,
          staleMs: leaseMs,
          leaseKey,
          onProblem: (reason) => {
            if (reason !== undefined && !ledgerGoneLogged) logger.error(`redis: ${reason}`);
            ledgerGoneLogged = reason !== undefined;
            report("ledger", reason);
          },
        }),
        conversations: createRedisConversationStore(connection),
        lease: createRedisPosterLease(connection, { key: leaseKey, instanceId, ttlMs: leaseMs, logger }),
        available: () => connection.up,
      };
      return channel;
    },
    spamCounters: createRedisSpamCounters(connection),
    articles: (contentDir) => createRedisArticleStore(connection, contentDir, logger.child({ storage: "redis" })),
    feedLedger: () => createRedisFeedLedger(connection),
    async close() {
      await chatArticles.close();
      await readerLanguages.close();
      await connection.close();
    },
  };
}

/** The ledger must survive a restart of Redis: warn when Redis writes nothing to disk. */
async function warnIfNotPersistent(connection: RedisConnection, logger: Logger): Promise<void> {
  try {
    const [, appendonly] = (await connection.client.config("GET", "appendonly")) as string[];
    const [, save] = (await connection.client.config("GET", "save")) as string[];
    if (appendonly !== "yes" && !save) {
      logger.warn("redis: keeps nothing on disk (appendonly no, no save points): if Redis restarts, the ledger is lost and posting stops; turn on appendonly");
    } else if (appendonly !== "yes") {
      logger.warn("redis: appendonly is off: a crash of Redis loses what changed since its last snapshot, posts included; turn on appendonly");
    }
  } catch (error) {
    // Managed services often disable CONFIG: nothing to check then.
    logger.debug({ error: describeError(error) }, "redis: cannot read its persistence settings");
  }
}
