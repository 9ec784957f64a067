/**
 * Redis for the tests: a real `redis-server` (Debian's package; `.ci/run`
 * installs it and passes one in `REDIS_TEST_URL`). Tests that must stop and
 * restart Redis start their own with `startRedisServer`.
 *
 * Without redis-server the Redis tests fail in CI (`CI=true`) saying so, and
 * are skipped locally with a visible message: never a silent pass.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, it } from "vitest";
import { connectRedis, type RedisConnection } from "../../src/storage/redis-connection";
import { freePort } from "./bot-process";

/** Why Redis tests cannot run here, or `undefined` when they can; `ownServer`: the test starts (and stops) redis-server itself. */
export function redisUnavailableReason(ownServer = false): string | undefined {
  if (process.env.REDIS_TEST_URL && !ownServer) return undefined;
  const found = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (found.error || found.status !== 0) return `redis-server not available: ${ownServer ? "this test starts its own and" : "REDIS_TEST_URL is unset and"} redis-server is not on PATH (${found.error?.message ?? found.stderr.trim()}); apt-get install redis-server, or run .ci/run`;
  return undefined;
}

export interface RedisServer {
  url: string;
  port: number;
  /** Where it keeps its data (AOF): a restart finds it there. */
  dir: string;
  /** Stops it (SIGTERM: saves and exits; SIGKILL: a crash) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and folder. */
  start(): Promise<void>;
  readonly running: boolean;
}

/**
 * Starts a redis-server of this test's own on 127.0.0.1 and a free port,
 * writing every change to its append-only file before answering
 * (`appendfsync always`), as production should.
 */
export async function startRedisServer(options: { port?: number; dir?: string } = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "briefing-redis-"));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "no"];
    const started = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    exited = new Promise((resolve) => started.once("exit", () => resolve()));
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}:\n${output}`)), 10_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      };
      started.stdout?.on("data", onData);
      started.stderr?.on("data", onData);
      started.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}) on port ${port}:\n${output}`));
      });
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async stop(signal = "SIGTERM") {
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    start,
  };
}

/** A connection for a test, its keys under a prefix of its own (so tests can share one Redis). */
export function testConnection(url: string, prefix = `test-${randomUUID()}:`): RedisConnection {
  return connectRedis({ url, prefix, logger: pino({ level: "silent" }) });
}

/**
 * A `describe` for tests that need Redis: `url()` is REDIS_TEST_URL, or a
 * redis-server started for the file. Without Redis: a failing test in CI, a
 * visible skip elsewhere.
 */
export function describeWithRedis(name: string, body: (url: () => string) => void, options: { ownServer?: boolean } = {}): void {
  const reason = redisUnavailableReason(options.ownServer);
  if (reason !== undefined) {
    if (process.env.CI === "true") {
      describe(name, () => {
        it("needs Redis", () => {
          throw new Error(reason);
        });
      });
    } else {
      console.warn(`SKIPPED (${name}): ${reason}`);
      describe.skip(`${name} [skipped: ${reason}]`, () => body(() => "")); // listed as skipped in the report
    }
    return;
  }
  describe(name, () => {
    let server: RedisServer | undefined;
    let url = process.env.REDIS_TEST_URL ?? "";
    beforeAll(async () => {
      if (!url) {
        server = await startRedisServer();
        url = server.url;
      }
    });
    afterAll(async () => {
      await server?.stop();
    });
    body(() => url);
  });
}
