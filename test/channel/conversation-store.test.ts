import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import { afterEach, describe, expect, it } from "vitest";
import { openChannelDatabase } from "../../src/channel/channel-database";
import { createSqliteConversationStore, type ConversationStore } from "../../src/channel/conversation-store";
import { createRedisConversationStore } from "../../src/channel/redis-conversation-store";
import type { RedisConnection } from "../../src/storage/redis-connection";
import { tempDataDir } from "../support/channel-fixtures";
import { describeWithRedis, testConnection } from "../support/redis-server";

const state = (n: number) => ({ version: [1, n], state: {} }) as unknown as VersionedState<ConversationData>;

/** Two instances' stores over one storage; `clock` is the time both see. */
function conversationStoreContract(open: (now: () => number) => Promise<[ConversationStore, ConversationStore]>): void {
  let clock = 1_000_000;
  afterEach(() => {
    clock = 1_000_000;
  });

  it("gives every instance the same conversation, and forgets it when deleted", async () => {
    const [a, b] = await open(() => clock);
    expect(await b.read("42")).toBeUndefined();
    await a.write("42", state(1));
    expect(await b.read("42")).toEqual(state(1));
    await b.write("42", state(2));
    expect(await a.read("42")).toEqual(state(2));
    await a.delete("42");
    expect(await b.read("42")).toBeUndefined();
  });

  it("closes an idle conversation once, and not one that went on elsewhere", async () => {
    const [a, b] = await open(() => clock);
    await a.write("42", state(1));
    clock += 400;
    await b.write("42", state(2));
    clock += 700;
    // a's timer (armed 1 100 ms ago, 1 000 ms timeout) finds the conversation used 700 ms ago: look again in 300 ms.
    expect(await a.closeIfIdle("42", 1000)).toEqual({ closed: false, checkAt: 1_000_000 + 400 + 1000 });
    clock += 300;
    const both = await Promise.all([a.closeIfIdle("42", 1000), b.closeIfIdle("42", 1000)]);
    expect(both.filter((r) => r.closed)).toHaveLength(1);
    expect(await a.read("42")).toBeUndefined();
    expect(await a.closeIfIdle("42", 1000)).toEqual({ closed: false });
  });
}

describe("conversations in SQLite", () => {
  conversationStoreContract(async (now) => {
    const dir = tempDataDir();
    return [createSqliteConversationStore(openChannelDatabase(dir), now), createSqliteConversationStore(openChannelDatabase(dir), now)];
  });
});

describeWithRedis("conversations in Redis", (url) => {
  const opened: RedisConnection[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
  });
  const open = async (now: () => number = () => Date.now()): Promise<[ConversationStore, ConversationStore]> => {
    const prefix = `conv-${Math.random().toString(36).slice(2)}:`;
    const connections = [testConnection(url(), prefix), testConnection(url(), prefix)] as const;
    opened.push(...connections);
    await Promise.all(connections.map((c) => c.whenUp(5000)));
    return [createRedisConversationStore(connections[0], now), createRedisConversationStore(connections[1], now)];
  };
  conversationStoreContract(open);

  it("lets one instance at a time handle a step of a conversation; a lock not let go expires", async () => {
    const [a, b] = await open();
    const order: string[] = [];
    const unlockA = await a.lock("42", 5000);
    const waiting = b.lock("42", 5000).then((unlock) => {
      order.push("b has it");
      return unlock;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    order.push("a lets go");
    await unlockA();
    await (await waiting)();
    expect(order).toEqual(["a lets go", "b has it"]);
    expect(await (await a.lock("43", 5000))).toBeTypeOf("function");
    await b.lock("44", 200);
    const started = Date.now();
    await a.lock("44", 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });
});
