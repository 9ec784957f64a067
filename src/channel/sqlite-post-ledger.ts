import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ChannelDatabase } from "./channel-database";
import {
  isClaimable,
  isEditable,
  isPlannable,
  nextSendTime,
  sendHistoryMs,
  type AdminActionResult,
  type ClaimResult,
  type PostEvent,
  type PostIntent,
  type PostLedger,
  type PostRecord,
  type PostState,
  type SendLimit,
} from "./post-ledger";

interface PostRow {
  article_id: string;
  chat_id: string;
  state: PostState;
  intent: PostIntent;
  scheduled_at: number | null;
  requested_by: number | null;
  message_id: number | null;
  content_hash: string | null;
  revision: number;
  attempts: number;
  owner: string | null;
  attempt_at: number | null;
  posted_at: number | null;
  edited_at: number | null;
  error: string | null;
  edit_error: string | null;
  edit_failed_hash: string | null;
  edit_owner: string | null;
  updated_at: number;
}

interface InstanceRow {
  id: string;
  pid: number;
  host: string;
  seen_at: number;
}

function toRecord(row: PostRow): PostRecord {
  return {
    articleId: row.article_id,
    chatId: row.chat_id,
    state: row.state,
    intent: row.intent,
    scheduledAt: row.scheduled_at,
    requestedBy: row.requested_by,
    messageId: row.message_id,
    contentHash: row.content_hash,
    revision: row.revision,
    attempts: row.attempts,
    owner: row.owner,
    attemptAt: row.attempt_at,
    postedAt: row.posted_at,
    editedAt: row.edited_at,
    error: row.error,
    editError: row.edit_error,
    editFailedHash: row.edit_failed_hash,
    editOwner: row.edit_owner,
    updatedAt: row.updated_at,
  };
}

/** Whether a process with this id runs on this machine (EPERM: it does, as another user). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface PostLedgerOptions {
  /** This process's id in the ledger. @default a random UUID */
  instanceId?: string;
  /** @default process.pid */
  pid?: number;
  /** @default os.hostname() */
  host?: string;
  /** A process not heard from for this long is taken for dead. @default 30 000 */
  staleMs?: number;
  /** The database was made by this process (`isNewChannelDatabase`): the ledger is new. @default false */
  created?: boolean;
}

/**
 * The post ledger in SQLite (`DATA_DIR/channel.sqlite`). Every change that
 * decides whether a message is sent runs in a `BEGIN IMMEDIATE` transaction,
 * so of two processes on the same database exactly one can claim an article,
 * and the send limit and 429 pauses hold across processes. A process is taken
 * for dead when its heartbeat is `staleMs` old or, on this machine, its pid is gone.
 */
export function createSqlitePostLedger(db: ChannelDatabase, options: PostLedgerOptions = {}): PostLedger {
  const instanceId = options.instanceId ?? randomUUID();
  const pid = options.pid ?? process.pid;
  const host = options.host ?? hostname();
  const staleMs = options.staleMs ?? 30_000;

  const getRow = db.prepare<[string], PostRow>("SELECT * FROM posts WHERE article_id = ?");
  const allRows = db.prepare<[], PostRow>("SELECT * FROM posts ORDER BY updated_at, article_id");
  const addEvent = db.prepare<[string, number, string, number | null, string | null, number | null, string | null]>(
    "INSERT INTO post_events (article_id, at, event, revision, content_hash, message_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const eventsOf = db.prepare<[string], { article_id: string; at: number; event: string; revision: number | null; content_hash: string | null; message_id: number | null; detail: string | null }>(
    "SELECT * FROM post_events WHERE article_id = ? ORDER BY id",
  );
  const pauseOf = db.prepare<[string], { until: number }>("SELECT until FROM chat_pauses WHERE chat_id = ?");
  const sendsSince = db.prepare<[string, number], { at: number }>("SELECT at FROM sends WHERE chat_id = ? AND at > ? ORDER BY at");
  const addSend = db.prepare<[string, number, string, string]>("INSERT INTO sends (chat_id, at, article_id, method) VALUES (?, ?, ?, ?)");
  const pruneSends = db.prepare<[number]>("DELETE FROM sends WHERE at < ?");
  const instanceOf = db.prepare<[string], InstanceRow>("SELECT id, pid, host, seen_at FROM instances WHERE id = ?");

  const get = (articleId: string): PostRecord | undefined => {
    const row = getRow.get(articleId);
    return row ? toRecord(row) : undefined;
  };
  const event = (articleId: string, at: number, name: string, detail: string | null = null) => {
    const row = getRow.get(articleId);
    addEvent.run(articleId, at, name, row?.revision ?? null, row?.content_hash ?? null, row?.message_id ?? null, detail);
  };
  const update = (articleId: string, now: number, fields: Partial<Omit<PostRow, "article_id" | "updated_at">>) => {
    const keys = Object.keys(fields);
    const assignments = [...keys.map((key) => `${key} = @${key}`), "updated_at = @updated_at"].join(", ");
    db.prepare(`UPDATE posts SET ${assignments} WHERE article_id = @article_id`).run({ ...fields, updated_at: now, article_id: articleId });
  };

  /** `wait` until the chat may be sent to again, or records the send and returns undefined. Inside a transaction only. */
  const takeSendSlot = (chatId: string, articleId: string, method: string, now: number, limit: SendLimit): ClaimResult | undefined => {
    const recent = sendsSince.all(chatId, now - Math.max(limit.windowMs, limit.minIntervalMs)).map((send) => send.at);
    const until = nextSendTime(recent, pauseOf.get(chatId)?.until, now, limit);
    if (until !== undefined) return { status: "wait", until };
    addSend.run(chatId, now, articleId, method);
    pruneSends.run(now - sendHistoryMs(limit));
    return undefined;
  };

  const isAlive = (owner: string | null, now: number): boolean => {
    if (owner === null) return false;
    if (owner === instanceId) return true;
    const instance = instanceOf.get(owner);
    if (!instance || instance.seen_at < now - staleMs) return false;
    return instance.host !== host || processIsAlive(instance.pid);
  };

  return {
    instanceId,
    createdHere: () => options.created ?? false,

    async get(articleId) {
      return get(articleId);
    },

    async all() {
      return allRows.all().map(toRecord);
    },

    async events(articleId): Promise<PostEvent[]> {
      return eventsOf.all(articleId).map((row) => ({
        articleId: row.article_id,
        at: row.at,
        event: row.event,
        revision: row.revision,
        contentHash: row.content_hash,
        messageId: row.message_id,
        detail: row.detail,
      }));
    },

    /** Announces this process, so others can tell its claims from a dead process's. */
    async register(now) {
      db.prepare("INSERT OR REPLACE INTO instances (id, pid, host, started_at, seen_at) VALUES (?, ?, ?, ?, ?)").run(instanceId, pid, host, now, now);
      db.prepare("DELETE FROM instances WHERE seen_at < ?").run(now - 86_400_000);
    },

    async heartbeat(now) {
      db.prepare("UPDATE instances SET seen_at = ? WHERE id = ?").run(now, instanceId);
    },

    /** On a clean stop: a claim this process still holds is then found abandoned by the next one. */
    async unregister() {
      db.prepare("DELETE FROM instances WHERE id = ?").run(instanceId);
    },

    /**
     * Claims an article for sending and records the attempt, in one
     * transaction, before anything is sent. Eligible: no record and
     * `autoAllowed` (AUTOPOST and due), `requested`, or `scheduled` and due.
     * The send is counted against `limit` for the chat.
     */
    async claimPost(args) {
      return db
        .transaction((): ClaimResult => {
          const { articleId, chatId, now } = args;
          const record = get(articleId);
          if (!isClaimable(record, args, instanceId)) return record ? { status: "not-eligible", record } : { status: "not-eligible" };
          const slot = takeSendSlot(chatId, articleId, "sendMessage", now, args.limit);
          if (slot) return slot;
          if (record === undefined) {
            db.prepare(
              "INSERT INTO posts (article_id, chat_id, state, intent, content_hash, attempts, owner, attempt_at, updated_at) VALUES (?, ?, 'sending', 'auto', ?, 1, ?, ?, ?)",
            ).run(articleId, chatId, args.contentHash, instanceId, now, now);
          } else {
            update(articleId, now, {
              chat_id: chatId,
              state: "sending",
              content_hash: args.contentHash,
              attempts: record.attempts + 1,
              owner: instanceId,
              attempt_at: now,
            });
          }
          event(articleId, now, "attempt", `owner ${instanceId}`);
          return { status: "claimed" };
        })
        .immediate();
    },

    /** Telegram answered with the post. Recorded whatever the state: the answer is the truth, even if the claim was meanwhile taken for abandoned. */
    async recordPosted(args) {
      db.transaction(() => {
        const record = get(args.articleId);
        if (!record) return;
        update(args.articleId, args.now, {
          state: "posted",
          message_id: args.messageId,
          content_hash: args.contentHash,
          revision: 1,
          owner: null,
          posted_at: args.now,
          error: null,
        });
        event(args.articleId, args.now, "posted", record.state === "sending" ? null : `was ${record.state}`);
      }).immediate();
    },

    /** Telegram surely did not post it (429, 5xx, a refused chat): back to what was asked for, to be tried again. */
    async releasePost(articleId, now, reason) {
      db.transaction(() => {
        const record = get(articleId);
        if (!record || record.state !== "sending" || record.owner !== instanceId) return;
        event(articleId, now, "released", reason);
        if (record.intent === "auto") db.prepare("DELETE FROM posts WHERE article_id = ?").run(articleId);
        else update(articleId, now, { state: record.intent, owner: null });
      }).immediate();
    },

    /** Telegram refused it for good; an admin can post it again from /publish. */
    async recordUncertain(articleId, reason, now) {
      return db
        .transaction(() => {
          const record = get(articleId);
          if (!record || record.state !== "sending" || record.owner !== instanceId) return undefined;
          update(articleId, now, { state: "uncertain", owner: null, error: reason });
          event(articleId, now, "uncertain", reason);
          return get(articleId);
        })
        .immediate();
    },

    async recordFailed(articleId, error, now) {
      db.transaction(() => {
        const record = get(articleId);
        if (!record || record.state !== "sending" || record.owner !== instanceId) return;
        update(articleId, now, { state: "failed", owner: null, error });
        event(articleId, now, "failed", error);
      }).immediate();
    },

    /** Claims a posted article's correction: only one process edits a post at a time, within the chat's send limit. */
    async claimEdit(args) {
      return db
        .transaction((): ClaimResult => {
          const record = get(args.articleId);
          if (!isEditable(record, args.contentHash, instanceId)) return record ? { status: "not-eligible", record } : { status: "not-eligible" };
          const slot = takeSendSlot(record.chatId, args.articleId, "editMessageText", args.now, args.limit);
          if (slot) return slot;
          update(args.articleId, args.now, { edit_owner: instanceId });
          return { status: "claimed" };
        })
        .immediate();
    },

    /** The post shows the new content (`modified: false`: Telegram said it already did). */
    async recordEdited(args) {
      db.transaction(() => {
        const record = get(args.articleId);
        if (!record) return;
        update(args.articleId, args.now, {
          content_hash: args.contentHash,
          revision: record.revision + 1,
          edited_at: args.now,
          edit_owner: null,
          edit_error: null,
          edit_failed_hash: null,
        });
        event(args.articleId, args.now, "edited", args.modified ? null : "message was not modified");
      }).immediate();
    },

    /** The correction cannot be made; not tried again for this content. */
    async recordEditFailed(args) {
      db.transaction(() => {
        update(args.articleId, args.now, { edit_owner: null, edit_error: args.error, edit_failed_hash: args.contentHash });
        event(args.articleId, args.now, "edit-failed", args.error);
      }).immediate();
    },

    async releaseEdit(articleId, now, reason) {
      db.transaction(() => {
        const record = get(articleId);
        if (record?.editOwner !== instanceId) return;
        update(articleId, now, { edit_owner: null });
        event(articleId, now, "edit-released", reason);
      }).immediate();
    },

    /** After a 429: nothing is sent to the chat, by any process, before `until`. */
    async pauseChat(chatId, until) {
      db.prepare(
        "INSERT INTO chat_pauses (chat_id, until) VALUES (?, ?) ON CONFLICT (chat_id) DO UPDATE SET until = max(until, excluded.until)",
      ).run(chatId, until);
    },

    /**
     * Finds claims left by processes that are gone (a crash inside the window
     * between sending and recording): their articles become `uncertain`, never
     * sent again by themselves. Returns the ones this call changed, so exactly
     * one process tells the admins. Abandoned edits are simply freed: an edit
     * repeated is harmless.
     */
    async sweepAbandoned(now) {
      // Runs every few seconds in every process: take the write lock only when there is a claim to look at.
      if (!db.prepare("SELECT 1 FROM posts WHERE state = 'sending' OR edit_owner IS NOT NULL LIMIT 1").get()) return [];
      return db
        .transaction(() => {
          const found: PostRecord[] = [];
          for (const row of db.prepare<[], PostRow>("SELECT * FROM posts WHERE state = 'sending' OR edit_owner IS NOT NULL").all()) {
            if (row.state === "sending" && !isAlive(row.owner, now)) {
              update(row.article_id, now, { state: "uncertain", owner: null });
              event(row.article_id, now, "uncertain", `owner ${row.owner ?? "?"} stopped between sending and recording`);
              found.push(toRecord(getRow.get(row.article_id) ?? row));
            }
            if (row.edit_owner !== null && !isAlive(row.edit_owner, now)) update(row.article_id, now, { edit_owner: null });
          }
          return found;
        })
        .immediate();
    },

    /** "Post now" (or "Post again" for an uncertain or failed one): goes out as soon as the limits allow. */
    async requestPost(args) {
      return db
        .transaction((): AdminActionResult => {
          const record = get(args.articleId);
          if (record && !isPlannable(record)) return { ok: false, record };
          if (record) {
            update(args.articleId, args.now, { state: "requested", intent: "requested", requested_by: args.by, chat_id: args.chatId, error: null });
          } else {
            db.prepare(
              "INSERT INTO posts (article_id, chat_id, state, intent, requested_by, updated_at) VALUES (?, ?, 'requested', 'requested', ?, ?)",
            ).run(args.articleId, args.chatId, args.by, args.now);
          }
          event(args.articleId, args.now, "requested", `by ${args.by}`);
          return { ok: true, record: get(args.articleId) as PostRecord };
        })
        .immediate();
    },

    /** "Schedule": goes out at `at` (or as soon after as the limits allow). */
    async schedulePost(args) {
      return db
        .transaction((): AdminActionResult => {
          const record = get(args.articleId);
          if (record && !isPlannable(record)) return { ok: false, record };
          if (record) {
            update(args.articleId, args.now, {
              state: "scheduled",
              intent: "scheduled",
              scheduled_at: args.at,
              requested_by: args.by,
              chat_id: args.chatId,
              error: null,
            });
          } else {
            db.prepare(
              "INSERT INTO posts (article_id, chat_id, state, intent, scheduled_at, requested_by, updated_at) VALUES (?, ?, 'scheduled', 'scheduled', ?, ?, ?)",
            ).run(args.articleId, args.chatId, args.at, args.by, args.now);
          }
          event(args.articleId, args.now, "scheduled", `for ${new Date(args.at).toISOString()} by ${args.by}`);
          return { ok: true, record: get(args.articleId) as PostRecord };
        })
        .immediate();
    },

    /**
     * An admin checked the channel and found an uncertain article there:
     * recorded as posted, with its message if the link was given, and with the
     * content that was being sent (so a later change still edits the post).
     */
    async markPosted(args) {
      return db
        .transaction((): AdminActionResult => {
          const record = get(args.articleId);
          if (record?.state !== "uncertain") return record ? { ok: false, record } : { ok: false };
          update(args.articleId, args.now, {
            state: "posted",
            message_id: args.messageId,
            revision: 1,
            posted_at: record.attemptAt ?? args.now,
            error: null,
          });
          event(args.articleId, args.now, "marked-posted", `by ${args.by}`);
          return { ok: true, record: get(args.articleId) as PostRecord };
        })
        .immediate();
    },

    async changes() {
      return 0;
    },
  };
}
