import { GrammyError, type Api } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { Logger } from "pino";
import { packMessages, type SafeHtml } from "../render/html";
import { describeError } from "../base/describe-error";

/** Tells admins what they need to act on: uncertain or refused posts, broken content. */
export interface AdminNotifier {
  /** Every admin in ADMIN_IDS; with none configured, the notice is only logged. */
  notifyAdmins(blocks: SafeHtml[], keyboard?: InlineKeyboardButton[][]): Promise<void>;
  notifyAdmin(userId: number, blocks: SafeHtml[], keyboard?: InlineKeyboardButton[][]): Promise<void>;
}

/**
 * Sends notices to admins' private chats through the one formatting path. A
 * failure is logged, never thrown: an admin who never started the bot (403)
 * must not stop the channel.
 */
export function createAdminNotifier(api: Api, adminIds: readonly number[], logger: Logger): AdminNotifier {
  const notifyAdmin = async (userId: number, blocks: SafeHtml[], keyboard?: InlineKeyboardButton[][]) => {
    try {
      const texts = packMessages(blocks);
      for (const [i, text] of texts.entries()) {
        const buttons = keyboard && i === texts.length - 1 ? { reply_markup: { inline_keyboard: keyboard } } : {};
        await api.sendMessage(userId, text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...buttons });
      }
    } catch (err) {
      const hint = err instanceof GrammyError && err.error_code === 403 ? "the admin has not started a chat with the bot" : undefined;
      logger.warn({ error: describeError(err), userId, hint }, "could not tell an admin");
    }
  };
  return {
    notifyAdmin,
    async notifyAdmins(blocks, keyboard) {
      if (adminIds.length === 0) {
        logger.warn({ notice: packMessages(blocks).join("\n\n") }, "no ADMIN_IDS to tell");
        return;
      }
      for (const id of adminIds) await notifyAdmin(id, blocks, keyboard);
    },
  };
}
