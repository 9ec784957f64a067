import { createInterface } from "node:readline";
import { config as loadDotenv } from "dotenv";
import { createBot } from "./bot/create-bot";
import { createMemoryChatArticleStore } from "./bot/chat-articles";
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
    console.error(`The content in ${contentDir} has problems:\n${content.problems.map((p) => `  ${p}`).join("\n")}`);
    process.exit(1);
  }
  const library = createLibrary(content.articles);
  // Logs for a person, on stderr, so they never mix with the chat on stdout.
  const logger = createLogger({ level: process.env.LOG_LEVEL || "warn", format: "pretty", secrets: [], fd: 2 });
  // The chat prints what the bot sends; it is made after the bot, so the API reaches it through this box.
  const printer: { chat?: ReturnType<typeof createTerminalChat> } = {};
  const fetch = createLocalBotApi({ botInfo: localBotInfo, onCall: (call: ApiCall) => printer.chat?.show(call) });
  const bot = createBot("0:demo", { library: () => library, chatArticles: createMemoryChatArticleStore(), logger }, {
    botConfig: { botInfo: localBotInfo, client: { fetch } },
  });
  const chat = createTerminalChat(bot, (text) => process.stdout.write(`${text}\n`));
  printer.chat = chat;
  await bot.init();

  const interactive = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, terminal: interactive });
  if (interactive) {
    console.log(`Briefing demo: you are chatting with @${localBotInfo.username} (no Telegram, no token).`);
    console.log("Try /summary, /attendees, /quotes lebedev, a question, or an inline query: @briefingbot shoigu. Ctrl-D quits.\n");
    lines.setPrompt("you> ");
    lines.prompt();
  }
  for await (const line of lines) {
    if (interactive) console.log("");
    await chat.send(line);
    if (interactive) lines.prompt();
  }
}

await main();
