import { GrammyError, HttpError } from "grammy";
import type { Logger } from "pino";
import { describeError } from "../base/describe-error";

const FIRST_DELAY_MS = 500;
const LONGEST_DELAY_MS = 30_000;

/** Whether trying again may help: no answer, a server error, or flood control. The Bot API's other refusals stand. */
export function isTransient(error: unknown): boolean {
  return error instanceof HttpError || (error instanceof GrammyError && (error.error_code >= 500 || error.error_code === 429));
}

/**
 * Makes a start-up call (getMe, setWebhook, deleteWebhook), trying again
 * while Telegram is unreachable or failing (after a boot, the network may
 * not be up yet): each failure logged with the reason, the wait doubling up
 * to 30 s, or `retry_after` on a 429. Refusals (401, 400...) are thrown.
 */
export async function retryStartUpCall<T>(what: string, call: () => Promise<T>, logger: Logger): Promise<T> {
  let delay = FIRST_DELAY_MS;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error)) throw error;
      const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
      const wait = retryAfter !== undefined ? retryAfter * 1000 : delay;
      logger.warn({ error: describeError(error), retry_in_ms: wait }, `${what} failed; trying again`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      delay = Math.min(delay * 2, LONGEST_DELAY_MS);
    }
  }
}
