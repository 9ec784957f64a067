import pino from "pino";
import type { Chat, Update, User } from "grammy/types";
import { createBot } from "../../src/bot/create-bot";
import { createMemoryChatArticleStore } from "../../src/bot/chat-articles";
import type { Article } from "../../src/content/article-schema";
import { loadContent } from "../../src/content/load-content";
import { createLibrary } from "../../src/library/library";
import { createLocalBotApi, localBotInfo, type ApiCall } from "../../src/demo/local-bot-api";
import { htmlToText } from "../../src/render/html";

/** A token of the right shape for bots that never leave the process. */
export const testToken = "123456:TEST-TOKEN-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

/** The real article, loaded once per test file. */
export async function loadRealArticles(): Promise<Article[]> {
  const content = await loadContent("test/fixtures/baku");
  if (!content.ok) throw new Error(content.problems.join("\n"));
  return content.articles;
}

/** An in-process Bot API (for grammY's `client.fetch`) that records every call, answered by `respond` where it says so. */
export function createRecordedBotApi(respond?: (call: ApiCall) => unknown) {
  const calls: ApiCall[] = [];
  const fetch = createLocalBotApi({ botInfo: localBotInfo, onCall: (call) => calls.push(call), respond });
  return { calls, fetch };
}

export const reader = { id: 42, is_bot: false, first_name: "Reader" } as const;
export const group = { id: -100, type: "group", title: "Newsroom" } as const;

let updateId = 1;
const now = () => Math.floor(Date.now() / 1000);

/** Updates from one user, in their private chat with the bot unless another chat is given. */
export function userChat(user: User) {
  const own: Chat.PrivateChat = { id: user.id, type: "private", first_name: user.first_name };
  return {
    /** A text message as Telegram delivers it, with the command entity when it starts with one. */
    message(text: string, chat: Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat = own): Update {
      const command = /^\/\S+/.exec(text);
      updateId += 1;
      return {
        update_id: updateId,
        message: {
          message_id: updateId,
          date: now(),
          chat,
          from: user,
          text,
          ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
        },
      };
    },
    /** A button press; `inChat` forges one on a message in someone else's chat. */
    press(data: string, inChat: { id: number; first_name: string } = own): Update {
      updateId += 1;
      return {
        update_id: updateId,
        callback_query: {
          id: String(updateId),
          from: user,
          chat_instance: "test",
          data,
          message: { message_id: 1, date: now(), chat: { id: inChat.id, type: "private", first_name: inChat.first_name }, text: "" },
        },
      };
    },
  };
}

const readerChat = userChat(reader);

/** The reader's text message, in their private chat or in `group`. */
export const textMessage = (text: string, chat: "private" | "group" = "private"): Update => readerChat.message(text, chat === "group" ? group : undefined);

/** The reader presses a button in their private chat. */
export const buttonPress = (data: string): Update => readerChat.press(data);

export function inlineQuery(query: string, offset = ""): Update {
  updateId += 1;
  return { update_id: updateId, inline_query: { id: String(updateId), from: reader, query, offset, chat_type: "sender" } };
}

/**
 * The real bot over a local Bot API that records every call: updates go in
 * through `bot.handleUpdate`, assertions read what was sent.
 */
export async function createTestBot(articles?: Article[], respond?: (call: ApiCall) => unknown) {
  const { calls, fetch } = createRecordedBotApi(respond);
  const library = createLibrary(articles ?? (await loadRealArticles()));
  const bot = createBot(
    testToken,
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
