import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ChainableCommander, Redis } from "ioredis";
import type { RedisConnection } from "../storage/redis-connection";
import { StorageUnavailableError } from "../storage/storage-unavailable";
import {
  isClaimable,
  isEditable,
  isPlannable,
  newRecord,
  nextSendTime,
  sendHistoryMs,
  type AdminActionResult,
  type ClaimResult,
  type PostEvent,
  type PostLedger,
  type PostRecord,
  type SendLimit,
} from "./post-ledger";

export interface RedisPostLedgerOptions {
  /** This process's id in the ledger (and the poster lease's holder id). @default a random UUID */
  instanceId?: string;
  /** A process that has not beaten its heartbeat for this long is taken for dead: its key expires. @default 15 000 */
  staleMs?: number;
  /**
   * The key of the poster lease (`createRedisPosterLease`): when given, a
   * claim succeeds only while this process holds it, so a process that lost
   * the lease without noticing (a long pause) cannot post beside the new holder.
   */
  leaseKey?: string;
  /** Told when the ledger in Redis is found gone (Redis lost its data); posting stops until a restart. */
  onProblem?: (reason: string | undefined) => void;
}

type Writes = (multi: ChainableCommander) => void;
interface Step<T> {
  result: T;
  writes?: Writes;
}

/**
 * The post ledger in Redis, for several instances of the bot:
 * - `posts`: a hash, article id → the record as JSON;
 * - `events:<article>`: a list, the record's history;
 * - `sends:<chat>`: a sorted set of the sends by time (the send limit);
 * - `pause:<chat>`: the end of a 429 pause;
 * - `instance:<id>`: one per live process, expiring `staleMs` after its last heartbeat;
 * - `ledger`: this ledger's id, written once: if it vanishes, Redis lost its
 *   data, and nothing is posted (the empty ledger would post everything again);
 * - `changes`: a counter of admins' actions, which the poster watches.
 *
 * Each change is a WATCH/MULTI/EXEC transaction over the keys it reads,
 * retried when another process changed one of them in between: of several
 * processes exactly one claims an article. The decisions are the shared
 * rules of `post-ledger.ts`, as in the SQLite ledger.
 */
export function createRedisPostLedger(connection: RedisConnection, options: RedisPostLedgerOptions = {}): PostLedger {
  const instanceId = options.instanceId ?? randomUUID();
  const staleMs = options.staleMs ?? 15_000;
  const { key } = connection;
  const postsKey = key("posts");
  const ledgerKey = key("ledger");
  const changesKey = key("changes");
  const eventsKey = (articleId: string) => key("events", articleId);
  const sendsKey = (chatId: string) => key("sends", chatId);
  const pauseKey = (chatId: string) => key("pause", chatId);
  const instanceKey = (id: string) => key("instance", id);
  let ledgerId: string | undefined;

  const parse = (json: string | null | undefined): PostRecord | undefined => (json ? (JSON.parse(json) as PostRecord) : undefined);
  const put = (multi: ChainableCommander, record: PostRecord) => multi.hset(postsKey, record.articleId, JSON.stringify(record));
  const event = (multi: ChainableCommander, record: PostRecord, at: number, name: string, detail: string | null = null) => {
    const entry: PostEvent = { articleId: record.articleId, at, event: name, revision: record.revision, contentHash: record.contentHash, messageId: record.messageId, detail };
    multi.rpush(eventsKey(record.articleId), JSON.stringify(entry));
  };
  const change = (record: PostRecord, now: number, fields: Partial<PostRecord>): PostRecord => ({ ...record, ...fields, updatedAt: now });

  /** Runs `body` (its reads) and then its writes atomically, again if a watched key changed meanwhile. */
  function atomically<T>(watched: string[], body: (tx: Redis) => Promise<Step<T>>): Promise<T> {
    return connection.exclusive(async (tx) => {
      for (let attempt = 1; ; attempt += 1) {
        await tx.watch(...watched);
        let step: Step<T>;
        try {
          step = await body(tx);
        } catch (error) {
          await tx.unwatch().catch(() => undefined);
          throw error;
        }
        if (!step.writes) {
          await tx.unwatch();
          return step.result;
        }
        const multi = tx.multi();
        step.writes(multi);
        const replies = await multi.exec();
        if (replies !== null) {
          for (const [error] of replies) if (error) throw error;
          return step.result;
        }
        if (attempt >= 50) throw new StorageUnavailableError("redis: the ledger kept changing under this transaction");
      }
    });
  }

  let created = false;
  /** What `onProblem` was last told: it hears of a change, not of every check. */
  let reported: string | undefined;
  const report = (reason: string | undefined) => {
    if (reason === reported) return;
    reported = reason;
    options.onProblem?.(reason);
  };
  const goneReason = "the ledger in Redis is gone (was Redis restarted without its data?): not posting, so as not to post everything again";

  /** Reads this ledger's id, making one if there is none yet (the first start on this Redis, or one that lost its data). */
  async function establish(): Promise<void> {
    const made = await connection.run(() => connection.client.set(ledgerKey, randomUUID(), "NX"));
    ledgerId = (await connection.run(() => connection.client.get(ledgerKey))) ?? undefined;
    if (made === "OK") created = true;
  }

  /**
   * Every instance, at every heartbeat, not only the poster at a claim: the
   * ledger it started with is still there. If Redis lost it, /healthz says so
   * on every instance, and nothing is posted (the claims are fenced too).
   */
  async function checkLedger(): Promise<void> {
    if (ledgerId === undefined) return;
    const id = await connection.run(() => connection.client.get(ledgerKey));
    report(id === ledgerId ? undefined : goneReason);
  }

  /** Inside a claim: the ledger is the one this process started with, and (with a lease) this process is the poster. */
  async function fenced(tx: Redis): Promise<boolean> {
    const [id, holder] = await tx.mget(ledgerKey, options.leaseKey ?? ledgerKey);
    if (id !== ledgerId) {
      report(goneReason);
      throw new StorageUnavailableError(goneReason);
    }
    return options.leaseKey === undefined || holder === instanceId;
  }

  /** `wait`, or `undefined` with the send recorded in `multi`'s writes. */
  async function sendSlot(tx: Redis, chatId: string, articleId: string, method: string, now: number, limit: SendLimit) {
    const since = now - Math.max(limit.windowMs, limit.minIntervalMs);
    const [recent, paused] = await Promise.all([tx.zrangebyscore(sendsKey(chatId), `(${since}`, "+inf", "WITHSCORES"), tx.get(pauseKey(chatId))]);
    const times = recent.filter((_, i) => i % 2 === 1).map(Number);
    const until = nextSendTime(times, paused === null ? undefined : Number(paused), now, limit);
    if (until !== undefined) return { status: "wait", until } as const;
    return {
      status: "free",
      writes: (multi: ChainableCommander) => {
        multi.zadd(sendsKey(chatId), now, `${now}:${method}:${articleId}:${randomUUID()}`);
        multi.zremrangebyscore(sendsKey(chatId), "-inf", `(${now - sendHistoryMs(limit)}`);
        multi.pexpire(sendsKey(chatId), sendHistoryMs(limit));
      },
    } as const;
  }

  /** A change to one article's record that needs no other key. */
  function changeRecord<T>(articleId: string, decide: (record: PostRecord | undefined) => { result: T; writes?: Writes }): Promise<T> {
    return atomically([postsKey], async (tx) => decide(parse(await tx.hget(postsKey, articleId))));
  }

  const all = async (): Promise<PostRecord[]> => {
    const values = await connection.run(() => connection.client.hvals(postsKey));
    return values.map((value) => JSON.parse(value) as PostRecord).sort((a, b) => a.updatedAt - b.updatedAt || a.articleId.localeCompare(b.articleId));
  };
  const heartbeat = async (now: number): Promise<void> => {
    const self = JSON.stringify({ pid: process.pid, host: hostname(), seenAt: now });
    await connection.run(() => connection.client.set(instanceKey(instanceId), self, "PX", staleMs));
    if (ledgerId === undefined) await establish();
    else await checkLedger();
  };

  const plan = (
    args: { articleId: string; chatId: string; by: number; now: number },
    fields: Partial<PostRecord>,
    name: string,
    detail: string,
  ) =>
    changeRecord<AdminActionResult>(args.articleId, (record) => {
      if (record && !isPlannable(record)) return { result: { ok: false, record } };
      const next = change(record ?? newRecord(args.articleId, args.chatId, args.now), args.now, { ...fields, requestedBy: args.by, chatId: args.chatId, error: null });
      return {
        result: { ok: true, record: next },
        writes: (multi) => {
          put(multi, next);
          event(multi, next, args.now, name, detail);
          multi.incr(changesKey);
        },
      };
    });

  return {
    instanceId,
    createdHere: () => created,

    async get(articleId) {
      return parse(await connection.run(() => connection.client.hget(postsKey, articleId)));
    },

    all,

    async events(articleId) {
      const values = await connection.run(() => connection.client.lrange(eventsKey(articleId), 0, -1));
      return values.map((value) => JSON.parse(value) as PostEvent);
    },

    async register(now) {
      await establish();
      await heartbeat(now);
    },

    heartbeat,

    async unregister() {
      await connection.run(() => connection.client.del(instanceKey(instanceId)));
    },

    async claimPost(args) {
      if (ledgerId === undefined) await establish();
      const { articleId, chatId, now } = args;
      return atomically([postsKey, ledgerKey, sendsKey(chatId), pauseKey(chatId), ...(options.leaseKey ? [options.leaseKey] : [])], async (tx): Promise<Step<ClaimResult>> => {
        if (!(await fenced(tx))) return { result: { status: "not-eligible" } };
        const record = parse(await tx.hget(postsKey, articleId));
        if (!isClaimable(record, args, instanceId)) return { result: record ? { status: "not-eligible", record } : { status: "not-eligible" } };
        const slot = await sendSlot(tx, chatId, articleId, "sendMessage", now, args.limit);
        if (slot.status === "wait") return { result: slot };
        const next = change(record ?? newRecord(articleId, chatId, now), now, {
          chatId,
          state: "sending",
          contentHash: args.contentHash,
          attempts: (record?.attempts ?? 0) + 1,
          owner: instanceId,
          attemptAt: now,
        });
        return {
          result: { status: "claimed" },
          writes: (multi) => {
            slot.writes(multi);
            put(multi, next);
            event(multi, next, now, "attempt", `owner ${instanceId}`);
          },
        };
      });
    },

    recordPosted(args) {
      return changeRecord(args.articleId, (record) => {
        if (!record) return { result: undefined };
        const next = change(record, args.now, { state: "posted", messageId: args.messageId, contentHash: args.contentHash, revision: 1, owner: null, postedAt: args.now, error: null });
        return {
          result: undefined,
          writes: (multi) => {
            put(multi, next);
            event(multi, next, args.now, "posted", record.state === "sending" ? null : `was ${record.state}`);
          },
        };
      });
    },

    releasePost(articleId, now, reason) {
      return changeRecord(articleId, (record) => {
        if (!record || record.state !== "sending" || record.owner !== instanceId) return { result: undefined };
        return {
          result: undefined,
          writes: (multi) => {
            event(multi, record, now, "released", reason);
            if (record.intent === "auto") multi.hdel(postsKey, articleId);
            else put(multi, change(record, now, { state: record.intent, owner: null }));
          },
        };
      });
    },

    recordUncertain(articleId, reason, now) {
      return changeRecord<PostRecord | undefined>(articleId, (record) => {
        if (!record || record.state !== "sending" || record.owner !== instanceId) return { result: undefined };
        const next = change(record, now, { state: "uncertain", owner: null, error: reason });
        return {
          result: next,
          writes: (multi) => {
            put(multi, next);
            event(multi, next, now, "uncertain", reason);
          },
        };
      });
    },

    recordFailed(articleId, error, now) {
      return changeRecord(articleId, (record) => {
        if (!record || record.state !== "sending" || record.owner !== instanceId) return { result: undefined };
        const next = change(record, now, { state: "failed", owner: null, error });
        return {
          result: undefined,
          writes: (multi) => {
            put(multi, next);
            event(multi, next, now, "failed", error);
          },
        };
      });
    },

    async claimEdit(args) {
      if (ledgerId === undefined) await establish();
      return atomically([postsKey, ledgerKey, ...(options.leaseKey ? [options.leaseKey] : [])], async (tx): Promise<Step<ClaimResult>> => {
        if (!(await fenced(tx))) return { result: { status: "not-eligible" } };
        const record = parse(await tx.hget(postsKey, args.articleId));
        if (!isEditable(record, args.contentHash, instanceId)) return { result: record ? { status: "not-eligible", record } : { status: "not-eligible" } };
        await tx.watch(sendsKey(record.chatId), pauseKey(record.chatId));
        const slot = await sendSlot(tx, record.chatId, args.articleId, "editMessageText", args.now, args.limit);
        if (slot.status === "wait") return { result: slot };
        return {
          result: { status: "claimed" },
          writes: (multi) => {
            slot.writes(multi);
            put(multi, change(record, args.now, { editOwner: instanceId }));
          },
        };
      });
    },

    recordEdited(args) {
      return changeRecord(args.articleId, (record) => {
        if (!record) return { result: undefined };
        const next = change(record, args.now, {
          contentHash: args.contentHash,
          revision: record.revision + 1,
          editedAt: args.now,
          editOwner: null,
          editError: null,
          editFailedHash: null,
        });
        return {
          result: undefined,
          writes: (multi) => {
            put(multi, next);
            event(multi, next, args.now, "edited", args.modified ? null : "message was not modified");
          },
        };
      });
    },

    recordEditFailed(args) {
      return changeRecord(args.articleId, (record) => {
        if (!record) return { result: undefined };
        const next = change(record, args.now, { editOwner: null, editError: args.error, editFailedHash: args.contentHash });
        return {
          result: undefined,
          writes: (multi) => {
            put(multi, next);
            event(multi, next, args.now, "edit-failed", args.error);
          },
        };
      });
    },

    releaseEdit(articleId, now, reason) {
      return changeRecord(articleId, (record) => {
        if (record?.editOwner !== instanceId) return { result: undefined };
        const next = change(record, now, { editOwner: null });
        return {
          result: undefined,
          writes: (multi) => {
            put(multi, next);
            event(multi, next, now, "edit-released", reason);
          },
        };
      });
    },

    pauseChat(chatId, until) {
      return atomically([pauseKey(chatId)], async (tx) => {
        const current = Number((await tx.get(pauseKey(chatId))) ?? 0);
        if (current >= until) return { result: undefined };
        return { result: undefined, writes: (multi) => multi.set(pauseKey(chatId), String(until), "PX", Math.max(1, until - Date.now()) + 3_600_000) };
      });
    },

    async sweepAbandoned(now) {
      // Runs every few seconds in the poster: no transaction unless there is a claim to look at.
      const claimed = (await all()).filter((r) => r.state === "sending" || r.editOwner !== null);
      if (claimed.length === 0) return [];
      return atomically([postsKey], async (tx) => {
        const records = (await tx.hvals(postsKey)).map((value) => JSON.parse(value) as PostRecord).filter((r) => r.state === "sending" || r.editOwner !== null);
        const owners = [...new Set(records.flatMap((r) => [r.owner, r.editOwner]).filter((o): o is string => o !== null && o !== instanceId))];
        if (owners.length > 0) await tx.watch(...owners.map(instanceKey));
        const alive = new Set([instanceId]);
        for (const owner of owners) if ((await tx.exists(instanceKey(owner))) === 1) alive.add(owner);
        const found: PostRecord[] = [];
        const changed: PostRecord[] = [];
        for (const record of records) {
          let next = record;
          if (record.state === "sending" && !alive.has(record.owner ?? "")) {
            next = change(next, now, { state: "uncertain", owner: null });
            found.push(next);
          }
          if (record.editOwner !== null && !alive.has(record.editOwner)) next = change(next, now, { editOwner: null });
          if (next !== record) changed.push(next);
        }
        if (changed.length === 0) return { result: [] };
        return {
          result: found,
          writes: (multi) => {
            for (const next of changed) put(multi, next);
            for (const next of found) {
              const owner = records.find((r) => r.articleId === next.articleId)?.owner ?? "?";
              event(multi, next, now, "uncertain", `owner ${owner} stopped between sending and recording`);
            }
          },
        };
      });
    },

    requestPost(args) {
      return plan(args, { state: "requested", intent: "requested" }, "requested", `by ${args.by}`);
    },

    schedulePost(args) {
      return plan(args, { state: "scheduled", intent: "scheduled", scheduledAt: args.at }, "scheduled", `for ${new Date(args.at).toISOString()} by ${args.by}`);
    },

    markPosted(args) {
      return changeRecord<AdminActionResult>(args.articleId, (record) => {
        if (record?.state !== "uncertain") return { result: record ? { ok: false, record } : { ok: false } };
        const next = change(record, args.now, { state: "posted", messageId: args.messageId, revision: 1, postedAt: record.attemptAt ?? args.now, error: null });
        return {
          result: { ok: true, record: next },
          writes: (multi) => {
            put(multi, next);
            event(multi, next, args.now, "marked-posted", `by ${args.by}`);
            multi.incr(changesKey);
          },
        };
      });
    },

    async changes() {
      return Number((await connection.run(() => connection.client.get(changesKey))) ?? 0);
    },
  };
}
