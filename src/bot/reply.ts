import type { Context } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { BriefingContext } from "./context";
import { packMessages } from "../render/html";
import type { Answer } from "../render/render-article";

/** The messages of each answer, packed once: cached answers (see `cachedAnswer` in answer-topics.ts) are sent again and again. */
const packed = new WeakMap<Answer, string[]>();

function messagesOf(answer: Answer): string[] {
  let messages = packed.get(answer);
  if (messages === undefined) {
    messages = packMessages(answer.blocks);
    packed.set(answer, messages);
  }
  return messages;
}

/**
 * Sends an answer through the one formatting path: HTML packed into messages
 * within Telegram's limit, buttons under the last one. In groups it replies to
 * the message that asked.
 */
export function replyWithAnswer(ctx: BriefingContext, answer: Answer): Promise<void> {
  return replyWithMessages(ctx, messagesOf(answer), answer.keyboard);
}

/** How every message is sent: HTML, no link preview. Shared, never changed: grammY copies what it sends from it. */
const plainOptions = Object.freeze({ parse_mode: "HTML", link_preview_options: Object.freeze({ is_disabled: true }) } as const);

/** The options of a last message with buttons, per keyboard (a cached answer's keyboard is the same object every time). */
const keyboardOptions = new WeakMap<InlineKeyboardButton[][], typeof plainOptions & { reply_markup: { inline_keyboard: InlineKeyboardButton[][] } }>();

function optionsWith(keyboard: InlineKeyboardButton[][]) {
  let options = keyboardOptions.get(keyboard);
  if (options === undefined) {
    options = Object.freeze({ ...plainOptions, reply_markup: Object.freeze({ inline_keyboard: keyboard }) });
    keyboardOptions.set(keyboard, options);
  }
  return options;
}

/**
 * Sends messages already packed (`packMessages`), buttons under the last one:
 * for a conversation, whose steps keep plain data rather than `SafeHtml`.
 */
export async function replyWithMessages(ctx: Context, messages: readonly string[], keyboard?: InlineKeyboardButton[][]): Promise<void> {
  const replyTo = ctx.chat?.type !== "private" && ctx.msg ? ctx.msg.message_id : undefined;
  for (let i = 0; i < messages.length; i++) {
    const text = messages[i] as string;
    const buttons = i === messages.length - 1 ? keyboard : undefined;
    // In a private chat (almost every answer) the options are shared objects: nothing made per message.
    const options = buttons ? optionsWith(buttons) : plainOptions;
    await ctx.reply(
      text,
      replyTo !== undefined && i === 0 ? { ...plainOptions, reply_parameters: { message_id: replyTo, allow_sending_without_reply: true }, ...(buttons ? { reply_markup: { inline_keyboard: buttons } } : {}) } : options,
    );
  }
}
