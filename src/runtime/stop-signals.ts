import { constants } from "node:os";
import type { Logger } from "pino";

/**
 * Signals that arrive this soon after the first are the same request to stop,
 * delivered twice: a terminal signals the whole process group, and npm and
 * tsx also pass the signal on to their child.
 */
const SAME_REQUEST_MS = 1000;

/**
 * On the first SIGINT or SIGTERM, calls `stop` (which finishes the work in
 * flight and exits). A second signal, a second or more later, exits at once
 * with 128 + the signal's number.
 */
export function onStopSignals(stop: (signal: NodeJS.Signals) => void, logger: Logger): void {
  let first: number | undefined;
  const receive = (signal: NodeJS.Signals) => {
    if (first === undefined) {
      first = Date.now();
      stop(signal);
      return;
    }
    if (Date.now() - first < SAME_REQUEST_MS) return;
    logger.warn({ signal }, "second signal: exiting now, without finishing the updates in flight");
    process.exit(128 + (constants.signals[signal] ?? 0));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, receive);
}
