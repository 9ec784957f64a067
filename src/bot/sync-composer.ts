import { Composer, type Context, type Middleware, type MiddlewareFn } from "grammy";

type MaybePromise<T> = T | PromiseLike<T>;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === "function";

/**
 * grammY's `Composer`, with `filter` (and so `on`, `command`, `chatType`, `callbackQuery`,
 * `hears`, `drop`, which all go through it) deciding at once when its predicate answers at
 * once. grammY's own `filter` goes through `branch` and `lazy`: for every update and every
 * filter it passes, matched or not, it awaits the predicate and builds a new `Composer` to run
 * the chosen branch. Briefing's features put a dozen filters in front of a command, so that was
 * most of what an update cost beyond a bare bot. The semantics are grammY's: the same predicates
 * (which set `ctx.match`), the same order, a promise from a predicate awaited, a falsy answer
 * passing the update on with `next`. The composer a filter returns is a `SyncComposer` too, so
 * filters chained on it (`.chatType(...).on(...)`) are as cheap.
 */
export class SyncComposer<C extends Context> extends Composer<C> {
  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const branch = new SyncComposer<C>(...middleware);
    // `middleware()` read per update: the branch's chain grows as handlers are added to it after this call.
    const filtered: MiddlewareFn<C> = (ctx, next) => {
      const matched = predicate(ctx);
      if (isThenable(matched)) return Promise.resolve(matched).then((yes) => (yes ? branch.middleware()(ctx, next) : next()));
      return matched ? branch.middleware()(ctx, next) : next();
    };
    this.use(filtered);
    return branch;
  }
}
