import { createInterface } from "node:readline";
import { config as loadDotenv } from "dotenv";
import { Api } from "grammy";
import type { Logger } from "pino";
import { createAdminNotifier } from "./admin-notifier";
import { createBot } from "./bot/create-bot";
import { createMemoryChatArticleStore } from "./bot/chat-articles";
import { createChannel } from "./channel/create-channel";
import { openEmbeddedState } from "./storage/create-shared-state";
import { commonSettings, isAutopostOn } from "./config";
import { loadContent } from "./content/load-content";
import { createTerminalChat } from "./demo/terminal-chat";
import { createLibrary } from "./library";
import { createLocalBotApi, localBotInfo, type ApiCall } from "./local-bot-api";
import { createLogger } from "./runtime/logger";

/**
 * `npm run demo`: the real bot in a terminal chat, with no token and no
 * Telegram. Piped input is one message per line, answered in order.
 */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  // A reader piping into `head` has seen enough: stop quietly.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));
  const contentDir = process.env.CONTENT_DIR || "content";
  const content = await loadContent(contentDir);
  if (!content.ok) {
    console.error(`The content in ${contentDir} has problems:\n${content.problems.map((p) => `  ${p.replaceAll("\n", "\n  ")}`).join("\n")}`);
    process.exit(1);
  }
  const library = createLibrary(content.articles);
  // Logs for a person, on stderr, so they never mix with the chat on stdout.
  const logger = createLogger({ level: process.env.LOG_LEVEL || "warn", format: "pretty", secrets: [], fd: 2 });
  // The chat prints what the bot sends; it is made after the bot, so the API reaches it through this box.
  const printer: { chat?: ReturnType<typeof createTerminalChat> } = {};
  const fetch = createLocalBotApi({ botInfo: localBotInfo, onCall: (call: ApiCall) => printer.chat?.show(call) });
  const channel = createDemoChannel(fetch, () => library, logger);
  const bot = createBot("0:demo", { library: () => library, chatArticles: createMemoryChatArticleStore(), logger, channel: channel?.deps }, {
    botConfig: { botInfo: localBotInfo, client: { fetch } },
  });
  const chat = createTerminalChat(bot, (text) => process.stdout.write(`${text}\n`));
  printer.chat = chat;
  await bot.init();
  if (channel) {
    // What AUTOPOST would post now is printed first, marked as a channel post.
    await channel.publisher.start();
    await channel.publisher.whenIdle();
  }

  const interactive = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, terminal: interactive });
  if (interactive) {
    console.log(`Briefing demo: you are chatting with @${localBotInfo.username} (no Telegram, no token).`);
    console.log("Try /summary, /attendees, /quotes lebedev, a question, or an inline query: @briefingbot shoigu. Ctrl-D quits.");
    if (channel?.deps.adminIds.has(42)) console.log("You are an admin of the channel too: try /status and /publish.");
    console.log("");
    lines.setPrompt("you> ");
    lines.prompt();
  }
  for await (const line of lines) {
    if (interactive) console.log("");
    await chat.send(line);
    if (interactive) lines.prompt();
  }
  await channel?.close();
}

/**
 * The channel, when CHANNEL_ID is set: its posts go to the same in-process
 * Bot API and are printed. The ledger is in memory, never in DATA_DIR: each
 * demo starts fresh and shows the post again, and a demo never leaves state
 * behind (or marks articles posted for a real bot sharing that DATA_DIR).
 * ADMIN_IDS=42 makes the demo's reader an admin, for /publish and /status.
 */
function createDemoChannel(fetch: typeof globalThis.fetch, library: () => ReturnType<typeof createLibrary>, logger: Logger) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = commonSettings.pick({ CHANNEL_ID: true, AUTOPOST: true, ADMIN_IDS: true, CHANNEL_CARD: true }).safeParse(env);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
    process.exit(2);
  }
  const { CHANNEL_ID, ADMIN_IDS = [], CHANNEL_CARD } = parsed.data;
  if (CHANNEL_ID === undefined) return undefined;
  const api = new Api("0:demo", { fetch });
  return createChannel({
    channelId: CHANNEL_ID,
    autopost: isAutopostOn(parsed.data),
    card: CHANNEL_CARD,
    adminIds: ADMIN_IDS,
    // In memory, never DATA_DIR: a demo must not mark articles as posted for a real bot.
    storage: openEmbeddedState(":memory:").channel(),
    channelApi: api,
    notifier: createAdminNotifier(api, ADMIN_IDS, logger),
    botUsername: () => localBotInfo.username,
    library,
    logger,
    // Nothing to protect in a terminal: post the whole backlog at once rather than at 20 a minute.
    publisher: { limit: { count: 1_000_000, windowMs: 60_000, minIntervalMs: 0 } },
  });
}

await main();
