import type { Api } from "grammy";
import type { Logger } from "pino";
import type { AdminNotifier } from "../notices/admin-notifier";
import type { Article } from "../content/article-schema";
import type { Locale } from "../i18n/locale";
import type { Library } from "../library/library";
import { cardContent, renderCardPng } from "../render/render-card";
import type { ChannelStorage } from "./channel-storage";
import { PUBLISH_TIMEOUT_MS, type ChannelDeps } from "./channel-deps";
import { createChannelPublisher, type ChannelMetrics, type ChannelPublisherOptions } from "./channel-publisher";

export interface CreateChannelOptions {
  channelId: string;
  autopost: boolean;
  /** AUTOPOST_MAX_AGE in ms; unset: no limit. */
  autopostMaxAgeMs?: number;
  /** CHANNEL_CARD: each post a summary card with the post as its caption. */
  card?: boolean;
  /** CHANNEL_LANGUAGE: the language of every post and card. @default each article's own `language` */
  language?: Locale;
  adminIds: readonly number[];
  /** The ledger, the conversations and the poster lease: SQLite in DATA_DIR, or Redis (`openSharedState`). */
  storage: ChannelStorage;
  /** An `Api` for the channel alone, with no transformers: the publisher does its own retrying. */
  channelApi: Api;
  notifier: AdminNotifier;
  botUsername: () => string;
  library: () => Library;
  logger: Logger;
  /** Where the posts and the poster lease are counted: the process's `metrics`. @default nowhere */
  metrics?: ChannelMetrics;
  /** Overrides for tests: limits, clock, backoff. */
  publisher?: Partial<ChannelPublisherOptions>;
  publishTimeoutMs?: number;
}

/** Builds the publisher over the channel's storage, and what the admin commands need. */
export function createChannel(options: CreateChannelOptions) {
  const { ledger, lease, conversations, available } = options.storage;
  const card = options.card ? (article: Article) => renderCardPng(cardContent(article, options.language)) : undefined;
  const publisher = createChannelPublisher({
    api: options.channelApi,
    ledger,
    lease,
    channelId: options.channelId,
    botUsername: options.botUsername,
    library: options.library,
    autopost: options.autopost,
    autopostMaxAgeMs: options.autopostMaxAgeMs,
    ...(card ? { card } : {}),
    ...(options.language ? { postLanguage: options.language } : {}),
    notifyAdmins: options.notifier.notifyAdmins,
    notifyAdmin: options.notifier.notifyAdmin,
    logger: options.logger.child({ channel: options.channelId }),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...options.publisher,
  });
  const deps: ChannelDeps = {
    channelId: options.channelId,
    autopost: options.autopost,
    ...(card ? { card } : {}),
    ...(options.language ? { language: options.language } : {}),
    adminIds: new Set(options.adminIds),
    publisher,
    conversations,
    storageAvailable: available,
    publishTimeoutMs: options.publishTimeoutMs ?? PUBLISH_TIMEOUT_MS,
    publishTimers: new Map(),
  };
  return {
    deps,
    ledger,
    publisher,
    /** Stops the publisher (a send in flight is recorded first) and the /publish timers; the storage is closed by its owner. */
    async close(): Promise<void> {
      await publisher.stop();
      for (const timer of deps.publishTimers.values()) clearTimeout(timer);
    },
  };
}

export type Channel = ReturnType<typeof createChannel>;
