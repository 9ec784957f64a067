import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { config as loadDotenv } from "dotenv";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, GrammyError, type Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import { autopostMaxAgeMs, isAutopostOn, parseConfig, type Config } from "./app/config";
import { openSharedState, type SharedState } from "./app/create-shared-state";
import { createShutdown, type Shutdown } from "./app/shutdown";
import { describeError, summariseError } from "./base/describe-error";
import { metrics } from "./base/metrics";
import { allowedUpdates } from "./bot/allowed-updates";
import type { BriefingContext } from "./bot/context";
import { registerMenus } from "./bot/menus";
import { registerAdminCommands } from "./bot/features/channel-admin";
import { CHANNEL_REQUEST_TIMEOUT_SECONDS } from "./channel/channel-publisher";
import { createChannel, type Channel } from "./channel/create-channel";
import { createLiveContent } from "./library/live-content";
import type { ArticleStore } from "./newsroom/article-store";
import { downloadFile } from "./newsroom/download-file";
import { createNewsroomService } from "./newsroom/newsroom-service";
import { createAdminNotifier, type AdminNotifier } from "./notices/admin-notifier";
import { createRuntimeBot } from "./runtime/create-runtime-bot";
import { createHealth, type Health } from "./runtime/health";
import { startHttpServer } from "./runtime/http-server";
import { createInFlight, type InFlight } from "./runtime/in-flight";
import { createLogger, createRedactor, defaultLogFormat } from "./runtime/logger";
import { startPolling as pollForUpdates } from "./runtime/polling";
import { retryStartUpCall } from "./runtime/retry-start-up-call";
import { onStopSignals } from "./runtime/stop-signals";
import { createWebhook, type Webhook } from "./runtime/webhook";

/**
 * `npm start`: checks the configuration and the content, then takes updates
 * by long polling or by webhook until SIGINT or SIGTERM, and then stops
 * cleanly: no more updates taken, those taken handled, exit 0.
 *
 * The start-up story, one phase after another: configure, open the services,
 * build the bot, start polling or the webhook. Each phase adds what it opens
 * to one shutdown list, which a stop runs in reverse.
 */
async function main(): Promise<void> {
  const { config, logger, redact } = configure();
  const health = createHealth({ status: "starting", reason: "loading content" });
  const inFlight = createInFlight();
  const shutdown = createShutdown(logger);
  /** Stops taking updates, finishes those in flight, stops the rest (the shutdown list, in reverse), exits. */
  const stop = async (reason: string, code: 0 | 1) => {
    if (shutdown.stopping) return;
    health.set({ status: "stopping", reason });
    logger.info({ reason, in_flight: inFlight.size }, "stopping: taking no more updates, finishing those in flight");
    const exitCode = (await shutdown.run(code)) ?? code;
    logger.info({ exit_code: exitCode }, "stopped");
    process.exit(exitCode);
  };
  onStopSignals((signal) => void stop(signal, 0), logger);
  const startUp: StartUp = { config, logger, redact, health, inFlight, shutdown };

  const services = await openServices(startUp);
  const bot = await buildBot(startUp, services);
  if (shutdown.stopping) return;

  if (config.BOT_MODE === "polling") await startPolling({ ...startUp, config }, bot, () => void stop("polling failed", 1));
  else await startWebhook({ ...startUp, config }, bot, services);
  if (shutdown.stopping) return;
  health.set({ status: "ready", mode: config.BOT_MODE, username: bot.botInfo.username });
  logger.info({ mode: config.BOT_MODE, username: bot.botInfo.username, allowed_updates: allowedUpdates }, "taking updates");
}

type PollingConfig = Extract<Config, { BOT_MODE: "polling" }>;
type WebhookConfig = Extract<Config, { BOT_MODE: "webhook" }>;

/** What every phase of start-up is given. */
interface StartUp<C extends Config = Config> {
  config: C;
  logger: Logger;
  /** Replaces the secrets (token, webhook secret, Redis password) in a message for stderr. */
  redact: (text: string) => string;
  health: Health;
  inFlight: InFlight;
  shutdown: Shutdown;
}

/** What `openServices` opened: the services the bot is built on. */
interface Services {
  notifier: AdminNotifier;
  live: ReturnType<typeof createLiveContent>;
  shared: SharedState;
  /** Articles editors add from Telegram: CONTENT_DIR itself, or (with Redis) every instance's copy of the shared ones. */
  articleStore: ArticleStore;
  /** The webhook the HTTP server hands its requests to, once `startWebhook` sets it (until then: 503, and Telegram retries). */
  webhookSlot: { webhook?: Webhook };
}

/** Configure: reads .env and the environment (exit 2 on a bad setting), then the logger and the last-resort error handlers. */
function configure(): { config: Config; logger: Logger; redact: (text: string) => string } {
  loadDotenv({ quiet: true });
  const parsed = parseConfig(process.env);
  if (!parsed.ok) fail(parsed.problems.join("\n"), 2);
  const config: Config = parsed.config;
  const redisPassword = config.REDIS_URL === undefined ? "" : decodeURIComponent(new URL(config.REDIS_URL).password);
  const secrets = [config.BOT_TOKEN, ...(config.BOT_MODE === "webhook" ? [config.WEBHOOK_SECRET] : []), ...(redisPassword ? [redisPassword] : [])];
  const redact = createRedactor(secrets);
  const logger = createLogger({
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT ?? defaultLogFormat(process.env, process.stdout.isTTY),
    secrets,
  });
  process.on("uncaughtException", (error) => {
    logger.fatal({ error: describeError(error) }, "uncaught exception");
    process.exit(1);
  });
  process.on("unhandledRejection", (error) => {
    logger.fatal({ error: describeError(error) }, "unhandled rejection");
    process.exit(1);
  });
  if (config.BOT_MODE === "polling" && process.env.WEBHOOK_URL) logger.warn("WEBHOOK_URL is set but BOT_MODE is polling: the webhook settings are ignored");
  if (config.BOT_MODE === "polling" && config.REDIS_URL) logger.warn("REDIS_URL is set in polling mode: Telegram lets one instance poll at a time; run several instances in webhook mode");
  return { config, logger, redact };
}

/**
 * Open the services: the HTTP server (/healthz from the first moment), the admins' notices,
 * the content (exit 1 on a problem, before contacting Telegram), and the shared state.
 */
async function openServices({ config, logger, redact, health, shutdown }: StartUp): Promise<Services> {
  const webhookSlot: Services["webhookSlot"] = {};
  if (config.BOT_MODE === "webhook" || config.PORT !== undefined) {
    const port = config.PORT ?? 0;
    try {
      const server = await startHttpServer({
        host: config.HOST,
        port,
        health,
        registry: metrics.registry,
        logger,
        ...(config.BOT_MODE === "webhook" ? { webhook: { path: new URL(config.WEBHOOK_URL).pathname, handler: () => webhookSlot.webhook?.handle } } : {}),
      });
      shutdown.add("the HTTP server", () => server.close());
    } catch (error) {
      fail(`Cannot start: cannot listen on ${config.HOST}:${port} (${summariseError(error)}).`, 1, redact);
    }
  }

  // Admins' notices (uncertain posts, broken content) go through their own Api, retried on 429 and 5xx.
  const noticeApi = new Api(config.BOT_TOKEN, { apiRoot: config.BOT_API_ROOT });
  noticeApi.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));
  const notifier = createAdminNotifier(noticeApi, config.ADMIN_IDS ?? [], logger);
  const live = createLiveContent({ dir: config.CONTENT_DIR, logger, notifier, snapshotDir: contentSnapshotDir(config.CONTENT_DIR, config.DATA_DIR, config.REDIS_URL) });
  const content = await live.load();
  if (!content.ok) {
    fail(`Cannot start: the content in ${config.CONTENT_DIR} has problems:\n${content.problems.map((p) => `  ${p.replaceAll("\n", "\n  ")}`).join("\n")}`, 1);
  }

  // Every piece of state shared between instances: SQLite in DATA_DIR, or Redis with REDIS_URL.
  const storageProblems = new Set<string>();
  const shared = await openSharedState({
    redisUrl: config.REDIS_URL,
    dataDir: config.DATA_DIR,
    botId: config.BOT_TOKEN.split(":")[0] ?? "bot",
    leaseMs: config.REDIS_LEASE_MS,
    logger,
    onProblem: (source, reason) => {
      health.setProblem(source, reason);
      if (reason === undefined) storageProblems.delete(source);
      else storageProblems.add(source);
      metrics.sharedStorageUp.set(storageProblems.size === 0 ? 1 : 0);
    },
  });
  shutdown.add("the shared state", () => shared.close());
  const articleStore = shared.articles(config.CONTENT_DIR);
  if (shared.kind === "redis") {
    try {
      if (await articleStore.sync()) await live.reload();
    } catch (error) {
      logger.warn({ error: describeError(error) }, "newsroom: cannot read the shared articles yet; serving CONTENT_DIR as it is and trying again");
    }
  }
  return { notifier, live, shared, articleStore, webhookSlot };
}

/**
 * Build the bot: the channel and the newsroom over the services, the bot over them, then
 * Telegram asked who the bot is (getMe: exit 2 on a refused token), its menus set, and the
 * channel's publisher, the content watcher and the newsroom started.
 */
async function buildBot({ config, logger, redact, health, shutdown }: StartUp, services: Services): Promise<Bot<BriefingContext>> {
  const { notifier, live, shared, articleStore } = services;
  // The channel's posts link to the bot by its username, which getMe tells below; the publisher starts after that.
  let me: UserFromGetMe | undefined;
  const botUsername = () => {
    if (me === undefined) throw new Error("the bot's username was read before getMe answered");
    return me.username;
  };
  const channel = createChannelIfSet({ config, logger, redact }, services, botUsername);
  live.onChange(() => channel?.publisher.sync());
  const newsroomService = createNewsroomService({
    store: articleStore,
    ledger: () => shared.feedLedger(),
    content: live,
    notifier,
    logger,
    feedUrls: config.FEED_URLS ?? [],
    feedIntervalMs: config.FEED_INTERVAL * 1000,
    withChannel: channel !== undefined,
    syncIntervalMs: shared.kind === "redis" ? 2000 : 0,
  });
  const newsroom = {
    adminIds: new Set(config.ADMIN_IDS ?? []),
    newsroom: newsroomService.newsroom,
    download: (fileId: string, api: Api) => downloadFile(api, config.BOT_API_ROOT, config.BOT_TOKEN, fileId),
  };
  const deps = { library: live.library, chatArticles: shared.chatArticles, readerLanguages: shared.readerLanguages, logger, channel: channel?.deps, newsroom };
  const bot = createRuntimeBot(config.BOT_TOKEN, deps, { apiRoot: config.BOT_API_ROOT }, { spam: { store: shared.spamCounters } });

  health.set({ status: "starting", reason: "contacting Telegram" });
  try {
    me = await retryStartUpCall(`getMe at ${config.BOT_API_ROOT}`, () => bot.api.getMe(), logger);
    bot.botInfo = me;
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      fail("Telegram refused BOT_TOKEN (401 Unauthorized): check the token with @BotFather, or try the bot without one: npm run demo.", 2);
    }
    fail(`Cannot start: the Bot API at ${config.BOT_API_ROOT} refused getMe (${summariseError(error)}).`, 1, redact);
  }
  await registerMenus(bot.api, logger);
  if (channel) {
    if ((config.ADMIN_IDS ?? []).length === 0) logger.warn("CHANNEL_ID is set but ADMIN_IDS is empty: /publish and /status refuse everyone, and notices are only logged");
    await registerAdminCommands(bot.api, config.ADMIN_IDS ?? [], logger);
    await channel.publisher.start();
    // After the shared state in the list, so stopped before it: a send in flight is recorded first.
    shutdown.add("the channel", () => channel.close());
  }
  live.start();
  shutdown.add("the content watcher", () => live.stop());
  newsroomService.start();
  shutdown.add("the newsroom", () => newsroomService.stop());
  logger.info(
    { articles: live.library().articles.length, channel: config.CHANNEL_ID, autopost: isAutopostOn(config), autopostMaxAgeHours: config.AUTOPOST_MAX_AGE },
    "content loaded",
  );
  return bot;
}

/** The channel, when CHANNEL_ID is set: its ledger opened (exit 1 if it cannot be), its publisher not started yet. */
function createChannelIfSet(
  { config, logger, redact }: Pick<StartUp, "config" | "logger" | "redact">,
  { shared, live, notifier }: Services,
  botUsername: () => string,
): Channel | undefined {
  if (config.CHANNEL_ID === undefined) return undefined;
  try {
    return createChannel({
      channelId: config.CHANNEL_ID,
      autopost: isAutopostOn(config),
      autopostMaxAgeMs: autopostMaxAgeMs(config),
      card: config.CHANNEL_CARD,
      ...(config.CHANNEL_LANGUAGE ? { language: config.CHANNEL_LANGUAGE } : {}),
      adminIds: config.ADMIN_IDS ?? [],
      storage: shared.channel(),
      channelApi: new Api(config.BOT_TOKEN, { apiRoot: config.BOT_API_ROOT, timeoutSeconds: CHANNEL_REQUEST_TIMEOUT_SECONDS }),
      notifier,
      botUsername,
      library: live.library,
      logger,
      metrics,
    });
  } catch (error) {
    fail(`Cannot start: cannot open the post ledger in DATA_DIR (${config.DATA_DIR}): ${summariseError(error)}`, 1, redact);
  }
}

/** Start polling: the webhook removed (updates waiting for it are kept), then long polling until a stop, or `onFailure`. */
async function startPolling({ config, logger, redact, inFlight, shutdown }: StartUp<PollingConfig>, bot: Bot<BriefingContext>, onFailure: () => void): Promise<void> {
  try {
    // A webhook left set would make every getUpdates fail with 409; updates waiting for it are kept.
    await retryStartUpCall("deleteWebhook", () => bot.api.deleteWebhook({ drop_pending_updates: false }), logger);
  } catch (error) {
    fail(`Cannot start: cannot remove the webhook (${summariseError(error)}).`, 1, redact);
  }
  if (shutdown.stopping) return;
  // BOT_POLLING=sequential (a diagnostic) keeps the same polling with one update at a time.
  const concurrency = config.BOT_POLLING === "sequential" ? 1 : undefined;
  const polling = pollForUpdates(bot, { allowedUpdates, inFlight, logger, concurrency, onFailure });
  shutdown.add("polling", async () => {
    await polling.stop();
    await inFlight.drained();
  });
}

/** Start the webhook: the HTTP server's webhook path handed updates, then Telegram told where to send them. */
async function startWebhook(
  { config, logger, redact, inFlight, shutdown }: StartUp<WebhookConfig>,
  bot: Bot<BriefingContext>,
  { shared, webhookSlot }: Services,
): Promise<void> {
  const webhook = createWebhook({
    handleUpdate: (update) => bot.handleUpdate(update),
    secret: config.WEBHOOK_SECRET,
    recentUpdateIds: shared.recentUpdateIds,
    inFlight,
    metrics,
    logger,
  });
  webhookSlot.webhook = webhook;
  shutdown.add("the webhook", async () => {
    webhook.stopTaking();
    await inFlight.drained();
  });
  try {
    const options = { secret_token: config.WEBHOOK_SECRET, allowed_updates: allowedUpdates, drop_pending_updates: false };
    await retryStartUpCall("setWebhook", () => bot.api.setWebhook(config.WEBHOOK_URL, options), logger);
  } catch (error) {
    fail(`Cannot start: Telegram did not accept the webhook ${config.WEBHOOK_URL} (${summariseError(error)}).`, 1, redact);
  }
}

/** Stops start-up with a sentence on stderr (secrets replaced) and an exit code: 2 for a configuration to fix, 1 otherwise. */
function fail(message: string, code: 1 | 2, redact: (text: string) => string = (text) => text): never {
  console.error(redact(message));
  process.exit(code);
}

/**
 * Where this instance keeps its content snapshot and saved search index (a cache of CONTENT_DIR,
 * not state): DATA_DIR; with REDIS_URL, where DATA_DIR holds nothing, a folder of the machine's
 * own for this CONTENT_DIR, so each instance (each machine or container) keeps its own.
 */
function contentSnapshotDir(contentDir: string, dataDir: string, redisUrl: string | undefined): string {
  if (redisUrl === undefined) return dataDir;
  const key = createHash("sha256").update(resolve(contentDir)).digest("hex").slice(0, 16);
  return join(tmpdir(), `briefing-content-snapshot-${key}`);
}

await main();
