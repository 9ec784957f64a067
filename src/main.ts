import { config as loadDotenv } from "dotenv";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, GrammyError, HttpError } from "grammy";
import pino from "pino";
import { createAdminNotifier } from "./admin-notifier";
import { createBot } from "./bot/create-bot";
import { createMemoryChatArticleStore } from "./bot/chat-articles";
import { commandList } from "./bot/command-list";
import { registerAdminCommands } from "./bot/features/channel-admin";
import { createChannel, type Channel } from "./channel/create-channel";
import { isAutopostOn, parseConfig } from "./config";
import { createLiveContent } from "./live-content";

/** `npm start`: checks the configuration and the content, then runs the bot with long polling. */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    console.error(parsed.problems.join("\n"));
    process.exit(2);
  }
  const { config } = parsed;
  const logger = pino({ level: config.LOG_LEVEL });

  // Admins' notices (uncertain posts, broken content) go through their own Api, retried on 429 and 5xx.
  const noticeApi = new Api(config.BOT_TOKEN, { apiRoot: config.BOT_API_ROOT });
  noticeApi.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));
  const notifier = createAdminNotifier(noticeApi, config.ADMIN_IDS ?? [], logger);
  const live = createLiveContent({ dir: config.CONTENT_DIR, logger, notifier });
  const content = await live.load();
  if (!content.ok) {
    console.error(`Cannot start: the content in ${config.CONTENT_DIR} has problems:\n${content.problems.map((p) => `  ${p}`).join("\n")}`);
    process.exit(1);
  }
  let channel: Channel | undefined;
  try {
    channel =
      config.CHANNEL_ID === undefined
        ? undefined
        : createChannel({
            channelId: config.CHANNEL_ID,
            autopost: isAutopostOn(config),
            adminIds: config.ADMIN_IDS ?? [],
            dataDir: config.DATA_DIR,
            channelApi: new Api(config.BOT_TOKEN, { apiRoot: config.BOT_API_ROOT }),
            notifier,
            botUsername: () => bot.botInfo.username,
            library: live.library,
            logger,
          });
  } catch (error) {
    console.error(`Cannot start: cannot open the post ledger in DATA_DIR (${config.DATA_DIR}): ${String(error)}`);
    process.exit(1);
  }
  live.onChange(() => channel?.publisher.sync());
  const bot = createBot(config.BOT_TOKEN, { library: live.library, chatArticles: createMemoryChatArticleStore(), logger, channel: channel?.deps }, {
    botConfig: { client: { apiRoot: config.BOT_API_ROOT } },
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "stopping");
    void bot.stop();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  try {
    await bot.init();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      console.error("Telegram refused BOT_TOKEN (401 Unauthorized): check the token with @BotFather, or try the bot without one: npm run demo.");
      process.exit(2);
    }
    const reason = error instanceof HttpError ? `cannot reach the Bot API at ${config.BOT_API_ROOT}` : String(error);
    console.error(`Cannot start: ${reason}.`);
    process.exit(1);
  }
  try {
    await bot.api.setMyCommands(commandList.map(({ command, description }) => ({ command, description })));
  } catch (error) {
    logger.warn({ err: error }, "could not register the command menu; going on without it");
  }
  if (channel) {
    if ((config.ADMIN_IDS ?? []).length === 0) logger.warn("CHANNEL_ID is set but ADMIN_IDS is empty: /publish and /status refuse everyone, and notices are only logged");
    await registerAdminCommands(bot.api, config.ADMIN_IDS ?? [], logger);
    await channel.publisher.start();
  }
  live.start();
  logger.info({ articles: live.library().articles.length, channel: config.CHANNEL_ID, autopost: isAutopostOn(config) }, "content loaded");
  await bot.start({
    drop_pending_updates: false,
    onStart: (me) => logger.info({ username: me.username }, "polling for updates"),
  });
  live.stop();
  await channel?.close();
  logger.info("stopped");
}

await main();
