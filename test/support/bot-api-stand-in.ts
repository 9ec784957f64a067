/**
 * A small Bot API server for end-to-end tests: node:http on 127.0.0.1 that
 * speaks Telegram's protocol (`/bot<token>/<method>`, JSON, form and multipart bodies (photo uploads),
 * `getUpdates` long polling with offsets, webhook delivery with the secret
 * header, realistic `Message` results) and is strict about what the bot
 * sends: anything Telegram would refuse is answered 400 and recorded in
 * `violations`, which a test expects to stay empty.
 *
 * Tests act as Telegram's users (`userSends`, `pressButton`, `inlineQuery`,
 * `channelPost`, `membershipChange`), wait for the bot's calls (`waitForCall`,
 * `waitUntil`, no fixed sleeps), and inject faults per method (`fault`: an
 * error code such as 429 or 502, a delay, a hold until released, a dropped
 * connection). `handle` adds a method it does not know.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, InlineKeyboardMarkup, Message, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";
import { localBotInfo, readApiPayload } from "../../src/demo/local-bot-api";
import { checkBotApiCall, checkCaption, parseTelegramHtml } from "./telegram-checks";

type Payload = Record<string, unknown>;

/** What a call's answer may be replaced with, or preceded by. */
export type Fault =
  | { error: number; description?: string; retryAfter?: number }
  | { delayMs: number }
  | { hold: Promise<unknown> }
  | { disconnect: true };

export interface RecordedCall {
  method: string;
  payload: Payload;
  /** When it arrived (`Date.now()`). */
  at: number;
  /** The error_code answered, when the call failed. */
  errorCode?: number;
  description?: string;
  /** The connection was dropped without an answer (a `disconnect` fault): Telegram did nothing. */
  dropped?: true;
}

class ApiError {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {}
}

const badRequest = (description: string) => new ApiError(400, `Bad Request: ${description}`);

/** The update types Telegram sends when `allowed_updates` was never set (or set to []). */
const DEFAULT_EXCLUDED = ["chat_member", "message_reaction", "message_reaction_count"];

export const users = {
  reader: { id: 42, is_bot: false, first_name: "Reader", username: "reader", language_code: "en" },
  editor: { id: 43, is_bot: false, first_name: "Editor", language_code: "en" },
} satisfies Record<string, User>;

export const chats = {
  newsroom: { id: -1001000000001, type: "supergroup", title: "Newsroom" },
  smallGroup: { id: -4000000001, type: "group", title: "Desk" },
  channel: { id: -1002000000001, type: "channel", title: "Briefing News", username: "briefing_news" },
} satisfies Record<string, Chat>;

export const privateChat = (user: User): Chat.PrivateChat => ({ id: user.id, type: "private", first_name: user.first_name, ...(user.username ? { username: user.username } : {}) });

const int = (value: unknown): number | undefined => (value === undefined || value === "" ? undefined : Number.isInteger(Number(value)) ? Number(value) : Number.NaN);
const now = () => Math.floor(Date.now() / 1000);

export interface StandInOptions {
  token: string;
  botInfo?: Partial<UserFromGetMe>;
  /** Wait before delivering again an update the webhook refused. @default 20 */
  webhookRetryMs?: number;
}

export class BotApiStandIn {
  /** Every call the bot made, in order, with the error answered if any. */
  readonly calls: RecordedCall[] = [];
  /** What the bot sent that Telegram would refuse. */
  readonly violations: string[] = [];
  /** Every webhook delivery attempt: the update and the HTTP status (or "network error"). */
  readonly webhookAttempts: Array<{ update_id: number; status: number | "network error" }> = [];
  /** Updates never queued because `allowed_updates` excluded their type. */
  readonly filtered: Update[] = [];
  readonly botInfo: UserFromGetMe;
  /** Every update below this was confirmed by the bot (getUpdates `offset`, or a 2xx webhook answer). */
  confirmedOffset = 0;
  webhook: { url: string; secret?: string; allowedUpdates?: string[]; maxConnections: number } | undefined;
  /** The default command menu (setMyCommands without `language_code`). */
  commands: Array<{ command: string; description: string }> = [];
  /** Menus, descriptions and short descriptions by `language_code` ("" for the default), as setMyCommands, setMyDescription and setMyShortDescription left them. */
  readonly menus = new Map<string, { commands?: Array<{ command: string; description: string }>; description?: string; shortDescription?: string }>();

  private readonly token: string;
  private readonly webhookRetryMs: number;
  private readonly queue: Update[] = [];
  private readonly taken = new Set<number>();
  private readonly delivering = new Set<number>();
  private nextUpdateId = 700_000_001;
  private allowedUpdates: string[] | undefined;
  private waitingPoll: { wake: () => void; conflict: () => void } | undefined;
  private readonly faults: Array<{ method: string; fault: Fault; remaining: number; when: (payload: Payload) => boolean }> = [];
  private readonly extraMethods = new Map<string, (payload: Payload) => unknown>();
  private readonly knownChats = new Map<number, Chat>(Object.values(chats).map((chat) => [chat.id, chat]));
  private readonly postableChannels = new Set<number>([chats.channel.id]);
  private readonly messages = new Map<string, Message>();
  /** Keys (`chat:message`) of the messages the bot sent: in a channel, its posts and the admins' look alike. */
  private readonly sentByBot = new Set<string>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly openCallbackQueries = new Set<string>();
  private readonly openInlineQueries = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private nextQueryId = 1;
  private closed = false;
  /** Documents users sent, by file_id: their name and bytes, as `getFile` and the file URL serve them. */
  private readonly files = new Map<string, { name: string; bytes: Buffer }>();
  /** The file_ids the bot downloaded (`/file/bot<token>/<path>`), in order. */
  readonly downloads: string[] = [];
  /** Documents the bot sent (`sendDocument`): the chat, the file's name and text, the caption. */
  readonly documentsSent: Array<{ chatId: number; name: string; text: string; caption?: string }> = [];

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    options: StandInOptions,
  ) {
    this.token = options.token;
    this.webhookRetryMs = options.webhookRetryMs ?? 20;
    this.botInfo = { ...localBotInfo, id: Number(options.token.split(":")[0]), ...options.botInfo };
  }

  /** Starts a stand-in on 127.0.0.1 with a free port. */
  static async start(options: StandInOptions): Promise<BotApiStandIn> {
    const server = createServer();
    const standIn = new BotApiStandIn(server, options);
    server.on("request", (req, res) => {
      standIn.serve(req, res).catch((error: unknown) => {
        standIn.violations.push(`the stand-in failed on ${req.url ?? "?"}: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return standIn;
  }

  /** The `BOT_API_ROOT` to give the bot. */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waitingPoll?.wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- Hooks ---

  /**
   * Applies `fault` to the next `times` calls of `method` ("*": any method)
   * whose payload `when` accepts (a send to one chat, say). Returns a function
   * that removes it.
   */
  fault(method: string, fault: Fault, times = Number.POSITIVE_INFINITY, when: (payload: Payload) => boolean = () => true): () => void {
    const entry = { method, fault, remaining: times, when };
    this.faults.push(entry);
    return () => {
      entry.remaining = 0;
    };
  }

  /** Answers a method the stand-in does not implement (return the result, or throw `standInError`). */
  handle(method: string, answer: (payload: Payload) => unknown): void {
    this.extraMethods.set(method, answer);
  }

  /** Allows or forbids the bot to post in a channel (as if made or unmade its admin). */
  setChannel(channel: Chat.ChannelChat, botCanPost: boolean): void {
    this.knownChats.set(channel.id, channel);
    if (botCanPost) this.postableChannels.add(channel.id);
    else this.postableChannels.delete(channel.id);
  }

  // --- Waiting, without fixed sleeps ---

  /** Resolves with `probe()`'s first truthy value, checked after every call and delivery; fails after `timeoutMs` naming `what`. */
  waitUntil<T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 20_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined || value === false || value === null) return false;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`stand-in: gave up waiting for ${what} after ${timeoutMs} ms; calls so far: ${this.calls.map((c) => c.method).join(", ")}`));
      }, timeoutMs);
      if (!check()) this.listeners.add(check);
    });
  }

  /** The first call of `method` (from index `from`) whose payload matches. */
  waitForCall(method: string, match: (payload: Payload) => boolean = () => true, from = 0): Promise<RecordedCall> {
    return this.waitUntil(() => this.calls.slice(from).find((c) => c.method === method && match(c.payload)), `a ${method} call`);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The messages the bot sent to a chat, oldest first. */
  sentTo(chatId: number): Message[] {
    return [...this.messages.values()].filter((m) => m.chat.id === chatId && this.sentByBot.has(`${chatId}:${m.message_id}`));
  }

  /** Whether the bot took the update from getUpdates (it may not have confirmed it yet). */
  wasTaken(updateId: number): boolean {
    return this.taken.has(updateId);
  }

  /** Updates not yet confirmed. */
  get pending(): readonly Update[] {
    return this.queue;
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // --- Acting as Telegram's users ---

  /** Queues an update (or delivers it to the webhook), as Telegram creates it; returns it. */
  push(body: Omit<Update, "update_id">): Update {
    const update = { update_id: this.nextUpdateId++, ...body } as Update;
    const type = Object.keys(body)[0] ?? "";
    const allowed = this.webhook ? this.webhook.allowedUpdates : this.allowedUpdates;
    const excluded = allowed === undefined || allowed.length === 0 ? DEFAULT_EXCLUDED.includes(type) : !allowed.includes(type);
    if (excluded) {
      this.filtered.push(update);
      return update;
    }
    this.queue.push(update);
    this.waitingPoll?.wake();
    this.pumpWebhook();
    this.changed();
    return update;
  }

  private storeMessage(message: Message): Message {
    this.messages.set(`${message.chat.id}:${message.message_id}`, message);
    return message;
  }

  private newMessageId(chatId: number): number {
    const id = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, id);
    return id;
  }

  /** A user who has started a private chat with the bot, so the bot may write to them (an admin waiting for notices). */
  startedBy(user: User): Chat.PrivateChat {
    const chat = privateChat(user);
    this.knownChats.set(chat.id, chat);
    return chat;
  }

  /** A user sends `text` (as `userSends`); resolves with the bot's first message to that chat after it. */
  ask(text: string, options: { from?: User; chat?: Chat } = {}): Promise<Message> {
    const chatId = options.chat?.id ?? (options.from ?? users.reader).id;
    const before = this.sentTo(chatId).length;
    this.userSends(text, options);
    return this.waitUntil(() => this.sentTo(chatId)[before], `an answer to ${text}`);
  }

  /** A user sends a text message in a private chat (the default) or a group; a leading /command gets its entity. */
  userSends(text: string, options: { from?: User; chat?: Chat } = {}): Update {
    const from = options.from ?? users.reader;
    const chat = options.chat ?? privateChat(from);
    this.knownChats.set(chat.id, chat);
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    const message = this.storeMessage({
      message_id: this.newMessageId(chat.id),
      date: now(),
      chat,
      from,
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    } as Message);
    return this.push({ message } as Omit<Update, "update_id">);
  }

  /**
   * A user sends a document in a private chat: `file_size` is the bytes' (or
   * `declaredSize`, to claim a size the bytes do not have); the bot may fetch
   * it with getFile and the file URL, which `downloads` records.
   */
  userSendsDocument(name: string, content: string | Buffer, options: { from?: User; declaredSize?: number } = {}): Update {
    const from = options.from ?? users.reader;
    const chat = privateChat(from);
    this.knownChats.set(chat.id, chat);
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const fileId = `doc-${this.files.size + 1}-${name}`;
    this.files.set(fileId, { name, bytes });
    const document = { file_id: fileId, file_unique_id: `u${this.files.size}`, file_name: name, mime_type: name.endsWith(".json") ? "application/json" : "application/x-yaml", file_size: options.declaredSize ?? bytes.length };
    const message = this.storeMessage({ message_id: this.newMessageId(chat.id), date: now(), chat, from, document } as Message);
    return this.push({ message } as Omit<Update, "update_id">);
  }

  /** A user presses the inline button labelled `label` under a message the bot sent. */
  pressButton(message: Message, label: string, from: User = users.reader): Update {
    const button = (message.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard.flat().find((b) => b.text === label);
    if (!button || !("callback_data" in button)) throw new Error(`stand-in: no callback button "${label}" under message ${message.message_id}`);
    const id = String(8_000_000_000 + this.nextQueryId++);
    this.openCallbackQueries.add(id);
    return this.push({ callback_query: { id, from, message, chat_instance: `ci${message.chat.id}`, data: button.callback_data } });
  }

  /** A user types `@bot query` in a chat; `offset` asks for the next page. */
  inlineQuery(query: string, options: { offset?: string; from?: User } = {}): Update {
    const id = String(9_000_000_000 + this.nextQueryId++);
    this.openInlineQueries.add(id);
    return this.push({ inline_query: { id, from: options.from ?? users.reader, query, offset: options.offset ?? "", chat_type: "sender" } });
  }

  /** A post appears in a channel (sent by its admins, or by the bot). */
  channelPost(text: string, channel: Chat.ChannelChat = chats.channel): Update {
    const channel_post = this.storeMessage({ message_id: this.newMessageId(channel.id), date: now(), chat: channel, sender_chat: channel, text } as Message);
    return this.push({ channel_post } as Omit<Update, "update_id">);
  }

  /** The bot's membership in a chat changes (added, made admin, removed); channel posting rights follow it. */
  membershipChange(chat: Chat, status: "member" | "administrator" | "left" | "kicked", from: User = users.editor): Update {
    const bot = { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username };
    const member = (s: string) =>
      s === "administrator"
        ? { status: s, user: bot, can_be_edited: false, can_manage_chat: true, can_delete_messages: false, can_manage_video_chats: false, can_restrict_members: false, can_promote_members: false, can_change_info: false, can_invite_users: false, can_post_stories: false, can_edit_stories: false, can_delete_stories: false, is_anonymous: false, can_post_messages: true }
        : s === "kicked"
          ? { status: s, user: bot, until_date: 0 }
          : { status: s, user: bot };
    if (chat.type === "channel") this.setChannel(chat, status === "administrator");
    return this.push({ my_chat_member: { chat, from, date: now(), old_chat_member: member("left"), new_chat_member: member(status) } } as Omit<Update, "update_id">);
  }

  /** POSTs an update to the webhook as Telegram would, or with other headers (a forged request); resolves with the HTTP status. */
  async postToWebhook(update: Update, headers?: Record<string, string>): Promise<number> {
    if (!this.webhook) throw new Error("stand-in: no webhook is set");
    const secretHeader: Record<string, string> = this.webhook.secret ? { "x-telegram-bot-api-secret-token": this.webhook.secret } : {};
    const response = await fetch(this.webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(headers ?? secretHeader) },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    return response.status;
  }

  private pumpWebhook(): void {
    const webhook = this.webhook;
    if (!webhook || this.closed) return;
    for (const update of this.queue) {
      if (this.delivering.size >= webhook.maxConnections) return;
      if (this.delivering.has(update.update_id)) continue;
      this.delivering.add(update.update_id);
      void this.postToWebhook(update)
        .catch(() => "network error" as const)
        .then((status) => {
          this.webhookAttempts.push({ update_id: update.update_id, status });
          if (typeof status === "number" && status >= 200 && status < 300) {
            this.queue.splice(this.queue.indexOf(update), 1);
            this.confirmedOffset = Math.max(this.confirmedOffset, update.update_id + 1);
            this.delivering.delete(update.update_id);
            this.pumpWebhook();
          } else {
            // Telegram tries again later, until the webhook answers 2xx.
            setTimeout(() => {
              this.delivering.delete(update.update_id);
              this.pumpWebhook();
            }, this.webhookRetryMs);
          }
          this.changed();
        });
    }
  }

  // --- The HTTP side ---

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const download = /^\/file\/bot([^/]+)\/documents\/(.+)$/.exec(url.pathname);
    if (download) {
      const file = this.files.get(decodeURIComponent(download[2] ?? ""));
      if (download[1] !== this.token || !file) {
        res.writeHead(404).end();
        return;
      }
      this.downloads.push(decodeURIComponent(download[2] ?? ""));
      this.changed();
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(file.bytes.length) });
      res.end(file.bytes);
      return;
    }
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!route) return send(404, { ok: false, error_code: 404, description: "Not Found" });
    if (route[1] !== this.token) return send(401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = route[2] ?? "";
    const payload: Payload = Object.fromEntries(url.searchParams);
    try {
      Object.assign(payload, await readPayload(req));
    } catch (error) {
      this.violations.push(`${method}: ${(error as Error).message}`);
      return send(400, { ok: false, error_code: 400, description: `Bad Request: ${(error as Error).message}` });
    }
    const call: RecordedCall = { method, payload, at: Date.now() };
    this.calls.push(call);
    this.changed();

    let answer: unknown;
    const fault = this.faults.find((f) => f.remaining > 0 && (f.method === method || f.method === "*") && f.when(payload));
    if (fault) fault.remaining -= 1;
    const f = fault?.fault;
    if (f && "disconnect" in f) {
      call.dropped = true;
      this.changed();
      req.socket.destroy();
      return;
    }
    if (f && "delayMs" in f) await new Promise((resolve) => setTimeout(resolve, f.delayMs));
    if (f && "hold" in f) await f.hold;
    if (f && "error" in f) {
      answer = new ApiError(f.error, f.description ?? (f.error === 429 ? `Too Many Requests: retry after ${f.retryAfter ?? 1}` : f.error >= 500 ? "Internal Server Error" : "Bad Request"), f.error === 429 ? { retry_after: f.retryAfter ?? 1 } : undefined);
    } else {
      try {
        answer = await this.answer(method, payload, req);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        answer = error;
      }
    }
    if (answer instanceof ApiError) {
      call.errorCode = answer.errorCode;
      call.description = answer.description;
      send(answer.errorCode, { ok: false, error_code: answer.errorCode, description: answer.description, ...(answer.parameters ? { parameters: answer.parameters } : {}) });
    } else if (!res.destroyed) {
      send(200, { ok: true, result: answer });
    }
    this.changed();
  }

  /** Records what Telegram would refuse and refuses it. */
  private refuseIf(method: string, problems: string[]): void {
    if (problems.length === 0) return;
    this.violations.push(...problems.map((p) => (p.startsWith(method) ? p : `${method}: ${p}`)));
    throw badRequest(problems[0] ?? "");
  }

  private chatFor(chatId: unknown): Chat {
    const chat =
      typeof chatId === "string" && chatId.startsWith("@")
        ? [...this.knownChats.values()].find((c) => "username" in c && `@${c.username}`.toLowerCase() === chatId.toLowerCase())
        : this.knownChats.get(Number(chatId));
    if (!chat) throw badRequest("chat not found");
    return chat;
  }

  private async answer(method: string, payload: Payload, req: IncomingMessage): Promise<unknown> {
    const extra = this.extraMethods.get(method);
    if (extra) return extra(payload);
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "getUpdates":
        return this.getUpdates(payload, req);
      case "setWebhook":
        return this.setWebhook(payload);
      case "deleteWebhook":
        this.webhook = undefined;
        if (String(payload.drop_pending_updates) === "true") this.queue.length = 0;
        return true;
      case "getWebhookInfo":
        return { url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: this.queue.length, ...(this.webhook?.allowedUpdates ? { allowed_updates: this.webhook.allowedUpdates } : {}) };
      case "setMyCommands": {
        this.refuseIf(method, checkBotApiCall(method, payload, this.botInfo.username));
        const commands = payload.commands as typeof this.commands;
        const language = typeof payload.language_code === "string" ? payload.language_code : "";
        if (language === "") this.commands = commands;
        if (payload.scope === undefined) this.menuFor(language).commands = commands;
        return true;
      }
      case "setMyDescription":
      case "setMyShortDescription": {
        const text = typeof payload.description === "string" ? payload.description : typeof payload.short_description === "string" ? payload.short_description : "";
        const limit = method === "setMyDescription" ? 512 : 120;
        this.refuseIf(method, text.length > limit ? [`${method}: longer than ${limit} characters (${text.length})`] : []);
        const menu = this.menuFor(typeof payload.language_code === "string" ? payload.language_code : "");
        if (method === "setMyDescription") menu.description = text;
        else menu.shortDescription = text;
        return true;
      }
      case "getMyCommands":
        return this.commands;
      case "sendMessage":
        return this.sendMessage(payload);
      case "editMessageText":
        return this.editMessageText(payload);
      case "sendPhoto":
        return this.sendPhoto(payload);
      case "editMessageCaption":
        return this.editMessageCaption(payload);
      case "editMessageMedia":
        return this.editMessageMedia(payload);
      case "deleteMessage":
        if (!this.messages.delete(`${this.chatFor(payload.chat_id).id}:${Number(payload.message_id)}`)) throw badRequest("message to delete not found");
        return true;
      case "getFile": {
        const file = this.files.get(String(payload.file_id));
        if (!file) throw badRequest("invalid file_id");
        return { file_id: String(payload.file_id), file_unique_id: "u", file_size: file.bytes.length, file_path: `documents/${encodeURIComponent(String(payload.file_id))}` };
      }
      case "sendDocument": {
        const chat = this.chatFor(payload.chat_id);
        const document = payload.document as { filename?: string; data?: Buffer } | undefined;
        if (!document?.data) throw badRequest("there is no document in the request");
        this.documentsSent.push({ chatId: chat.id, name: document.filename ?? "", text: document.data.toString("utf8"), ...(payload.caption !== undefined ? { caption: String(payload.caption) } : {}) });
        const messageId = this.newMessageId(chat.id);
        this.sentByBot.add(`${chat.id}:${messageId}`);
        return this.storeMessage({ message_id: messageId, date: now(), chat, document: { file_id: `sent-${messageId}`, file_unique_id: `s${messageId}`, file_name: document.filename }, ...(payload.caption !== undefined ? { caption: String(payload.caption) } : {}) } as Message);
      }
      case "sendChatAction":
        this.chatFor(payload.chat_id);
        return true;
      case "answerCallbackQuery": {
        const id = String(payload.callback_query_id);
        if (!this.openCallbackQueries.delete(id)) throw badRequest("query is too old and response timeout expired or query ID is invalid");
        this.refuseIf(method, checkBotApiCall(method, payload, this.botInfo.username));
        return true;
      }
      case "answerInlineQuery": {
        if (!this.openInlineQueries.delete(String(payload.inline_query_id))) throw badRequest("query is too old and response timeout expired or query ID is invalid");
        this.refuseIf(method, checkBotApiCall(method, payload, this.botInfo.username));
        return true;
      }
      default:
        this.violations.push(`${method}: the stand-in does not know this method (add it with handle())`);
        throw new ApiError(404, "Not Found: method not found");
    }
  }

  private menuFor(language: string) {
    let menu = this.menus.get(language);
    if (!menu) {
      menu = {};
      this.menus.set(language, menu);
    }
    return menu;
  }

  private getUpdates(payload: Payload, req: IncomingMessage): Promise<Update[]> | Update[] {
    if (this.webhook) throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = int(payload.offset) ?? 0;
    const limit = int(payload.limit) ?? 100;
    const timeout = int(payload.timeout) ?? 0;
    this.refuseIf("getUpdates", [
      ...(Number.isNaN(offset) ? ["offset must be an integer"] : []),
      ...(!(limit >= 1 && limit <= 100) ? [`limit ${String(payload.limit)} is not within 1–100`] : []),
      ...(!(timeout >= 0) ? [`timeout ${String(payload.timeout)} is not a number of seconds`] : []),
    ]);
    if (payload.allowed_updates !== undefined) this.allowedUpdates = this.checkAllowedUpdates("getUpdates", payload.allowed_updates);
    if (offset > 0) {
      while (this.queue[0] && this.queue[0].update_id < offset) this.queue.shift();
      this.confirmedOffset = Math.max(this.confirmedOffset, offset);
    }
    // Telegram ends a long poll that a newer getUpdates overtakes.
    this.waitingPoll?.conflict();
    const take = () => {
      const updates = this.queue.slice(0, limit);
      for (const update of updates) this.taken.add(update.update_id);
      return updates;
    };
    if (this.queue.length > 0 || timeout === 0 || this.closed) return take();
    return new Promise<Update[]>((resolve, reject) => {
      const done = (result: () => void) => {
        clearTimeout(timer);
        if (this.waitingPoll === poll) this.waitingPoll = undefined;
        req.off("close", onClose);
        result();
      };
      const poll = {
        wake: () => done(() => resolve(take())),
        conflict: () => done(() => reject(new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"))),
      };
      // A poll the bot gave up (aborted) takes nothing.
      const onClose = () => done(() => resolve([]));
      const timer = setTimeout(poll.wake, timeout * 1000);
      req.on("close", onClose);
      this.waitingPoll = poll;
    });
  }

  private checkAllowedUpdates(method: string, value: unknown): string[] {
    const known = [
      "message", "edited_message", "channel_post", "edited_channel_post", "business_connection", "business_message", "edited_business_message",
      "deleted_business_messages", "inline_query", "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query",
      "purchased_paid_media", "poll", "poll_answer", "my_chat_member", "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost",
      "message_reaction", "message_reaction_count",
    ];
    const list = Array.isArray(value) ? (value as unknown[]) : [];
    this.refuseIf(method, [
      ...(Array.isArray(value) ? [] : ["allowed_updates must be an array"]),
      ...list.filter((type) => !known.includes(String(type))).map((type) => `allowed_updates: unknown update type ${String(type)}`),
    ]);
    return list.map(String);
  }

  private setWebhook(payload: Payload): true {
    const problems: string[] = [];
    let url: URL | undefined;
    try {
      url = new URL(String(payload.url));
    } catch {
      problems.push("bad webhook: invalid URL");
    }
    const loopback = url?.hostname === "127.0.0.1" || url?.hostname === "localhost";
    if (url && url.protocol !== "https:" && !loopback) problems.push("bad webhook: An HTTPS URL must be provided for webhook");
    const secret = payload.secret_token;
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(secret))) problems.push("secret token contains unallowed characters");
    this.refuseIf("setWebhook", problems);
    const allowedUpdates = payload.allowed_updates === undefined ? this.webhook?.allowedUpdates : this.checkAllowedUpdates("setWebhook", payload.allowed_updates);
    this.waitingPoll?.conflict();
    this.webhook = {
      url: String(payload.url),
      ...(secret !== undefined ? { secret: String(secret) } : {}),
      ...(allowedUpdates ? { allowedUpdates } : {}),
      maxConnections: int(payload.max_connections) ?? 40,
    };
    if (String(payload.drop_pending_updates) === "true") this.queue.length = 0;
    setImmediate(() => this.pumpWebhook());
    return true;
  }

  /** Refuses a text Telegram would refuse; returns what the reader sees of it. */
  private checkOutgoingText(method: "sendMessage" | "editMessageText", payload: Payload): { plain: string; entities: MessageEntity[] } {
    this.refuseIf(method, checkBotApiCall(method, payload, this.botInfo.username));
    const text = String(payload.text);
    const parsed = payload.parse_mode === "HTML" ? parseTelegramHtml(text) : { text, entities: [] };
    return "error" in parsed ? { plain: text, entities: [] } : { plain: parsed.text, entities: parsed.entities };
  }

  private sendMessage(payload: Payload): Message {
    const chat = this.chatFor(payload.chat_id);
    if (chat.type === "channel" && !this.postableChannels.has(chat.id)) throw badRequest("need administrator rights in the channel chat");
    const { plain, entities } = this.checkOutgoingText("sendMessage", payload);
    const replyParameters = payload.reply_parameters as { message_id?: unknown; allow_sending_without_reply?: boolean } | undefined;
    let replyTo: Message | undefined;
    if (replyParameters) {
      replyTo = this.messages.get(`${chat.id}:${Number(replyParameters.message_id)}`);
      if (!replyTo && !replyParameters.allow_sending_without_reply) throw badRequest("message to be replied not found");
    }
    const sender = chat.type === "channel" ? { sender_chat: chat } : { from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username } };
    const messageId = this.newMessageId(chat.id);
    this.sentByBot.add(`${chat.id}:${messageId}`);
    return this.storeMessage({
      message_id: messageId,
      date: now(),
      chat,
      ...sender,
      text: plain,
      ...(entities.length > 0 ? { entities } : {}),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
      ...(payload.link_preview_options ? { link_preview_options: payload.link_preview_options } : {}),
    } as Message);
  }

  /** The message an edit is about: the bot's own, or "message to edit not found". */
  private messageToEdit(payload: Payload): Message {
    const chat = this.chatFor(payload.chat_id);
    const old = this.messages.get(`${chat.id}:${Number(payload.message_id)}`);
    if (!old || !this.sentByBot.has(`${chat.id}:${old.message_id}`)) throw badRequest("message to edit not found");
    return old;
  }

  /** Refuses a photo or caption Telegram would refuse; returns what the reader sees of the caption. */
  private checkOutgoingCaption(method: "sendPhoto" | "editMessageCaption" | "editMessageMedia", payload: Payload): { plain: string; entities: MessageEntity[] } {
    this.refuseIf(method, checkBotApiCall(method, payload, this.botInfo.username));
    const media = method === "editMessageMedia" ? ((payload.media ?? {}) as Payload) : payload;
    const { plain, entities } = checkCaption(media.caption, media.parse_mode, method);
    return { plain, entities };
  }

  /** A photo message as Telegram answers it: sizes of the uploaded picture (the stand-in keeps its bytes in the call). */
  private photoSizes(key: string): Message.PhotoMessage["photo"] {
    return [{ file_id: `photo-${key}`, file_unique_id: `photo-${key}`, width: 1200, height: 630 }];
  }

  private sendPhoto(payload: Payload): Message {
    const chat = this.chatFor(payload.chat_id);
    if (chat.type === "channel" && !this.postableChannels.has(chat.id)) throw badRequest("need administrator rights in the channel chat");
    const { plain, entities } = this.checkOutgoingCaption("sendPhoto", payload);
    const sender = chat.type === "channel" ? { sender_chat: chat } : { from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username } };
    const messageId = this.newMessageId(chat.id);
    this.sentByBot.add(`${chat.id}:${messageId}`);
    return this.storeMessage({
      message_id: messageId,
      date: now(),
      chat,
      ...sender,
      photo: this.photoSizes(`${chat.id}-${messageId}`),
      ...(plain !== "" ? { caption: plain } : {}),
      ...(entities.length > 0 ? { caption_entities: entities } : {}),
      ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
    } as Message);
  }

  private editMessageCaption(payload: Payload): Message {
    const old = this.messageToEdit(payload);
    if (old.photo === undefined) throw badRequest("there is no caption in the message to edit");
    const { plain, entities } = this.checkOutgoingCaption("editMessageCaption", payload);
    if ((old.caption ?? "") === plain && JSON.stringify(old.reply_markup) === JSON.stringify(payload.reply_markup)) {
      throw badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
    }
    const rest: Partial<Message> = { ...old };
    delete rest.caption_entities;
    delete rest.reply_markup;
    return this.storeMessage({ ...rest, caption: plain, edit_date: now(), ...(entities.length > 0 ? { caption_entities: entities } : {}), ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}) } as Message);
  }

  private editMessageMedia(payload: Payload): Message {
    const old = this.messageToEdit(payload);
    // A text message cannot become a photo.
    if (old.photo === undefined) throw badRequest("there is no media in the message to edit");
    const { plain, entities } = this.checkOutgoingCaption("editMessageMedia", payload);
    const rest: Partial<Message> = { ...old };
    delete rest.caption;
    delete rest.caption_entities;
    delete rest.reply_markup;
    return this.storeMessage({
      ...rest,
      photo: this.photoSizes(`${old.chat.id}-${old.message_id}-${now()}`),
      edit_date: now(),
      ...(plain !== "" ? { caption: plain } : {}),
      ...(entities.length > 0 ? { caption_entities: entities } : {}),
      ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
    } as Message);
  }

  private editMessageText(payload: Payload): Message {
    const old = this.messageToEdit(payload);
    if (old.text === undefined) throw badRequest("there is no text in the message to edit");
    const { plain, entities } = this.checkOutgoingText("editMessageText", payload);
    if (old.text === plain && JSON.stringify(old.reply_markup) === JSON.stringify(payload.reply_markup)) {
      throw badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
    }
    const rest: Partial<Message> = { ...old };
    delete rest.entities;
    delete rest.reply_markup;
    return this.storeMessage({ ...rest, text: plain, edit_date: now(), ...(entities.length > 0 ? { entities } : {}), ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}) } as Message);
  }
}

/** A request's parameters: a JSON body, a form (values that are JSON, such as reply_markup, parsed), or multipart/form-data with uploaded files. */
async function readPayload(req: IncomingMessage): Promise<Payload> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return readApiPayload(Buffer.concat(chunks), req.headers["content-type"] ?? "");
}
