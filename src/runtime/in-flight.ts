/**
 * Keeps count of the work under way (updates being handled) so that shutdown
 * can wait for it to finish.
 */
export interface InFlight {
  /** Counts `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  readonly size: number;
  /** Resolves once nothing is in flight (at once if nothing is). */
  drained(): Promise<void>;
}

export function createInFlight(): InFlight {
  let size = 0;
  let waiters: Array<() => void> = [];
  const settle = () => {
    size -= 1;
    if (size === 0) {
      for (const wake of waiters) wake();
      waiters = [];
    }
  };
  return {
    track(work) {
      size += 1;
      work.then(settle, settle);
      return work;
    },
    get size() {
      return size;
    },
    drained() {
      return size === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
  };
}
