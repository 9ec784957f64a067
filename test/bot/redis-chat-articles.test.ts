import pino from "pino";
import { afterEach, expect, it, vi } from "vitest";
import { createRedisChatArticleStore } from "../../src/bot/redis-chat-articles";
import type { RedisConnection } from "../../src/storage/redis-connection";
import { describeWithRedis, testConnection } from "../support/redis-server";

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
    await new Promise((resolve) => setTimeout(resolve, 100)); // b's SUBSCRIBE is in
    a.set(42, "story-2");
    expect(a.get(42)).toBe("story-2");
    await vi.waitFor(() => expect(b.get(42)).toBe("story-2"), { timeout: 2000, interval: 10 });
    const c = await instance(prefix);
    await vi.waitFor(() => expect(c.get(42)).toBe("story-2"), { timeout: 2000, interval: 10 });
    expect(c.get(43)).toBeUndefined();
  });
});
