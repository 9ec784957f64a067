/**
 * The update types Telegram sends the bot (`allowed_updates` of `getUpdates`
 * and `setWebhook`): only those the bot acts on, so Telegram sends nothing it
 * would ignore.
 *
 * - `message`: commands, deep links and questions (private chats and groups);
 * - `callback_query`: the inline buttons;
 * - `inline_query`: inline mode (`@bot query` in any chat);
 * - `my_chat_member`: the bot added to or removed from a chat, or made or
 *   unmade a channel's admin: the channel feature learns here whether it can post.
 *
 * Left out on purpose: `channel_post` (posting to a channel needs no updates
 * from it, and commands typed in the channel would otherwise be answered
 * there), `edited_message` (an edited question is not asked again),
 * `chosen_inline_result` (needs /setinlinefeedback; nothing uses it).
 */
export const allowedUpdates = ["message", "callback_query", "inline_query", "my_chat_member"] as const;
