import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ChainableCommander, Redis } from "ioredis";
import type { RedisConnection } from "../storage/redis-connection";
import { StorageUnavailableError } from "../storage/storage-unavailable";
import { nextSendTime, sendHistoryMs, type ClaimResult, type PostEvent, type PostLedger, type PostRecord, type SendLimit } from "./post-ledger";
import * as rules from "./post-transitions";
import type { LedgerWrite, Transition } from "./post-transitions";

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
 * processes exactly one claims an article. This is the storage of the records
 * and their history; the rules are `post-transitions.ts`'s, as for SQLite.
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

  /** Queues what a transition decided; `notify`: an admin's action, which the poster watches `changes` for. */
  const store = (multi: ChainableCommander, articleId: string, write: LedgerWrite, notify = false) => {
    if (write.next === null) multi.hdel(postsKey, articleId);
    else multi.hset(postsKey, articleId, JSON.stringify(write.next));
    const event = write.event;
    if (event) {
      const { record } = event;
      const entry: PostEvent = { articleId, at: event.at, event: event.name, revision: record.revision, contentHash: record.contentHash, messageId: record.messageId, detail: event.detail };
      multi.rpush(eventsKey(articleId), JSON.stringify(entry));
    }
    if (notify) multi.incr(changesKey);
  };

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

  /** One article's change that needs no other key: load, decide by the rule, store. */
  function changeRecord<T>(articleId: string, rule: (record: PostRecord | undefined) => Transition<T>, notify = false): Promise<T> {
    return atomically([postsKey], async (tx): Promise<Step<T>> => {
      const { result, write } = rule(parse(await tx.hget(postsKey, articleId)));
      return write ? { result, writes: (multi) => store(multi, articleId, write, notify) } : { result };
    });
  }

  /**
   * A claim (to send or to edit): fenced by the ledger's id and the lease, decided by the rule,
   * then the chat's send limit, then stored with the send, in one transaction.
   */
  async function claim(articleId: string, rule: (record: PostRecord | undefined) => Transition<ClaimResult>, chatOf: (record: PostRecord | undefined) => string, method: string, now: number, limit: SendLimit): Promise<ClaimResult> {
    if (ledgerId === undefined) await establish();
    return atomically([postsKey, ledgerKey, ...(options.leaseKey ? [options.leaseKey] : [])], async (tx): Promise<Step<ClaimResult>> => {
      if (!(await fenced(tx))) return { result: { status: "not-eligible" } };
      const record = parse(await tx.hget(postsKey, articleId));
      const { result, write } = rule(record);
      if (!write) return { result };
      const chatId = chatOf(record);
      await tx.watch(sendsKey(chatId), pauseKey(chatId));
      const slot = await sendSlot(tx, chatId, articleId, method, now, limit);
      if (slot.status === "wait") return { result: slot };
      return {
        result,
        writes: (multi) => {
          slot.writes(multi);
          store(multi, articleId, write);
        },
      };
    });
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

    claimPost(args) {
      return claim(args.articleId, (record) => rules.claimPost(record, args, instanceId), () => args.chatId, "sendMessage", args.now, args.limit);
    },

    recordPosted(args) {
      return changeRecord(args.articleId, (record) => rules.recordPosted(record, args));
    },

    releasePost(articleId, now, reason) {
      return changeRecord(articleId, (record) => rules.releasePost(record, now, reason, instanceId));
    },

    recordUncertain(articleId, reason, now) {
      return changeRecord(articleId, (record) => rules.recordUncertain(record, reason, now, instanceId));
    },

    recordFailed(articleId, error, now) {
      return changeRecord(articleId, (record) => rules.recordFailed(record, error, now, instanceId));
    },

    claimEdit(args) {
      return claim(args.articleId, (record) => rules.claimEdit(record, args, instanceId), (record) => record?.chatId ?? "", "editMessageText", args.now, args.limit);
    },

    recordEdited(args) {
      return changeRecord(args.articleId, (record) => rules.recordEdited(record, args));
    },

    recordEditFailed(args) {
      return changeRecord(args.articleId, (record) => rules.recordEditFailed(record, args));
    },

    releaseEdit(articleId, now, reason) {
      return changeRecord(articleId, (record) => rules.releaseEdit(record, now, reason, instanceId));
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
      const isClaimed = (record: PostRecord) => record.state === "sending" || record.editOwner !== null;
      if (!(await all()).some(isClaimed)) return [];
      return atomically([postsKey], async (tx): Promise<Step<PostRecord[]>> => {
        const records = (await tx.hvals(postsKey)).map((value) => JSON.parse(value) as PostRecord).filter(isClaimed);
        const owners = [...new Set(records.flatMap((r) => [r.owner, r.editOwner]).filter((o): o is string => o !== null && o !== instanceId))];
        if (owners.length > 0) await tx.watch(...owners.map(instanceKey));
        const alive = new Set([instanceId]);
        for (const owner of owners) if ((await tx.exists(instanceKey(owner))) === 1) alive.add(owner);
        const swept = records.map((record) => ({ articleId: record.articleId, ...rules.sweepAbandoned(record, now, (owner) => alive.has(owner)) }));
        const writes = swept.filter((step) => step.write !== undefined);
        if (writes.length === 0) return { result: [] };
        return {
          result: swept.flatMap((step) => (step.result ? [step.result] : [])),
          writes: (multi) => {
            for (const step of writes) if (step.write) store(multi, step.articleId, step.write);
          },
        };
      });
    },

    requestPost(args) {
      return changeRecord(args.articleId, (record) => rules.requestPost(record, args), true);
    },

    schedulePost(args) {
      return changeRecord(args.articleId, (record) => rules.schedulePost(record, args), true);
    },

    markPosted(args) {
      return changeRecord(args.articleId, (record) => rules.markPosted(record, args), true);
    },

    async changes() {
      return Number((await connection.run(() => connection.client.get(changesKey))) ?? 0);
    },
  };
}
