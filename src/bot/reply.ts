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
export async function replyWithAnswer(ctx: BriefingContext, answer: Answer): Promise<void> {
  await replyWithMessages(ctx, messagesOf(answer), answer.keyboard);
}

/**
 * Sends messages already packed (`packMessages`), buttons under the last one:
 * for a conversation, whose steps keep plain data rather than `SafeHtml`.
 */
export async function replyWithMessages(ctx: Context, messages: readonly string[], keyboard?: InlineKeyboardButton[][]): Promise<void> {
  const replyTo = ctx.chat?.type !== "private" && ctx.msg ? ctx.msg.message_id : undefined;
  for (const [i, text] of messages.entries()) {
    const last = i === messages.length - 1;
    await ctx.reply(text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(replyTo !== undefined && i === 0 ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      ...(last && keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {}),
    });
  }
}
