import type { Update, UserFromGetMe } from "grammy/types";
import { locales } from "../../src/i18n/locale";
import { languageOf } from "../../src/i18n/translate";
import { htmlToText } from "../../src/render/html";
import { ApiFailure, createLocalAnswers, createLocalBotApi, type ApiCall } from "../../src/demo/local-bot-api";
import { checkBotApiCall, parseTelegramHtml } from "../support/telegram-checks";
import { ampMarkerPattern, markerPattern, type FaultKind } from "./update-arbitraries";

/** The flood notice in every language the bot speaks: a reader is told in theirs. */
const SPAM_NOTICES: ReadonlySet<unknown> = new Set(locales.map((locale) => htmlToText(languageOf(locale).t("error-too-fast").value)));

export interface FuzzBotApiOptions {
  botInfo: UserFromGetMe;
  /** The channel's chat id as the bot sends it (`@username`). */
  channelId: string;
  /** The bot token and any other secret: never to appear in anything sent. */
  secrets: readonly string[];
  /** Longer than any client's timeout: how late a "slow answer" comes. */
  slowAnswerMs: number;
  /** The fault for this call, if any (the fuzzing step's plan). */
  nextFault(call: ApiCall): FaultKind | undefined;
  /** The update being handled now, to judge a call against (undefined between updates). */
  currentUpdate(): Update | undefined;
}

/** The forms a secret can leak in: itself, URL-encoded, a token's secret half. */
function secretForms(secret: string): string[] {
  const colon = secret.indexOf(":");
  return [secret, encodeURIComponent(secret), ...(colon > 0 ? [secret.slice(colon + 1)] : [])];
}

/** The texts of a call that Telegram reads, with their parse mode. */
function textsOf(call: ApiCall): Array<{ text: string; parseMode: unknown; where: string }> {
  const { method, payload } = call;
  if ((method === "sendMessage" || method === "editMessageText") && typeof payload.text === "string") {
    return [{ text: payload.text, parseMode: payload.parse_mode, where: method }];
  }
  if (method === "answerInlineQuery" && Array.isArray(payload.results)) {
    return (payload.results as Array<{ input_message_content?: { message_text?: unknown; parse_mode?: unknown } }>).flatMap((result, n) =>
      typeof result.input_message_content?.message_text === "string"
        ? [{ text: result.input_message_content.message_text, parseMode: result.input_message_content.parse_mode, where: `answerInlineQuery result ${n}` }]
        : [],
    );
  }
  if (method === "answerCallbackQuery" && typeof payload.text === "string") return [{ text: payload.text, parseMode: undefined, where: method }];
  return [];
}

/** User text the bot shows must read as the user typed it: a marker's `<b>` and `&amp;` visible, never markup. */
function markupProblems(text: string, parseMode: unknown, where: string): string[] {
  const problems: string[] = [];
  if (parseMode === "HTML" && /<b>FZ\d+Q/.test(text)) problems.push(`${where}: user text taken for markup: ${/<b>FZ\d+Q/.exec(text)?.[0]}`);
  const parsed = parseMode === "HTML" ? parseTelegramHtml(text) : { text };
  if ("error" in parsed) return problems;
  for (const match of parsed.text.matchAll(markerPattern)) {
    if (parsed.text.slice(0, match.index).endsWith("<b>") === false) problems.push(`${where}: ${match[0]} shown without the <b> the user typed`);
  }
  for (const match of parsed.text.matchAll(ampMarkerPattern)) {
    if (parsed.text.slice(0, match.index).endsWith("&amp;") === false) problems.push(`${where}: ${match[0]} shown without the &amp; the user typed`);
  }
  return problems;
}

/** A group message that is a command for another bot: this bot must stay silent in that chat. */
function commandForAnotherBot(update: Update | undefined, botUsername: string): number | undefined {
  const message = update?.message;
  if (!message || message.chat.type === "private" || typeof message.text !== "string") return undefined;
  const command = /^\/[A-Za-z0-9_]+@([A-Za-z0-9_]+)/.exec(message.text);
  const isCommand = message.entities?.some((e) => e.type === "bot_command" && e.offset === 0) === true;
  return isCommand && command && command[1]?.toLowerCase() !== botUsername.toLowerCase() ? message.chat.id : undefined;
}

/**
 * The Bot API the fuzzed bot talks to, in-process: it answers as Telegram
 * does, checks every call with the stand-in's validator (refusing with 400
 * what Telegram would refuse), looks for user text taken as markup, secrets
 * sent, answers to other bots' commands and button presses answered twice,
 * injects the faults of the step's plan, and keeps every post that reached the
 * channel.
 */
export function createFuzzBotApi(options: FuzzBotApiOptions) {
  const answer = createLocalAnswers(options.botInfo);
  const forms = [...new Set(options.secrets.flatMap(secretForms))];
  const invalid: string[] = [];
  const faults = new Map<FaultKind, number>();
  const channelPosts: Array<{ url: string; messageId: number }> = [];
  let channelEdits = 0;
  const answeredQueries = new Set<string>();
  const sentMessages = new Set<string>();
  let calls = 0;
  let spamNotices = 0;

  /** Telegram's answer when the call goes through (at once, or late). */
  const process = (call: ApiCall): unknown => {
    const { method, payload } = call;
    if (method === "editMessageText" && !sentMessages.has(`${String(payload.chat_id)}:${Number(payload.message_id)}`)) {
      return new ApiFailure(400, "Bad Request: message to edit not found");
    }
    const result = answer(call);
    if (method === "editMessageText" && payload.chat_id === options.channelId) channelEdits += 1;
    if (SPAM_NOTICES.has(payload.text)) spamNotices += 1;
    if (method === "answerCallbackQuery" || method === "answerInlineQuery") answeredQueries.add(`${method}:${String(payload.callback_query_id ?? payload.inline_query_id)}`);
    if (method === "sendMessage") {
      const messageId = (result as { message_id: number }).message_id;
      sentMessages.add(`${String(payload.chat_id)}:${messageId}`);
      if (payload.chat_id === options.channelId) channelPosts.push({ url: String((payload.link_preview_options as { url?: unknown } | undefined)?.url), messageId });
    }
    return result;
  };

  const respond = (call: ApiCall): unknown => {
    calls += 1;
    const { method, payload } = call;
    const refusals = checkBotApiCall(method, payload, options.botInfo.username);
    if (method === "answerCallbackQuery" || method === "answerInlineQuery") {
      const id = String(payload.callback_query_id ?? payload.inline_query_id);
      if (answeredQueries.has(`${method}:${id}`)) refusals.push(`${method}: query ${id} answered twice`);
    }
    const problems = [...refusals, ...textsOf(call).flatMap(({ text, parseMode, where }) => markupProblems(text, parseMode, where))];
    const sent = JSON.stringify(payload);
    for (const form of forms) if (sent.includes(form)) problems.push(`${method}: a secret is in what the bot sent`);
    const otherBotsChat = commandForAnotherBot(options.currentUpdate(), options.botInfo.username);
    if (otherBotsChat !== undefined && method === "sendMessage" && payload.chat_id === otherBotsChat) problems.push("sendMessage: answered a command addressed to another bot");
    invalid.push(...problems.map((p) => `${p} (update ${options.currentUpdate()?.update_id ?? "none"})`));
    if (refusals.length > 0) return new ApiFailure(400, `Bad Request: ${refusals[0]}`);

    const fault = options.nextFault(call);
    const injected = (kind: FaultKind) => faults.set(kind, (faults.get(kind) ?? 0) + 1);
    const toChannel = payload.chat_id === options.channelId;
    switch (fault) {
      case "429": {
        injected(fault);
        const retryAfter = 1 + (calls % 10);
        return new ApiFailure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
      }
      case "429 past the cap": {
        injected(fault);
        const retryAfter = 30 + (calls % 60);
        return new ApiFailure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
      }
      case "500":
        injected(fault);
        return new ApiFailure(500, "Internal Server Error");
      case "502":
        injected(fault);
        return new ApiFailure(502, "Bad Gateway");
      case "connection reset":
        injected(fault);
        throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
      case "timeout":
        injected(fault);
        // Telegram gets the call and answers after the client has given up waiting.
        return new Promise((resolve) => setTimeout(() => resolve(process(call)), options.slowAnswerMs));
      case "403":
        injected(fault);
        return new ApiFailure(403, toChannel ? "Forbidden: bot was kicked from the channel chat" : "Forbidden: bot was blocked by the user");
      case "400 can't be edited":
        if (method !== "editMessageText") break;
        injected(fault);
        return new ApiFailure(400, "Bad Request: message can't be edited");
      case undefined:
        break;
    }
    return process(call);
  };

  return {
    fetch: createLocalBotApi({ botInfo: options.botInfo, respond }),
    /** Calls Telegram would refuse or that show user text as markup, secrets, or answers meant for no one. */
    invalid,
    faults,
    /** Every post that reached the channel, in order. */
    channelPosts,
    /** Whether the bot answered this button press (or inline query). */
    answered: (method: "answerCallbackQuery" | "answerInlineQuery", id: string) => answeredQueries.has(`${method}:${id}`),
    get calls() {
      return calls;
    },
    /** Corrections that reached the channel. */
    get channelEdits() {
      return channelEdits;
    },
    /** Floods noticed: the polite notice sent. */
    get spamNotices() {
      return spamNotices;
    },
  };
}

export type FuzzBotApi = ReturnType<typeof createFuzzBotApi>;
