import { Redis, ReplyError } from "ioredis";
import type { Logger } from "pino";
import { StorageUnavailableError } from "./storage-unavailable";

/** Redis's refusals that mean "not now" (loading after a restart, a replica, a failover), not a bug of ours. */
const TRANSIENT_REPLY = /^(LOADING|READONLY|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN|NOREPLICAS)\b/;

/** A failure of a Redis call as the callers see it: unavailable (wait and retry) or thrown as is (a bug). */
export function toStorageError(error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  if (error instanceof ReplyError && !TRANSIENT_REPLY.test((error as Error).message)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StorageUnavailableError(`redis unreachable: ${message}`, { cause: error });
}

export interface RedisConnectionOptions {
  url: string;
  /** Every key starts with it, e.g. `briefing:7000000001:`. */
  prefix: string;
  logger: Logger;
  /** Told when Redis becomes unreachable (with why) and when it is back (`undefined`). */
  onProblem?: (reason: string | undefined) => void;
  /** Shown in `CLIENT LIST`. */
  name?: string;
  /** How long a call may take before it counts as failed. @default 2 000 */
  commandTimeoutMs?: number;
}

export interface RedisConnection {
  /** For single commands (and the spam limiter). */
  readonly client: Redis;
  readonly prefix: string;
  /** `prefix` + the parts joined by `:`. */
  key(...parts: Array<string | number>): string;
  /** Both connections are ready. */
  readonly up: boolean;
  /** Runs `call`; a failure to reach Redis becomes `StorageUnavailableError`, at once when Redis is known to be down. */
  run<T>(call: () => Promise<T>): Promise<T>;
  /**
   * Runs `body` with a connection of its own, one body at a time in this
   * process: WATCH belongs to a connection, so two transactions must not
   * interleave on it. Failures are mapped as by `run`.
   */
  exclusive<T>(body: (tx: Redis) => Promise<T>): Promise<T>;
  /** Resolves once ready, or after `timeoutMs` (false). */
  whenUp(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Connects to Redis with two connections (commands, and transactions) that
 * fail fast rather than queue: while Redis is away a call rejects at once
 * (`enableOfflineQueue: false`), a call cut off by a dropped connection is
 * not sent again behind the caller's back (its outcome is unknown, and the
 * caller decides), and a hung server counts as down after
 * `commandTimeoutMs`. ioredis reconnects by itself, every 2 s at most; the
 * outage is logged once when it begins and once when it ends.
 */
export function connectRedis(options: RedisConnectionOptions): RedisConnection {
  const { logger, prefix } = options;
  const clientOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    connectionName: options.name,
  };
  const client = new Redis(options.url, clientOptions);
  const txClient = new Redis(options.url, clientOptions);
  let closing = false;
  let downSince: number | undefined = Date.now();
  let reported = false;
  let lastReason = "connecting";
  const waiters = new Set<() => void>();

  const isUp = () => client.status === "ready" && txClient.status === "ready";
  const changed = (reason?: string) => {
    if (closing) return;
    if (isUp()) {
      if (downSince !== undefined && reported) logger.info({ down_ms: Date.now() - downSince }, "redis: reachable again");
      else if (downSince !== undefined) logger.info("redis: connected");
      downSince = undefined;
      reported = false;
      options.onProblem?.(undefined);
      for (const wake of waiters) wake();
      return;
    }
    if (reason) lastReason = reason;
    downSince ??= Date.now();
    options.onProblem?.(`redis unreachable: ${lastReason}`);
    if (!reported && reason !== undefined) {
      reported = true;
      logger.warn({ reason: lastReason }, "redis: unreachable; answering from memory, not posting, retrying");
    }
  };
  for (const connection of [client, txClient]) {
    connection.on("ready", () => changed());
    connection.on("error", (error: Error) => changed(error.message || error.name));
    connection.on("close", () => changed("connection closed"));
    connection.on("end", () => changed("connection ended"));
  }

  let chain: Promise<unknown> = Promise.resolve();
  const run = async <T>(call: () => Promise<T>): Promise<T> => {
    if (!isUp()) throw new StorageUnavailableError(`redis unreachable: ${lastReason}`);
    try {
      return await call();
    } catch (error) {
      throw toStorageError(error);
    }
  };

  return {
    client,
    prefix,
    key: (...parts) => prefix + parts.join(":"),
    get up() {
      return isUp();
    },
    run,
    exclusive(body) {
      const result = chain.then(() => run(() => body(txClient)));
      chain = result.catch(() => undefined);
      return result;
    },
    whenUp(timeoutMs) {
      if (isUp()) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(isUp());
        };
        const timer = setTimeout(wake, timeoutMs);
        waiters.add(wake);
      });
    },
    async close() {
      closing = true;
      for (const wake of waiters) wake();
      await Promise.all(
        [client, txClient].map(async (connection) => {
          // QUIT lets replies in flight arrive; a connection that is down (or a QUIT that hangs) is simply dropped.
          if (connection.status === "ready") {
            const quit = connection.quit().catch(() => undefined);
            await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
          }
          connection.disconnect();
        }),
      );
    },
  };
}

/**
 * Follows `channel` (what the other instances publish there) on a connection of its own, as a
 * subscriber needs one: it queues SUBSCRIBE until connected and subscribes again after a
 * reconnection, and its errors are left to the main connection, which logs outages. Each
 * message goes to `onMessage`; `onFailure` is told if it cannot subscribe. Returns the
 * subscriber, to `disconnect()` at close.
 */
export function followChannel(connection: RedisConnection, channel: string, onMessage: (message: string) => void, onFailure: (error: unknown) => void): Redis {
  const subscriber = connection.client.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
  subscriber.on("error", () => undefined);
  subscriber.on("message", (_channel: string, message: string) => onMessage(message));
  subscriber.subscribe(channel).catch(onFailure);
  return subscriber;
}
