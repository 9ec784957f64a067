import pino from "pino";
import { afterEach, expect, it, vi } from "vitest";
import { createRedisChatArticleStore } from "../../src/bot/redis-chat-articles";
import type { RedisConnection } from "../../src/storage/redis-connection";
import { describeWithRedis, testConnection } from "../support/redis-server";

/** How many connections are subscribed to `channel` now (PUBSUB NUMSUB). */
async function subscribers(url: string, channel: string): Promise<number> {
  const probe = testConnection(url, "probe:");
  try {
    await probe.whenUp(5000);
    const [, count] = (await probe.client.pubsub("NUMSUB", channel)) as [string, number];
    return Number(count);
  } finally {
    await probe.close();
  }
}

describeWithRedis("chats' /articles choices in Redis", (url) => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  const instance = async (prefix: string) => {
    const connection: RedisConnection = testConnection(url(), prefix);
    await connection.whenUp(5000);
    const store = createRedisChatArticleStore(connection, pino({ level: "silent" }));
    closers.push(async () => {
      await store.close();
      await connection.close();
    });
    return store;
  };

  it("follow a chat to whichever instance answers it, and are there for an instance started later", async () => {
    const prefix = `choices-${Math.random().toString(36).slice(2)}:`;
    const a = await instance(prefix);
    const b = await instance(prefix);
    // Both subscribers are in before a choice is announced (a machine under load takes its time to connect them).
    await vi.waitFor(async () => expect(await subscribers(url(), `${prefix}chat-articles`)).toBe(2), { timeout: 5000, interval: 20 });
    a.set(42, "story-2");
    expect(a.get(42)).toBe("story-2");
    await vi.waitFor(() => expect(b.get(42)).toBe("story-2"), { timeout: 2000, interval: 10 });
    const c = await instance(prefix);
    await vi.waitFor(() => expect(c.get(42)).toBe("story-2"), { timeout: 2000, interval: 10 });
    expect(c.get(43)).toBeUndefined();
  });
});
