/**
 * What Telegram checks in what a bot sends, as plain functions: each returns
 * the problems it found (empty when Telegram would accept). The limits are
 * those of ../shared/telegram-limits.md; the Bot API stand-in answers 400 on
 * any problem and records it.
 */
import type { MessageEntity } from "grammy/types";

export const LIMITS = {
  messageText: 4096,
  caption: 1024,
  callbackData: 64,
  callbackAnswerText: 200,
  inlineResults: 50,
  inlineResultId: 64,
  nextOffset: 64,
  startParameter: 64,
  commands: 100,
  commandName: 32,
  commandDescription: 256,
} as const;

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** Tag → the entity it makes, and the attributes it may have. */
const TAGS: Record<string, { entity: MessageEntity["type"]; attributes: string[] }> = {
  b: { entity: "bold", attributes: [] },
  strong: { entity: "bold", attributes: [] },
  i: { entity: "italic", attributes: [] },
  em: { entity: "italic", attributes: [] },
  u: { entity: "underline", attributes: [] },
  ins: { entity: "underline", attributes: [] },
  s: { entity: "strikethrough", attributes: [] },
  strike: { entity: "strikethrough", attributes: [] },
  del: { entity: "strikethrough", attributes: [] },
  "tg-spoiler": { entity: "spoiler", attributes: [] },
  span: { entity: "spoiler", attributes: ["class"] },
  a: { entity: "text_link", attributes: ["href"] },
  "tg-emoji": { entity: "custom_emoji", attributes: ["emoji-id"] },
  code: { entity: "code", attributes: ["class"] },
  pre: { entity: "pre", attributes: [] },
  blockquote: { entity: "blockquote", attributes: ["expandable"] },
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

function decodeEntity(entity: string): string | undefined {
  const named = NAMED_ENTITIES[entity];
  if (named !== undefined) return named;
  const numeric = /^#(?:x([0-9a-f]{1,6})|([0-9]{1,7}))$/i.exec(entity);
  if (!numeric) return undefined;
  const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/**
 * Parses Telegram HTML as strictly as its documentation reads: only its tags,
 * each closed in order, `<`, `>` and `&` only as tags or entities. Returns the
 * text the reader sees and its entities (offsets in UTF-16 units), or the
 * problem, in Telegram's words where it has them.
 */
export function parseTelegramHtml(html: string): { text: string; entities: MessageEntity[] } | { error: string } {
  let text = "";
  const entities: MessageEntity[] = [];
  const open: Array<{ name: string; offset: number; attributes: Record<string, string> }> = [];
  let i = 0;
  while (i < html.length) {
    const char = html[i] as string;
    if (char === "&") {
      const end = html.indexOf(";", i);
      const decoded = end > i ? decodeEntity(html.slice(i + 1, end)) : undefined;
      if (decoded === undefined) return { error: `Can't parse entities: unsupported HTML entity or bare "&" at byte offset ${bytes(html.slice(0, i))}` };
      text += decoded;
      i = end + 1;
    } else if (char === ">") {
      return { error: `Can't parse entities: bare ">" at byte offset ${bytes(html.slice(0, i))}` };
    } else if (char === "<") {
      const end = html.indexOf(">", i);
      const tag = end > i ? /^<(\/?)([a-z][a-z-]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>$/.exec(html.slice(i, end + 1)) : null;
      if (!tag) return { error: `Can't parse entities: unsupported start tag or bare "<" at byte offset ${bytes(html.slice(0, i))}` };
      const [, closing, name = "", attributeText = ""] = tag;
      const spec = TAGS[name];
      if (!spec) return { error: `Can't parse entities: unsupported start tag "${name}" at byte offset ${bytes(html.slice(0, i))}` };
      if (closing) {
        const top = open.pop();
        if (!top || top.name !== name || attributeText.trim() !== "") {
          return { error: `Can't parse entities: can't find end tag corresponding to start tag "${top?.name ?? name}"` };
        }
        const length = text.length - top.offset;
        if (length > 0) entities.push(entityFor(name, top.offset, length, top.attributes, open));
      } else {
        const attributes: Record<string, string> = {};
        for (const [, key = "", value] of attributeText.matchAll(/\s+([a-z-]+)(?:="([^"]*)")?/g)) {
          if (!spec.attributes.includes(key)) return { error: `Can't parse entities: unsupported attribute "${key}" of tag "${name}"` };
          const decoded = value === undefined ? { text: "", entities: [] } : parseTelegramHtml(value);
          if ("error" in decoded) return decoded;
          attributes[key] = decoded.text;
        }
        if (name === "a" && !attributes.href) return { error: 'Can\'t parse entities: tag "a" must have attribute "href"' };
        if (name === "span" && attributes.class !== "tg-spoiler") return { error: 'Can\'t parse entities: tag "span" must have class "tg-spoiler"' };
        if (name === "tg-emoji" && !attributes["emoji-id"]) return { error: 'Can\'t parse entities: tag "tg-emoji" must have attribute "emoji-id"' };
        const inside = open.at(-1)?.name;
        if (inside === "pre" && name !== "code") return { error: `Can't parse entities: tag "${name}" inside "pre"` };
        if (inside === "code") return { error: `Can't parse entities: tag "${name}" inside "code"` };
        if (name === "blockquote" && open.some((o) => o.name === "blockquote")) return { error: "Can't parse entities: nested blockquotes" };
        open.push({ name, offset: text.length, attributes });
      }
      i = end + 1;
    } else {
      text += char;
      i += 1;
    }
  }
  const unclosed = open.pop();
  if (unclosed) return { error: `Can't parse entities: can't find end tag corresponding to start tag "${unclosed.name}"` };
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

function entityFor(name: string, offset: number, length: number, attributes: Record<string, string>, outer: Array<{ name: string; attributes: Record<string, string> }>): MessageEntity {
  if (name === "a") return { type: "text_link", offset, length, url: attributes.href ?? "" };
  if (name === "tg-emoji") return { type: "custom_emoji", offset, length, custom_emoji_id: attributes["emoji-id"] ?? "" };
  if (name === "blockquote") return { type: "expandable" in attributes ? "expandable_blockquote" : "blockquote", offset, length };
  if (name === "code" && outer.at(-1)?.name === "pre") {
    const language = /^language-(.+)$/.exec(attributes.class ?? "")?.[1];
    return { type: "pre", offset, length, ...(language ? { language } : {}) };
  }
  return { type: TAGS[name]?.entity ?? "bold", offset, length } as MessageEntity;
}

/** A message's text as Telegram reads it: parsed if HTML, then within 1–4096 characters and not blank. */
export function checkMessageText(text: unknown, parseMode: unknown, where: string): { problems: string[]; plain: string; entities: MessageEntity[] } {
  if (typeof text !== "string") return { problems: [`${where}: text must be a string`], plain: "", entities: [] };
  if (parseMode !== undefined && parseMode !== "HTML") return { problems: [`${where}: parse_mode ${String(parseMode)} is not what this bot uses (HTML)`], plain: text, entities: [] };
  const parsed = parseMode === "HTML" ? parseTelegramHtml(text) : { text, entities: [] };
  if ("error" in parsed) return { problems: [`${where}: ${parsed.error}`], plain: text, entities: [] };
  const problems: string[] = [];
  if (parsed.text.trim() === "") problems.push(`${where}: message text is empty`);
  if (parsed.text.length > LIMITS.messageText) problems.push(`${where}: message is too long (${parsed.text.length} characters after entity parsing, limit ${LIMITS.messageText})`);
  return { problems, plain: parsed.text, entities: parsed.entities };
}

/** A photo's caption as Telegram reads it: parsed if HTML, then at most 1024 characters (it may be empty). */
export function checkCaption(caption: unknown, parseMode: unknown, where: string): { problems: string[]; plain: string; entities: MessageEntity[] } {
  if (caption === undefined) return { problems: [], plain: "", entities: [] };
  if (typeof caption !== "string") return { problems: [`${where}: caption must be a string`], plain: "", entities: [] };
  if (parseMode !== undefined && parseMode !== "HTML") return { problems: [`${where}: parse_mode ${String(parseMode)} is not what this bot uses (HTML)`], plain: caption, entities: [] };
  const parsed = parseMode === "HTML" ? parseTelegramHtml(caption) : { text: caption, entities: [] };
  if ("error" in parsed) return { problems: [`${where}: ${parsed.error}`], plain: caption, entities: [] };
  const problems = parsed.text.length > LIMITS.caption ? [`${where}: message caption is too long (${parsed.text.length} characters after entity parsing, limit ${LIMITS.caption})`] : [];
  return { problems, plain: parsed.text, entities: parsed.entities };
}

/** A photo sent as an upload must be a PNG or a JPEG; a string is a file_id or URL. */
export function checkPhoto(photo: unknown, where: string): string[] {
  if (typeof photo === "string" && photo !== "" && !photo.startsWith("attach://")) return [];
  const data = (photo as { data?: unknown } | undefined)?.data;
  if (!(data instanceof Buffer)) return [`${where}: there is no photo in the request`];
  const png = data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = data[0] === 0xff && data[1] === 0xd8;
  if (!png && !jpeg) return [`${where}: IMAGE_PROCESS_FAILED (not a PNG or JPEG)`];
  if (data.length > 10 * 1024 * 1024) return [`${where}: photo is larger than 10 MB`];
  return [];
}

/** A `/start` deep link to this bot: `https://t.me/<bot>?start=<payload>`, the payload 1–64 of `A-Za-z0-9_-`. */
export function checkDeepLink(url: string, botUsername: string, where: string): string[] {
  const link = /^https:\/\/t\.me\/([A-Za-z0-9_]+)\?(start|startgroup)=(.*)$/.exec(url);
  if (!link) return [];
  const problems: string[] = [];
  if (link[1]?.toLowerCase() !== botUsername.toLowerCase()) problems.push(`${where}: deep link to @${link[1]}, not to this bot (@${botUsername})`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(link[3] ?? "")) problems.push(`${where}: deep-link payload "${link[3]}" must be 1–64 of A-Za-z0-9_-`);
  return problems;
}

function checkUrl(url: unknown, where: string): string[] {
  if (typeof url !== "string") return [`${where}: url must be a string`];
  try {
    const { protocol } = new URL(url);
    return ["http:", "https:", "tg:"].includes(protocol) ? [] : [`${where}: unsupported URL protocol ${protocol}`];
  } catch {
    return [`${where}: Wrong HTTP URL "${url}"`];
  }
}

/** An inline keyboard: every button with text and exactly one action; callback_data 1–64 bytes; deep links valid. */
export function checkReplyMarkup(markup: unknown, botUsername: string, where: string): string[] {
  if (markup === undefined) return [];
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows)) return [`${where}: reply_markup must be an inline keyboard here`];
  const problems: string[] = [];
  rows.forEach((row: unknown, r) => {
    if (!Array.isArray(row)) {
      problems.push(`${where}: keyboard row ${r} must be an array`);
      return;
    }
    row.forEach((button: Record<string, unknown>, b) => {
      const at = `${where}: button [${r}][${b}]`;
      if (typeof button.text !== "string" || button.text.trim() === "") problems.push(`${at}: text is empty`);
      const actions = ["url", "callback_data", "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "login_url", "web_app", "pay", "copy_text", "callback_game"].filter((key) => key in button);
      if (actions.length !== 1) problems.push(`${at}: needs exactly one action, has ${actions.join(", ") || "none"}`);
      if ("callback_data" in button) {
        const data = button.callback_data;
        if (typeof data !== "string" || bytes(data) < 1 || bytes(data) > LIMITS.callbackData) problems.push(`${at}: BUTTON_DATA_INVALID (callback_data must be 1–${LIMITS.callbackData} bytes, is ${typeof data === "string" ? bytes(data) : typeof data})`);
      }
      if ("url" in button) problems.push(...checkUrl(button.url, at), ...(typeof button.url === "string" ? checkDeepLink(button.url, botUsername, at) : []));
    });
  });
  return problems;
}

/** answerInlineQuery's results and options: ≤ 50 results, unique ids of 1–64 bytes, each message valid; next_offset ≤ 64 bytes; the button's start_parameter valid. */
export function checkInlineAnswer(payload: Record<string, unknown>, botUsername: string): string[] {
  const problems: string[] = [];
  const results = payload.results;
  if (!Array.isArray(results)) return ["answerInlineQuery: results must be an array"];
  if (results.length > LIMITS.inlineResults) problems.push(`answerInlineQuery: RESULTS_TOO_MUCH (${results.length} results, limit ${LIMITS.inlineResults})`);
  const ids = new Set<string>();
  results.forEach((result: Record<string, unknown>, n) => {
    const where = `answerInlineQuery: result ${n}`;
    const id = result.id;
    if (typeof id !== "string" || bytes(id) < 1 || bytes(id) > LIMITS.inlineResultId) problems.push(`${where}: RESULT_ID_INVALID (id must be 1–${LIMITS.inlineResultId} bytes)`);
    else if (ids.has(id)) problems.push(`${where}: RESULT_ID_DUPLICATE (${id})`);
    else ids.add(id);
    if (result.type !== "article") problems.push(`${where}: type ${String(result.type)} is not checked by the stand-in`);
    if (typeof result.title !== "string" || result.title.trim() === "") problems.push(`${where}: title is empty`);
    const content = result.input_message_content as Record<string, unknown> | undefined;
    if (!content) problems.push(`${where}: input_message_content is missing`);
    else problems.push(...checkMessageText(content.message_text, content.parse_mode, where).problems);
    if (result.url !== undefined) problems.push(...checkUrl(result.url, where));
    problems.push(...checkReplyMarkup(result.reply_markup, botUsername, where));
  });
  if (payload.next_offset !== undefined && (typeof payload.next_offset !== "string" || bytes(payload.next_offset) > LIMITS.nextOffset)) {
    problems.push(`answerInlineQuery: next_offset must be a string of at most ${LIMITS.nextOffset} bytes`);
  }
  const button = payload.button as Record<string, unknown> | undefined;
  if (button !== undefined) {
    if (typeof button.text !== "string" || button.text.trim() === "") problems.push("answerInlineQuery: button text is empty");
    if (!("web_app" in button) && !/^[A-Za-z0-9_-]{1,64}$/.test(String(button.start_parameter))) {
      problems.push(`answerInlineQuery: button start_parameter "${String(button.start_parameter)}" must be 1–64 of A-Za-z0-9_-`);
    }
  }
  return problems;
}

/** setMyCommands: at most 100, names 1–32 of a-z0-9_ and unique, descriptions 1–256 characters. */
export function checkCommands(commands: unknown): string[] {
  if (!Array.isArray(commands)) return ["setMyCommands: commands must be an array"];
  const problems: string[] = [];
  if (commands.length > LIMITS.commands) problems.push(`setMyCommands: too many commands (${commands.length})`);
  const names = new Set<string>();
  for (const { command, description } of commands as Array<Record<string, unknown>>) {
    if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) problems.push(`setMyCommands: BOT_COMMAND_INVALID "${String(command)}"`);
    else if (names.has(command)) problems.push(`setMyCommands: command "${command}" twice`);
    else names.add(command);
    if (typeof description !== "string" || description.trim().length < 1 || description.length > LIMITS.commandDescription) {
      problems.push(`setMyCommands: description of "${String(command)}" must be 1–${LIMITS.commandDescription} characters`);
    }
  }
  return problems;
}

/** answerCallbackQuery: the notification text is at most 200 characters. */
export function checkCallbackAnswer(payload: Record<string, unknown>): string[] {
  const text = payload.text;
  if (text === undefined) return [];
  if (typeof text !== "string") return ["answerCallbackQuery: text must be a string"];
  return text.length > LIMITS.callbackAnswerText ? [`answerCallbackQuery: text is ${text.length} characters, limit ${LIMITS.callbackAnswerText}`] : [];
}

/**
 * Everything Telegram checks in what a bot sends, by method: the one validator
 * for the Bot API stand-in (which refuses with 400 what it finds) and for the
 * fuzzing (which counts it). Methods whose content it does not know pass.
 */
export function checkBotApiCall(method: string, payload: Record<string, unknown>, botUsername: string): string[] {
  switch (method) {
    case "sendMessage":
    case "editMessageText":
      return [...checkMessageText(payload.text, payload.parse_mode, method).problems, ...checkReplyMarkup(payload.reply_markup, botUsername, method)];
    case "sendPhoto":
      return [...checkPhoto(payload.photo, method), ...checkCaption(payload.caption, payload.parse_mode, method).problems, ...checkReplyMarkup(payload.reply_markup, botUsername, method)];
    case "editMessageCaption":
      return [...checkCaption(payload.caption, payload.parse_mode, method).problems, ...checkReplyMarkup(payload.reply_markup, botUsername, method)];
    case "editMessageMedia": {
      const media = (payload.media ?? {}) as Record<string, unknown>;
      const type = media.type === "photo" ? [] : [`${method}: media type ${String(media.type)} is not what this bot sends (photo)`];
      return [...type, ...checkPhoto(media.media, method), ...checkCaption(media.caption, media.parse_mode, method).problems, ...checkReplyMarkup(payload.reply_markup, botUsername, method)];
    }
    case "answerInlineQuery":
      return checkInlineAnswer(payload, botUsername);
    case "answerCallbackQuery":
      return checkCallbackAnswer(payload);
    case "setMyCommands":
      return checkCommands(payload.commands);
    default:
      return [];
  }
}
