import { writeFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { config as loadDotenv } from "dotenv";
import { Api } from "grammy";
import type { Logger } from "pino";
import { createAdminNotifier } from "./notices/admin-notifier";
import { createBot } from "./bot/create-bot";
import { createMemoryChatArticleStore } from "./bot/chat-articles";
import { createChannel } from "./channel/create-channel";
import { openEmbeddedState } from "./app/create-shared-state";
import { commonSettings, isAutopostOn, type Config } from "./app/config";
import { loadContent } from "./content/load-content";
import { createTerminalChat } from "./demo/terminal-chat";
import type { Library } from "./library/library";
import { createLiveContent } from "./library/live-content";
import { createFileArticleStore } from "./newsroom/article-store";
import { openSqliteFeedLedger } from "./newsroom/feed-ledger";
import { createNewsroomService } from "./newsroom/newsroom-service";
import { createLocalBotApi, localBotInfo, type ApiCall } from "./demo/local-bot-api";
import { createLogger } from "./runtime/logger";
import { localeForLanguageCode } from "./i18n/locale";
import { languageOf } from "./i18n/translate";
import { htmlToText } from "./render/html";

/**
 * `npm run demo`: the real bot in a terminal chat, with no token and no
 * Telegram. Piped input is one message per line, answered in order.
 */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  // A reader piping into `head` has seen enough: stop quietly.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));
  const env = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const settings = commonSettings.pick({ CHANNEL_ID: true, AUTOPOST: true, ADMIN_IDS: true, CHANNEL_CARD: true, FEED_URLS: true, FEED_INTERVAL: true }).safeParse(env);
  if (!settings.success) {
    console.error(settings.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
    process.exit(2);
  }
  const source = process.env.CONTENT_DIR || "content";
  const checked = await loadContent(source);
  if (!checked.ok) {
    console.error(`The content in ${source} has problems:\n${checked.problems.map((p) => `  ${p.replaceAll("\n", "\n  ")}`).join("\n")}`);
    process.exit(1);
  }
  // The demo works on a copy of CONTENT_DIR: drafts and uploads never reach the real folder.
  const contentDir = await copyContent(source);
  // Logs for a person, on stderr, so they never mix with the chat on stdout.
  const logger = createLogger({ level: process.env.LOG_LEVEL || "warn", format: "pretty", secrets: [], fd: 2 });
  // The chat prints what the bot sends; it is made after the bot, so the API reaches it through this box.
  const printer: { chat?: ReturnType<typeof createTerminalChat> } = {};
  const fetch = createLocalBotApi({ botInfo: localBotInfo, onCall: (call: ApiCall) => printer.chat?.show(call) });
  const adminIds = settings.data.ADMIN_IDS ?? [];
  const notifier = createAdminNotifier(new Api("0:demo", { fetch }), adminIds, logger);
  const live = createLiveContent({ dir: contentDir.dir, logger, notifier });
  const content = await live.load();
  if (!content.ok) throw new Error(content.problems.join("\n"));
  const channel = createDemoChannel(fetch, live.library, logger, settings.data);
  live.onChange(() => channel?.publisher.sync());
  // The newsroom: ADMIN_IDS=42 makes the demo's reader an editor; FEED_URLS (a file:// or http feed) is read at start.
  const newsroomService = createNewsroomService({
    store: createFileArticleStore(contentDir.dir),
    ledger: () => openSqliteFeedLedger(":memory:"),
    content: live,
    notifier,
    logger,
    feedUrls: settings.data.FEED_URLS ?? [],
    feedIntervalMs: settings.data.FEED_INTERVAL * 1000,
    withChannel: channel !== undefined,
    syncIntervalMs: 0,
  });
  const newsroom = { adminIds: new Set(adminIds), newsroom: newsroomService.newsroom, download: (path: string) => readFile(path) };
  const bot = createBot("0:demo", { library: live.library, chatArticles: createMemoryChatArticleStore(), logger, channel: channel?.deps, newsroom }, {
    botConfig: { botInfo: localBotInfo, client: { fetch } },
  });
  // DEMO_LANG=ru: the reader's Telegram is in Russian (any language_code works: uk, kk… read Russian too).
  const languageCode = process.env.DEMO_LANG?.trim() || "en";
  const chat = createTerminalChat(bot, (text) => process.stdout.write(`${text}\n`), {
    languageCode,
    onDocument: (name, data) => {
      const path = join(contentDir.documents, name);
      writeFileSync(path, data);
      return path;
    },
  });
  printer.chat = chat;
  await bot.init();
  if (channel) {
    // What AUTOPOST would post now is printed first, marked as a channel post.
    await channel.publisher.start();
    await channel.publisher.whenIdle();
  }
  // The feeds' new items first, each shown as the admins get it.
  await newsroomService.poller?.pollAll();

  const interactive = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, terminal: interactive });
  if (interactive) {
    const say = (key: string, values?: Record<string, string>) => console.log(htmlToText(languageOf(localeForLanguageCode(languageCode)).t(key, values).value));
    say("demo-intro", { bot: localBotInfo.username });
    say("demo-try", { bot: localBotInfo.username });
    say("demo-ask");
    if (channel?.deps.adminIds.has(42)) say("demo-channel-admin");
    if (adminIds.includes(42)) say("demo-editor");
    console.log("");
    lines.setPrompt("you> ");
    lines.prompt();
  }
  for await (const line of lines) {
    if (interactive) console.log("");
    await chat.send(line);
    // A post the line asked for (Approve and post) is printed before the next line.
    await channel?.publisher.whenIdle();
    if (interactive) lines.prompt();
  }
  await channel?.close();
  await rm(contentDir.root, { recursive: true, force: true });
}

/**
 * The channel, when CHANNEL_ID is set: its posts go to the same in-process
 * Bot API and are printed. The ledger is in memory, never in DATA_DIR: each
 * demo starts fresh and shows the post again, and a demo never leaves state
 * behind (or marks articles posted for a real bot sharing that DATA_DIR).
 * ADMIN_IDS=42 makes the demo's reader an admin, for /publish and /status.
 */
function createDemoChannel(fetch: typeof globalThis.fetch, library: () => Library, logger: Logger, settings: Pick<Config, "CHANNEL_ID" | "AUTOPOST" | "ADMIN_IDS" | "CHANNEL_CARD">) {
  const { CHANNEL_ID, ADMIN_IDS = [], CHANNEL_CARD } = settings;
  if (CHANNEL_ID === undefined) return undefined;
  const api = new Api("0:demo", { fetch });
  return createChannel({
    channelId: CHANNEL_ID,
    autopost: isAutopostOn(settings),
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

/** A temporary copy of the article files of `source` (none if it does not exist), and a folder for the documents the bot sends. */
async function copyContent(source: string): Promise<{ source: string; root: string; dir: string; documents: string }> {
  const root = await mkdtemp(join(tmpdir(), "briefing-demo-"));
  const dir = join(root, "content");
  const documents = join(root, "documents");
  await mkdir(dir);
  await mkdir(documents);
  const names = await readdir(source).catch(() => [] as string[]);
  for (const name of names.filter((n) => /\.(ya?ml|json)$/.test(n) && !n.startsWith("."))) await copyFile(join(source, name), join(dir, name));
  return { source, root, dir, documents };
}

await main();
