import type { Context, MiddlewareFn } from "grammy";

/**
 * Middleware that runs the updates of one chat one after another, in the order they came,
 * and everything else (other chats, updates with no key such as inline queries) at once.
 *
 * What `@grammyjs/runner`'s `sequentialize` does for one key per update, at what that costs:
 * an update whose chat has nothing in flight runs at once, with no queue built; one whose chat
 * is busy waits for the one before it. An update that fails does not hold up the next.
 */
export function orderPerChat<C extends Context>(keyOf: (ctx: C) => string | undefined): MiddlewareFn<C> {
  /** Per busy chat: the promise of its last update so far, which settles when that update has been handled. */
  const tails = new Map<string, Promise<void>>();
  return async (ctx, next) => {
    const key = keyOf(ctx);
    if (key === undefined) return next();
    const before = tails.get(key);
    // After the one before, whether it succeeded or failed (its failure is its own caller's).
    const run = before === undefined ? next() : before.then(next, next);
    tails.set(key, run);
    try {
      await run;
    } finally {
      // The last of a chat's queue removes it: the map holds busy chats only.
      if (tails.get(key) === run) tails.delete(key);
    }
  };
}
