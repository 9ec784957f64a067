import type { BotError, Context, MiddlewareFn, Transformer } from "grammy";
import type { Logger } from "pino";
import { UpdateTally, type Metrics } from "../base/metrics";
import { describeError } from "../base/describe-error";
import { updateType } from "../base/update-type";

/** Middleware, first of all, that counts each update by type and times its handling, waits included (in `metrics.updateTally`). */
export function measureUpdates<C extends Context>(metrics: Metrics): MiddlewareFn<C> {
  const tallies = new Map<string, ReturnType<UpdateTally["of"]>>();
  return async (ctx, next) => {
    const type = updateType(ctx.update);
    let tally = tallies.get(type);
    if (tally === undefined) {
      tally = metrics.updateTally.of(type);
      tallies.set(type, tally);
    }
    const start = performance.now();
    try {
      await next();
    } finally {
      UpdateTally.record(tally, (performance.now() - start) / 1000);
    }
  };
}

/** Counts a failed update (for `createBot`'s `onUpdateError`: the error boundary has logged it). */
export function countUpdateError(metrics: Metrics): (error: BotError) => void {
  return (error) => metrics.updateErrors.inc({ type: updateType(error.ctx.update) });
}

/**
 * An API transformer that counts failed Bot API calls by method and
 * error_code. Failed `getUpdates` calls are logged here too, since the runner
 * retries them quietly; other failures reach whoever made the call.
 */
export function countBotApiErrors(metrics: Metrics, logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) {
        metrics.botApiErrors.inc({ method, error_code: String(result.error_code) });
        if (method === "getUpdates") logger.warn({ method, error_code: result.error_code, description: result.description }, "getUpdates refused; retrying");
      }
      return result;
    } catch (error) {
      // An aborted long poll is how polling stops, not a failure.
      if (signal?.aborted) throw error;
      metrics.botApiErrors.inc({ method, error_code: "network" });
      if (method === "getUpdates") logger.warn({ error: describeError(error) }, "getUpdates failed; retrying");
      throw error;
    }
  };
}
