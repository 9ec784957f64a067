import { constants } from "node:os";
import type { Logger } from "pino";

/**
 * Signals that arrive this soon after the first are the same request to stop,
 * delivered twice: a terminal signals the whole process group, and npm (or
 * the tsx command) also passes the signal on to its child.
 */
export const SAME_REQUEST_MS = 1000;

export interface StopSignalsOptions {
  /** Where signals arrive. @default process */
  target?: { on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown };
  exit?: (code: number) => void;
  now?: () => number;
}

/**
 * On the first SIGINT or SIGTERM, calls `stop` (which finishes the work in
 * flight and exits). A second signal, a second or more later, exits at once
 * with 128 + the signal's number.
 */
export function onStopSignals(stop: (signal: NodeJS.Signals) => void, logger: Logger, options: StopSignalsOptions = {}): void {
  const { target = process, exit = (code: number) => process.exit(code), now = Date.now } = options;
  let first: number | undefined;
  const receive = (signal: NodeJS.Signals) => {
    if (first === undefined) {
      first = now();
      stop(signal);
      return;
    }
    if (now() - first < SAME_REQUEST_MS) {
      logger.debug({ signal }, "signal repeated by a parent process: already stopping");
      return;
    }
    logger.warn({ signal }, "second signal: exiting now, without finishing the updates in flight");
    exit(128 + (constants.signals[signal] ?? 0));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) target.on(signal, receive);
}
