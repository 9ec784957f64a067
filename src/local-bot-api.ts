import type { Message, UserFromGetMe } from "grammy/types";
import { htmlToText } from "./render/html";

/** One Bot API call as the bot made it. */
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/** What a local answer may be instead of a result: the Bot API's error shape. */
export class ApiFailure {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {}
}

export interface LocalBotApiOptions {
  botInfo: UserFromGetMe;
  /**
   * Answers a call: `undefined` for the default answer, or an `ApiFailure`;
   * a promise of either to answer late; a thrown error (or rejected promise)
   * fails the request as a broken connection would.
   */
  respond?: (call: ApiCall) => unknown;
  /** Sees every call, in order. */
  onCall?: (call: ApiCall) => void;
}

/** A bot user for local runs: the demo's and the tests'. */
export const localBotInfo: UserFromGetMe = {
  id: 1000001,
  is_bot: true,
  first_name: "Briefing",
  username: "briefingbot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

function chatOf(chatId: unknown): Message["chat"] {
  const id = Number(chatId);
  if (typeof chatId === "string" || id <= -1_000_000_000_000) {
    return { id: typeof chatId === "string" ? -1001234567890 : id, type: "channel", title: String(chatId) };
  }
  return id < 0 ? { id, type: "group", title: "Group" } : { id, type: "private", first_name: "Reader" };
}

/**
 * Telegram's answers to a bot's calls, made up in-process: `getMe` is
 * `botInfo`, a sent or edited message comes back as a realistic `Message`
 * (increasing ids), anything else `true`.
 */
export function createLocalAnswers(botInfo: UserFromGetMe): (call: ApiCall) => unknown {
  let nextMessageId = 1;
  return (call) => {
    const { method, payload } = call;
    if (method === "getMe") return botInfo;
    if (method === "sendMessage" || method === "editMessageText") {
      const messageId = method === "sendMessage" ? nextMessageId++ : Number(payload.message_id);
      const text = typeof payload.text === "string" ? payload.text : "";
      return {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: chatOf(payload.chat_id),
        from: botInfo,
        text: payload.parse_mode === "HTML" ? htmlToText(text) : text,
      };
    }
    return true;
  };
}

/**
 * A Bot API that answers in-process, for grammY's `client.fetch` option: the
 * real bot runs unchanged (same middleware, same API client) with no network.
 * Messages sent get realistic `Message` results with increasing ids.
 */
export function createLocalBotApi(options: LocalBotApiOptions): typeof fetch {
  const defaultAnswer = createLocalAnswers(options.botInfo);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = typeof init?.body === "string" && init.body !== "" ? JSON.parse(init.body) : {};
    const call: ApiCall = { method, payload };
    options.onCall?.(call);
    const answer = (await options.respond?.(call)) ?? defaultAnswer(call);
    const body =
      answer instanceof ApiFailure
        ? { ok: false, error_code: answer.errorCode, description: answer.description, parameters: answer.parameters }
        : { ok: true, result: answer };
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  }) as typeof fetch;
}
