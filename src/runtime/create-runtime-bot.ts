import { sequentialize } from "@grammyjs/runner";
import type { Bot, BotConfig } from "grammy";
import type { BriefingContext, BriefingDeps } from "../bot/context";
import { createBot } from "../bot/create-bot";
import { metrics } from "../metrics";
import { countBotApiErrors, countUpdateError, measureUpdates } from "./instrument";

/**
 * The bot exactly as `npm start` runs it: the features of `createBot`, behind
 * the runtime's metrics and per-chat ordering, its Bot API failures counted.
 * The benchmarks build it here too, with a local `client.fetch`.
 */
export function createRuntimeBot(token: string, deps: BriefingDeps, client: NonNullable<BotConfig<BriefingContext>["client"]>): Bot<BriefingContext> {
  const bot = createBot(token, deps, {
    // sensitiveLogs stays off: grammY then leaves the request URL, token included, out of its error messages.
    botConfig: { client: { sensitiveLogs: false, ...client } },
    middleware: [
      measureUpdates(metrics),
      // Each chat's updates one after another (a button press after the choice it follows); chats, and inline queries, in parallel.
      sequentialize((ctx: BriefingContext) => (ctx.chat ? String(ctx.chat.id) : undefined)),
    ],
    onUpdateError: countUpdateError(metrics),
  });
  bot.api.config.use(countBotApiErrors(metrics, deps.logger));
  return bot;
}
