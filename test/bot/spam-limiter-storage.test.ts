import { limit } from "@grammyjs/ratelimiter";
import { afterEach, expect, it } from "vitest";
import type { RedisConnection } from "../../src/storage/redis-connection";
import { createRedisSpamCounters } from "../../src/bot/spam-limiter-storage";
import { describeWithRedis, startRedisServer, testConnection, type RedisServer } from "../support/redis-server";

/** Runs the real `@grammyjs/ratelimiter` middleware for one user; true when the update got through. */
async function passes(middleware: ReturnType<typeof limit>, userId: number): Promise<boolean> {
  let through = false;
  await middleware({ from: { id: userId, is_bot: false, first_name: "R" } }, async () => {
    through = true;
  });
  return through;
}

describeWithRedis("the spam limiter's counters in Redis", (url) => {
  const opened: RedisConnection[] = [];
  const servers: RedisServer[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  const open = async (serverUrl: string, prefix: string) => {
    const connection = testConnection(serverUrl, prefix);
    opened.push(connection);
    await connection.whenUp(5000);
    return connection;
  };

  it("are shared: a user limited on one instance is limited on the other", async () => {
    const prefix = `limit-${Math.random().toString(36).slice(2)}:`;
    const a = limit({ timeFrame: 60_000, limit: 2, storageClient: createRedisSpamCounters(await open(url(), prefix)) });
    const b = limit({ timeFrame: 60_000, limit: 2, storageClient: createRedisSpamCounters(await open(url(), prefix)) });
    expect(await passes(a, 1)).toBe(true);
    expect(await passes(b, 1)).toBe(true);
    expect(await passes(a, 1)).toBe(false);
    expect(await passes(b, 1)).toBe(false);
    expect(await passes(b, 2)).toBe(true);
  });

  it("count in memory while Redis is away: updates are neither failed nor let through unlimited", async () => {
    const server = await startRedisServer();
    servers.push(server);
    const connection = await open(server.url, "limit:");
    const limiter = limit({ timeFrame: 60_000, limit: 2, storageClient: createRedisSpamCounters(connection) });
    await server.stop();
    expect([await passes(limiter, 1), await passes(limiter, 1), await passes(limiter, 1)]).toEqual([true, true, false]);
  });
}, { ownServer: true });
