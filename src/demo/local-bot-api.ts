import type { Message, UserFromGetMe } from "grammy/types";
import { htmlToText } from "../render/html";

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

/** A file uploaded with a call (multipart/form-data), where the payload said `attach://…`. */
export interface UploadedFile {
  filename: string;
  data: Buffer;
}

/** Reads a field's value as the Bot API does: JSON objects and arrays parsed, anything else a string. */
function fieldValue(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Puts each uploaded file where its `attach://<id>` stands, however deep (InputMedia's `media`). */
function attachFiles(value: unknown, files: ReadonlyMap<string, UploadedFile>): unknown {
  if (typeof value === "string" && value.startsWith("attach://")) return files.get(value.slice(9)) ?? value;
  if (Array.isArray(value)) return value.map((item) => attachFiles(item, files));
  if (value !== null && typeof value === "object" && !(value instanceof Buffer)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, attachFiles(item, files)]));
  }
  return value;
}

/**
 * A Bot API call's parameters from its body: JSON, a form, or
 * multipart/form-data as grammY sends an `InputFile` (the file parts become
 * `UploadedFile`s in place of their `attach://` references).
 */
export function readApiPayload(body: Buffer, contentType: string): Record<string, unknown> {
  if (body.length === 0) return {};
  const type = contentType.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") {
    const value: unknown = JSON.parse(body.toString("utf8"));
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("the JSON body must be an object");
    return value as Record<string, unknown>;
  }
  if (type === "application/x-www-form-urlencoded") {
    return Object.fromEntries([...new URLSearchParams(body.toString("utf8"))].map(([key, value]) => [key, fieldValue(value)]));
  }
  if (type === "multipart/form-data") {
    const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
    if (!boundary) throw new Error("multipart/form-data without a boundary");
    const fields: Record<string, unknown> = {};
    const files = new Map<string, UploadedFile>();
    const delimiter = Buffer.from(`--${boundary}`);
    let at = body.indexOf(delimiter);
    while (at >= 0) {
      const start = at + delimiter.length;
      if (body.subarray(start, start + 2).toString() === "--") break;
      const next = body.indexOf(delimiter, start);
      if (next < 0) throw new Error("multipart/form-data not closed by its boundary");
      const part = body.subarray(start + 2, next - 2);
      const headerEnd = part.indexOf("\r\n\r\n");
      if (headerEnd < 0) throw new Error("a multipart part without headers");
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      if (name === undefined) throw new Error("a multipart part without a name");
      const filename = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
      if (filename !== undefined) files.set(name, { filename, data: Buffer.from(content) });
      else fields[name] = fieldValue(content.toString("utf8"));
      at = next;
    }
    // grammY names each file part by an id and puts `attach://<id>` where the file goes.
    return attachFiles(fields, files) as Record<string, unknown>;
  }
  throw new Error(`content type ${String(type)} is not supported`);
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
    const plain = (text: unknown, parseMode: unknown) => (typeof text !== "string" ? "" : parseMode === "HTML" ? htmlToText(text) : text);
    const base = (messageId: number) => ({ message_id: messageId, date: Math.floor(Date.now() / 1000), chat: chatOf(payload.chat_id), from: botInfo });
    const photo = (id: string) => [{ file_id: `photo-${id}`, file_unique_id: `photo-${id}`, width: 1200, height: 630 }];
    if (method === "sendMessage" || method === "editMessageText") {
      const messageId = method === "sendMessage" ? nextMessageId++ : Number(payload.message_id);
      return { ...base(messageId), text: plain(payload.text, payload.parse_mode) };
    }
    if (method === "sendPhoto") {
      const messageId = nextMessageId++;
      return { ...base(messageId), photo: photo(String(messageId)), caption: plain(payload.caption, payload.parse_mode) };
    }
    if (method === "editMessageCaption") {
      return { ...base(Number(payload.message_id)), photo: photo(String(payload.message_id)), caption: plain(payload.caption, payload.parse_mode) };
    }
    if (method === "editMessageMedia") {
      const media = (payload.media ?? {}) as { caption?: unknown; parse_mode?: unknown };
      return { ...base(Number(payload.message_id)), photo: photo(`${String(payload.message_id)}-edited`), caption: plain(media.caption, media.parse_mode) };
    }
    return true;
  };
}

/** The payload of a request as grammY's client makes it: a JSON string, or a multipart stream with its content type. */
async function readBody(init: RequestInit | undefined): Promise<Record<string, unknown>> {
  const body = init?.body;
  if (body === undefined || body === null || body === "") return {};
  if (typeof body === "string") return JSON.parse(body) as Record<string, unknown>;
  const chunks: Buffer[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  const headers = new Headers(init?.headers);
  return readApiPayload(Buffer.concat(chunks), headers.get("content-type") ?? "");
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
    const payload = await readBody(init);
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
