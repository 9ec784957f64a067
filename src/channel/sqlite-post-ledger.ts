import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ChannelDatabase } from "./channel-database";
import { nextSendTime, sendHistoryMs, type ClaimResult, type PostEvent, type PostIntent, type PostLedger, type PostRecord, type PostState, type SendLimit } from "./post-ledger";
import * as rules from "./post-transitions";
import type { LedgerWrite, Transition } from "./post-transitions";

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

function toRow(record: PostRecord): PostRow {
  return {
    article_id: record.articleId,
    chat_id: record.chatId,
    state: record.state,
    intent: record.intent,
    scheduled_at: record.scheduledAt,
    requested_by: record.requestedBy,
    message_id: record.messageId,
    content_hash: record.contentHash,
    revision: record.revision,
    attempts: record.attempts,
    owner: record.owner,
    attempt_at: record.attemptAt,
    posted_at: record.postedAt,
    edited_at: record.editedAt,
    error: record.error,
    edit_error: record.editError,
    edit_failed_hash: record.editFailedHash,
    edit_owner: record.editOwner,
    updated_at: record.updatedAt,
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
 * The post ledger in SQLite (`DATA_DIR/channel.sqlite`): the storage of the records and their
 * history; the rules are `post-transitions.ts`'s. Every change that decides whether a message
 * is sent runs in a `BEGIN IMMEDIATE` transaction, so of two processes on the same database
 * exactly one can claim an article, and the send limit and 429 pauses hold across processes.
 * A process is taken for dead when its heartbeat is `staleMs` old or, on this machine, its pid is gone.
 */
export function createSqlitePostLedger(db: ChannelDatabase, options: PostLedgerOptions = {}): PostLedger {
  const instanceId = options.instanceId ?? randomUUID();
  const pid = options.pid ?? process.pid;
  const host = options.host ?? hostname();
  const staleMs = options.staleMs ?? 30_000;

  const getRow = db.prepare<[string], PostRow>("SELECT * FROM posts WHERE article_id = ?");
  const allRows = db.prepare<[], PostRow>("SELECT * FROM posts ORDER BY updated_at, article_id");
  const claimedRows = db.prepare<[], PostRow>("SELECT * FROM posts WHERE state = 'sending' OR edit_owner IS NOT NULL");
  const putRow = db.prepare<[PostRow]>(
    `INSERT OR REPLACE INTO posts (article_id, chat_id, state, intent, scheduled_at, requested_by, message_id, content_hash, revision, attempts, owner,
       attempt_at, posted_at, edited_at, error, edit_error, edit_failed_hash, edit_owner, updated_at)
     VALUES (@article_id, @chat_id, @state, @intent, @scheduled_at, @requested_by, @message_id, @content_hash, @revision, @attempts, @owner,
       @attempt_at, @posted_at, @edited_at, @error, @edit_error, @edit_failed_hash, @edit_owner, @updated_at)`,
  );
  const deleteRow = db.prepare<[string]>("DELETE FROM posts WHERE article_id = ?");
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

  /** Stores what a transition decided. Inside a transaction only. */
  const store = (articleId: string, write: LedgerWrite | undefined) => {
    if (!write) return;
    if (write.next === null) deleteRow.run(articleId);
    else putRow.run(toRow(write.next));
    const event = write.event;
    if (event) addEvent.run(articleId, event.at, event.name, event.record.revision, event.record.contentHash, event.record.messageId, event.detail);
  };

  /** One article's change, in a `BEGIN IMMEDIATE` transaction: load, decide by the rule, store. */
  const changeRecord = <T>(articleId: string, rule: (record: PostRecord | undefined) => Transition<T>): T =>
    db
      .transaction(() => {
        const { result, write } = rule(get(articleId));
        store(articleId, write);
        return result;
      })
      .immediate();

  /** `wait` until the chat may be sent to again, or records the send and returns undefined. Inside a transaction only. */
  const takeSendSlot = (chatId: string, articleId: string, method: string, now: number, limit: SendLimit): ClaimResult | undefined => {
    const recent = sendsSince.all(chatId, now - Math.max(limit.windowMs, limit.minIntervalMs)).map((send) => send.at);
    const until = nextSendTime(recent, pauseOf.get(chatId)?.until, now, limit);
    if (until !== undefined) return { status: "wait", until };
    addSend.run(chatId, now, articleId, method);
    pruneSends.run(now - sendHistoryMs(limit));
    return undefined;
  };

  /** A claim (to send or to edit): the rule decides, then the chat's send limit, then it is stored. */
  const claim = (articleId: string, transition: (record: PostRecord | undefined) => Transition<ClaimResult>, chatOf: (record: PostRecord | undefined) => string, method: string, now: number, limit: SendLimit) =>
    db
      .transaction((): ClaimResult => {
        const record = get(articleId);
        const { result, write } = transition(record);
        if (!write) return result;
        const slot = takeSendSlot(chatOf(record), articleId, method, now, limit);
        if (slot) return slot;
        store(articleId, write);
        return result;
      })
      .immediate();

  const isAlive = (owner: string, now: number): boolean => {
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

    async register(now) {
      db.prepare("INSERT OR REPLACE INTO instances (id, pid, host, started_at, seen_at) VALUES (?, ?, ?, ?, ?)").run(instanceId, pid, host, now, now);
      db.prepare("DELETE FROM instances WHERE seen_at < ?").run(now - 86_400_000);
    },

    async heartbeat(now) {
      db.prepare("UPDATE instances SET seen_at = ? WHERE id = ?").run(now, instanceId);
    },

    async unregister() {
      db.prepare("DELETE FROM instances WHERE id = ?").run(instanceId);
    },

    async claimPost(args) {
      return claim(args.articleId, (record) => rules.claimPost(record, args, instanceId), () => args.chatId, "sendMessage", args.now, args.limit);
    },

    async recordPosted(args) {
      changeRecord(args.articleId, (record) => rules.recordPosted(record, args));
    },

    async releasePost(articleId, now, reason) {
      changeRecord(articleId, (record) => rules.releasePost(record, now, reason, instanceId));
    },

    async recordUncertain(articleId, reason, now) {
      return changeRecord(articleId, (record) => rules.recordUncertain(record, reason, now, instanceId));
    },

    async recordFailed(articleId, error, now) {
      changeRecord(articleId, (record) => rules.recordFailed(record, error, now, instanceId));
    },

    async claimEdit(args) {
      return claim(args.articleId, (record) => rules.claimEdit(record, args, instanceId), (record) => record?.chatId ?? "", "editMessageText", args.now, args.limit);
    },

    async recordEdited(args) {
      changeRecord(args.articleId, (record) => rules.recordEdited(record, args));
    },

    async recordEditFailed(args) {
      changeRecord(args.articleId, (record) => rules.recordEditFailed(record, args));
    },

    async releaseEdit(articleId, now, reason) {
      changeRecord(articleId, (record) => rules.releaseEdit(record, now, reason, instanceId));
    },

    async pauseChat(chatId, until) {
      db.prepare(
        "INSERT INTO chat_pauses (chat_id, until) VALUES (?, ?) ON CONFLICT (chat_id) DO UPDATE SET until = max(until, excluded.until)",
      ).run(chatId, until);
    },

    async sweepAbandoned(now) {
      // Runs every few seconds in every process: take the write lock only when there is a claim to look at.
      if (!db.prepare("SELECT 1 FROM posts WHERE state = 'sending' OR edit_owner IS NOT NULL LIMIT 1").get()) return [];
      return db
        .transaction(() => {
          const found: PostRecord[] = [];
          for (const row of claimedRows.all()) {
            const { result, write } = rules.sweepAbandoned(toRecord(row), now, (owner) => isAlive(owner, now));
            store(row.article_id, write);
            if (result) found.push(result);
          }
          return found;
        })
        .immediate();
    },

    async requestPost(args) {
      return changeRecord(args.articleId, (record) => rules.requestPost(record, args));
    },

    async schedulePost(args) {
      return changeRecord(args.articleId, (record) => rules.schedulePost(record, args));
    },

    async markPosted(args) {
      return changeRecord(args.articleId, (record) => rules.markPosted(record, args));
    },

    async changes() {
      return 0;
    },
  };
}
