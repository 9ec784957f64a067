import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { config as loadDotenv } from "dotenv";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, GrammyError } from "grammy";
import { createAdminNotifier } from "./notices/admin-notifier";
import { allowedUpdates } from "./bot/allowed-updates";
import { registerMenus } from "./bot/menus";
import { registerAdminCommands } from "./bot/features/channel-admin";
import { CHANNEL_REQUEST_TIMEOUT_SECONDS } from "./channel/channel-publisher";
import { createChannel, type Channel } from "./channel/create-channel";
import { autopostMaxAgeMs, isAutopostOn, parseConfig, type Config } from "./config";
import { createLiveContent } from "./library/live-content";
import { metrics } from "./metrics";
import { describeError, summarizeError } from "./runtime/describe-error";
import { createHealth } from "./runtime/health";
import { startHttpServer, type HttpServer } from "./runtime/http-server";
import { createInFlight } from "./runtime/in-flight";
import { createRuntimeBot } from "./runtime/create-runtime-bot";
import { createLogger, createRedactor, defaultLogFormat } from "./runtime/logger";
import { startPolling, type Polling } from "./runtime/polling";
import { onStopSignals } from "./runtime/stop-signals";
import { retryStartUpCall } from "./runtime/retry-start-up-call";
import { createWebhook, type Webhook } from "./runtime/webhook";
import { openSharedState, type SharedState } from "./storage/create-shared-state";
import { downloadFile } from "./newsroom/download-file";
import { createNewsroomService } from "./newsroom/newsroom-service";

/** Stops start-up with a sentence on stderr (secrets replaced) and an exit code: 2 for a configuration to fix, 1 otherwise. */
function fail(message: string, code: 1 | 2, redact: (text: string) => string = (text) => text): never {
  console.error(redact(message));
  process.exit(code);
}

/**
 * `npm start`: checks the configuration and the content, then takes updates
 * by long polling or by webhook until SIGINT or SIGTERM, and then stops
 * cleanly: no more updates taken, those taken handled, exit 0.
 */
async function main(): Promise<void> {
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

  const health = createHealth({ status: "starting", reason: "loading content" });
  const inFlight = createInFlight();
  let webhook: Webhook | undefined;
  let polling: Polling | undefined;
  let server: HttpServer | undefined;
  let stopping = false;
  /** State to write out before exiting, once no update is in flight (a database to close, say). */
  const flushOnStop: Array<() => unknown> = [];

  /** Stops taking updates, finishes those in flight, flushes state, closes the server, exits. */
  const stop = async (reason: string, code: 0 | 1) => {
    if (stopping) return;
    stopping = true;
    let exitCode = code;
    health.set({ status: "stopping", reason });
    logger.info({ reason, in_flight: inFlight.size }, "stopping: taking no more updates, finishing those in flight");
    webhook?.stopTaking();
    await polling?.stop();
    await inFlight.drained();
    for (const flush of flushOnStop) {
      try {
        await flush();
      } catch (error) {
        logger.error({ error: describeError(error) }, "could not flush state");
        exitCode = 1;
      }
    }
    await server?.close();
    logger.info({ exit_code: exitCode }, "stopped");
    process.exit(exitCode);
  };
  onStopSignals((signal) => void stop(signal, 0), logger);

  if (config.BOT_MODE === "webhook" || config.PORT !== undefined) {
    const port = config.PORT ?? 0;
    try {
      server = await startHttpServer({
        host: config.HOST,
        port,
        health,
        registry: metrics.registry,
        logger,
        ...(config.BOT_MODE === "webhook" ? { webhook: { path: new URL(config.WEBHOOK_URL).pathname, handler: () => webhook?.handle } } : {}),
      });
    } catch (error) {
      fail(`Cannot start: cannot listen on ${config.HOST}:${port} (${summarizeError(error)}).`, 1, redact);
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
  const shared: SharedState = await openSharedState({
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
  flushOnStop.push(() => shared.close());
  // Articles editors add from Telegram: CONTENT_DIR itself, or (with Redis) every instance's copy of the shared ones.
  const articleStore = shared.articles(config.CONTENT_DIR);
  if (shared.kind === "redis") {
    try {
      if (await articleStore.sync()) await live.reload();
    } catch (error) {
      logger.warn({ error: describeError(error) }, "newsroom: cannot read the shared articles yet; serving CONTENT_DIR as it is and trying again");
    }
  }
  let channel: Channel | undefined;
  try {
    channel =
      config.CHANNEL_ID === undefined
        ? undefined
        : createChannel({
            channelId: config.CHANNEL_ID,
            autopost: isAutopostOn(config),
            autopostMaxAgeMs: autopostMaxAgeMs(config),
            card: config.CHANNEL_CARD,
            adminIds: config.ADMIN_IDS ?? [],
            storage: shared.channel(),
            channelApi: new Api(config.BOT_TOKEN, { apiRoot: config.BOT_API_ROOT, timeoutSeconds: CHANNEL_REQUEST_TIMEOUT_SECONDS }),
            notifier,
            botUsername: () => bot.botInfo.username,
            library: live.library,
            logger,
          });
  } catch (error) {
    fail(`Cannot start: cannot open the post ledger in DATA_DIR (${config.DATA_DIR}): ${summarizeError(error)}`, 1, redact);
  }
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
    bot.botInfo = await retryStartUpCall(`getMe at ${config.BOT_API_ROOT}`, () => bot.api.getMe(), logger);
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      fail("Telegram refused BOT_TOKEN (401 Unauthorized): check the token with @BotFather, or try the bot without one: npm run demo.", 2);
    }
    fail(`Cannot start: the Bot API at ${config.BOT_API_ROOT} refused getMe (${summarizeError(error)}).`, 1, redact);
  }
  await registerMenus(bot.api, logger);
  if (channel) {
    if ((config.ADMIN_IDS ?? []).length === 0) logger.warn("CHANNEL_ID is set but ADMIN_IDS is empty: /publish and /status refuse everyone, and notices are only logged");
    await registerAdminCommands(bot.api, config.ADMIN_IDS ?? [], logger);
    await channel.publisher.start();
    const opened = channel;
    // Before the shared state closes: a send in flight is recorded first.
    flushOnStop.unshift(() => opened.close());
  }
  live.start();
  flushOnStop.unshift(() => live.stop());
  newsroomService.start();
  flushOnStop.unshift(() => newsroomService.stop());
  logger.info(
    { articles: live.library().articles.length, channel: config.CHANNEL_ID, autopost: isAutopostOn(config), autopostMaxAgeHours: config.AUTOPOST_MAX_AGE },
    "content loaded",
  );
  if (stopping) return;

  if (config.BOT_MODE === "polling") {
    try {
      // A webhook left set would make every getUpdates fail with 409; updates waiting for it are kept.
      await retryStartUpCall("deleteWebhook", () => bot.api.deleteWebhook({ drop_pending_updates: false }), logger);
    } catch (error) {
      fail(`Cannot start: cannot remove the webhook (${summarizeError(error)}).`, 1, redact);
    }
    if (stopping) return;
    // BOT_POLLING=sequential (a diagnostic) keeps the same polling with one update at a time.
    const concurrency = config.BOT_POLLING === "sequential" ? 1 : undefined;
    polling = startPolling(bot, { allowedUpdates, inFlight, logger, concurrency, onFailure: () => void stop("polling failed", 1) });
  } else {
    webhook = createWebhook({
      handleUpdate: (update) => bot.handleUpdate(update),
      secret: config.WEBHOOK_SECRET,
      recentUpdateIds: shared.recentUpdateIds,
      inFlight,
      metrics,
      logger,
    });
    try {
      const options = { secret_token: config.WEBHOOK_SECRET, allowed_updates: allowedUpdates, drop_pending_updates: false };
      await retryStartUpCall("setWebhook", () => bot.api.setWebhook(config.WEBHOOK_URL, options), logger);
    } catch (error) {
      fail(`Cannot start: Telegram did not accept the webhook ${config.WEBHOOK_URL} (${summarizeError(error)}).`, 1, redact);
    }
  }
  health.set({ status: "ready", mode: config.BOT_MODE, username: bot.botInfo.username });
  logger.info({ mode: config.BOT_MODE, username: bot.botInfo.username, allowed_updates: allowedUpdates }, "taking updates");
}

await main();

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
