import type { Logger } from "pino";
import { languageOf } from "../i18n/translate";
import type { SafeHtml } from "../render/html";
import type { FeedLedger } from "./feed-ledger";
import { fetchLimited } from "./fetch-limited";
import { FeedError, parseFeed, type FeedItem } from "./parse-feed";
import { describeError } from "../base/describe-error";

export interface FeedPollerOptions {
  urls: readonly string[];
  /** FEED_INTERVAL, in ms: how often each feed is asked. */
  intervalMs: number;
  ledger: FeedLedger;
  /** Drafts a new item and tells the admins; throws when it could not (the item is tried again at the next poll). */
  onItem: (item: FeedItem, feedUrl: string) => Promise<void>;
  notifyAdmins: (blocks: SafeHtml[]) => Promise<void>;
  logger: Logger;
  fetch?: typeof globalThis.fetch;
  /** A feed bigger than this is refused. @default 5 MB */
  maxBytes?: number;
  /** @default 20 000 */
  timeoutMs?: number;
  /** The longest wait between tries of a failing feed. @default an hour, or the interval if longer */
  maxBackoffMs?: number;
}

/** How many items of a feed never seen before are drafted: its newest, not its whole history. */
export const FIRST_POLL_ITEMS = 3;
/** A claim older than this was left by a process that died while drafting: the item is drafted again. */
const CLAIM_STALE_MS = 10 * 60_000;

interface FeedState {
  etag?: string;
  lastModified?: string;
  failures: number;
  timer?: NodeJS.Timeout;
}

/** The wait before the next poll: the interval, doubled for each failure in a row, up to `maxMs`. */
export function backoffDelay(intervalMs: number, failures: number, maxMs: number): number {
  return failures === 0 ? intervalMs : Math.min(intervalMs * 2 ** Math.min(failures, 20), Math.max(maxMs, intervalMs));
}

/**
 * Polls each feed every `intervalMs`, with conditional requests (ETag,
 * Last-Modified), and hands each new item to `onItem` once: an item (by its
 * guid, else its link) is claimed in the ledger before it is drafted, so a
 * restart or a second instance never drafts it again. A failing feed (an
 * error, a body over the limit, malformed XML) is tried again with backoff,
 * and the admins are told once, not at every poll (the notice is a claim in
 * the ledger too, so once across instances); it never stops the bot.
 */
export function createFeedPoller(options: FeedPollerOptions) {
  const { ledger, logger } = options;
  const states = new Map<string, FeedState>(options.urls.map((url) => [url, { failures: 0 }]));
  const maxBackoffMs = options.maxBackoffMs ?? 3_600_000;
  let stopped = true;
  const running = new Set<Promise<void>>();

  async function failed(url: string, state: FeedState, reason: string): Promise<void> {
    state.failures += 1;
    logger.warn({ feed: url, reason, failures: state.failures }, "feed: cannot be read; trying again later");
    if (await ledger.claim(`failing:${url}`, Number.MAX_SAFE_INTEGER)) {
      await options.notifyAdmins([
        // Admins' notices are in the default language: a notice has no reader to take a language from.
        languageOf("en").t("feed-failing", { url, reason, minutes: Math.round(Math.max(maxBackoffMs, options.intervalMs) / 60_000) }),
      ]);
    }
  }

  /** Asks one feed once and drafts its new items; never throws. */
  async function pollFeed(url: string): Promise<void> {
    const state = states.get(url) ?? { failures: 0 };
    states.set(url, state);
    const fetched = await fetchLimited(url, {
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
      timeoutMs: options.timeoutMs ?? 20_000,
      ...(state.etag ? { etag: state.etag } : {}),
      ...(state.lastModified ? { lastModified: state.lastModified } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      // A feed the configuration names may be a local file (the demo, a test feed).
      allowFile: true,
    });
    if (fetched.status === "failed") return failed(url, state, fetched.reason);
    if (fetched.status === "not-modified") {
      state.failures = 0;
      return;
    }
    let items: FeedItem[];
    try {
      items = parseFeed(fetched.text);
    } catch (error) {
      return failed(url, state, error instanceof FeedError ? error.message : String(error));
    }
    if (state.failures > 0) logger.info({ feed: url }, "feed: readable again");
    state.failures = 0;
    await ledger.release(`failing:${url}`);
    const firstSight = !(await ledger.isDone(`feed:${url}`));
    const older = firstSight ? items.slice(0, Math.max(0, items.length - FIRST_POLL_ITEMS)) : [];
    for (const item of older) if (!(await ledger.isDone(`item:${item.key}`))) await ledger.done(`item:${item.key}`, "older than the feed's first poll");
    let allDone = true;
    for (const item of items.slice(older.length)) {
      const key = `item:${item.key}`;
      if (!(await ledger.claim(key, CLAIM_STALE_MS))) continue;
      try {
        await options.onItem(item, url);
        await ledger.done(key);
      } catch (error) {
        allDone = false;
        logger.warn({ feed: url, item: item.key, error: describeError(error) }, "feed: could not draft an item; it is tried again at the next poll");
        await ledger.release(key);
      }
    }
    if (firstSight) await ledger.done(`feed:${url}`);
    // Only a fully handled answer is remembered: otherwise a 304 would hide the item that failed.
    if (allDone) {
      state.etag = fetched.etag;
      state.lastModified = fetched.lastModified;
    }
  }

  async function guarded(url: string): Promise<void> {
    try {
      await pollFeed(url);
    } catch (error) {
      // The ledger unreachable (Redis away), say: the next poll tries again.
      const state = states.get(url);
      if (state) state.failures += 1;
      logger.warn({ feed: url, error: describeError(error) }, "feed: poll failed; trying again later");
    }
  }

  function schedule(url: string, delayMs: number): void {
    const state = states.get(url);
    if (stopped || !state) return;
    state.timer = setTimeout(() => {
      const poll = guarded(url).finally(() => {
        running.delete(poll);
        schedule(url, backoffDelay(options.intervalMs, state.failures, maxBackoffMs));
      });
      running.add(poll);
    }, delayMs);
    state.timer.unref();
  }

  return {
    /** Polls every feed now, then every interval. */
    start(): void {
      stopped = false;
      for (const url of states.keys()) schedule(url, 0);
    },
    /** Polls every feed once, now (tests, the demo). */
    async pollAll(): Promise<void> {
      for (const url of states.keys()) await guarded(url);
    },
    /** Stops polling; a poll in progress finishes first. */
    async stop(): Promise<void> {
      stopped = true;
      for (const state of states.values()) clearTimeout(state.timer);
      await Promise.all(running);
    },
  };
}

export type FeedPoller = ReturnType<typeof createFeedPoller>;
