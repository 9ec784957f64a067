import type { Context, MiddlewareFn } from "grammy";
import { localeForLanguageCode } from "../i18n/locale";
import { languageOf } from "../i18n/translate";
import { htmlToText } from "../render/html";
import type { LanguageFlavor } from "./reader-language";

/**
 * Where the limiter keeps its counters: Redis's `INCR` and `PEXPIRE`, the two
 * calls `@grammyjs/ratelimiter` makes of its `storageClient`. An ioredis client
 * fits as it is, so several instances can share the counts.
 */
export interface SpamCounterStore {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/** The memory store's own counter, without a promise: `count` is what `incr` would resolve to, and a first hit is given its window. */
export interface SyncSpamCounterStore extends SpamCounterStore {
  hit(key: string, windowMs: number): number;
}

/**
 * Counters in this process's memory, with Redis's semantics: a key counts up
 * from 1 until it expires. Expired keys are dropped as others are counted, and
 * at most `capacity` keys are kept (the oldest go first), so a flood of
 * distinct users cannot grow it without bound.
 */
export function createMemorySpamCounters(options: { now?: () => number; capacity?: number } = {}): SyncSpamCounterStore {
  const now = options.now ?? (() => Date.now());
  const capacity = options.capacity ?? 100_000;
  const counters = new Map<string, { count: number; expiresAt: number }>();
  let nextSweep = 0;
  const sweep = (at: number) => {
    for (const [key, counter] of counters) if (counter.expiresAt <= at) counters.delete(key);
    for (const key of counters.keys()) {
      if (counters.size <= capacity) break;
      counters.delete(key);
    }
  };
  const incr = (key: string, at: number): number => {
    if (at >= nextSweep || counters.size > capacity) {
      sweep(at);
      nextSweep = at + 10_000;
    }
    const counter = counters.get(key);
    if (counter && counter.expiresAt > at) {
      counter.count += 1;
      return counter.count;
    }
    counters.delete(key);
    counters.set(key, { count: 1, expiresAt: Infinity });
    return 1;
  };
  const pexpire = (key: string, milliseconds: number): number => {
    const counter = counters.get(key);
    if (!counter) return 0;
    counter.expiresAt = now() + milliseconds;
    return 1;
  };
  return {
    async incr(key) {
      return incr(key, now());
    },
    async pexpire(key, milliseconds) {
      return pexpire(key, milliseconds);
    },
    hit(key, windowMs) {
      const count = incr(key, now());
      if (count === 1) pexpire(key, windowMs);
      return count;
    },
  };
}

export interface SpamLimitOptions {
  /** @default createMemorySpamCounters() */
  store?: SpamCounterStore;
  /** Messages and button presses one user may send in `windowMs`; more are not answered. @default 20 */
  limit?: number;
  /** @default 10 000 */
  windowMs?: number;
  /** Inline queries one user may send in `windowMs` (typing sends several); more are not answered. @default 40 */
  inlineLimit?: number;
  /** A flooder is told at most once in this long. @default 600 000 (10 minutes) */
  noticeWindowMs?: number;
  /** Prefix of every key in the store. @default "briefing:spam:" */
  keyPrefix?: string;
}

/** What a flooder is told, once, in their language: short enough for a button's notification (200 characters). */
function spamNotice(ctx: Context & Partial<LanguageFlavor>): string {
  const language = ctx.language ?? languageOf(localeForLanguageCode(ctx.from?.language_code));
  return htmlToText(language.t("error-too-fast").value);
}

/** The notice in English. */
export const SPAM_NOTICE = htmlToText(languageOf("en").t("error-too-fast").value);

const isInline = (ctx: Context) => ctx.inlineQuery !== undefined;

/**
 * The updates the bot answers, so the ones a flood costs: button presses,
 * messages in a private chat, and in groups only commands for this bot (a
 * group's chatter, or commands for other bots, are neither answered nor
 * counted, so no one is told to slow down for talking to others).
 */
function isForTheBot(ctx: Context): boolean {
  if (ctx.callbackQuery) return true;
  const message = ctx.message;
  if (!message) return false;
  if (message.chat.type === "private") return true;
  const command = message.entities?.find((entity) => entity.type === "bot_command" && entity.offset === 0);
  if (!command || message.text === undefined) return false;
  const addressee = message.text.slice(0, command.length).split("@")[1];
  return addressee === undefined || addressee.toLowerCase() === ctx.me.username.toLowerCase();
}

/** One limit: how many hits a key may have in a window, and what happens past it. */
interface LimitRule<C extends Context> {
  keyPrefix: string;
  timeFrame: number;
  limit: number;
  keyGenerator: (ctx: C) => string | undefined;
  /** Past the limit every hit goes to `onLimitExceeded`, not only the first. */
  alwaysReply?: boolean;
  onLimitExceeded?: (ctx: C, next: () => unknown) => unknown;
}

/**
 * `@grammyjs/ratelimiter`'s `limit`, to the letter (a key's first hit sets its window; the
 * first hit past the limit, or every one with `alwaysReply`, goes to `onLimitExceeded`; the
 * others are dropped), but counting synchronously when the counters are in this process's
 * memory: the plugin awaits the store twice per update, which cost more than the counting.
 */
function createLimit<C extends Context>(store: SpamCounterStore, rule: LimitRule<C>): (ctx: C, next: () => unknown) => unknown {
  const sync = "hit" in store ? (store as SyncSpamCounterStore) : undefined;
  const count = async (key: string): Promise<number> => {
    const hits = await store.incr(key);
    if (hits === 1) await store.pexpire(key, rule.timeFrame);
    return hits;
  };
  const decide = (ctx: C, next: () => unknown, hits: number): unknown => {
    if (hits === rule.limit + 1 || (rule.alwaysReply === true && hits > rule.limit)) return rule.onLimitExceeded?.(ctx, next);
    if (hits <= rule.limit) return next();
    return undefined;
  };
  return (ctx, next) => {
    const key = rule.keyGenerator(ctx);
    if (key === undefined || key === "") return next();
    if (sync) return decide(ctx, next, sync.hit(rule.keyPrefix + key, rule.timeFrame));
    return count(rule.keyPrefix + key).then((hits) => decide(ctx, next, hits));
  };
}

/**
 * Per-user rate limiting (the rules of `@grammyjs/ratelimiter`), so one user flooding the
 * bot cannot slow it for others: past the limit their updates are dropped
 * before any work or Bot API call (a button press is still answered, silently,
 * so its spinner stops). The flooder is told once, politely, and not again
 * within `noticeWindowMs`. Inline queries have their own, larger budget and
 * are dropped without a word. A notice that fails (the Bot API refused it,
 * the network failed) goes to `onNoticeError`: the update was dropped anyway.
 */
export function spamLimit<C extends Context>(options: SpamLimitOptions, onNoticeError: (error: unknown, ctx: C) => void): MiddlewareFn<C> {
  const store = options.store ?? createMemorySpamCounters();
  const prefix = options.keyPrefix ?? "briefing:spam:";
  const windowMs = options.windowMs ?? 10_000;
  const userKey = (ctx: C) => (ctx.from ? String(ctx.from.id) : undefined);

  const tellOnce = createLimit<C>(store, {
    keyPrefix: `${prefix}notice:`,
    timeFrame: options.noticeWindowMs ?? 600_000,
    limit: 1,
    keyGenerator: userKey,
    alwaysReply: true,
    onLimitExceeded: (ctx) => (ctx.callbackQuery ? safely(ctx, () => ctx.answerCallbackQuery()) : undefined),
  });
  /** Runs a notice, never letting it fail the update. */
  const safely = async (ctx: C, notice: () => Promise<unknown>) => {
    try {
      await notice();
    } catch (error) {
      onNoticeError(error, ctx);
    }
  };
  const tell = (ctx: C) =>
    safely(ctx, () => (ctx.callbackQuery ? ctx.answerCallbackQuery({ text: spamNotice(ctx), show_alert: true }) : ctx.chat ? ctx.reply(spamNotice(ctx)) : Promise.resolve()));

  const chatLimit = createLimit<C>(store, {
    keyPrefix: `${prefix}chat:`,
    timeFrame: windowMs,
    limit: options.limit ?? 20,
    keyGenerator: (ctx) => (isForTheBot(ctx) ? userKey(ctx) : undefined),
    alwaysReply: true,
    // Every update past the limit comes here; only the first in the notice window is answered with words.
    onLimitExceeded: (ctx) => tellOnce(ctx, () => tell(ctx)),
  });
  const inlineLimit = createLimit<C>(store, {
    keyPrefix: `${prefix}inline:`,
    timeFrame: windowMs,
    limit: options.inlineLimit ?? 40,
    keyGenerator: (ctx) => (isInline(ctx) ? userKey(ctx) : undefined),
  });

  // An update is for the bot (a message, a button) or an inline query, never both: each goes to its own rule, the rest straight on.
  return async (ctx, next) => {
    if (isInline(ctx)) await inlineLimit(ctx, next);
    else await chatLimit(ctx, next);
  };
}
