import { GrammyError, HttpError, InputFile, type Api } from "grammy";
import type { Logger } from "pino";
import type { Article } from "../content/article-schema";
import type { ArticleSummary, Library } from "../library/library";
import { metrics } from "../metrics";
import { isStorageUnavailable } from "../storage/storage-unavailable";
import type { SafeHtml } from "../render/html";
import {
  renderBlockedNotice,
  renderEditFailedNotice,
  renderFailedNotice,
  renderHeldBackNotice,
  renderNewLedgerNotice,
  renderPostedNotice,
  renderUncertainNotice,
} from "../render/render-channel-admin";
import { contentHash, renderChannelPost } from "./channel-post";
import { autopostTime, channelStatus, isTooOldToAutopost, type ArticleChannelStatus } from "./channel-status";
import { CHANNEL_SEND_LIMIT, type AdminActionResult, type PostLedger, type PostRecord, type SendLimit } from "./post-ledger";
import { createSoleLease, type PosterLease } from "./poster-lease";

/** A send or an edit waiting in the channel's queue. */
interface Job {
  kind: "post" | "edit";
  articleId: string;
  /** Transient failures in a row, for the backoff. */
  failures: number;
}

type Outcome = "done" | { retryAt: number; interruptible?: boolean };

/** How Telegram's answer to a send or an edit is handled. */
type Failure =
  /** 429: wait `retry_after`, sending nothing to the chat before. */
  | { kind: "rate"; retryAfterMs: number }
  /** 5xx or the network: try again with backoff. */
  | { kind: "transient" }
  /** The bot may not post to the chat (not an admin, chat gone): try again much later, admins told once. */
  | { kind: "chat" }
  /** Editing: the post already shows this. */
  | { kind: "not-modified" }
  /** Editing: the post can no longer be edited. */
  | { kind: "uneditable" }
  /** Refused for good (a bad request). */
  | { kind: "permanent" };

function classify(error: unknown): Failure {
  if (error instanceof GrammyError) {
    const description = error.description;
    if (error.error_code === 429) return { kind: "rate", retryAfterMs: (error.parameters.retry_after ?? 5) * 1000 };
    if (error.error_code >= 500) return { kind: "transient" };
    if (error.error_code === 403) return { kind: "chat" };
    if (/chat not found|not enough rights|have no rights|chat_write_forbidden|need administrator|chat_admin_required|not a member/i.test(description)) {
      return { kind: "chat" };
    }
    if (/message is not modified/i.test(description)) return { kind: "not-modified" };
    if (/message can't be edited|message to edit not found|message_id_invalid/i.test(description)) return { kind: "uneditable" };
    return { kind: "permanent" };
  }
  // HttpError: the network failed (or timed out) before Telegram's answer came back.
  return { kind: "transient" };
}

/**
 * The client gave up waiting for Telegram's answer: the request went out and
 * may yet be posted, so sending it again could post it twice. (grammY reports
 * its own timeout as an HttpError around "Request to '…' timed out after N seconds".)
 */
function isUnanswered(error: unknown): boolean {
  return error instanceof HttpError && error.error instanceof Error && /timed out/i.test(error.error.message);
}

/** How long the channel's `Api` waits for an answer before the post is taken for uncertain (grammY's default is 500 s). */
export const CHANNEL_REQUEST_TIMEOUT_SECONDS = 60;

function describe(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code}: ${error.description}`;
  if (error instanceof HttpError) return `network: ${error.message}`;
  return String(error);
}

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
  /** Wakes sleeping waits: all on stop, the interruptible ones (a refused chat) when an admin asks for a post. */
  const sleepers = new Set<{ wake: () => void; interruptible: boolean }>();

  function sleepUntil(at: number, interruptible: boolean): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        interruptible,
        wake: () => {
          clearTimeout(timer);
          sleepers.delete(sleeper);
          resolve();
        },
      };
      const timer = setTimeout(sleeper.wake, Math.max(0, at - now()));
      sleepers.add(sleeper);
    });
  }

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
          logger.debug({ err: error, articleId: job.articleId }, "channel: ledger unreachable; waiting");
          outcome = { retryAt: now() + storageRetryMs };
        } else {
          // A bug, not Telegram: log it and move on rather than loop on it.
          logger.error({ err: error, articleId: job.articleId, job: job.kind }, "channel job failed unexpectedly");
          outcome = "done";
        }
      }
      if (outcome === "done") queue.splice(queue.indexOf(job), 1);
      else await sleepUntil(outcome.retryAt, outcome.interruptible ?? false);
    }
  }

  /**
   * Writes what Telegram answered to the ledger, however long the ledger is
   * away: the answer is not asked for twice. Stopping, it tries for 5 s more,
   * then logs what it could not record (a claim left so is found abandoned,
   * and the admins asked, as after a crash).
   */
  async function persist(what: string, details: Record<string, unknown>, write: () => Promise<unknown>): Promise<void> {
    let delay = 200;
    let giveUpAt: number | undefined;
    let warned = false;
    for (;;) {
      try {
        await write();
        if (warned) logger.info(details, `channel: recorded ${what} once the ledger was back`);
        return;
      } catch (error) {
        if (!isStorageUnavailable(error)) throw error;
        if (stopped) {
          giveUpAt ??= now() + 5000;
          if (now() >= giveUpAt) {
            logger.error({ ...details, err: error }, `channel: stopping without having recorded ${what}: the ledger is unreachable`);
            return;
          }
        }
        if (!warned) logger.warn({ ...details, err: error }, `channel: cannot record ${what} yet: the ledger is unreachable; holding on to it`);
        warned = true;
        await sleepUntil(now() + delay, false);
        // Soon after Redis is back: before this instance could be taken for dead and its post for uncertain.
        delay = Math.min(delay * 2, 1000);
      }
    }
  }

  /** What to do after a failure that may be tried again; `undefined` when it may not. */
  async function retryAfter(job: Job, chatId: string, failure: Failure, error: unknown): Promise<Outcome | undefined> {
    const at = now();
    switch (failure.kind) {
      case "rate":
        await persist("a 429 pause", { chatId }, () => ledger.pauseChat(chatId, at + failure.retryAfterMs));
        logger.warn({ articleId: job.articleId, retryAfterMs: failure.retryAfterMs }, "channel: 429, pausing the chat");
        return { retryAt: at + failure.retryAfterMs };
      case "transient": {
        const delay = Math.min(backoffMs * 2 ** job.failures, maxBackoffMs);
        job.failures += 1;
        logger.warn({ articleId: job.articleId, err: error, retryInMs: delay }, "channel: send failed, retrying");
        return { retryAt: at + delay };
      }
      case "chat":
        if (!blockedNotified) {
          blockedNotified = true;
          void options.notifyAdmins(renderBlockedNotice(channelId, describe(error), blockedRetryMs));
        }
        logger.error({ err: error, channelId }, "channel: the bot may not post to the channel");
        return { retryAt: at + blockedRetryMs, interruptible: true };
      default:
        return undefined;
    }
  }

  /** The card for a post, drawn before anything is claimed; a card that cannot be drawn leaves a text post (logged), not no post. */
  async function drawCard(article: Article): Promise<Uint8Array | undefined> {
    if (!options.card) return undefined;
    try {
      return await options.card(article);
    } catch (error) {
      logger.error({ err: error, articleId: article.id }, "channel: could not draw the summary card; posting the text alone");
      return undefined;
    }
  }

  async function post(job: Job): Promise<Outcome> {
    const article = options.library().article(job.articleId);
    if (!article) return "done";
    const sent = renderChannelPost(article, options.botUsername(), { at: now() });
    const card = await drawCard(article);
    const hash = contentHash(article);
    const claim = await ledger.claimPost({
      articleId: article.id,
      chatId: channelId,
      contentHash: hash,
      now: now(),
      autoAllowed: options.autopost && autopostTime(article) <= now() && !isTooOldToAutopost(article, now(), maxAgeMs),
      limit,
    });
    if (claim.status === "not-eligible") return "done";
    if (claim.status === "wait") return { retryAt: claim.until };
    // From here until recordPosted, a crash leaves the article `sending`: the next start makes it `uncertain`.
    let messageId: number;
    try {
      const message = card
        ? await api.sendPhoto(channelId, new InputFile(card, "card.png"), { caption: sent.text, parse_mode: "HTML", reply_markup: { inline_keyboard: sent.keyboard } })
        : await api.sendMessage(channelId, sent.text, {
            parse_mode: "HTML",
            link_preview_options: { url: article.url, prefer_small_media: true },
            reply_markup: { inline_keyboard: sent.keyboard },
          });
      messageId = message.message_id;
    } catch (error) {
      if (isUnanswered(error)) {
        // As a crash in the window: never sent again by itself; the admins look and decide.
        let uncertain: PostRecord | undefined;
        await persist("a post with no answer", { articleId: article.id }, async () => {
          uncertain = await ledger.recordUncertain(article.id, "Telegram did not answer in time", now());
        });
        metrics.channelPosts.inc({ outcome: "uncertain" });
        logger.error({ err: error, articleId: article.id }, "channel: no answer to the post; asking the admins");
        if (uncertain) await options.notifyAdmins(renderUncertainNotice(uncertain, article, channelId));
        return "done";
      }
      const failure = classify(error);
      const retry = await retryAfter(job, channelId, failure, error);
      if (retry) {
        await persist("a send that failed", { articleId: article.id }, () => ledger.releasePost(article.id, now(), describe(error)));
        return retry;
      }
      await persist("a refused post", { articleId: article.id }, () => ledger.recordFailed(article.id, describe(error), now()));
      metrics.channelPosts.inc({ outcome: "failed" });
      logger.error({ err: error, articleId: article.id }, "channel: Telegram refused the post");
      await options.notifyAdmins(renderFailedNotice(article, describe(error)));
      return "done";
    }
    const postedAt = now();
    await persist("a post", { articleId: article.id, messageId }, () => ledger.recordPosted({ articleId: article.id, messageId, contentHash: hash, now: postedAt }));
    metrics.channelPosts.inc({ outcome: "posted" });
    job.failures = 0;
    blockedNotified = false;
    logger.info({ articleId: article.id, messageId }, "channel: posted");
    const record = await ledger.get(article.id).catch((): PostRecord | undefined => undefined);
    if (record?.requestedBy != null) await options.notifyAdmin(record.requestedBy, renderPostedNotice(article, channelId, messageId));
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
    const sent = renderChannelPost(article, options.botUsername(), { at: record.postedAt ?? now() });
    const card = await drawCard(article);
    const { chatId, messageId } = record;
    const editText = () =>
      api.editMessageText(chatId, messageId, sent.text, {
        parse_mode: "HTML",
        link_preview_options: { url: article.url, prefer_small_media: true },
        reply_markup: { inline_keyboard: sent.keyboard },
      });
    // The card and the caption together: the card is drawn again from the corrected article, right whatever changed.
    const editPhoto = (png: Uint8Array) =>
      api.editMessageMedia(chatId, messageId, { type: "photo", media: new InputFile(png, "card.png"), caption: sent.text, parse_mode: "HTML" }, { reply_markup: { inline_keyboard: sent.keyboard } });
    const editCaption = () => api.editMessageCaption(chatId, messageId, { caption: sent.text, parse_mode: "HTML", reply_markup: { inline_keyboard: sent.keyboard } });
    try {
      try {
        await (card ? editPhoto(card) : editText());
      } catch (error) {
        // CHANNEL_CARD changed since the post went out: a text post is edited as text, a photo's caption as a caption.
        if (!(error instanceof GrammyError) || !/there is no (text|media|caption) in the message to edit|message has no media/i.test(error.description)) throw error;
        await (card ? editText() : editCaption());
      }
      const editedAt = now();
      await persist("a correction", { articleId: article.id }, () => ledger.recordEdited({ articleId: article.id, contentHash: hash, now: editedAt, modified: true }));
      logger.info({ articleId: article.id, messageId: record.messageId }, "channel: post corrected");
    } catch (error) {
      const failure = classify(error);
      if (failure.kind === "not-modified") {
        const editedAt = now();
        await persist("a correction", { articleId: article.id }, () => ledger.recordEdited({ articleId: article.id, contentHash: hash, now: editedAt, modified: false }));
        return "done";
      }
      const retry = await retryAfter(job, record.chatId, failure, error);
      if (retry) {
        await persist("an edit that failed", { articleId: article.id }, () => ledger.releaseEdit(article.id, now(), describe(error)));
        return retry;
      }
      await persist("a refused correction", { articleId: article.id }, () =>
        ledger.recordEditFailed({ articleId: article.id, contentHash: hash, error: describe(error), now: now() }),
      );
      logger.error({ err: error, articleId: article.id }, "channel: the post could not be corrected");
      await options.notifyAdmins(renderEditFailedNotice(article, record.chatId, record.messageId, describe(error)));
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
      await options.notifyAdmins(renderUncertainNotice(record, article, channelId));
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
    const due: { article: ArticleSummary; at: number }[] = [];
    const held: ArticleSummary[] = [];
    let next = Infinity;
    for (const article of options.library().articles) {
      const record = records.get(article.id);
      if (record?.state === "posted") {
        const hash = article.contentHash;
        if (record.messageId !== null && record.contentHash !== hash && record.editFailedHash !== hash) enqueue("edit", article.id);
        continue;
      }
      let dueAt: number | undefined;
      if (record === undefined) dueAt = options.autopost ? autopostTime(article) : undefined;
      else if (record.state === "requested") dueAt = 0;
      else if (record.state === "scheduled") dueAt = record.scheduledAt ?? undefined;
      if (dueAt === undefined) continue;
      if (record === undefined && dueAt <= at && isTooOldToAutopost(article, at, maxAgeMs)) held.push(article);
      else if (dueAt <= at) due.push({ article, at: dueAt });
      else next = Math.min(next, dueAt);
    }
    due.sort((a, b) => a.at - b.at || a.article.date.localeCompare(b.article.date) || a.article.id.localeCompare(b.article.id));
    for (const { article } of due) enqueue("post", article.id);
    const newlyHeld = held.filter((article) => !heldTold.has(article.id));
    if (newlyHeld.length > 0 && maxAgeMs !== undefined) {
      for (const article of newlyHeld) heldTold.add(article.id);
      logger.warn({ held: newlyHeld.map((article) => article.id), autopostMaxAgeMs: maxAgeMs }, "channel: AUTOPOST held back articles older than AUTOPOST_MAX_AGE; they wait for /publish");
      void options.notifyAdmins(renderHeldBackNotice(newlyHeld, maxAgeMs));
    }
    clearTimeout(dueTimer);
    dueTimer = undefined;
    if (next !== Infinity && !stopped) {
      dueTimer = setTimeout(() => void sync().catch(onError), Math.min(next - at, MAX_TIMER_MS));
    }
  }

  function onError(err: unknown): void {
    // An outage is logged once by the connection; the checks just go on trying.
    if (isStorageUnavailable(err)) logger.debug({ err }, "channel: ledger unreachable");
    else logger.error({ err }, "channel: periodic check failed");
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
    void options.notifyAdmins(renderNewLedgerNotice(count, options.autopost, maxAgeMs));
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
      return channelStatus(options.library(), await ledger.all(), { autopost: options.autopost, now: now(), autopostMaxAgeMs: maxAgeMs });
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
      for (const sleeper of sleepers) if (sleeper.interruptible) sleeper.wake();
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
      for (const sleeper of sleepers) sleeper.wake();
      while (working) await working;
      await lease.release();
      metrics.channelPoster.set(0);
      await ledger.unregister().catch((err: unknown) => logger.warn({ err }, "channel: could not leave the ledger; this process is taken for dead once its heartbeat is stale"));
    },
  };
}

export type ChannelPublisher = ReturnType<typeof createChannelPublisher>;
