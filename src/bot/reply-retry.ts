import { autoRetry } from "@grammyjs/auto-retry";
import type { Context, MiddlewareFn, Transformer } from "grammy";
import type { ApiResponse } from "grammy/types";

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

/** Whether auto-retry, given this answer to a first attempt, would try again (its rules, with `REPLY_RETRY`'s settings). */
function wouldRetry(result: ApiResponse<unknown>): boolean {
  const retryAfter = result.ok ? undefined : result.parameters?.retry_after;
  return (typeof retryAfter === "number" && retryAfter <= REPLY_RETRY.maxDelaySeconds) || (!result.ok && result.error_code >= 500);
}

/**
 * `REPLY_RETRY` as one transformer for `bot.api`, installed once: grammY copies `bot.api`'s
 * transformers onto each update's `ctx.api`, so every reply is retried as before, while the
 * methods of `notReplies` pass straight through. Installing it on each update's `ctx.api`
 * instead (`retryReplies`) cost a closure and a transformer chain per update.
 *
 * `eachAttempt` wraps every attempt (the runtime counts failed calls there), as a transformer
 * installed before this one would, without a second transformer copied onto every update's
 * `ctx.api`. The first attempt is made here: an answer auto-retry would not retry (every
 * answer but a 429 or a 5xx) is returned as it is, without auto-retry's per-call machinery;
 * one it would retry is handed to auto-retry as its own first attempt's answer, and auto-retry
 * makes the next attempts (through `eachAttempt`) by its rules, as it always did.
 */
export function replyRetryTransformer(eachAttempt: Transformer = (prev, method, payload, signal) => prev(method, payload, signal)): Transformer {
  const retry = autoRetry(REPLY_RETRY);
  return (prev, method, payload, signal) => {
    const first = eachAttempt(prev, method, payload, signal);
    if (notReplies.has(method)) return first;
    // A first attempt that throws is thrown on: auto-retry rethrows it (`rethrowHttpErrors`), retrying nothing.
    return first.then((result) => (wouldRetry(result) ? retry(afterFirst(result, prev, eachAttempt), method, payload, signal) : result));
  };
}

/** A `prev` for auto-retry whose first call gives the answer already had, and every later call a new attempt. */
type Prev = Parameters<Transformer>[0];

function afterFirst(first: ApiResponse<unknown>, prev: Prev, eachAttempt: Transformer): Prev {
  let given = false;
  return ((...call: Parameters<Prev>) => {
    if (!given) {
      given = true;
      return Promise.resolve(first);
    }
    return eachAttempt(prev, ...call);
  }) as Prev;
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
