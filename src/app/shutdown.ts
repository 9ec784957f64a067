import type { Logger } from "pino";
import { describeError } from "../base/describe-error";

/** One thing to stop at shutdown: what it is (for the log) and how. */
interface ShutdownStep {
  name: string;
  stop: () => unknown;
}

/**
 * The one ordered list of what start-up opened, stopped in reverse: what opened last (taking
 * updates) stops first, what opened first (the HTTP server) stops last.
 */
export interface Shutdown {
  /** Adds what was just opened: it will stop before everything added earlier. */
  add(name: string, stop: () => unknown): void;
  /** Whether `run` has begun (start-up checks it between its slow steps and stands down). */
  readonly stopping: boolean;
  /**
   * Stops every step, the last added first, each awaited. A step that throws is logged and the
   * rest still run. Resolves with `code`, or 1 if a step failed. Runs once: later calls resolve
   * with `undefined` at once.
   */
  run(code: 0 | 1): Promise<0 | 1 | undefined>;
}

/** An empty shutdown list; `logger` hears of each step that fails. */
export function createShutdown(logger: Logger): Shutdown {
  const steps: ShutdownStep[] = [];
  let stopping = false;
  return {
    add(name, stop) {
      steps.push({ name, stop });
    },
    get stopping() {
      return stopping;
    },
    async run(code) {
      if (stopping) return undefined;
      stopping = true;
      let exitCode = code;
      for (const { name, stop } of steps.toReversed()) {
        try {
          await stop();
        } catch (error) {
          logger.error({ step: name, error: describeError(error) }, `could not stop ${name}`);
          exitCode = 1;
        }
      }
      return exitCode;
    },
  };
}
