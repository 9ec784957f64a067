import { Bot } from "grammy";

/**
 * Bare grammY over HTTP for the idle-latency row of `http-bench.ts`: `bot.start()` (grammY's
 * own polling, one update at a time) against the Bot API at BOT_API_ROOT, answering every text
 * message with a fixed string. Logs "taking updates" as JSON, as Briefing does, once polling.
 */
const token = process.env.BOT_TOKEN ?? "";
const bot = new Bot(token, { client: { apiRoot: process.env.BOT_API_ROOT } });
bot.on("message:text", (ctx) => ctx.reply("An answer."));
process.on("SIGTERM", () => void bot.stop().then(() => process.exit(0)));
await bot.start({ onStart: () => void process.stdout.write(`${JSON.stringify({ level: 30, msg: "taking updates" })}\n`) });
