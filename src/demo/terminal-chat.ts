import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import type { Bot, Context } from "grammy";
import type { InlineKeyboardButton, Update } from "grammy/types";
import type { ApiCall } from "./local-bot-api";
import { htmlToText } from "../render/html";


/** Bot HTML as a terminal shows it: links with their address, quotes marked, tags dropped. */
export function htmlToTerminalText(value: string): string {
  const withLinks = value.replace(/<a href="([^"]*)">([^<]*)<\/a>/g, (_, url: string, text: string) =>
    text === url ? url : `${text} (${url})`,
  );
  const withQuotes = withLinks.replace(/<blockquote>([\s\S]*?)<\/blockquote>/g, (_, quoted: string) =>
    quoted
      .split("\n")
      .map((line) => `  | ${line}`)
      .join("\n"),
  );
  return htmlToText(withQuotes);
}

function keyboardLine(rows: InlineKeyboardButton[][]): string {
  return rows.flat().map((button) => `[ ${button.text} ]`).join(" ");
}

/**
 * Turns what a user types into updates for the real bot and the bot's API
 * calls into printed text. A line starting with `@` is an inline query; a
 * line that names a button of the last keyboard presses it; `/upload path`
 * sends a file as a document.
 */
export interface TerminalChatOptions {
  /** Keeps a document the bot sent (the newsroom's Edit) and returns where, for the reader to edit and /upload. */
  onDocument?: (name: string, data: Buffer) => string | undefined;
  /** The reader's Telegram `language_code` (DEMO_LANG): `ru` meets the Russian bot. @default "en" */
  languageCode?: string;
}

export function createTerminalChat<C extends Context>(bot: Bot<C>, print: (text: string) => void, options: TerminalChatOptions = {}) {
  let updateId = 1;
  let messageId = 1;
  let lastKeyboard: InlineKeyboardButton[][] = [];
  /** The demo's reader: one private chat with the bot. */
  const reader = { id: 42, is_bot: false, first_name: "Reader", language_code: options.languageCode ?? "en" } as const;

  /** Prints one API call the way a reader would see its effect. */
  function show(call: ApiCall): void {
    const { method, payload } = call;
    const photoMethods = ["sendPhoto", "editMessageMedia", "editMessageCaption"];
    if (method === "sendMessage" || method === "editMessageText" || photoMethods.includes(method)) {
      const channel = typeof payload.chat_id === "string" || Number(payload.chat_id) <= -1_000_000_000_000;
      const label = method.startsWith("edit") ? "(edited) " : channel ? `(channel post to ${String(payload.chat_id)})\n` : "";
      const media = (method === "editMessageMedia" ? payload.media : undefined) as { media?: unknown; caption?: unknown } | undefined;
      // A photo is shown by what it is; its caption as the text under it.
      const picture = (media?.media ?? payload.photo) as { data?: Buffer } | undefined;
      if (picture?.data instanceof Buffer) {
        const size = picture.data.length > 24 ? `${picture.data.readUInt32BE(16)}×${picture.data.readUInt32BE(20)}` : "?";
        print(`${label}[ summary card: ${size} PNG, ${Math.round(picture.data.length / 1024)} KB ]`);
      }
      const text = method === "sendMessage" || method === "editMessageText" ? payload.text : (media?.caption ?? payload.caption);
      print((picture?.data instanceof Buffer ? "" : label) + htmlToTerminalText(String(text ?? "")));
      const markup = payload.reply_markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined;
      if (markup?.inline_keyboard) {
        if (!channel) lastKeyboard = markup.inline_keyboard;
        print(keyboardLine(markup.inline_keyboard));
      }
      print("");
    } else if (method === "sendDocument") {
      const file = payload.document as { filename?: string; data?: Buffer } | undefined;
      const saved = file?.data instanceof Buffer ? options.onDocument?.(file.filename ?? "document", file.data) : undefined;
      print(`(document ${file?.filename ?? ""}${saved ? `, saved as ${saved}: edit it, then send /upload ${saved}` : ""})`);
      if (typeof payload.caption === "string") print(htmlToTerminalText(payload.caption));
      print("");
    } else if (method === "answerCallbackQuery" && typeof payload.text === "string") {
      print(`(notice) ${payload.text}\n`);
    } else if (method === "answerInlineQuery") {
      const results = (payload.results ?? []) as { title?: string; description?: string }[];
      if (results.length === 0) print("(no inline results)");
      results.forEach((result, i) => {
        print(`${i + 1}. ${result.title ?? ""}`);
        if (result.description) print(`   ${result.description}`);
      });
      const button = payload.button as { text?: string } | undefined;
      if (button?.text) print(`[ ${button.text} ]`);
      print("");
    }
  }

  function updateFor(line: string): Update {
    const update_id = updateId++;
    const inline = /^@\S+\s?(.*)$/.exec(line);
    if (inline) {
      return { update_id, inline_query: { id: String(update_id), from: reader, query: inline[1] ?? "", offset: "", chat_type: "sender" } };
    }
    const button = lastKeyboard.flat().find((b) => b.text.toLowerCase() === line.toLowerCase());
    const date = Math.floor(Date.now() / 1000);
    const chat = { id: reader.id, type: "private", first_name: reader.first_name } as const;
    if (button && "callback_data" in button) {
      return {
        update_id,
        callback_query: {
          id: String(update_id),
          from: reader,
          chat_instance: "demo",
          data: button.callback_data,
          message: { message_id: messageId, date, chat, text: "" },
        },
      };
    }
    const start = button && "url" in button ? /[?&]start=([A-Za-z0-9_-]+)/.exec(button.url) : null;
    const text = start ? `/start ${start[1]}` : line;
    const command = /^\/\w+/.exec(text);
    return {
      update_id,
      message: {
        message_id: messageId++,
        date,
        chat,
        from: reader,
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
      },
    };
  }

  return {
    show,
    /** Sends one typed line to the bot and waits until it has answered; `/upload path` sends that file as a document. */
    async send(line: string): Promise<void> {
      if (line.trim() === "") return;
      const upload = /^\/upload\s+(.+)$/.exec(line.trim());
      if (upload) {
        const path = resolve(upload[1] ?? "");
        const info = await stat(path).catch(() => undefined);
        if (!info?.isFile()) {
          print(`(no such file: ${path})\n`);
          return;
        }
        const update_id = updateId++;
        const chat = { id: reader.id, type: "private", first_name: reader.first_name } as const;
        // The file id is the path: the demo's download reads the file from disk.
        const document = { file_id: path, file_unique_id: `demo-${update_id}`, file_name: basename(path), file_size: info.size };
        await bot.handleUpdate({ update_id, message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat, from: reader, document } });
        return;
      }
      await bot.handleUpdate(updateFor(line.trim()));
    },
  };
}
