import { isClaimable, isEditable, isPlannable, newRecord, type AdminActionResult, type ClaimPostArgs, type PostRecord } from "./post-ledger";

/**
 * The post ledger's rules, written once: each change of an article's record is a function
 * from the record as it stands to what to store, with its guard. The SQLite and Redis
 * ledgers only load the record, keep their transactions, and store what comes back.
 */

/** What a change stores: the next record (`null`: the record is removed), and the history line it leaves. */
export interface LedgerWrite {
  next: PostRecord | null;
  /** `record`: the record the line describes (its revision, content, message); `at`: when. */
  event?: { name: string; detail: string | null; record: PostRecord; at: number };
}

/** A change's outcome: what its caller is told, and what to store (nothing when the guard refused it). */
export interface Transition<T> {
  result: T;
  write?: LedgerWrite;
}

const change = (record: PostRecord, now: number, fields: Partial<PostRecord>): PostRecord => ({ ...record, ...fields, updatedAt: now });

/** The next record, with its history line describing the record as it is after the change. */
function to<T>(result: T, next: PostRecord, name: string, detail: string | null = null): Transition<T> {
  return { result, write: { next, event: { name, detail, record: next, at: next.updatedAt } } };
}

/** Only the process that claimed an article, while it is sending, may say how the send went. */
const ownsSending = (record: PostRecord | undefined, instanceId: string): record is PostRecord =>
  record !== undefined && record.state === "sending" && record.owner === instanceId;

const notEligible = (record: PostRecord | undefined) => (record ? { status: "not-eligible" as const, record } : { status: "not-eligible" as const });

/** A claim for sending (`isClaimable`); the store checks the send limit before it stores the claim. */
export function claimPost(record: PostRecord | undefined, args: ClaimPostArgs, instanceId: string): Transition<{ status: "claimed" } | ReturnType<typeof notEligible>> {
  if (!isClaimable(record, args, instanceId)) return { result: notEligible(record) };
  const next = change(record ?? newRecord(args.articleId, args.chatId, args.now), args.now, {
    chatId: args.chatId,
    state: "sending",
    contentHash: args.contentHash,
    attempts: (record?.attempts ?? 0) + 1,
    owner: instanceId,
    attemptAt: args.now,
  });
  return to({ status: "claimed" }, next, "attempt", `owner ${instanceId}`);
}

/** Telegram answered with the post: recorded whatever the state, since the answer is the truth. */
export function recordPosted(record: PostRecord | undefined, args: { messageId: number; contentHash: string; now: number }): Transition<void> {
  if (!record) return { result: undefined };
  const next = change(record, args.now, { state: "posted", messageId: args.messageId, contentHash: args.contentHash, revision: 1, owner: null, postedAt: args.now, error: null });
  return to(undefined, next, "posted", record.state === "sending" ? null : `was ${record.state}`);
}

/** Surely not posted: back to what was asked for (an AUTOPOST claim leaves no record). */
export function releasePost(record: PostRecord | undefined, now: number, reason: string, instanceId: string): Transition<void> {
  if (!ownsSending(record, instanceId)) return { result: undefined };
  const next = record.intent === "auto" ? null : change(record, now, { state: record.intent, owner: null });
  return { result: undefined, write: { next, event: { name: "released", detail: reason, record, at: now } } };
}

/** Sent, no answer in time: an admin decides. The result is the record, when this change made it uncertain. */
export function recordUncertain(record: PostRecord | undefined, reason: string, now: number, instanceId: string): Transition<PostRecord | undefined> {
  if (!ownsSending(record, instanceId)) return { result: undefined };
  const next = change(record, now, { state: "uncertain", owner: null, error: reason });
  return to(next, next, "uncertain", reason);
}

/** Telegram refused it for good. */
export function recordFailed(record: PostRecord | undefined, error: string, now: number, instanceId: string): Transition<void> {
  if (!ownsSending(record, instanceId)) return { result: undefined };
  return to(undefined, change(record, now, { state: "failed", owner: null, error }), "failed", error);
}

/** A claim of a posted article's correction (`isEditable`); the store checks the send limit before it stores it. */
export function claimEdit(
  record: PostRecord | undefined,
  args: { contentHash: string; now: number },
  instanceId: string,
): Transition<{ status: "claimed" } | ReturnType<typeof notEligible>> {
  if (!isEditable(record, args.contentHash, instanceId)) return { result: notEligible(record) };
  return { result: { status: "claimed" }, write: { next: change(record, args.now, { editOwner: instanceId }) } };
}

/** The post shows the new content. */
export function recordEdited(record: PostRecord | undefined, args: { contentHash: string; now: number; modified: boolean }): Transition<void> {
  if (!record) return { result: undefined };
  const next = change(record, args.now, {
    contentHash: args.contentHash,
    revision: record.revision + 1,
    editedAt: args.now,
    editOwner: null,
    editError: null,
    editFailedHash: null,
  });
  return to(undefined, next, "edited", args.modified ? null : "message was not modified");
}

/** The correction cannot be made: not tried again for this content. */
export function recordEditFailed(record: PostRecord | undefined, args: { contentHash: string; error: string; now: number }): Transition<void> {
  if (!record) return { result: undefined };
  return to(undefined, change(record, args.now, { editOwner: null, editError: args.error, editFailedHash: args.contentHash }), "edit-failed", args.error);
}

/** A correction this process claimed and did not make. */
export function releaseEdit(record: PostRecord | undefined, now: number, reason: string, instanceId: string): Transition<void> {
  if (record?.editOwner !== instanceId) return { result: undefined };
  return to(undefined, change(record, now, { editOwner: null }), "edit-released", reason);
}

/**
 * A claim whose owner is gone: a send becomes `uncertain` (never sent again by itself), an edit
 * is freed (repeating one is harmless). The result is the record when it became uncertain.
 */
export function sweepAbandoned(record: PostRecord, now: number, isAlive: (owner: string) => boolean): Transition<PostRecord | undefined> {
  let next = record;
  let event: LedgerWrite["event"];
  if (record.state === "sending" && !isAlive(record.owner ?? "")) {
    next = change(next, now, { state: "uncertain", owner: null });
    event = { name: "uncertain", detail: `owner ${record.owner ?? "?"} stopped between sending and recording`, record: next, at: now };
  }
  if (record.editOwner !== null && !isAlive(record.editOwner)) next = change(next, now, { editOwner: null });
  if (next === record) return { result: undefined };
  if (event) event.record = next;
  return { result: event ? next : undefined, write: { next, ...(event ? { event } : {}) } };
}

/** An admin's plan ("Post now", "Schedule"), allowed while `isPlannable`. */
function plan(
  record: PostRecord | undefined,
  args: { articleId: string; chatId: string; by: number; now: number },
  fields: Partial<PostRecord>,
  name: string,
  detail: string,
): Transition<AdminActionResult> {
  if (record && !isPlannable(record)) return { result: { ok: false, record } };
  const next = change(record ?? newRecord(args.articleId, args.chatId, args.now), args.now, { ...fields, requestedBy: args.by, chatId: args.chatId, error: null });
  return to({ ok: true, record: next }, next, name, detail);
}

/** "Post now", or "Post again" for an uncertain or failed one. */
export function requestPost(record: PostRecord | undefined, args: { articleId: string; chatId: string; by: number; now: number }): Transition<AdminActionResult> {
  return plan(record, args, { state: "requested", intent: "requested" }, "requested", `by ${args.by}`);
}

/** "Schedule" for `at`. */
export function schedulePost(record: PostRecord | undefined, args: { articleId: string; chatId: string; at: number; by: number; now: number }): Transition<AdminActionResult> {
  return plan(record, args, { state: "scheduled", intent: "scheduled", scheduledAt: args.at }, "scheduled", `for ${new Date(args.at).toISOString()} by ${args.by}`);
}

/** An admin found an uncertain article in the channel: posted, with the content that was being sent. */
export function markPosted(record: PostRecord | undefined, args: { messageId: number | null; by: number; now: number }): Transition<AdminActionResult> {
  if (record?.state !== "uncertain") return { result: record ? { ok: false, record } : { ok: false } };
  const next = change(record, args.now, { state: "posted", messageId: args.messageId, revision: 1, postedAt: record.attemptAt ?? args.now, error: null });
  return to({ ok: true, record: next }, next, "marked-posted", `by ${args.by}`);
}
