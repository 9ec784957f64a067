import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { orderPerChat } from "../../src/runtime/chat-order";

/** A context for chat `chat` (or none), with a name to log. */
const ctx = (name: string, chat?: number) => ({ name, chat: chat === undefined ? undefined : { id: chat } }) as unknown as Context & { name: string };

/** A promise and the function that settles it, so a test decides when a handler ends. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("orderPerChat", () => {
  const order = orderPerChat<Context & { name: string }>((c) => (c.chat ? String(c.chat.id) : undefined));

  it("runs one chat's updates in order, other chats and chatless updates meanwhile, and goes on after a failure", async () => {
    const log: string[] = [];
    const first = gate();
    const handle = (c: Context & { name: string }, body: () => Promise<void>) =>
      order(c, async () => {
        log.push(`start ${c.name}`);
        await body();
        log.push(`end ${c.name}`);
      });

    const a1 = handle(ctx("a1", 1), () => first.opened);
    const a2 = handle(ctx("a2", 1), () => Promise.reject(new Error("a2 failed")));
    const a3 = handle(ctx("a3", 1), async () => {});
    const b1 = handle(ctx("b1", 2), async () => {});
    const inline = handle(ctx("inline"), async () => {});
    await Promise.all([b1, inline]);
    // Chat 1 waits on a1; chat 2 and the inline query did not.
    expect([...log].sort()).toEqual(["end b1", "end inline", "start a1", "start b1", "start inline"]);
    const waiting = log.length;

    first.open();
    await a1;
    await expect(a2).rejects.toThrow("a2 failed");
    await a3;
    expect(log.slice(waiting)).toEqual(["end a1", "start a2", "start a3", "end a3"]);
  });
});
