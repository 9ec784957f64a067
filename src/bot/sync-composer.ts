import { Composer, type Context, type Middleware, type MiddlewareFn } from "grammy";

type MaybePromise<T> = T | PromiseLike<T>;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === "function";

const flatten = <C extends Context>(middleware: Middleware<C>): MiddlewareFn<C> =>
  typeof middleware === "function" ? middleware : (ctx, next) => middleware.middleware()(ctx, next);

/**
 * Runs `chain` in order, each middleware's `next` running the rest, the last one's `last`: what
 * grammY's nested `concat`s do, with one closure per step instead of two async functions. As in
 * grammY, the result and `next` are always promises and never throw (a middleware may go on
 * after its `next`), and calling it twice fails with grammY's error. `chain` is read as it stands when each step runs,
 * so middleware added later is run too (grammY's `middleware()` taken before a `use` would not
 * see it; nothing here keeps one: composers are used through `flatten`, which asks each time).
 */
function runInOrder<C extends Context>(chain: readonly MiddlewareFn<C>[]): MiddlewareFn<C> {
  // No closure bound to a name per update: tsx (esbuild's keepNames) names each such closure as it is made, which costs more than the closure.
  const step = (ctx: C, last: () => Promise<void>, i: number): Promise<void> => {
    const middleware = chain[i];
    if (middleware === undefined) return last();
    let called = false;
    try {
      return Promise.resolve(
        middleware(ctx, () => {
          if (called) return Promise.reject(new Error("`next` already called before!"));
          called = true;
          return step(ctx, last, i + 1);
        }),
      ) as Promise<void>;
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return (ctx, last) => step(ctx, last, 0);
}

/**
 * grammY's `Composer`, with `filter` (and so `on`, `command`, `chatType`, `callbackQuery`,
 * `hears`, `drop`, which all go through it) deciding at once when its predicate answers at
 * once. grammY's own `filter` goes through `branch` and `lazy`: for every update and every
 * filter it passes, matched or not, it awaits the predicate and builds a new `Composer` to run
 * the chosen branch. Briefing's features put a dozen filters in front of a command, so that was
 * most of what an update cost beyond a bare bot. The semantics are grammY's: the same predicates
 * (which set `ctx.match`), the same order, a promise from a predicate awaited, a falsy answer
 * passing the update on with `next`. The composer a filter returns is a `SyncComposer` too, so
 * filters chained on it (`.chatType(...).on(...)`) are as cheap. And the middleware of one
 * composer runs from an array in turn, not through a nested async function per `use`.
 */
export class SyncComposer<C extends Context> extends Composer<C> {
  private readonly chain: MiddlewareFn<C>[];
  private readonly inOrder: MiddlewareFn<C>;

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    this.chain = middleware.map(flatten);
    this.inOrder = runInOrder(this.chain);
  }

  override middleware(): MiddlewareFn<C> {
    return this.inOrder;
  }

  /** As grammY's `use`: the middleware run after what is there, as a composer of its own, returned for more. */
  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new SyncComposer<C>(...middleware);
    this.chain.push(composer.middleware());
    return composer;
  }

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
