import type { Conversation } from "@grammyjs/conversations";
import { InputFile, type Context } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { ChannelDeps } from "../channel/channel-deps";
import { renderChannelPost } from "../channel/channel-post";
import { parsePostLink, postLink } from "../channel/post-link";
import { parsePublishTime, PUBLISH_TIME_FORMATS } from "../channel/publish-time";
import { bold, html, htmlToText, packMessages, type SafeHtml } from "../render/html";
import { describeChannelState, formatTime, renderPublishChoice, renderPublishList } from "../render/render-channel-admin";
import type { BriefingContext } from "./context";

export type PublishConversation = Conversation<BriefingContext, Context>;

/** A message as plain data: what `conversation.external` may return (it is stored as JSON between updates). */
interface Message {
  texts: string[];
  keyboard?: InlineKeyboardButton[][];
}

const message = (blocks: SafeHtml[], keyboard?: InlineKeyboardButton[][]): Message => ({ texts: packMessages(blocks), keyboard });

async function send(ctx: Context, { texts, keyboard }: Message): Promise<void> {
  for (const [i, text] of texts.entries()) {
    await ctx.reply(text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(i === texts.length - 1 && keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {}),
    });
  }
}

function channelOf(ctx: BriefingContext): ChannelDeps {
  const channel = ctx.briefing.channel;
  if (!channel) throw new Error("/publish without a channel");
  return channel;
}

/** Re-checked at every step that changes anything, not only when /publish began. */
function isAdmin(ctx: BriefingContext): boolean {
  return ctx.from !== undefined && channelOf(ctx).adminIds.has(ctx.from.id);
}

export function timeoutNotice(timeoutMs: number): string {
  return `This /publish waited more than ${Math.round(timeoutMs / 60_000)} minutes for you, so I closed it. Nothing was changed. Send /publish to start again.`;
}

/**
 * (Re)starts the timer that closes this chat's /publish and tells the admin,
 * should they not come back. With several instances each arms its own for the
 * steps it handled: the store closes the conversation only when nothing was
 * written to it for the whole timeout, so only the timer of the last step
 * closes it (a stale one looks again later), and the admin is told once.
 */
export function armPublishTimeout(ctx: BriefingContext): void {
  const channel = channelOf(ctx);
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  disarmPublishTimeout(ctx);
  const { logger } = ctx.briefing;
  const check = async () => {
    channel.publishTimers.delete(chatId);
    const found = await channel.conversations.closeIfIdle(String(chatId), channel.publishTimeoutMs);
    if (found.closed) await ctx.api.sendMessage(chatId, timeoutNotice(channel.publishTimeoutMs));
    else if (found.checkAt !== undefined) schedule(found.checkAt - Date.now());
  };
  const schedule = (delayMs: number) => {
    const timer = setTimeout(() => {
      check().catch((err: unknown) => logger.warn({ err, chatId }, "could not close an admin's idle /publish, or tell them"));
    }, Math.max(0, delayMs));
    timer.unref();
    channel.publishTimers.set(chatId, timer);
  };
  schedule(channel.publishTimeoutMs);
}

export function disarmPublishTimeout(ctx: BriefingContext): void {
  const chatId = ctx.chat?.id;
  const channel = ctx.briefing.channel;
  if (chatId === undefined || !channel) return;
  clearTimeout(channel.publishTimers.get(chatId));
  channel.publishTimers.delete(chatId);
}

/**
 * The admin's next update in this conversation. Closes the conversation
 * politely if it waited longer than the timeout (the timer normally did so
 * already; this covers a restart in between), and steps aside for any command,
 * which then runs as usual (a new /publish starts afresh).
 */
async function nextStep(conversation: PublishConversation, timeoutMs: number): Promise<Context> {
  await conversation.external((outer) => armPublishTimeout(outer));
  const before = await conversation.now();
  const ctx = await conversation.wait();
  const after = await conversation.now();
  const command = ctx.message?.text?.startsWith("/") === true;
  if (after - before > timeoutMs) {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: "This /publish has timed out. Send /publish to start again." });
    await ctx.reply(timeoutNotice(timeoutMs));
    await conversation.halt({ next: command });
  }
  if (command) {
    if (!/^\/publish(@\w+)?(\s|$)/.test(ctx.message?.text ?? "")) await ctx.reply("Closed /publish; nothing was changed.");
    await conversation.halt({ next: true });
  }
  return ctx;
}

/** An update that is not an answer to the question asked: a button from an older message, or text where a button was wanted. */
async function notTheAnswer(ctx: Context, hint: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: "That button belongs to an earlier message." });
  else await ctx.reply(hint);
}

async function finish(conversation: PublishConversation, ctx: Context, text: string): Promise<void> {
  await conversation.external((outer) => disarmPublishTimeout(outer));
  await ctx.reply(text);
}

/**
 * /publish, for an admin in a private chat: the articles with their state;
 * the chosen one's post exactly as it will appear in the channel; then Post
 * now, Schedule (asks for a time) or Cancel. For an uncertain post: Post again
 * or Mark as posted (asks for the post's link).
 */
export async function publishConversation(conversation: PublishConversation, ctx: Context): Promise<void> {
  const setup = await conversation.external(async (outer) => {
    const channel = channelOf(outer);
    const list = renderPublishList(await channel.publisher.status());
    return { timeoutMs: channel.publishTimeoutMs, list: message(list.blocks, list.keyboard) };
  });
  await send(ctx, setup.list);
  if (!setup.list.keyboard) return finish(conversation, ctx, "Nothing to do, then.");

  let articleId: string | undefined;
  while (articleId === undefined) {
    const step = await nextStep(conversation, setup.timeoutMs);
    const data = step.callbackQuery?.data ?? "";
    if (data === "pub:cancel") {
      await step.answerCallbackQuery();
      return finish(conversation, step, "Cancelled; nothing was changed.");
    }
    const picked = /^pub:pick:([a-z0-9-]{1,40})$/.exec(data);
    if (picked) {
      await step.answerCallbackQuery();
      articleId = picked[1];
    } else {
      await notTheAnswer(step, "Choose an article with the buttons above, or Cancel.");
    }
  }
  const chosen = articleId;

  const preview = await conversation.external(async (outer) => {
    const channel = channelOf(outer);
    const status = (await channel.publisher.status()).find((s) => s.articleId === chosen);
    const article = status?.article && outer.briefing.library().article(chosen);
    if (!status || !article) return undefined;
    const choice = renderPublishChoice(status);
    const post = renderChannelPost(article, outer.me.username, { at: Date.now() });
    // With CHANNEL_CARD, the card and its caption, sent here once: a photo is not kept in the conversation's state.
    let sentAsPhoto = false;
    const png = await channel.card?.(article).catch((err: unknown) => {
      outer.briefing.logger.warn({ err, articleId: chosen }, "could not draw the summary card for a preview");
      return undefined;
    });
    if (png && outer.chat) {
      await outer.api.sendPhoto(outer.chat.id, new InputFile(png, "card.png"), { caption: post.text, parse_mode: "HTML", reply_markup: { inline_keyboard: post.keyboard } });
      sentAsPhoto = true;
    }
    return { post, sentAsPhoto, url: article.url, headline: article.headline, choice: message(choice.blocks, choice.keyboard) };
  });
  if (!preview) return finish(conversation, ctx, "That article is no longer in the content. Send /publish for the current list.");
  // The post exactly as the channel will show it: the same HTML, link preview and buttons.
  if (!preview.sentAsPhoto) {
    await ctx.reply(preview.post.text, {
      parse_mode: "HTML",
      link_preview_options: { url: preview.url, prefer_small_media: true },
      reply_markup: { inline_keyboard: preview.post.keyboard },
    });
  }
  await send(ctx, preview.choice);

  for (;;) {
    const step = await nextStep(conversation, setup.timeoutMs);
    const action = /^pub:(now|schedule|mark|cancel):([a-z0-9-]{1,40})$/.exec(step.callbackQuery?.data ?? "");
    if (!action || action[2] !== chosen) {
      await notTheAnswer(step, "Use the buttons under the preview, or Cancel.");
      continue;
    }
    await step.answerCallbackQuery();
    switch (action[1]) {
      case "cancel":
        return finish(conversation, step, "Cancelled; nothing was changed.");
      case "now": {
        const done = await conversation.external(async (outer) => {
          if (!isAdmin(outer)) return { ok: false, text: "Only the channel's admins can do that." };
          const result = await channelOf(outer).publisher.postNow(chosen, outer.from?.id ?? 0);
          return result.ok
            ? { ok: true, text: `On its way to ${channelOf(outer).channelId}: “${preview.headline}”. I will send you the link once it is posted.` }
            : { ok: false, text: `Not posted: it is ${await stateText(outer, chosen)} now.` };
        });
        await finish(conversation, step, done.text);
        if (done.ok) await conversation.external((outer) => channelOf(outer).publisher.dispatch(chosen));
        return;
      }
      case "schedule":
        return scheduleStep(conversation, step, chosen, preview.headline, setup.timeoutMs);
      case "mark":
        return markPostedStep(conversation, step, chosen, setup.timeoutMs);
    }
  }
}

async function stateText(outer: BriefingContext, articleId: string): Promise<string> {
  const status = (await channelOf(outer).publisher.status()).find((s) => s.articleId === articleId);
  return status ? htmlToText(describeChannelState(status).value) : "gone";
}

async function scheduleStep(conversation: PublishConversation, ctx: Context, articleId: string, headline: string, timeoutMs: number): Promise<void> {
  await send(
    ctx,
    message([html`${bold("When should it go out?")} Times are UTC. Send ${PUBLISH_TIME_FORMATS}.`], [
      [{ text: "Cancel", callback_data: `pub:cancel:${articleId}` }],
    ]),
  );
  for (;;) {
    const step = await nextStep(conversation, timeoutMs);
    if (step.callbackQuery?.data === `pub:cancel:${articleId}`) {
      await step.answerCallbackQuery();
      return finish(conversation, step, "Cancelled; nothing was changed.");
    }
    const text = step.message?.text;
    if (text === undefined) {
      await notTheAnswer(step, "Send the time as text, or press Cancel.");
      continue;
    }
    const parsed = parsePublishTime(text, await conversation.now());
    if (!parsed.ok) {
      await step.reply(parsed.problem);
      continue;
    }
    const done = await conversation.external(async (outer) => {
      if (!isAdmin(outer)) return "Only the channel's admins can do that.";
      const result = await channelOf(outer).publisher.schedule(articleId, parsed.at, outer.from?.id ?? 0);
      return result.ok ? `Scheduled: “${headline}” goes out at ${formatTime(parsed.at)}.` : `Not scheduled: it is ${await stateText(outer, articleId)} now.`;
    });
    return finish(conversation, step, done);
  }
}

async function markPostedStep(conversation: PublishConversation, ctx: Context, articleId: string, timeoutMs: number): Promise<void> {
  const channelId = await conversation.external((outer) => channelOf(outer).channelId);
  await send(
    ctx,
    message(
      [html`${bold("Send me the link to the post")} (in the channel, the post's menu → Copy Link), so later corrections can edit it. Or press Without link.`],
      [[{ text: "Without link", callback_data: `pub:nolink:${articleId}` }, { text: "Cancel", callback_data: `pub:cancel:${articleId}` }]],
    ),
  );
  for (;;) {
    const step = await nextStep(conversation, timeoutMs);
    const data = step.callbackQuery?.data;
    if (data === `pub:cancel:${articleId}`) {
      await step.answerCallbackQuery();
      return finish(conversation, step, "Cancelled; nothing was changed.");
    }
    let messageId: number | null;
    if (data === `pub:nolink:${articleId}`) {
      await step.answerCallbackQuery();
      messageId = null;
    } else if (step.message?.text !== undefined) {
      const parsed = parsePostLink(channelId, step.message.text);
      if (parsed === undefined) {
        await step.reply(`That is not a link to a post in ${channelId} (it looks like ${postLink(channelId, 123)}). Send the post's link, or press Without link.`);
        continue;
      }
      messageId = parsed;
    } else {
      await notTheAnswer(step, "Send the post's link, or press Without link.");
      continue;
    }
    const done = await conversation.external((outer) => {
      if (!isAdmin(outer)) return "Only the channel's admins can do that.";
      return channelOf(outer)
        .publisher.markPosted(articleId, messageId, outer.from?.id ?? 0)
        .then(async (result) =>
          result.ok
            ? `Recorded as posted${messageId !== null ? ` (${postLink(channelId, messageId)}); corrections will edit it` : "; without its link, corrections cannot edit it"}.`
            : `Not changed: it is ${await stateText(outer, articleId)} now.`,
        );
    });
    return finish(conversation, step, done);
  }
}
