/**
 * Where an article stands with the channel:
 * - `scheduled`: an admin chose a time (`scheduledAt`);
 * - `requested`: an admin chose "Post now"; it goes out as soon as the limits allow;
 * - `sending`: claimed by one process (`owner`), which is sending it now;
 * - `posted`: Telegram answered with the post (`messageId`);
 * - `uncertain`: the process that was sending it died before the answer was
 *   recorded; it may or may not be in the channel, and an admin decides;
 * - `failed`: Telegram refused it for good (`error`).
 * An article with no record has not been posted and is not planned by an admin.
 */
export type PostState = "scheduled" | "requested" | "sending" | "posted" | "uncertain" | "failed";

/** What an admin (or AUTOPOST) asked for; a released claim goes back to it. */
export type PostIntent = "auto" | "requested" | "scheduled";

/** One article's line in the ledger. Times are milliseconds since the epoch. */
export interface PostRecord {
  articleId: string;
  /** The chat it was (or is to be) posted to, as configured then. */
  chatId: string;
  state: PostState;
  intent: PostIntent;
  scheduledAt: number | null;
  /** The admin who asked for it; told when it is out. */
  requestedBy: number | null;
  messageId: number | null;
  /** The hash of the content the post now shows (`contentHash`). */
  contentHash: string | null;
  /** 1 when posted, one more for every correction. */
  revision: number;
  attempts: number;
  /** The process instance that holds the `sending` claim. */
  owner: string | null;
  attemptAt: number | null;
  postedAt: number | null;
  editedAt: number | null;
  error: string | null;
  /** Why the last correction could not be made, and for which content (not tried again until the content changes). */
  editError: string | null;
  editFailedHash: string | null;
  /** The process instance editing the post now. */
  editOwner: string | null;
  updatedAt: number;
}

/** What the ledger's history says happened, newest last. */
export interface PostEvent {
  articleId: string;
  at: number;
  event: string;
  revision: number | null;
  contentHash: string | null;
  messageId: number | null;
  detail: string | null;
}

/** At most `count` sends to one chat in any `windowMs`, and at least `minIntervalMs` between two. */
export interface SendLimit {
  count: number;
  windowMs: number;
  minIntervalMs: number;
}

/** Telegram's limits for a channel: 20 messages a minute, and about one a second to any chat (so no burst of 20). */
export const CHANNEL_SEND_LIMIT: SendLimit = { count: 20, windowMs: 60_000, minIntervalMs: 1000 };

export type ClaimResult =
  | { status: "claimed" }
  /** Not yet: the chat is paused (429) or its send window is full until `until`. */
  | { status: "wait"; until: number }
  /** Not to be sent (by this process, now): taken, posted, not due or not planned. */
  | { status: "not-eligible"; record?: PostRecord };

export type AdminActionResult = { ok: true; record: PostRecord } | { ok: false; record?: PostRecord };

export interface ClaimPostArgs {
  articleId: string;
  chatId: string;
  contentHash: string;
  now: number;
  /** AUTOPOST is on and the article is due. */
  autoAllowed: boolean;
  limit: SendLimit;
}

/**
 * The post ledger: which article went to the channel, as which message, with
 * which content, and what is planned; the send limit and 429 pauses; which
 * processes are alive. Every change that decides whether a message is sent
 * is atomic across processes, so of several processes (on one DATA_DIR, or
 * on one Redis) exactly one can claim an article.
 *
 * Two implementations: SQLite in DATA_DIR (`createSqlitePostLedger`) and Redis
 * (`createRedisPostLedger`); `test/channel/post-ledger.test.ts` holds both to
 * the same contract. Methods reject with `StorageUnavailableError` while the
 * storage cannot be reached; nothing is changed then.
 */
export interface PostLedger {
  /** This process's id in the ledger: the `owner` of its claims. */
  readonly instanceId: string;
  /**
   * Whether this process began the ledger (there was none: a first start, a
   * new DATA_DIR, a Redis that lost its data) rather than finding one. Known
   * once `register` (or, with Redis away at start, a later heartbeat) has
   * reached the storage.
   */
  createdHere(): boolean;
  get(articleId: string): Promise<PostRecord | undefined>;
  /** Every record, oldest change first. */
  all(): Promise<PostRecord[]>;
  events(articleId: string): Promise<PostEvent[]>;
  /** Announces this process, so others can tell its claims from a dead process's. */
  register(now: number): Promise<void>;
  heartbeat(now: number): Promise<void>;
  /** On a clean stop: a claim this process still holds is then found abandoned by the next one. */
  unregister(): Promise<void>;
  /**
   * Claims an article for sending and records the attempt, in one atomic
   * step, before anything is sent. Eligible: see `isClaimable`. The send is
   * counted against `limit` for the chat.
   */
  claimPost(args: ClaimPostArgs): Promise<ClaimResult>;
  /** Telegram answered with the post. Recorded whatever the state: the answer is the truth, even if the claim was meanwhile taken for abandoned. */
  recordPosted(args: { articleId: string; messageId: number; contentHash: string; now: number }): Promise<void>;
  /** Telegram surely did not post it (429, 5xx, a refused chat): back to what was asked for, to be tried again. */
  releasePost(articleId: string, now: number, reason: string): Promise<void>;
  /**
   * Sent, and no answer came back in time: it may or may not be in the
   * channel, as after a crash in the window, so an admin decides. Resolves to
   * the record when this call made it `uncertain`.
   */
  recordUncertain(articleId: string, reason: string, now: number): Promise<PostRecord | undefined>;
  /** Telegram refused it for good; an admin can post it again from /publish. */
  recordFailed(articleId: string, error: string, now: number): Promise<void>;
  /** Claims a posted article's correction: only one process edits a post at a time, within the chat's send limit. */
  claimEdit(args: { articleId: string; contentHash: string; now: number; limit: SendLimit }): Promise<ClaimResult>;
  /** The post shows the new content (`modified: false`: Telegram said it already did). */
  recordEdited(args: { articleId: string; contentHash: string; now: number; modified: boolean }): Promise<void>;
  /** The correction cannot be made; not tried again for this content. */
  recordEditFailed(args: { articleId: string; contentHash: string; error: string; now: number }): Promise<void>;
  releaseEdit(articleId: string, now: number, reason: string): Promise<void>;
  /** After a 429: nothing is sent to the chat, by any process, before `until`. */
  pauseChat(chatId: string, until: number): Promise<void>;
  /**
   * Finds claims left by processes that are gone (a crash inside the window
   * between sending and recording): their articles become `uncertain`, never
   * sent again by themselves. Returns the ones this call changed, so exactly
   * one process tells the admins. Abandoned edits are simply freed: an edit
   * repeated is harmless.
   */
  sweepAbandoned(now: number): Promise<PostRecord[]>;
  /** "Post now" (or "Post again" for an uncertain or failed one): goes out as soon as the limits allow. */
  requestPost(args: { articleId: string; chatId: string; by: number; now: number }): Promise<AdminActionResult>;
  /** "Schedule": goes out at `at` (or as soon after as the limits allow). */
  schedulePost(args: { articleId: string; chatId: string; at: number; by: number; now: number }): Promise<AdminActionResult>;
  /**
   * An admin checked the channel and found an uncertain article there:
   * recorded as posted, with its message if the link was given, and with the
   * content that was being sent (so a later change still edits the post).
   */
  markPosted(args: { articleId: string; messageId: number | null; by: number; now: number }): Promise<AdminActionResult>;
  /**
   * A number that changes whenever an admin's action is recorded, by any
   * process, so the poster can notice at once what another instance was
   * asked. Constant where every process polls the ledger anyway (SQLite).
   */
  changes(): Promise<number>;
}

// The rules below are the ledger's, whatever stores it: both implementations decide with them.

/**
 * Whether an article may be claimed for sending now: no record and AUTOPOST
 * allows it, "Post now", or scheduled and due. Also this process's own claim:
 * a claim whose answer never reached the process (a connection dropped
 * mid-call) left nothing sent, since nothing is sent before the answer.
 */
export function isClaimable(record: PostRecord | undefined, args: Pick<ClaimPostArgs, "now" | "autoAllowed">, instanceId: string): boolean {
  if (record === undefined) return args.autoAllowed;
  if (record.state === "sending") return record.owner === instanceId;
  return record.state === "requested" || (record.state === "scheduled" && (record.scheduledAt ?? Infinity) <= args.now);
}

/** Whether a posted article's post should be corrected to show `contentHash` (and no one else is at it). */
export function isEditable(record: PostRecord | undefined, contentHash: string, instanceId: string): record is PostRecord {
  return (
    record?.state === "posted" &&
    record.messageId !== null &&
    record.contentHash !== contentHash &&
    record.editFailedHash !== contentHash &&
    (record.editOwner === null || record.editOwner === instanceId)
  );
}

/** Whether an admin may (re)plan an article: not planned yet, planned, uncertain or failed; never one posted or being sent. */
export function isPlannable(record: PostRecord | undefined): boolean {
  return record === undefined || ["scheduled", "requested", "uncertain", "failed"].includes(record.state);
}

/**
 * When the next send to a chat may go: `undefined` for now, else the time to
 * wait for. `sendTimes` are the chat's recent sends, oldest first, and
 * `pausedUntil` the end of its 429 pause.
 */
export function nextSendTime(sendTimes: readonly number[], pausedUntil: number | undefined, now: number, limit: SendLimit): number | undefined {
  if (pausedUntil !== undefined && pausedUntil > now) return pausedUntil;
  const inWindow = sendTimes.filter((at) => at > now - limit.windowMs);
  if (inWindow.length >= limit.count) return (inWindow[inWindow.length - limit.count] ?? now) + limit.windowMs;
  const last = sendTimes.at(-1);
  if (last !== undefined && last > now - limit.minIntervalMs) return last + limit.minIntervalMs;
  return undefined;
}

/** How far back sends are kept: the window, and at least an hour (for anyone reading the history). */
export const sendHistoryMs = (limit: SendLimit) => Math.max(limit.windowMs, 3_600_000);

/** A ledger line for an article that has none yet. */
export function newRecord(articleId: string, chatId: string, now: number): PostRecord {
  return {
    articleId,
    chatId,
    state: "requested",
    intent: "auto",
    scheduledAt: null,
    requestedBy: null,
    messageId: null,
    contentHash: null,
    revision: 0,
    attempts: 0,
    owner: null,
    attemptAt: null,
    postedAt: null,
    editedAt: null,
    error: null,
    editError: null,
    editFailedHash: null,
    editOwner: null,
    updatedAt: now,
  };
}
