import { Bot, type Context } from "grammy";
import type { Message, Update } from "grammy/types";
import pino from "pino";
import { createMemoryChatArticleStore } from "../src/bot/chat-articles";
import type { BriefingContext } from "../src/bot/context";
import type { Library } from "../src/library/library";
import { localBotInfo } from "../src/demo/local-bot-api";
import { createRuntimeBot } from "../src/runtime/create-runtime-bot";

/**
 * The two bots the in-process benchmarks drive through `bot.handleUpdate`: Briefing as
 * `npm start` builds it (`createRuntimeBot`), and a bare grammY bot that answers the same
 * update types with fixed strings, making the same Bot API calls. Both talk to the same
 * no-network Bot API, which answers at once.
 */

export const benchToken = "123456:BENCH-TOKEN-aaaaaaaaaaaaaaaaaaaaaaaaaaa";

/** What the Bot API answers to a `sendMessage`: a fixed message, so answering costs the same whatever was sent. */
const sentMessage: Message.TextMessage = {
  message_id: 1,
  date: 1_700_000_000,
  chat: { id: 1, type: "private", first_name: "Reader" },
  from: localBotInfo,
  text: "ok",
};
const answers = {
  sendMessage: JSON.stringify({ ok: true, result: sentMessage }),
  getMe: JSON.stringify({ ok: true, result: localBotInfo }),
  other: JSON.stringify({ ok: true, result: true }),
};

/** The calls that answer a reader: a message, an inline answer, or the text of a button press. */
const answeringMethods = new Set(["sendMessage", "answerInlineQuery", "editMessageText"]);

/** Counts the answering calls a bot made, so a bench can tell an answered update from a dropped one. */
export interface AnswerCounter {
  answers: number;
}

/**
 * A Bot API that answers every call at once, without reading it: the cost of an update is
 * then the bot's own (grammY serialising the call included) and none of it Telegram's.
 * (`createLocalBotApi`, the demo's, parses every payload to show it; at the size of an
 * inline answer that is a sizeable cost that a real Bot API would bear, not the bot.)
 * Every answering call is counted in `counter`.
 */
export function createInstantBotApi(counter: AnswerCounter = { answers: 0 }): typeof fetch {
  const headers = { "content-type": "application/json" };
  return (async (input: string | URL | Request) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = url.slice(url.lastIndexOf("/") + 1);
    if (answeringMethods.has(method)) counter.answers++;
    const body = method === "sendMessage" ? answers.sendMessage : method === "getMe" ? answers.getMe : answers.other;
    return new Response(body, { headers });
  }) as typeof fetch;
}

/** A bot of the benches, with the count of its answering calls. */
export type CountedBot<B> = B & { counter: AnswerCounter };

/**
 * Handles `updates` one after another and throws, loudly, if any of them was not answered: a
 * figure for work that was dropped (by a rate limit, an error) is not a figure. Each update is
 * awaited to its end, so the answering calls made meanwhile are its own.
 */
export async function handleAnswered(bot: CountedBot<Bot<Context>>, updates: readonly Update[], each?: (update: Update) => void): Promise<void> {
  let unanswered = 0;
  let first: Update | undefined;
  for (const update of updates) {
    const before = bot.counter.answers;
    await bot.handleUpdate(update);
    each?.(update);
    if (bot.counter.answers === before) {
      unanswered++;
      first ??= update;
    }
  }
  if (unanswered > 0) {
    throw new Error(`${unanswered} of ${updates.length} updates went unanswered; the first: ${JSON.stringify(first)}`);
  }
}

/**
 * The bench's spam limits: the limiter runs and counts as in production, but no reader of the
 * bench reaches its threshold, so what is measured is the bot answering, not the bot refusing.
 */
const benchSpamLimits = { limit: Number.MAX_SAFE_INTEGER, inlineLimit: Number.MAX_SAFE_INTEGER };

/**
 * Briefing as `npm start` builds it: every feature and the runtime's middleware (metrics,
 * per-chat ordering). Logs go nowhere, at npm start's level (info): nothing is logged per
 * update unless it fails.
 */
export function createFullBot(library: () => Library): CountedBot<Bot<BriefingContext>> {
  const logger = pino({ level: "info" }, { write: () => {} });
  const counter: AnswerCounter = { answers: 0 };
  const bot = createRuntimeBot(
    benchToken,
    { library, chatArticles: createMemoryChatArticleStore(), logger },
    { fetch: createInstantBotApi(counter) },
    { spam: benchSpamLimits },
  );
  bot.botInfo = localBotInfo;
  return Object.assign(bot, { counter });
}

/** Bare grammY: the same update types answered with a fixed string, through the same calls as Briefing makes. */
export function createBareBot(): CountedBot<Bot> {
  const counter: AnswerCounter = { answers: 0 };
  const bot = Object.assign(new Bot(benchToken, { botInfo: localBotInfo, client: { fetch: createInstantBotApi(counter) } }), { counter });
  bot.command("attendees", (ctx) => ctx.reply("Attendees."));
  bot.on("inline_query", (ctx) =>
    ctx.answerInlineQuery([{ type: "article", id: "fixed", title: "Fixed", input_message_content: { message_text: "Fixed." } }]),
  );
  bot.on("callback_query:data", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply("Agenda.");
  });
  bot.on("message:text", (ctx) => ctx.reply("An answer."));
  return bot;
}

/** One Bot API call: its method and payload. */
export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

/**
 * Bare grammY again, but each update makes the very calls Briefing made for it, payloads
 * and all (`calls`, by `update_id`): the cost of Briefing's answers being larger, without
 * anything of Briefing's own.
 */
export function createReplayBot(calls: ReadonlyMap<number, readonly RecordedCall[]>): CountedBot<Bot> {
  const counter: AnswerCounter = { answers: 0 };
  const bot = Object.assign(new Bot(benchToken, { botInfo: localBotInfo, client: { fetch: createInstantBotApi(counter) } }), { counter });
  const replay = async (ctx: Context) => {
    const raw = ctx.api.raw as unknown as Record<string, (payload: unknown) => Promise<unknown>>;
    for (const { method, payload } of calls.get(ctx.update.update_id) ?? []) await raw[method]?.(payload);
  };
  bot.command("attendees", replay);
  bot.on("inline_query", replay);
  bot.on("callback_query:data", replay);
  bot.on("message:text", replay);
  return bot;
}

/** The calls Briefing makes for each of `updates`, by `update_id` (recorded by a bot of its own). */
export async function recordCalls(library: () => Library, updates: readonly Update[]): Promise<Map<number, RecordedCall[]>> {
  const bot = createFullBot(library);
  const calls = new Map<number, RecordedCall[]>();
  let current: RecordedCall[] = [];
  bot.api.config.use((prev, method, payload, signal) => {
    current.push({ method, payload: payload as Record<string, unknown> });
    return prev(method, payload, signal);
  });
  await handleAnswered(bot as unknown as CountedBot<Bot<Context>>, updates, (update) => {
    calls.set(update.update_id, current);
    current = [];
  });
  return calls;
}

/** Readers, one private chat each; updates cycle through them, as a burst from many readers does. */
export const readerCount = 200;
const readerOf = (n: number) => ({ id: 10_000 + (n % readerCount), is_bot: false, first_name: `Reader${n % readerCount}` }) as const;

let nextUpdateId = 1;

/** A text message in the reader's private chat, with its command entity when it starts with one. */
export function textUpdate(text: string, reader = 0): Update {
  const from = readerOf(reader);
  const command = /^\/\S+/.exec(text);
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: 1_700_000_000,
      chat: { id: from.id, type: "private", first_name: from.first_name },
      from,
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

export function inlineUpdate(query: string, reader = 0): Update {
  return { update_id: nextUpdateId++, inline_query: { id: String(nextUpdateId), from: readerOf(reader), query, offset: "", chat_type: "sender" } };
}

/** A press of an inline button under a message the bot sent to the reader. */
export function buttonUpdate(data: string, reader = 0): Update {
  const from = readerOf(reader);
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: String(nextUpdateId),
      from,
      chat_instance: `ci${from.id}`,
      data,
      message: { message_id: 1, date: 1_700_000_000, chat: { id: from.id, type: "private", first_name: from.first_name }, text: "" },
    },
  };
}
