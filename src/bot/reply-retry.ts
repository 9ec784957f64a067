import { autoRetry } from "@grammyjs/auto-retry";
import type { Context, MiddlewareFn, Transformer } from "grammy";

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

/**
 * The methods `bot.api` itself calls: long polling (the runner retries it), the start-up calls
 * (`retryStartUpCall` retries them; the menus are tried once) and the webhook's set-up. They are never replies, so never
 * retried by `REPLY_RETRY`. Admins' notices and the channel have `Api`s of their own.
 */
const notReplies: ReadonlySet<string> = new Set([
  "getUpdates",
  "getMe",
  "setMyCommands",
  "deleteMyCommands",
  "getMyCommands",
  "setMyDescription",
  "setMyShortDescription",
  "setWebhook",
  "deleteWebhook",
  "getWebhookInfo",
  "logOut",
  "close",
]);

/**
 * `REPLY_RETRY` as one transformer for `bot.api`, installed once: grammY copies `bot.api`'s
 * transformers onto each update's `ctx.api`, so every reply is retried as before, while the
 * methods of `notReplies` pass straight through. Installing it on each update's `ctx.api`
 * instead (`retryReplies`) cost a closure and a transformer chain per update.
 */
export function replyRetryTransformer(): Transformer {
  const retry = autoRetry(REPLY_RETRY);
  return (prev, method, payload, signal) => (notReplies.has(method) ? prev(method, payload, signal) : retry(prev, method, payload, signal));
}

/**
 * Middleware that puts `REPLY_RETRY` on this update's `ctx.api`. For APIs that `bot.api`'s
 * transformers do not reach: /publish's conversation builds its own.
 */
export function retryReplies<C extends Context>(): MiddlewareFn<C> {
  const retry = autoRetry(REPLY_RETRY);
  return (ctx, next) => {
    ctx.api.config.use(retry);
    return next();
  };
}
