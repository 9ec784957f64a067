import type { Api } from "grammy";
import type { Logger } from "pino";
import type { AdminNotifier } from "../admin-notifier";
import type { Library } from "../library";
import { openChannelDatabase } from "./channel-database";
import { PUBLISH_TIMEOUT_MS, type ChannelDeps } from "./channel-deps";
import { createChannelPublisher, type ChannelPublisherOptions } from "./channel-publisher";
import { createConversationStore } from "./conversation-store";
import { createPostLedger } from "./post-ledger";

export interface CreateChannelOptions {
  channelId: string;
  autopost: boolean;
  adminIds: readonly number[];
  /** DATA_DIR, or `:memory:` (the demo). */
  dataDir: string;
  /** An `Api` for the channel alone, with no transformers: the publisher does its own retrying. */
  channelApi: Api;
  notifier: AdminNotifier;
  botUsername: () => string;
  library: () => Library;
  logger: Logger;
  /** Overrides for tests: limits, clock, backoff. */
  publisher?: Partial<ChannelPublisherOptions>;
  publishTimeoutMs?: number;
}

/** Opens the channel database in DATA_DIR and builds the ledger, the publisher and what the admin commands need. */
export function createChannel(options: CreateChannelOptions) {
  const db = openChannelDatabase(options.dataDir);
  const ledger = createPostLedger(db);
  const publisher = createChannelPublisher({
    api: options.channelApi,
    ledger,
    channelId: options.channelId,
    botUsername: options.botUsername,
    library: options.library,
    autopost: options.autopost,
    notifyAdmins: options.notifier.notifyAdmins,
    notifyAdmin: options.notifier.notifyAdmin,
    logger: options.logger.child({ channel: options.channelId }),
    ...options.publisher,
  });
  const deps: ChannelDeps = {
    channelId: options.channelId,
    autopost: options.autopost,
    adminIds: new Set(options.adminIds),
    publisher,
    conversations: createConversationStore(db),
    publishTimeoutMs: options.publishTimeoutMs ?? PUBLISH_TIMEOUT_MS,
    publishTimers: new Map(),
  };
  return {
    deps,
    ledger,
    publisher,
    /** Stops the publisher (a send in flight is recorded first), the /publish timers, and closes the database. */
    async close(): Promise<void> {
      await publisher.stop();
      for (const timer of deps.publishTimers.values()) clearTimeout(timer);
      db.close();
    },
  };
}

export type Channel = ReturnType<typeof createChannel>;
