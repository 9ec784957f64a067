import { autoRetry } from "@grammyjs/auto-retry";
import type { Context, MiddlewareFn } from "grammy";

/**
 * How the bot's replies (answers, button and inline answers, /publish's
 * messages, admins' notices excepted) are retried, with `@grammyjs/auto-retry`:
 *
 * - a 429 is retried after its `retry_after` when that is at most 10 s; a
 *   longer wait fails the reply, since an answer minutes late is worse than
 *   none (the reader asks again; the failure is logged);
 * - a 5xx is retried after 3 s, then 6 s (auto-retry's backoff);
 * - at most 2 retries, so a reply is given up after about 20 s at worst;
 * - a network error or a timeout is not retried: the request may have reached
 *   Telegram, so the reader could get the answer twice (and auto-retry would
 *   retry those without end).
 *
 * The channel is not retried here: its queue has its own `Api` and retries.
 */
export const REPLY_RETRY = { maxRetryAttempts: 2, maxDelaySeconds: 10, rethrowHttpErrors: true } as const;

/** Middleware that puts `REPLY_RETRY` on this update's `ctx.api`: its replies are retried, not the start-up calls or long polling on `bot.api`. */
export function retryReplies<C extends Context>(): MiddlewareFn<C> {
  const retry = autoRetry(REPLY_RETRY);
  return (ctx, next) => {
    ctx.api.config.use(retry);
    return next();
  };
}
