import type { Api } from "grammy";
import type { Logger } from "pino";
import type { Article } from "../content/article-schema";
import type { Locale } from "../i18n/locale";
import { languageOf, type Language } from "../i18n/translate";
import type { Library } from "../library/library";
import type { SafeHtml } from "../render/html";
import { describeError } from "../base/describe-error";
import { isStorageUnavailable } from "../storage/storage-unavailable";
import { contentHash, renderChannelPost } from "./channel-post";
import { channelStatus, dueOf, planChannel, type ArticleChannelStatus } from "./channel-status";
import { editPost, sendPost, type OutgoingPost } from "./post-api";
import { CHANNEL_SEND_LIMIT, type AdminActionResult, type PostLedger, type PostRecord, type SendLimit } from "./post-ledger";
import { createSoleLease, type PosterLease } from "./poster-lease";
import { createLedgerWriter, createSleepers } from "./publisher-waits";
import {
  renderBlockedNotice,
  renderEditFailedNotice,
  renderFailedNotice,
  renderHeldBackNotice,
  renderNewLedgerNotice,
  renderPostedNotice,
  renderUncertainNotice,
} from "./render-channel-admin";
import { classifyFailure, failureText, isUnanswered, type TelegramFailure } from "./telegram-failure";

/** A send or an edit waiting in the channel's queue. */
interface Job {
  kind: "post" | "edit";
  articleId: string;
  /** Transient failures in a row, for the backoff. */
  failures: number;
}

type Outcome = "done" | { retryAt: number; interruptible?: boolean };

/** How long the channel's `Api` waits for an answer before the post is taken for uncertain (grammY's default is 500 s). */
export const CHANNEL_REQUEST_TIMEOUT_SECONDS = 60;

/** What the publisher counts: `createMetrics()`'s `channelPosts` and `channelPoster`, or a test's own. */
export interface ChannelMetrics {
  channelPosts: { inc(labels: { outcome: "posted" | "failed" | "uncertain" }): void };
  channelPoster: { set(value: number): void };
}

/** Counts nothing: for publishers whose figures no one scrapes (tests, the demo). */
const uncounted: ChannelMetrics = { channelPosts: { inc: () => undefined }, channelPoster: { set: () => undefined } };

export interface ChannelPublisherOptions {
  /** Used for the channel only; built apart from `bot.api` so that no other transformer (auto-retry) retries behind the queue's back. */
  api: Api;
  ledger: PostLedger;
  /** Who posts, when several instances share the ledger. @default every process (`createSoleLease`) */
  lease?: PosterLease;
  /** `@username` or `-100…`. */
  channelId: string;
  /** For the deep links under each post; known after `bot.init()`. */
  botUsername: () => string;
  library: () => Library;
  /** Post due articles without an admin. */
  autopost: boolean;
  /**
   * AUTOPOST's safety window: an article whose date (or `publishAt`) is older
   * than this is left for an admin, so a lost ledger cannot post the archive
   * again. 0 or unset: no limit.
   */
  autopostMaxAgeMs?: number;
  /**
   * CHANNEL_CARD: draws the summary card (a PNG); each post is then that photo
   * with the post as its caption, and a correction replaces both. Unset: text posts.
   */
  card?: (article: Article) => Promise<Uint8Array>;
  /** CHANNEL_LANGUAGE: the posts' language. @default each article's own `language` */
  postLanguage?: Locale;
  /** Tells every admin. */
  notifyAdmins: (blocks: SafeHtml[]) => Promise<void>;
  /** Tells one admin (who asked for a post). */
  notifyAdmin: (userId: number, blocks: SafeHtml[]) => Promise<void>;
  logger: Logger;
  /** @default 20 a minute */
  limit?: SendLimit;
  /** First retry delay after a 5xx or network error; it doubles up to `maxBackoffMs`. @default 1 000 */
  backoffMs?: number;
  /** @default 60 000 */
  maxBackoffMs?: number;
  /** How long to wait before trying a chat that refused the bot again. @default 300 000 */
  blockedRetryMs?: number;
  /** Heartbeat, lease renewal and abandoned-claim check. @default the lease's `renewEveryMs` (5 000 without a lease) */
  tickMs?: number;
  /** How long to wait before trying an unreachable ledger again. @default 1 000 */
  storageRetryMs?: number;
  /** A full re-check of the content against the ledger (picks up other processes' admin actions). @default 60 000 */
  resyncMs?: number;
  now?: () => number;
  /** Where the posts and the poster lease are counted (`/metrics`). @default nowhere */
  metrics?: ChannelMetrics;
  /**
   * The language of the notices to admins, which are sent without a reader's
   * context. @default English
   */
  language?: Language;
}

/** Longest single timer: far-off times are reached in steps, so a changed clock or schedule is noticed. */
const MAX_TIMER_MS = 3_600_000;

/**
 * The channel's one sender. Finds what is due (AUTOPOST and `publishAt`,
 * admins' "Post now" and "Schedule"), posts it through one queue in order,
 * edits posts whose content changed, and keeps within Telegram's limits:
 * at most `limit` sends in any window (counted in the ledger, so across
 * processes), nothing to the chat before a 429's `retry_after` has passed,
 * 5xx and network errors retried with backoff. Every send is claimed in the
 * ledger first; see `PostLedger.sweepAbandoned` for a crash in between.
 *
 * With several instances on one ledger, only the holder of the `lease` runs
 * the queue, the timers and the sweep; the others record admins' actions,
 * which the holder notices through `ledger.changes()`. While the ledger
 * cannot be reached nothing is sent: claims wait, and an answer from
 * Telegram already received is kept and recorded once the ledger is back.
 */
export function createChannelPublisher(options: ChannelPublisherOptions) {
  const { api, ledger, channelId, logger } = options;
  const lease = options.lease ?? createSoleLease();
  const storageRetryMs = options.storageRetryMs ?? 1000;
  const limit = options.limit ?? CHANNEL_SEND_LIMIT;
  const now = options.now ?? (() => Date.now());
  const backoffMs = options.backoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const blockedRetryMs = options.blockedRetryMs ?? 300_000;
  const maxAgeMs = options.autopostMaxAgeMs;
  const metrics = options.metrics ?? uncounted;
  const language = options.language ?? languageOf("en");
  /** Articles the admins were told AUTOPOST held back (by this process): each is told once. */
  const heldTold = new Set<string>();
  let newLedgerTold = false;

  const queue: Job[] = [];
  let working: Promise<void> | undefined;
  let stopped = false;
  let started = false;
  let blockedNotified = false;
  let dueTimer: NodeJS.Timeout | undefined;
  let poster = false;
  let lastChanges: number | undefined;
  const intervals: NodeJS.Timeout[] = [];
  const sleepers = createSleepers(now);
  const sleepUntil = (at: number, interruptible: boolean) => sleepers.until(at, interruptible);
  const persist = createLedgerWriter({ logger, now, sleepUntil: (at) => sleepUntil(at, false), stopping: () => stopped });

  function enqueue(kind: Job["kind"], articleId: string, first = false): void {
    if (stopped || queue.some((job) => job.kind === kind && job.articleId === articleId)) return;
    const job: Job = { kind, articleId, failures: 0 };
    if (first) queue.splice(Math.min(1, queue.length), 0, job);
    else queue.push(job);
    kick();
  }

  function kick(): void {
    if (working || stopped || queue.length === 0) return;
    working = work().finally(() => {
      working = undefined;
      kick();
    });
  }

  async function work(): Promise<void> {
    for (let job = queue[0]; job && !stopped; job = queue[0]) {
      if (!lease.held) {
        // Another instance posts; the queue waits in case this one takes over.
        await sleepUntil(now() + lease.renewEveryMs, false);
        continue;
      }
      let outcome: Outcome;
      try {
        outcome = job.kind === "post" ? await post(job) : await edit(job);
      } catch (error) {
        if (isStorageUnavailable(error)) {
          // Nothing was sent: try again once the ledger answers.
          logger.debug({ error: describeError(error), articleId: job.articleId }, "channel: ledger unreachable; waiting");
          outcome = { retryAt: now() + storageRetryMs };
        } else {
          // A bug, not Telegram: log it and move on rather than loop on it.
          logger.error({ error: describeError(error), articleId: job.articleId, job: job.kind }, "channel job failed unexpectedly");
          outcome = "done";
        }
      }
      if (outcome === "done") queue.splice(queue.indexOf(job), 1);
      else await sleepUntil(outcome.retryAt, outcome.interruptible ?? false);
    }
  }

  /** What to do after a failure that may be tried again; `undefined` when it may not. */
  async function retryAfter(job: Job, chatId: string, failure: TelegramFailure, error: unknown): Promise<Outcome | undefined> {
    const at = now();
    switch (failure.kind) {
      case "rate":
        await persist("a 429 pause", { chatId }, () => ledger.pauseChat(chatId, at + failure.retryAfterMs));
        logger.warn({ articleId: job.articleId, retryAfterMs: failure.retryAfterMs }, "channel: 429, pausing the chat");
        return { retryAt: at + failure.retryAfterMs };
      case "transient": {
        const delay = Math.min(backoffMs * 2 ** job.failures, maxBackoffMs);
        job.failures += 1;
        logger.warn({ articleId: job.articleId, error: describeError(error), retryInMs: delay }, "channel: send failed, retrying");
        return { retryAt: at + delay };
      }
      case "chat":
        if (!blockedNotified) {
          blockedNotified = true;
          void options.notifyAdmins(renderBlockedNotice(language, channelId, failureText(error), blockedRetryMs));
        }
        logger.error({ error: describeError(error), channelId }, "channel: the bot may not post to the channel");
        return { retryAt: at + blockedRetryMs, interruptible: true };
      default:
        return undefined;
    }
  }

  /** The post as it goes out at `at`, its card drawn before anything is claimed; a card that cannot be drawn leaves a text post (logged), not no post. */
  async function outgoingPost(article: Article, at: number): Promise<OutgoingPost> {
    const post = renderChannelPost(article, options.botUsername(), { at, ...(options.postLanguage ? { language: options.postLanguage } : {}) });
    if (!options.card) return { post, url: article.url };
    try {
      return { post, url: article.url, card: await options.card(article) };
    } catch (error) {
      logger.error({ error: describeError(error), articleId: article.id }, "channel: could not draw the summary card; posting the text alone");
      return { post, url: article.url };
    }
  }

  const dueOptions = (at: number) => ({ autopost: options.autopost, now: at, autopostMaxAgeMs: maxAgeMs });

  async function post(job: Job): Promise<Outcome> {
    const article = options.library().article(job.articleId);
    if (!article) return "done";
    const outgoing = await outgoingPost(article, now());
    const hash = contentHash(article);
    const claim = await ledger.claimPost({
      articleId: article.id,
      chatId: channelId,
      contentHash: hash,
      now: now(),
      autoAllowed: dueOf(article, undefined, dueOptions(now())).kind === "due",
      limit,
    });
    if (claim.status === "not-eligible") return "done";
    if (claim.status === "wait") return { retryAt: claim.until };
    // From here until recordPosted, a crash leaves the article `sending`: the next start makes it `uncertain`.
    let messageId: number;
    try {
      messageId = (await sendPost(api, channelId, outgoing)).message_id;
    } catch (error) {
      if (isUnanswered(error)) {
        // As a crash in the window: never sent again by itself; the admins look and decide.
        let uncertain: PostRecord | undefined;
        await persist("a post with no answer", { articleId: article.id }, async () => {
          uncertain = await ledger.recordUncertain(article.id, "Telegram did not answer in time", now());
        });
        metrics.channelPosts.inc({ outcome: "uncertain" });
        logger.error({ error: describeError(error), articleId: article.id }, "channel: no answer to the post; asking the admins");
        if (uncertain) await options.notifyAdmins(renderUncertainNotice(language, uncertain, article, channelId));
        return "done";
      }
      const failure = classifyFailure(error);
      const retry = await retryAfter(job, channelId, failure, error);
      if (retry) {
        await persist("a send that failed", { articleId: article.id }, () => ledger.releasePost(article.id, now(), failureText(error)));
        return retry;
      }
      await persist("a refused post", { articleId: article.id }, () => ledger.recordFailed(article.id, failureText(error), now()));
      metrics.channelPosts.inc({ outcome: "failed" });
      logger.error({ error: describeError(error), articleId: article.id }, "channel: Telegram refused the post");
      await options.notifyAdmins(renderFailedNotice(language, article, failureText(error)));
      return "done";
    }
    const postedAt = now();
    await persist("a post", { articleId: article.id, messageId }, () => ledger.recordPosted({ articleId: article.id, messageId, contentHash: hash, now: postedAt }));
    metrics.channelPosts.inc({ outcome: "posted" });
    job.failures = 0;
    blockedNotified = false;
    logger.info({ articleId: article.id, messageId }, "channel: posted");
    const record = await ledger.get(article.id).catch((): PostRecord | undefined => undefined);
    if (record?.requestedBy != null) await options.notifyAdmin(record.requestedBy, renderPostedNotice(language, article, channelId, messageId));
    // A correction made while it was being sent is applied at once.
    if (contentHash(options.library().article(article.id) ?? article) !== hash) enqueue("edit", article.id);
    return "done";
  }

  async function edit(job: Job): Promise<Outcome> {
    const article = options.library().article(job.articleId);
    const record = await ledger.get(job.articleId);
    if (!article || record?.state !== "posted" || record.messageId === null) return "done";
    const hash = contentHash(article);
    const claim = await ledger.claimEdit({ articleId: article.id, contentHash: hash, now: now(), limit });
    if (claim.status === "not-eligible") return "done";
    if (claim.status === "wait") return { retryAt: claim.until };
    // Worded for the day it went out: a correction made later does not turn its "today" into a date, or back.
    const outgoing = await outgoingPost(article, record.postedAt ?? now());
    try {
      await editPost(api, record.chatId, record.messageId, outgoing);
      const editedAt = now();
      await persist("a correction", { articleId: article.id }, () => ledger.recordEdited({ articleId: article.id, contentHash: hash, now: editedAt, modified: true }));
      logger.info({ articleId: article.id, messageId: record.messageId }, "channel: post corrected");
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === "not-modified") {
        const editedAt = now();
        await persist("a correction", { articleId: article.id }, () => ledger.recordEdited({ articleId: article.id, contentHash: hash, now: editedAt, modified: false }));
        return "done";
      }
      const retry = await retryAfter(job, record.chatId, failure, error);
      if (retry) {
        await persist("an edit that failed", { articleId: article.id }, () => ledger.releaseEdit(article.id, now(), failureText(error)));
        return retry;
      }
      await persist("a refused correction", { articleId: article.id }, () =>
        ledger.recordEditFailed({ articleId: article.id, contentHash: hash, error: failureText(error), now: now() }),
      );
      logger.error({ error: describeError(error), articleId: article.id }, "channel: the post could not be corrected");
      await options.notifyAdmins(renderEditFailedNotice(language, article, record.chatId, record.messageId, failureText(error)));
      return "done";
    }
    job.failures = 0;
    blockedNotified = false;
    // Changed again while it was being edited: once more.
    if (contentHash(options.library().article(article.id) ?? article) !== hash) enqueue("edit", article.id);
    return "done";
  }

  /** Marks claims of dead processes `uncertain` and tells the admins about each. */
  async function sweep(): Promise<void> {
    const abandoned = await ledger.sweepAbandoned(now());
    for (const record of abandoned) {
      const article = options.library().article(record.articleId);
      logger.warn({ articleId: record.articleId }, "channel: found a post that may or may not have been sent; asking the admins");
      await options.notifyAdmins(renderUncertainNotice(language, record, article, channelId));
    }
  }

  /** Compares the content with the ledger: queues what is due (oldest first) and the corrections, and sets a timer for the next due time. */
  async function sync(): Promise<void> {
    if (stopped) return;
    if (!lease.held) {
      // A pass skipped because the lease looks lapsed (a slow renewal on a busy machine) is made at the next tick, not forgotten.
      lastChanges = undefined;
      return;
    }
    let records: Map<string, PostRecord>;
    try {
      await sweep();
      records = new Map((await ledger.all()).map((record) => [record.articleId, record]));
    } catch (error) {
      // A pass the ledger cut short (a due timer that fired while Redis was away) is made again at the next tick.
      if (isStorageUnavailable(error)) lastChanges = undefined;
      throw error;
    }
    const at = now();
    const plan = planChannel(options.library().articles, records, dueOptions(at));
    for (const articleId of plan.edit) enqueue("edit", articleId);
    for (const articleId of plan.post) enqueue("post", articleId);
    const { held, nextDueAt: next } = plan;
    const newlyHeld = held.filter((article) => !heldTold.has(article.id));
    if (newlyHeld.length > 0 && maxAgeMs !== undefined) {
      for (const article of newlyHeld) heldTold.add(article.id);
      logger.warn({ held: newlyHeld.map((article) => article.id), autopostMaxAgeMs: maxAgeMs }, "channel: AUTOPOST held back articles older than AUTOPOST_MAX_AGE; they wait for /publish");
      void options.notifyAdmins(renderHeldBackNotice(language, newlyHeld, maxAgeMs));
    }
    clearTimeout(dueTimer);
    dueTimer = undefined;
    if (next !== undefined && !stopped) {
      dueTimer = setTimeout(() => void sync().catch(onError), Math.min(next - at, MAX_TIMER_MS));
    }
  }

  function onError(err: unknown): void {
    // An outage is logged once by the connection; the checks just go on trying.
    if (isStorageUnavailable(err)) logger.debug({ error: describeError(err) }, "channel: ledger unreachable");
    else logger.error({ error: describeError(err) }, "channel: periodic check failed");
  }

  /** Beats the heartbeat and renews the lease; the poster then resolves abandoned claims and picks up admins' actions from other instances. */
  let ticking: Promise<void> | undefined;
  function tick(): Promise<void> {
    // One at a time: a slow ledger must not pile them up.
    ticking ??= tickOnce().finally(() => {
      ticking = undefined;
    });
    return ticking;
  }

  /** A ledger this process began while the content already has articles: said in the log and to the admins, once. */
  function tellIfNewLedger(): void {
    if (newLedgerTold || !ledger.createdHere()) return;
    newLedgerTold = true;
    const count = options.library().articles.length;
    if (count === 0) return;
    logger.warn(
      { articles: count, autopost: options.autopost, autopostMaxAgeMs: maxAgeMs ?? 0 },
      "channel: the post ledger is new (none was found) while the content has articles: those already in the channel cannot be told apart",
    );
    // Not awaited: a slow notice (retried on 429) must not hold up the heartbeat.
    void options.notifyAdmins(renderNewLedgerNotice(language, count, options.autopost, maxAgeMs));
  }

  async function tickOnce(): Promise<void> {
    if (stopped) return;
    await ledger.heartbeat(now()).catch(onError);
    tellIfNewLedger();
    const held = await lease.renew();
    if (stopped) return;
    if (held !== poster) {
      poster = held;
      metrics.channelPoster.set(held ? 1 : 0);
      if (held) {
        logger.info("channel: this instance now posts to the channel");
        lastChanges = undefined;
        kick();
      } else {
        logger.warn("channel: no longer the instance that posts (the lease went to another, or the ledger is unreachable)");
        clearTimeout(dueTimer);
      }
    }
    if (!held) return;
    const changes = await ledger.changes();
    if (changes !== lastChanges) {
      // Taken over, or an admin acted through another instance: a full pass.
      lastChanges = changes;
      await sync();
    } else {
      await sweep();
    }
  }

  return {
    channelId,

    /**
     * Registers this process in the ledger, takes the poster lease if it is
     * free, resolves abandoned claims, queues what is due, and keeps checking.
     * An unreachable ledger does not stop it: it goes on trying.
     */
    async start(): Promise<void> {
      if (started) return;
      started = true;
      try {
        await ledger.register(now());
      } catch (err) {
        onError(err);
      }
      intervals.push(
        setInterval(() => void tick().catch(onError), options.tickMs ?? lease.renewEveryMs),
        setInterval(() => void sync().catch(onError), options.resyncMs ?? 60_000),
      );
      for (const interval of intervals) interval.unref();
      await tick().catch(onError);
    },

    /** After a content reload or an admin's action. An unreachable ledger is not an error here: the next check picks it up. */
    async sync(): Promise<void> {
      await sync().catch((err: unknown) => {
        if (!isStorageUnavailable(err)) throw err;
        onError(err);
      });
    },

    /** Resolves once the queue is empty (a demo's or a test's wait). */
    async whenIdle(): Promise<void> {
      while (working) await working;
    },

    /** What /status and /publish show. */
    async status(): Promise<ArticleChannelStatus[]> {
      return channelStatus(options.library(), await ledger.all(), dueOptions(now()));
    },

    /**
     * "Post now" / "Post again": recorded in the ledger (so it survives a
     * restart); `dispatch` then queues it ahead of AUTOPOST's backlog. Two steps,
     * so the admin's "on its way" can be sent before the "posted" notice.
     */
    async postNow(articleId: string, by: number): Promise<AdminActionResult> {
      return ledger.requestPost({ articleId, chatId: channelId, by, now: now() });
    },

    dispatch(articleId: string): void {
      // Not the poster: the poster sees the request in the ledger within a tick.
      if (!lease.held) return;
      enqueue("post", articleId, true);
      // A chat that refused the bot is tried again at once: the admin may just have fixed its rights.
      sleepers.wake("interruptible");
    },

    async schedule(articleId: string, at: number, by: number): Promise<AdminActionResult> {
      const result = await ledger.schedulePost({ articleId, chatId: channelId, at, by, now: now() });
      if (result.ok) await sync();
      return result;
    },

    /** "Mark as posted" for an uncertain one; with its message id when the admin gave the link. */
    async markPosted(articleId: string, messageId: number | null, by: number): Promise<AdminActionResult> {
      const result = await ledger.markPosted({ articleId, messageId, by, now: now() });
      if (result.ok) await sync();
      return result;
    },

    /** Stops taking new work, waits for a send in flight to be recorded, and leaves the ledger. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(dueTimer);
      for (const interval of intervals) clearInterval(interval);
      sleepers.wake("all");
      while (working) await working;
      await lease.release();
      metrics.channelPoster.set(0);
      await ledger.unregister().catch((err: unknown) => logger.warn({ error: describeError(err) }, "channel: could not leave the ledger; this process is taken for dead once its heartbeat is stale"));
    },
  };
}

export type ChannelPublisher = ReturnType<typeof createChannelPublisher>;
