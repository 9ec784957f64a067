import { config as loadDotenv } from "dotenv";
import { GrammyError, HttpError } from "grammy";
import pino from "pino";
import { createBot } from "./bot/create-bot";
import { createMemoryChatArticleStore } from "./bot/chat-articles";
import { commandList } from "./bot/command-list";
import { parseConfig } from "./config";
import { loadContent } from "./content/load-content";
import { createLibrary } from "./library";

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

  const content = await loadContent(config.CONTENT_DIR);
  if (!content.ok) {
    console.error(`Cannot start: the content in ${config.CONTENT_DIR} has problems:\n${content.problems.map((p) => `  ${p}`).join("\n")}`);
    process.exit(1);
  }
  const library = createLibrary(content.articles);
  const bot = createBot(config.BOT_TOKEN, { library: () => library, chatArticles: createMemoryChatArticleStore(), logger }, {
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
  logger.info({ articles: library.articles.length }, "content loaded");
  await bot.start({
    drop_pending_updates: false,
    onStart: (me) => logger.info({ username: me.username }, "polling for updates"),
  });
  logger.info("stopped");
}

await main();
