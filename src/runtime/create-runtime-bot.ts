import type { Bot, BotConfig } from "grammy";
import type { BriefingContext, BriefingDeps } from "../bot/context";
import { createBot } from "../bot/create-bot";
import { replyRetryTransformer } from "../bot/reply-retry";
import { spamLimit, type SpamLimitOptions } from "../bot/spam-limit";
import { metrics } from "../base/metrics";
import { orderPerChat } from "./chat-order";
import { describeError } from "../base/describe-error";
import { countBotApiErrors, countUpdateError, measureUpdates } from "./instrument";

/**
 * How long a Bot API call may take before the client gives up on it (grammY's
 * default is 500 s): above the 30 s of a long poll, and short enough that a
 * chat whose answer hangs is free again within a minute.
 */
export const REQUEST_TIMEOUT_SECONDS = 45;

export interface RuntimeBotOptions {
  /** Per-user rate limits and where their counters live (in memory by default; a Redis client to share them). */
  spam?: SpamLimitOptions;
}

/**
 * The bot exactly as `npm start` runs it: the features of `createBot`, behind
 * the runtime's metrics, replies retried on 429 and 5xx (`REPLY_RETRY`),
 * per-user rate limits and per-chat ordering, its Bot API failures counted.
 * The benchmarks and the fuzzing build it here too, with a local `client.fetch`.
 */
export function createRuntimeBot(
  token: string,
  deps: BriefingDeps,
  client: NonNullable<BotConfig<BriefingContext>["client"]>,
  options: RuntimeBotOptions = {},
): Bot<BriefingContext> {
  const bot = createBot(token, deps, {
    // sensitiveLogs stays off: grammY then leaves the request URL, token included, out of its error messages.
    botConfig: { client: { sensitiveLogs: false, timeoutSeconds: REQUEST_TIMEOUT_SECONDS, ...client } },
    middleware: [
      measureUpdates(metrics),
      // Before the per-chat queue: a flooder's extra updates are dropped on arrival instead of waiting in line.
      spamLimit(options.spam ?? {}, (error, ctx) => {
        deps.logger.warn({ update_id: ctx.update.update_id, error: describeError(error) }, "could not tell a flooder to slow down");
      }),
      // Each chat's updates one after another (a button press after the choice it follows); chats, and inline queries, in parallel.
      orderPerChat((ctx: BriefingContext) => (ctx.chat ? String(ctx.chat.id) : undefined)),
    ],
    onUpdateError: countUpdateError(metrics),
  });
  // One transformer, which grammY copies onto every update's ctx.api: replies retried, each attempt counted.
  bot.api.config.use(replyRetryTransformer(countBotApiErrors(metrics, deps.logger)));
  return bot;
}
