import { conversations, createConversation, type ConversationFlavor } from "@grammyjs/conversations";
import { type Api, type BotError, type Context, type NextFunction } from "grammy";
import { SyncComposer } from "../sync-composer";
import type { Logger } from "pino";
import { renderChannelStatus } from "../../channel/render-channel-admin";
import { languageOf, type MessageValue } from "../../i18n/translate";
import { publishButton } from "../../render/callback-data";
import { htmlToText } from "../../render/html";
import { describeError } from "../../base/describe-error";
import { isStorageUnavailable } from "../../storage/storage-unavailable";
import { adminLanguage, isChannelAdmin } from "../admin-chat";
import { commandsIn } from "../../render/command-list";
import type { BriefingContext } from "../context";
import { disarmPublishTimeout, publishConversation } from "../publish-conversation";
import { replyWithAnswer } from "../reply";
import { retryReplies } from "../reply-retry";

type AdminContext<C extends BriefingContext> = ConversationFlavor<C>;

const isAdminChat = <C extends BriefingContext>(ctx: C): ctx is AdminContext<C> => isChannelAdmin(ctx);

/** Longer than any step takes (a step waits on a few Bot API calls and the ledger). */
const CONVERSATION_LOCK_MS = 15_000;

/** One sentence from the catalogue, in the admin's language, as an answer. */
const sentence = (ctx: Context, key: string, values?: Readonly<Record<string, MessageValue>>) => ({ blocks: [adminLanguage(ctx).t(key, values)] });

/** A button's answer (a toast, plain text) from the catalogue, in the admin's language. */
const toast = (ctx: Context, key: string) => htmlToText(adminLanguage(ctx).t(key).value);

/**
 * /publish and /status for the channel's admins, in a private chat with the
 * bot; a clear refusal for anyone else, and nothing else happens. Every word
 * in the admin's language (`adminLanguage`).
 *
 * The conversations plugin reads its storage on every update it sees, so it
 * is installed only for admins' private chats. Each conversation builds its
 * own context with its own `Api`, so neither the outer context's plugins nor
 * its transformers reach it: the replies' auto-retry is installed through the
 * plugin's own `plugins` option, and the admin's language is read from the
 * outer context once, when /publish begins, and kept in the conversation.
 */
export const channelAdminFeature = new SyncComposer<BriefingContext>();

const adminChatsAll = channelAdminFeature.chatType("private").filter(isAdminChat);

/**
 * While the shared storage (Redis) is away, an admin's chat is anyone's:
 * /publish and /status say why they wait, buttons of an open /publish too,
 * and everything else is answered as usual (the conversations plugin, which
 * reads its storage on every update, is left out).
 */
const storageAway = adminChatsAll.filter((ctx) => ctx.briefing.channel?.storageAvailable() === false);
storageAway.command(["publish", "status"], (ctx) => replyWithAnswer(ctx, sentence(ctx, "admin-unavailable")));
storageAway.callbackQuery(publishButton.prefix, (ctx) => ctx.answerCallbackQuery({ text: toast(ctx, "admin-unavailable-button"), show_alert: true }));

/** Lost mid-update (it went away after the check): the admin is told, rather than left without an answer. */
async function whenStorageFails(error: BotError<AdminContext<BriefingContext>>, _next: NextFunction): Promise<void> {
  if (!isStorageUnavailable(error.error)) throw error.error;
  const ctx = error.ctx;
  ctx.briefing.logger.warn({ update_id: ctx.update.update_id, error: describeError(error.error) }, "admin command: the ledger became unreachable");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: toast(ctx, "admin-unavailable-button"), show_alert: true }).catch(() => undefined);
  else await replyWithAnswer(ctx, sentence(ctx, "admin-unavailable")).catch(() => undefined);
}

const adminChats = adminChatsAll.filter((ctx) => ctx.briefing.channel?.storageAvailable() !== false).errorBoundary(whenStorageFails);

/** One step of an admin's conversation at a time across instances (the conversations plugin reads, then writes, its state). */
adminChats.use(async (ctx, next) => {
  const unlock = await ctx.briefing.channel?.conversations.lock(String(ctx.chatId), CONVERSATION_LOCK_MS);
  try {
    await next();
  } finally {
    await unlock?.();
  }
});

adminChats.use(
  conversations<BriefingContext, Context>({
    storage: {
      type: "context",
      version: 1,
      adapter: {
        read: async (ctx) => ctx.briefing.channel?.conversations.read(String(ctx.chatId)),
        write: async (ctx, state) => ctx.briefing.channel?.conversations.write(String(ctx.chatId), state),
        delete: async (ctx) => ctx.briefing.channel?.conversations.delete(String(ctx.chatId)),
      },
    },
    // Retried as every reply is (REPLY_RETRY): an admin waits on these, and a long 429 should fail visibly rather than hang the chat.
    plugins: [retryReplies()],
    onExit: (_id, ctx) => disarmPublishTimeout(ctx),
  }),
);
adminChats.use(createConversation(publishConversation, "publish"));

adminChats.command("publish", async (ctx) => {
  await ctx.conversation.exitAll();
  await ctx.conversation.enter("publish");
});

adminChats.command("status", async (ctx) => {
  const channel = ctx.briefing.channel;
  if (!channel) return;
  await replyWithAnswer(ctx, renderChannelStatus(adminLanguage(ctx), channel.channelId, channel.autopost, await channel.publisher.status()));
});

channelAdminFeature.command(["publish", "status"], async (ctx) => {
  if (!ctx.briefing.channel) {
    await replyWithAnswer(ctx, sentence(ctx, "admin-no-channel"));
  } else if (isChannelAdmin(ctx)) {
    const command = /^\/(status|publish)/.exec(ctx.msg?.text ?? "")?.[1] ?? "publish";
    await replyWithAnswer(ctx, sentence(ctx, "admin-private-only", { command }));
  } else {
    ctx.briefing.logger.info({ userId: ctx.from?.id, command: ctx.msg?.text?.split(" ")[0] }, "refused an admin command");
    await replyWithAnswer(ctx, sentence(ctx, "admin-refusal"));
  }
});

/** A /publish button pressed outside a live /publish: by someone else (forged or forwarded), or after it ended. Any other `pub:` data falls through to "This button no longer works". */
channelAdminFeature.callbackQuery(publishButton.pattern, async (ctx) => {
  if (!isChannelAdmin(ctx)) {
    ctx.briefing.logger.info({ userId: ctx.from.id, data: ctx.callbackQuery.data }, "refused a /publish button");
    await ctx.answerCallbackQuery({ text: toast(ctx, "publish-admins-only"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery({ text: toast(ctx, "publish-ended-button") });
});

/**
 * The command menu admins see in their chat with the bot: everyone's commands,
 * then /publish and /status, described in English, and in Russian for an
 * admin whose Telegram is in Russian (`language_code: "ru"`).
 */
export async function registerAdminCommands(api: Api, adminIds: readonly number[], logger: Logger): Promise<void> {
  const menu = (locale: "en" | "ru") => {
    const { t } = languageOf(locale);
    return [
      ...commandsIn(languageOf(locale)),
      { command: "publish", description: htmlToText(t("admin-command-publish").value) },
      { command: "status", description: htmlToText(t("admin-command-status").value) },
    ];
  };
  for (const chatId of adminIds) {
    try {
      await api.setMyCommands(menu("en"), { scope: { type: "chat", chat_id: chatId } });
      await api.setMyCommands(menu("ru"), { scope: { type: "chat", chat_id: chatId }, language_code: "ru" });
    } catch (error) {
      logger.warn({ error: describeError(error), chatId }, "could not set an admin's command menu; /publish and /status work anyway");
    }
  }
}
