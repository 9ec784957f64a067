import pino from "pino";
import type { Update } from "grammy/types";
import { createBot } from "../../src/bot/create-bot";
import { createMemoryChatArticleStore } from "../../src/bot/chat-articles";
import type { Article } from "../../src/content/article-schema";
import { loadContent } from "../../src/content/load-content";
import { createLibrary } from "../../src/library";
import { createLocalBotApi, localBotInfo, type ApiCall } from "../../src/local-bot-api";
import { htmlToText } from "../../src/render/html";

/** The real article, loaded once per test file. */
export async function loadRealArticles(): Promise<Article[]> {
  const content = await loadContent("content");
  if (!content.ok) throw new Error(content.problems.join("\n"));
  return content.articles;
}

export const reader = { id: 42, is_bot: false, first_name: "Reader" } as const;
export const group = { id: -100, type: "group", title: "Newsroom" } as const;
const privateChat = { id: reader.id, type: "private", first_name: reader.first_name } as const;

let updateId = 1;

/** A text message as Telegram delivers it, with the command entity when it starts with one. */
export function textMessage(text: string, chat: "private" | "group" = "private"): Update {
  const command = /^\/\S+/.exec(text);
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 1_700_000_000,
      chat: chat === "private" ? privateChat : group,
      from: reader,
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

export function buttonPress(data: string): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from: reader,
      chat_instance: "test",
      data,
      message: { message_id: 1, date: 1_700_000_000, chat: privateChat, text: "" },
    },
  };
}

export function inlineQuery(query: string, offset = ""): Update {
  return { update_id: updateId++, inline_query: { id: String(updateId), from: reader, query, offset, chat_type: "sender" } };
}

/**
 * The real bot over a local Bot API that records every call: updates go in
 * through `bot.handleUpdate`, assertions read what was sent.
 */
export async function createTestBot(articles?: Article[], respond?: (call: ApiCall) => unknown) {
  const calls: ApiCall[] = [];
  const library = createLibrary(articles ?? (await loadRealArticles()));
  const fetch = createLocalBotApi({ botInfo: localBotInfo, onCall: (call) => calls.push(call), respond });
  const bot = createBot(
    "123456:TEST-TOKEN-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    { library: () => library, chatArticles: createMemoryChatArticleStore(), logger: pino({ level: "silent" }) },
    { botConfig: { botInfo: localBotInfo, client: { fetch } } },
  );
  return {
    bot,
    calls,
    /** Sends one update and returns the calls it caused. */
    async send(update: Update): Promise<ApiCall[]> {
      const before = calls.length;
      await bot.handleUpdate(update);
      return calls.slice(before);
    },
    /** Sends a text message and returns what the reader sees: the messages' text, tags dropped. */
    async ask(text: string, chat: "private" | "group" = "private"): Promise<string> {
      const before = calls.length;
      await bot.handleUpdate(textMessage(text, chat));
      return calls
        .slice(before)
        .filter((call) => call.method === "sendMessage")
        .map((call) => htmlToText(String(call.payload.text)))
        .join("\n\n");
    },
  };
}
