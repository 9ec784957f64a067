import pino from "pino";
import { afterEach, expect, it } from "vitest";
import { createRedisRecentUpdateIds } from "../../src/runtime/redis-recent-update-ids";
import type { RedisConnection } from "../../src/storage/redis-connection";
import { describeWithRedis, startRedisServer, testConnection, type RedisServer } from "../support/redis-server";

const logger = pino({ level: "silent" });

describeWithRedis("update_ids shared in Redis", (url) => {
  const opened: RedisConnection[] = [];
  const servers: RedisServer[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  const instance = async (serverUrl: string, prefix: string) => {
    const connection = testConnection(serverUrl, prefix);
    opened.push(connection);
    await connection.whenUp(5000);
    return { connection, ids: createRedisRecentUpdateIds(connection, logger) };
  };

  it("claims an update once across instances: a redelivery to the other is recognised", async () => {
    const prefix = `ids-${Math.random().toString(36).slice(2)}:`;
    const a = await instance(url(), prefix);
    const b = await instance(url(), prefix);
    expect(await a.ids.claim(1)).toBe(true);
    expect(await b.ids.claim(1)).toBe(false);
    expect(await a.ids.claim(1)).toBe(false);
    expect(await b.ids.claim(2)).toBe(true);
    expect(await a.connection.client.ttl(`${prefix}update:1`)).toBeGreaterThan(86_000);
  });

  it("while Redis is away claims in memory (no update waits, none is handled twice here), and shares those ids once it is back", async () => {
    const server = await startRedisServer();
    servers.push(server);
    const prefix = "ids:";
    const a = await instance(server.url, prefix);
    const b = await instance(server.url, prefix);
    await server.stop();
    const started = Date.now();
    expect(await a.ids.claim(10)).toBe(true);
    expect(await a.ids.claim(10)).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
    await server.start();
    expect(await a.connection.whenUp(5000)).toBe(true);
    expect(await b.connection.whenUp(5000)).toBe(true);
    expect(await a.ids.claim(11)).toBe(true);
    // 10 was claimed in memory only; it reached Redis with the next claim.
    expect(await b.ids.claim(10)).toBe(false);
  });
}, { ownServer: true });
