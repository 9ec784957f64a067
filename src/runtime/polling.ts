import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from "@grammyjs/runner";
import type { Bot, BotError, Context } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { describeError } from "../base/describe-error";
import type { InFlight } from "./in-flight";

export interface PollingOptions {
  allowedUpdates: ReadonlyArray<Exclude<keyof Update, "update_id">>;
  inFlight: InFlight;
  logger: Logger;
  /** Called if polling ends by itself: Telegram refused the token (401) or another instance polls with it (409). */
  onFailure: (error: unknown) => void;
  /** Updates handled at once; above it, fetching waits. @default 500 */
  concurrency?: number;
  /**
   * How long the next `getUpdates` waits for the updates just taken to be handled: it goes out
   * once they all settle, or after this many ms, whichever comes first. @default 5
   */
  fetchAfterMs?: number;
}

export interface Polling {
  /**
   * Stops taking updates, waits for every update taken to be handled, then
   * confirms them to Telegram (so none comes back after a restart).
   */
  stop(): Promise<void>;
}

/**
 * Long polling with `@grammyjs/runner`: updates are handled concurrently (the
 * bot's `sequentialize` keeps each chat in order), each counted in flight from
 * the moment it is taken.
 */
export function startPolling<C extends Context>(bot: Bot<C>, options: PollingOptions): Polling {
  const { inFlight, logger } = options;
  // The runner's retries of getUpdates stay quiet (silent): its own messages would print the request URL, token included; the API transformer logs them.
  const fetchUpdates = createUpdateFetcher(bot, { fetch: { timeout: 30, allowed_updates: options.allowedUpdates }, silent: true });
  let lastTaken: number | undefined;
  const fetchAfterMs = options.fetchAfterMs ?? 5;
  // The handling of the batch taken last. The runner asks for the next batch as soon as it has
  // one; sent at once, that long poll goes out ahead of the answers being sent (and on an idle
  // bot, one answer took 1.6 to 1.9 times bare grammY's). Waiting until they settle, as
  // bot.start() does, but at most a few ms, keeps the concurrency under load.
  let batch: Promise<unknown>[] = [];
  const source = createSource<Update>({
    async supply(batchSize, signal) {
      if (batch.length > 0) {
        const handled = Promise.allSettled(batch);
        batch = [];
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([handled, new Promise((resolve) => (timer = setTimeout(resolve, fetchAfterMs)))]);
        clearTimeout(timer);
      }
      const updates = await fetchUpdates(batchSize, signal);
      lastTaken = updates.at(-1)?.update_id ?? lastTaken;
      return updates;
    },
  });
  const sink = createConcurrentSink<Update>(
    {
      consume: (update) => {
        const handled = inFlight.track(bot.handleUpdate(update));
        batch.push(handled);
        return handled;
      },
    },
    // handleUpdate rejects only with a BotError, and only if the error boundary itself failed.
    async (error) => {
      await bot.errorHandler(error as BotError<C>);
    },
    { concurrency: options.concurrency ?? 500 },
  );
  const runner = createRunner(source, sink);
  runner.start();
  runner.task()?.catch((error: unknown) => {
    logger.fatal({ error: describeError(error) }, "polling stopped");
    options.onFailure(error);
  });

  return {
    async stop() {
      await runner.stop();
      await inFlight.drained();
      if (lastTaken === undefined) return;
      try {
        // getUpdates confirms every update below `offset`; the one update it may return stays unconfirmed.
        await bot.api.getUpdates({ offset: lastTaken + 1, limit: 1, timeout: 0 });
        logger.info({ confirmed_through: lastTaken }, "confirmed the updates handled");
      } catch (error) {
        logger.warn({ error: describeError(error) }, "could not confirm the last updates; Telegram will deliver them again");
      }
    },
  };
}
