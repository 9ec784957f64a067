import { Api, BotError, Composer, Context } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { SyncComposer } from "../../src/bot/sync-composer";
import { localBotInfo } from "../../src/demo/local-bot-api";

const me = localBotInfo;

const from = { id: 7, is_bot: false, first_name: "Reader" };
const privateChat = { id: 7, type: "private" as const, first_name: "Reader" };
const group = { id: -5, type: "group" as const, title: "Group" };

const text = (update_id: number, body: string, chat: typeof privateChat | typeof group = privateChat): Update => {
  const command = /^\/\S+/.exec(body);
  return {
    update_id,
    message: {
      message_id: update_id,
      date: 0,
      chat,
      from,
      text: body,
      ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
    },
  };
};
const button = (update_id: number, data: string): Update => ({
  update_id,
  callback_query: { id: String(update_id), from, chat_instance: "ci", data, message: { message_id: 1, date: 0, chat: privateChat, text: "" } },
});
const inline = (update_id: number, query: string): Update => ({
  update_id,
  inline_query: { id: String(update_id), from, query, offset: "" },
});

const updates: Update[] = [
  text(1, "/attendees"),
  text(2, "/who Lebedev"),
  text(3, "/who@briefingbot Shoigu"),
  text(4, "/who@other_bot Shoigu"),
  text(5, "who attended?"),
  text(6, "/start", group),
  text(7, "hello", group),
  button(8, "topic:agenda"),
  button(9, "article:cis-defense"),
  button(10, "stale"),
  inline(11, "shoigu"),
  text(12, "/unknown"),
  text(13, "/attendees@BriefingBot  now"),
  text(14, "/attendeesx"),
  text(15, "/help@other_bot"),
  text(16, "/who"),
];

/**
 * The same registrations, the shape of Briefing's features (filters chained on filters, type
 * guards, an async predicate, `drop`, a catch-all), on a composer of either kind; each handler
 * logs what it saw, `ctx.match` included.
 */
function register(root: Composer<Context>, log: string[]): void {
  const seen = (name: string) => (ctx: Context) => {
    log.push(`${ctx.update.update_id} ${name} ${JSON.stringify(ctx.match ?? null)}`);
  };
  const passOn = (name: string) => (ctx: Context, next: () => Promise<void>) => {
    log.push(`${ctx.update.update_id} ${name}, passed on`);
    return next();
  };
  const privateChats = root.chatType("private");
  privateChats.filter((ctx) => ctx.from?.id === 99, seen("admin"));
  privateChats.on("message:document", seen("document"));
  const commands = root.on(":entities:bot_command");
  commands.command("attendees", seen("attendees"));
  commands.command("who", seen("who"));
  commands.command(["start", "help"], passOn("start or help"));
  root.filter(async (ctx) => ctx.chat?.type === "group", passOn("group, async"));
  const buttons = root.on("callback_query");
  buttons.callbackQuery(/^topic:([a-z]+)$/, seen("topic"));
  buttons.callbackQuery(/^article:(.+)$/, seen("article"));
  buttons.use(seen("other button"));
  root.on("inline_query").drop((ctx) => ctx.inlineQuery.query === "", seen("inline"));
  root.chatType("private").on("message:text").filter((ctx) => !ctx.msg.text.startsWith("/"), seen("question"));
  root.use(seen("fallback"));
}

async function run(root: Composer<Context>): Promise<string[]> {
  const log: string[] = [];
  register(root, log);
  const api = new Api("1:test");
  for (const update of updates) await root.middleware()(new Context(update, api, me), () => Promise.resolve());
  return log;
}

describe("SyncComposer", () => {
  it("runs the same handlers as grammY's Composer, in the same order, with the same ctx.match", async () => {
    const grammy = await run(new Composer<Context>());
    const sync = await run(new SyncComposer<Context>());
    expect(sync).toEqual(grammy);
    // What the registrations mean, so that the comparison is not of two empty logs.
    expect(sync).toEqual([
      '1 attendees ""',
      '2 who "Lebedev"',
      '3 who "Shoigu"',
      "4 fallback null",
      "5 question null",
      "6 start or help, passed on",
      "6 group, async, passed on",
      '6 fallback ""',
      "7 group, async, passed on",
      "7 fallback null",
      '8 topic ["topic:agenda","agenda"]',
      '9 article ["article:cis-defense","cis-defense"]',
      "10 other button null",
      "11 inline null",
      "12 fallback null",
      '13 attendees "now"',
      "14 fallback null",
      "15 fallback null",
      '16 who ""',
    ]);
  });

  it("propagates a predicate's error, thrown or rejected, as grammY's does", async () => {
    for (const make of [() => new Composer<Context>(), () => new SyncComposer<Context>()]) {
      const thrown = make();
      thrown.filter(() => {
        throw new Error("thrown");
      });
      const rejected = make();
      rejected.filter(() => Promise.reject(new Error("rejected")));
      const ctx = new Context(text(1, "hi"), new Api("1:test"), me);
      await expect(thrown.middleware()(ctx, () => Promise.resolve())).rejects.toThrow("thrown");
      await expect(rejected.middleware()(ctx, () => Promise.resolve())).rejects.toThrow("rejected");
    }
  });

  it("fails a middleware that calls next twice, as grammY does", async () => {
    for (const make of [() => new Composer<Context>(), () => new SyncComposer<Context>()]) {
      const log: string[] = [];
      const root = make();
      root.use(async (_ctx, next) => {
        await next();
        await next();
      });
      root.use(() => {
        log.push("second");
      });
      const ctx = new Context(text(1, "hi"), new Api("1:test"), me);
      await expect(root.middleware()(ctx, () => Promise.resolve())).rejects.toThrow("`next` already called before!");
      expect(log).toEqual(["second"]);
    }
  });

  it("keeps grammY's errorBoundary: the failure handed over as a BotError, what follows run only when next is called", async () => {
    const runBoundaries = async (make: () => Composer<Context>) => {
      const log: string[] = [];
      const root = make();
      // A failing handler behind a boundary whose handler swallows it: what follows the boundary is not run.
      const swallowed = root.errorBoundary((error) => {
        log.push(`${error.ctx.update.update_id} swallowed: ${(error.error as Error).message} (${error instanceof BotError})`);
      });
      swallowed.command("fail", () => {
        throw new Error("boom");
      });
      // A boundary whose handler calls next: the update goes on past it.
      const goOn = root.errorBoundary((error, next) => {
        log.push(`${error.ctx.update.update_id} passed on: ${(error.error as Error).message}`);
        return next();
      });
      goOn.command("reject", () => Promise.reject(new Error("rejected")));
      // Protected middleware that calls next itself: the update goes on too.
      root.errorBoundary(() => undefined).use((ctx, next) => {
        log.push(`${ctx.update.update_id} inside`);
        return next();
      });
      // A handler that rethrows: the failure reaches the caller.
      root.errorBoundary((error) => {
        throw error.error;
      }).command("rethrow", () => {
        throw new Error("again");
      });
      root.use((ctx) => {
        log.push(`${ctx.update.update_id} after`);
      });
      const api = new Api("1:test");
      for (const update of [text(1, "/fail"), text(2, "/reject"), text(3, "hello")]) await root.middleware()(new Context(update, api, me), () => Promise.resolve());
      await expect(root.middleware()(new Context(text(4, "/rethrow"), api, me), () => Promise.resolve())).rejects.toThrow("again");
      return log;
    };
    const grammy = await runBoundaries(() => new Composer<Context>());
    const sync = await runBoundaries(() => new SyncComposer<Context>());
    expect(sync).toEqual(grammy);
    expect(sync).toEqual(["1 swallowed: boom (true)", "2 passed on: rejected", "2 inside", "2 after", "3 inside", "3 after", "4 inside"]);
  });
});
