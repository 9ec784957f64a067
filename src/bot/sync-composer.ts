import { BotError, Composer, type CommandContext, type CommandMiddleware, type Context, type Middleware, type MiddlewareFn, type NextFunction } from "grammy";

type MaybePromise<T> = T | PromiseLike<T>;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === "function";

const flatten = <C extends Context>(middleware: Middleware<C>): MiddlewareFn<C> =>
  typeof middleware === "function" ? middleware : (ctx, next) => middleware.middleware()(ctx, next);

/**
 * A filter in a chain: the runner asks its predicate itself, so a filter that does not match
 * costs the predicate alone. Without a predicate, a `SyncComposer` used in the chain, entered
 * directly.
 */
interface FilterStep<C extends Context> {
  predicate: ((ctx: C) => MaybePromise<boolean>) | undefined;
  branch: SyncComposer<C>;
}

type Step<C extends Context> = MiddlewareFn<C> | FilterStep<C>;

/** A chain run in order: always a promise, never a throw. */
type InOrder<C extends Context> = (ctx: C, last: () => Promise<void>) => Promise<void>;

/**
 * Runs `chain` in order, each middleware's `next` running the rest, the last one's `last`: what
 * grammY's nested `concat`s do, with one closure per middleware run instead of two async
 * functions. A filter is a step of its own kind: its predicate is asked here, and one that says
 * no (the most of them, for any update) passes straight to the next step, with no `next` made,
 * no promise, no call through. As in grammY, the result and `next` are always promises and
 * never throw (a middleware may go on after its `next`), and calling it twice fails with
 * grammY's error. `chain` is read as it stands when each step runs, so middleware added later
 * is run too (grammY's `middleware()` taken before a `use` would not see it; nothing here keeps
 * one: composers are used through `flatten`, which asks each time).
 */
function runInOrder<C extends Context>(chain: readonly Step<C>[]): InOrder<C> {
  // No closure bound to a name per update: tsx (esbuild's keepNames) names each such closure as it is made, which costs more
  // than the closure. And none made in the loop: the steps that go on make theirs in `enter` and `branchInto`.
  const step = (ctx: C, last: () => Promise<void>, from: number): Promise<void> => {
    try {
      for (let i = from; ; i++) {
        const current = chain[i];
        if (current === undefined) return last();
        if (typeof current === "function") return enter(current, ctx, last, i + 1);
        if (current.predicate === undefined) return branchInto(current.branch, ctx, last, i + 1);
        const matched = current.predicate(ctx);
        if (isThenable(matched)) return Promise.resolve(matched).then((yes) => (yes ? branchInto(current.branch, ctx, last, i + 1) : step(ctx, last, i + 1)));
        if (matched) return branchInto(current.branch, ctx, last, i + 1);
      }
    } catch (error) {
      return Promise.reject(error);
    }
  };
  /** Runs `middleware` with a `next` that runs the chain from `rest`, once. */
  const enter = (middleware: MiddlewareFn<C>, ctx: C, last: () => Promise<void>, rest: number): Promise<void> => {
    let called = false;
    return Promise.resolve(
      middleware(ctx, () => {
        if (called) return Promise.reject(new Error("`next` already called before!"));
        called = true;
        return step(ctx, last, rest);
      }),
    ) as Promise<void>;
  };
  // The branch's `last` runs at most once (its own middleware guard their `next`), as grammY's branch's does.
  const branchInto = (branch: SyncComposer<C>, ctx: C, last: () => Promise<void>, rest: number): Promise<void> =>
    branch.inOrder(ctx, () => step(ctx, last, rest));
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
  private readonly chain: Step<C>[];
  /** This composer's middleware: its chain run in order. */
  readonly inOrder: InOrder<C>;

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    this.chain = middleware.map(stepOf);
    this.inOrder = runInOrder(this.chain);
  }

  override middleware(): MiddlewareFn<C> {
    return this.inOrder;
  }

  /** As grammY's `use`: the middleware run after what is there, as a composer of its own, returned for more. */
  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new SyncComposer<C>(...middleware);
    this.chain.push({ predicate: undefined, branch: composer });
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: (ctx: C) => MaybePromise<boolean>, ...middleware: Array<Middleware<C>>): Composer<C> {
    // The branch's chain grows as handlers are added to it after this call; `inOrder` reads it as it runs.
    const branch = new SyncComposer<C>(...middleware);
    this.chain.push({ predicate, branch });
    return branch;
  }

  /** As grammY's `command` (the same matching and `ctx.match`), through `commandFilter`. */
  override command(command: string | string[], ...middleware: Array<CommandMiddleware<C>>): Composer<CommandContext<C>> {
    return this.filter(commandFilter<C>(command), ...middleware);
  }

  /**
   * As grammY's `errorBoundary`: `middleware` run, a failure given to `errorHandler` as a
   * `BotError`, and what follows the boundary run only if the protected middleware (or the
   * handler) called `next`; without grammY's async function and nested composer around it.
   */
  override errorBoundary(errorHandler: (error: BotError<C>, next: NextFunction) => MaybePromise<unknown>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new SyncComposer<C>(...middleware);
    this.chain.push((ctx, next) => {
      // Its state in an object, its closures made by `continuation` and `proceed` rather than bound to names here (see `runInOrder`).
      const state = { nextCalled: false };
      const cont = continuation(state);
      return composer.inOrder(ctx, cont).then(proceed(state, next), (error: unknown) => {
        state.nextCalled = false;
        return Promise.resolve()
          .then(() => errorHandler(new BotError<C>(error, ctx), cont))
          .then(proceed(state, next));
      });
    });
    return composer;
  }
}

/** A middleware as a step of a chain: a `SyncComposer` entered directly, anything else called with a `next`. */
function stepOf<C extends Context>(middleware: Middleware<C>): Step<C> {
  return middleware instanceof SyncComposer ? { predicate: undefined, branch: middleware as SyncComposer<C> } : flatten(middleware);
}

/** An error boundary's `next` for what it protects: it notes the call, and the boundary goes on after (`proceed`). */
function continuation(state: { nextCalled: boolean }): NextFunction {
  return () => {
    state.nextCalled = true;
    return Promise.resolve();
  };
}

/** What an error boundary does once what it protects is done: run what follows if `next` was called. */
function proceed(state: { nextCalled: boolean }, next: NextFunction): () => Promise<void> | undefined {
  return () => (state.nextCalled ? next() : undefined);
}

/**
 * grammY's `Context.has.command`, to the letter, for the commands a feature registers: a
 * message (or channel post) whose entity at offset 0 is a bot command that is one of
 * `command`, or one of them addressed `@` to this bot; `ctx.match` the text after it. grammY's
 * makes a closure and cuts the command out of the text for every filter it is asked, and a
 * command passes a dozen; here the command is compared where it stands in the text, and only
 * one addressed with `@` is cut out (then with grammY's own steps).
 */
function commandFilter<C extends Context>(command: string | readonly string[]): (ctx: C) => ctx is CommandContext<C> {
  const atCommands = new Set<string>();
  const noAtCommands = new Set<string>();
  for (const name of typeof command === "string" ? [command] : command) {
    if (name.startsWith("/")) throw new Error(`Do not include '/' when registering command handlers (use '${name.substring(1)}' not '${name}')`);
    (name.includes("@") ? atCommands : noAtCommands).add(name);
  }
  const exact = [...noAtCommands, ...atCommands];
  return (ctx): ctx is CommandContext<C> => {
    const msg = ctx.message ?? ctx.channelPost;
    const entities = msg?.entities;
    if (msg === undefined || entities === undefined) return false;
    const txt = (msg.text ?? msg.caption) as string;
    for (let i = 0; i < entities.length; i++) {
      const e = entities[i] as (typeof entities)[number];
      if (e.type !== "bot_command" || e.offset !== 0) continue;
      // `cmd` is txt.substring(1, e.length); where that is an ordinary cut, compare in place.
      if (e.length >= 1 && e.length <= txt.length) {
        for (const name of exact) {
          if (name.length === e.length - 1 && txt.startsWith(name, 1)) {
            ctx.match = txt.substring(e.length).trimStart();
            return true;
          }
        }
        const at = txt.indexOf("@", 1);
        if (at === -1 || at >= e.length) continue;
      }
      const cmd = txt.substring(1, e.length);
      if (noAtCommands.has(cmd) || atCommands.has(cmd)) {
        ctx.match = txt.substring(cmd.length + 1).trimStart();
        return true;
      }
      const index = cmd.indexOf("@");
      if (index === -1) continue;
      if (cmd.substring(index + 1).toLowerCase() !== ctx.me.username.toLowerCase()) continue;
      if (noAtCommands.has(cmd.substring(0, index))) {
        ctx.match = txt.substring(cmd.length + 1).trimStart();
        return true;
      }
    }
    return false;
  };
}
