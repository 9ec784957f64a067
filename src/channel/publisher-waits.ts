import type { Logger } from "pino";
import { describeError } from "../base/describe-error";
import { isStorageUnavailable } from "../storage/storage-unavailable";

/** The publisher's timed waits, which can be cut short: all of them on stop, the interruptible ones (a refused chat) when an admin asks for a post. */
export function createSleepers(now: () => number) {
  const sleepers = new Set<{ wake: () => void; interruptible: boolean }>();
  return {
    /** Resolves at `at`, or when woken. */
    until(at: number, interruptible: boolean): Promise<void> {
      return new Promise((resolve) => {
        const sleeper = {
          interruptible,
          wake: () => {
            clearTimeout(timer);
            sleepers.delete(sleeper);
            resolve();
          },
        };
        const timer = setTimeout(sleeper.wake, Math.max(0, at - now()));
        sleepers.add(sleeper);
      });
    },
    /** Ends the waits now: every one, or only the interruptible ones. */
    wake(which: "all" | "interruptible"): void {
      for (const sleeper of sleepers) if (which === "all" || sleeper.interruptible) sleeper.wake();
    },
  };
}

export interface LedgerWriterOptions {
  logger: Logger;
  now: () => number;
  sleepUntil: (at: number) => Promise<void>;
  /** Whether the publisher is stopping: it then gives up after 5 s more. */
  stopping: () => boolean;
}

/**
 * Writes what Telegram answered to the ledger, however long the ledger is
 * away: the answer is not asked for twice. Stopping, it tries for 5 s more,
 * then logs what it could not record (a claim left so is found abandoned,
 * and the admins asked, as after a crash).
 */
export function createLedgerWriter({ logger, now, sleepUntil, stopping }: LedgerWriterOptions) {
  return async function persist(what: string, details: Record<string, unknown>, write: () => Promise<unknown>): Promise<void> {
    let delay = 200;
    let giveUpAt: number | undefined;
    let warned = false;
    for (;;) {
      try {
        await write();
        if (warned) logger.info(details, `channel: recorded ${what} once the ledger was back`);
        return;
      } catch (error) {
        if (!isStorageUnavailable(error)) throw error;
        if (stopping()) {
          giveUpAt ??= now() + 5000;
          if (now() >= giveUpAt) {
            logger.error({ ...details, error: describeError(error) }, `channel: stopping without having recorded ${what}: the ledger is unreachable`);
            return;
          }
        }
        if (!warned) logger.warn({ ...details, error: describeError(error) }, `channel: cannot record ${what} yet: the ledger is unreachable; holding on to it`);
        warned = true;
        await sleepUntil(now() + delay);
        // Soon after Redis is back: before this instance could be taken for dead and its post for uncertain.
        delay = Math.min(delay * 2, 1000);
      }
    }
  };
}
