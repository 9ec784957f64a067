import { openEmbeddedState } from "../../src/app/create-shared-state";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, type ApiClientOptions } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import pino, { type Logger } from "pino";
import { createAdminNotifier } from "../../src/notices/admin-notifier";
import { createMemoryChatArticleStore } from "../../src/bot/chat-articles";
import type { NewsroomDeps } from "../../src/bot/context";
import type { SpamLimitOptions } from "../../src/bot/spam-limit";
import { CHANNEL_REQUEST_TIMEOUT_SECONDS, type ChannelPublisherOptions } from "../../src/channel/channel-publisher";
import { createChannel } from "../../src/channel/create-channel";
import type { Article } from "../../src/content/article-schema";
import { createLibrary } from "../../src/library/library";
import { localBotInfo } from "../../src/demo/local-bot-api";
import { createRuntimeBot } from "../../src/runtime/create-runtime-bot";
import { createRedactor } from "../../src/runtime/logger";
import { testToken } from "./test-bot";

/** A logger that keeps its lines (JSON, secrets redacted as in production), parsed on demand. */
export function captureLogs(secrets: readonly string[] = [testToken], level = "info") {
  const lines: string[] = [];
  const logger = pino({ level, hooks: { streamWrite: createRedactor(secrets) } }, { write: (line: string) => void lines.push(line) });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown> & { msg?: string; level: number }) };
}

export interface RuntimeTestBotOptions {
  articles: Article[];
  /** grammY's client options for the bot: a local `fetch`, or the stand-in's `apiRoot`. */
  client: ApiClientOptions;
  /** The channel's own client options (main.ts builds its `Api` apart). @default client */
  channelClient?: ApiClientOptions;
  logger: Logger;
  token?: string;
  botInfo?: UserFromGetMe;
  /** Without one, no channel (CHANNEL_ID unset). */
  channelId?: string;
  adminIds?: readonly number[];
  autopost?: boolean;
  publisher?: Partial<ChannelPublisherOptions>;
  spam?: SpamLimitOptions;
  /** The newsroom's chat flow (documents, links, drafts' buttons); none unless given. */
  newsroom?: NewsroomDeps;
}

/**
 * The bot wired as src/main.ts wires it for `npm start` (createRuntimeBot; the
 * channel with its own `Api`, its ledger and /publish conversations in SQLite
 * in memory; admins' notices through an `Api` with auto-retry), in this
 * process, its `botInfo` preset. Updates go in through `bot.handleUpdate`.
 */
export function createRuntimeTestBot(options: RuntimeTestBotOptions) {
  const token = options.token ?? testToken;
  const { logger } = options;
  let library = createLibrary(options.articles);
  const adminIds = options.adminIds ?? [];
  // As main.ts: notices retried on 429 and 5xx.
  const noticeApi = new Api(token, options.channelClient ?? options.client);
  noticeApi.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));
  const notifier = createAdminNotifier(noticeApi, adminIds, logger);
  const botInfo = options.botInfo ?? localBotInfo;
  const channel =
    options.channelId === undefined
      ? undefined
      : createChannel({
          channelId: options.channelId,
          autopost: options.autopost ?? false,
          adminIds,
          storage: openEmbeddedState(":memory:").channel(),
          channelApi: new Api(token, { timeoutSeconds: CHANNEL_REQUEST_TIMEOUT_SECONDS, ...(options.channelClient ?? options.client) }),
          notifier,
          botUsername: () => botInfo.username,
          library: () => library,
          logger,
          ...(options.publisher ? { publisher: options.publisher } : {}),
        });
  const deps = { library: () => library, chatArticles: createMemoryChatArticleStore(), logger, channel: channel?.deps, newsroom: options.newsroom };
  const bot = createRuntimeBot(token, deps, options.client, options.spam ? { spam: options.spam } : {});
  bot.botInfo = botInfo;
  return {
    bot,
    channel,
    library: () => library,
    /** Swaps the content, as a reload does, and lets the channel see it. */
    async setArticles(articles: Article[]): Promise<void> {
      library = createLibrary(articles);
      await channel?.publisher.sync();
    },
  };
}
