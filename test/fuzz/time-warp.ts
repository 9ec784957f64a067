/**
 * Makes time pass `factor` times faster for everything in this process that
 * reads the clock or waits: `Date.now()` runs fast, and `setTimeout` and
 * `setInterval` wait `factor` times less. So a 429's `retry_after`, auto-retry's
 * backoff, a client timeout, the channel's send limits, the spam limiter's
 * windows and /publish's ten minutes keep their proportions to each other
 * while a fuzzing run of 100,000 updates with faults takes seconds, not hours.
 *
 * A wait that comes to less than a millisecond runs on `setImmediate` rather
 * than Node's 1 ms minimum: the conversations plugin yields with
 * `setTimeout(0)` several times an update, and those would be most of the run.
 *
 * `realTimers` are the untouched ones (for watchdogs measuring real time).
 */
export const realTimers = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, now: Date.now };

export function warpTime(factor: number): { restore(): void } {
  const start = realTimers.now();
  const { setTimeout: realSetTimeout, setInterval: realSetInterval, clearTimeout: realClearTimeout } = globalThis;
  const realNow = Date.now;
  Date.now = () => Math.floor(start + (realTimers.now() - start) * factor);
  const shorten = (ms: unknown) => (typeof ms === "number" && ms > 0 ? ms / factor : 0);
  const immediates = new WeakSet<object>();
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const wait = shorten(ms);
    if (wait >= 1) return realSetTimeout(callback, wait, ...args);
    const immediate = setImmediate(callback, ...args);
    immediates.add(immediate);
    return immediate;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle?: Parameters<typeof clearTimeout>[0]) => {
    if (typeof handle === "object" && handle !== null && immediates.has(handle)) clearImmediate(handle as unknown as NodeJS.Immediate);
    else realClearTimeout(handle);
  }) as typeof clearTimeout;
  globalThis.setInterval = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    realSetInterval(callback, Math.max(1, shorten(ms)), ...args)) as typeof setInterval;
  return {
    restore() {
      Date.now = realNow;
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
      globalThis.setInterval = realSetInterval;
    },
  };
}
