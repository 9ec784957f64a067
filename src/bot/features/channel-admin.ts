import { conversations, createConversation, type ConversationFlavor } from "@grammyjs/conversations";
import { type Api, type BotError, type Context, type NextFunction } from "grammy";
import { SyncComposer } from "../sync-composer";
import type { Logger } from "pino";
import { commandList } from "../command-list";
import { html } from "../../render/html";
import { renderChannelStatus } from "../../render/render-channel-admin";
import type { BriefingContext } from "../context";
import { disarmPublishTimeout, publishConversation } from "../publish-conversation";
import { replyWithAnswer } from "../reply";
import { retryReplies } from "../reply-retry";
import { isStorageUnavailable } from "../../storage/storage-unavailable";

type AdminContext<C extends BriefingContext> = ConversationFlavor<C>;

/** An admin of the channel: their id is in ADMIN_IDS (checked on every update, callbacks included). */
function isChannelAdmin<C extends BriefingContext>(ctx: C): ctx is AdminContext<C> {
  return ctx.from !== undefined && ctx.briefing.channel?.adminIds.has(ctx.from.id) === true;
}

const REFUSAL = "/publish and /status are for the channel's admins only.";
/** Longer than any step takes (a step waits on a few Bot API calls and the ledger). */
const CONVERSATION_LOCK_MS = 15_000;
const UNAVAILABLE = "I cannot reach the channel's ledger right now, so /publish and /status must wait; nothing was changed. Everything else works. Try again in a minute.";

/**
 * /publish and /status for the channel's admins, in a private chat with the
 * bot; a clear refusal for anyone else, and nothing else happens.
 *
 * The conversations plugin reads its storage on every update it sees, so it
 * is installed only for admins' private chats. Each conversation builds its
 * own `Api`, so transformers on the outer context do not reach it: the
 * replies' auto-retry is installed through the plugin's own `plugins` option.
 */
export const channelAdminFeature = new SyncComposer<BriefingContext>();

const adminChatsAll = channelAdminFeature.chatType("private").filter(isChannelAdmin);

/**
 * While the shared storage (Redis) is away, an admin's chat is anyone's:
 * /publish and /status say why they wait, buttons of an open /publish too,
 * and everything else is answered as usual (the conversations plugin, which
 * reads its storage on every update, is left out).
 */
const storageAway = adminChatsAll.filter((ctx) => ctx.briefing.channel?.storageAvailable() === false);
storageAway.command(["publish", "status"], (ctx) => replyWithAnswer(ctx, { blocks: [html`${UNAVAILABLE}`] }));
storageAway.callbackQuery(/^pub:/, (ctx) => ctx.answerCallbackQuery({ text: "The ledger is unreachable right now; try again in a minute.", show_alert: true }));

/** Lost mid-update (it went away after the check): the admin is told, rather than left without an answer. */
async function whenStorageFails(error: BotError<AdminContext<BriefingContext>>, _next: NextFunction): Promise<void> {
  if (!isStorageUnavailable(error.error)) throw error.error;
  const ctx = error.ctx;
  ctx.briefing.logger.warn({ update_id: ctx.update.update_id, err: error.error }, "admin command: the ledger became unreachable");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: "The ledger is unreachable right now; try again in a minute.", show_alert: true }).catch(() => undefined);
  else await ctx.reply(UNAVAILABLE).catch(() => undefined);
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
  await replyWithAnswer(ctx, renderChannelStatus(channel.channelId, channel.autopost, await channel.publisher.status()));
});

channelAdminFeature.command(["publish", "status"], async (ctx) => {
  if (!ctx.briefing.channel) {
    await replyWithAnswer(ctx, { blocks: [html`No channel is set up for this bot (CHANNEL_ID), so there is nothing to publish.`] });
  } else if (isChannelAdmin(ctx)) {
    const command = /^\/(status|publish)/.exec(ctx.msg?.text ?? "")?.[1] ?? "publish";
    await replyWithAnswer(ctx, { blocks: [html`Send /${command} to me in a private chat.`] });
  } else {
    ctx.briefing.logger.info({ userId: ctx.from?.id, command: ctx.msg?.text?.split(" ")[0] }, "refused an admin command");
    await replyWithAnswer(ctx, { blocks: [html`${REFUSAL}`] });
  }
});

/** The data of /publish's buttons, and nothing else: any other `pub:` data falls through to "This button no longer works". */
export const PUBLISH_BUTTON_DATA = /^pub:(?:cancel|(?:pick|now|schedule|mark|nolink|cancel):[a-z0-9-]{1,40})$/;

/** A /publish button pressed outside a live /publish: by someone else (forged or forwarded), or after it ended. */
channelAdminFeature.callbackQuery(PUBLISH_BUTTON_DATA, async (ctx) => {
  if (!isChannelAdmin(ctx)) {
    ctx.briefing.logger.info({ userId: ctx.from.id, data: ctx.callbackQuery.data }, "refused a /publish button");
    await ctx.answerCallbackQuery({ text: "Only the channel's admins can do that.", show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery({ text: "This /publish has ended. Send /publish to start again." });
});

/** The command menu admins see in their chat with the bot: everyone's commands, then /publish and /status. */
export async function registerAdminCommands(api: Api, adminIds: readonly number[], logger: Logger): Promise<void> {
  const commands = [
    ...commandList.map(({ command, description }) => ({ command, description })),
    { command: "publish", description: "Post an article to the channel, or schedule it" },
    { command: "status", description: "What went to the channel, and what waits" },
  ];
  for (const chatId of adminIds) {
    try {
      await api.setMyCommands(commands, { scope: { type: "chat", chat_id: chatId } });
    } catch (err) {
      logger.warn({ err, chatId }, "could not set an admin's command menu; /publish and /status work anyway");
    }
  }
}
