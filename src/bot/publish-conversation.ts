import type { Conversation } from "@grammyjs/conversations";
import { InputFile, type Context } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { ChannelDeps } from "../channel/channel-deps";
import { renderChannelPost } from "../channel/channel-post";
import { parsePostLink, postLink } from "../channel/post-link";
import { parsePublishTime, publishTimeFormats } from "../channel/publish-time";
import { describeChannelState, formatTime, renderPublishChoice, renderPublishList } from "../channel/render-channel-admin";
import type { Locale } from "../i18n/locale";
import { languageOf, type Language, type MessageValue } from "../i18n/translate";
import { publishButton } from "../render/callback-data";
import { html, htmlToText, packMessages, type SafeHtml } from "../render/html";
import { describeError } from "../base/describe-error";
import { adminLanguage, isChannelAdmin } from "./admin-chat";
import type { BriefingContext } from "./context";
import { replyWithMessages } from "./reply";

export type PublishConversation = Conversation<BriefingContext, Context>;

/** A message as plain data: what `conversation.external` may return (it is stored as JSON between updates). */
interface Message {
  texts: string[];
  keyboard?: InlineKeyboardButton[][];
}

const message = (blocks: SafeHtml[], keyboard?: InlineKeyboardButton[][]): Message => ({ texts: packMessages(blocks), keyboard });

const send = (ctx: Context, { texts, keyboard }: Message): Promise<void> => replyWithMessages(ctx, texts, keyboard);

/** One sentence from the catalogue, sent as HTML. */
const say = (ctx: Context, { t }: Language, key: string, values?: Readonly<Record<string, MessageValue>>): Promise<void> =>
  replyWithMessages(ctx, packMessages([t(key, values)]));

/** One sentence from the catalogue as plain text: a button's answer (a toast) is not HTML. */
const plain = ({ t }: Language, key: string, values?: Readonly<Record<string, MessageValue>>): string => htmlToText(t(key, values).value);

function channelOf(ctx: BriefingContext): ChannelDeps {
  const channel = ctx.briefing.channel;
  if (!channel) throw new Error("/publish without a channel");
  return channel;
}

/** Tells the admin their /publish was closed for waiting too long. */
export function timeoutNotice({ t }: Language, timeoutMs: number): SafeHtml {
  return t("publish-timed-out", { minutes: Math.round(timeoutMs / 60_000) });
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
    if (found.closed) await ctx.api.sendMessage(chatId, timeoutNotice(adminLanguage(ctx), channel.publishTimeoutMs).value, { parse_mode: "HTML" });
    else if (found.checkAt !== undefined) schedule(found.checkAt - Date.now());
  };
  const schedule = (delayMs: number) => {
    const timer = setTimeout(() => {
      check().catch((error: unknown) => logger.warn({ error: describeError(error), chatId }, "could not close an admin's idle /publish, or tell them"));
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
async function nextStep(conversation: PublishConversation, language: Language, timeoutMs: number): Promise<Context> {
  await conversation.external((outer) => armPublishTimeout(outer));
  const before = await conversation.now();
  const ctx = await conversation.wait();
  const after = await conversation.now();
  const command = ctx.message?.text?.startsWith("/") === true;
  if (after - before > timeoutMs) {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: plain(language, "publish-timed-out-button") });
    await replyWithMessages(ctx, packMessages([timeoutNotice(language, timeoutMs)]));
    await conversation.halt({ next: command });
  }
  if (command) {
    if (!/^\/publish(@\w+)?(\s|$)/.test(ctx.message?.text ?? "")) await say(ctx, language, "publish-closed");
    await conversation.halt({ next: true });
  }
  return ctx;
}

/** An update that is not an answer to the question asked: a button from an older message, or text where a button was wanted. */
async function notTheAnswer(ctx: Context, language: Language, hintKey: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: plain(language, "publish-earlier-button") });
  else await say(ctx, language, hintKey);
}

/** The last word of a /publish: its timer stopped, then the message (packed plain data, or a key of the catalogue). */
async function finish(conversation: PublishConversation, ctx: Context, language: Language, last: Message | string): Promise<void> {
  await conversation.external((outer) => disarmPublishTimeout(outer));
  await send(ctx, typeof last === "string" ? message([language.t(last)]) : last);
}

/**
 * /publish, for an admin in a private chat: the articles with their state;
 * the chosen one's post exactly as it will appear in the channel; then Post
 * now, Schedule (asks for a time) or Cancel. For an uncertain post: Post again
 * or Mark as posted (asks for the post's link).
 */
export async function publishConversation(conversation: PublishConversation, ctx: Context): Promise<void> {
  // The admin's language, read from the outer context (where the bot's middleware ran) and kept in the conversation's state.
  const setup = await conversation.external(async (outer) => {
    const channel = channelOf(outer);
    const locale: Locale = adminLanguage(outer).locale;
    const list = renderPublishList(languageOf(locale), await channel.publisher.status());
    return { locale, timeoutMs: channel.publishTimeoutMs, list: message(list.blocks, list.keyboard) };
  });
  const language = languageOf(setup.locale);
  const { timeoutMs } = setup;
  await send(ctx, setup.list);
  if (!setup.list.keyboard) return finish(conversation, ctx, language, "publish-nothing-to-do");

  let articleId: string | undefined;
  while (articleId === undefined) {
    const step = await nextStep(conversation, language, timeoutMs);
    const press = publishButton.parse(step.callbackQuery?.data);
    if (press?.action === "cancel" && press.id === undefined) {
      await step.answerCallbackQuery();
      return finish(conversation, step, language, "publish-cancelled");
    }
    if (press?.action === "pick") {
      await step.answerCallbackQuery();
      articleId = press.id;
    } else {
      await notTheAnswer(step, language, "publish-choose-article");
    }
  }
  const chosen = articleId;

  const preview = await conversation.external(async (outer) => {
    const channel = channelOf(outer);
    const status = (await channel.publisher.status()).find((s) => s.articleId === chosen);
    const article = status?.article && outer.briefing.library().article(chosen);
    if (!status || !article) return undefined;
    const choice = renderPublishChoice(language, status);
    const post = renderChannelPost(article, outer.me.username, { at: Date.now(), ...(channel.language ? { language: channel.language } : {}) });
    // With CHANNEL_CARD, the card and its caption, sent here once: a photo is not kept in the conversation's state.
    let sentAsPhoto = false;
    const png = await channel.card?.(article).catch((error: unknown) => {
      outer.briefing.logger.warn({ error: describeError(error), articleId: chosen }, "could not draw the summary card for a preview");
      return undefined;
    });
    if (png && outer.chat) {
      await outer.api.sendPhoto(outer.chat.id, new InputFile(png, "card.png"), { caption: post.text, parse_mode: "HTML", reply_markup: { inline_keyboard: post.keyboard } });
      sentAsPhoto = true;
    }
    return { post, sentAsPhoto, url: article.url, headline: article.headline, choice: message(choice.blocks, choice.keyboard) };
  });
  if (!preview) return finish(conversation, ctx, language, "publish-article-gone");
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
    const step = await nextStep(conversation, language, timeoutMs);
    const press = publishButton.parse(step.callbackQuery?.data);
    if (!press || press.id !== chosen || press.action === "pick" || press.action === "nolink") {
      await notTheAnswer(step, language, "publish-use-buttons");
      continue;
    }
    await step.answerCallbackQuery();
    switch (press.action) {
      case "cancel":
        return finish(conversation, step, language, "publish-cancelled");
      case "now": {
        const done = await conversation.external(async (outer) => {
          if (!isChannelAdmin(outer)) return { ok: false, reply: message([language.t("publish-admins-only")]) };
          const channel = channelOf(outer);
          const result = await channel.publisher.postNow(chosen, outer.from?.id ?? 0);
          return result.ok
            ? { ok: true, reply: message([language.t("publish-on-its-way", { channel: channel.channelId, headline: preview.headline })]) }
            : { ok: false, reply: message([language.t("publish-not-posted", { state: await stateOf(outer, language, chosen) })]) };
        });
        await finish(conversation, step, language, done.reply);
        if (done.ok) await conversation.external((outer) => channelOf(outer).publisher.dispatch(chosen));
        return;
      }
      case "schedule":
        return scheduleStep(conversation, step, language, chosen, preview.headline, timeoutMs);
      case "mark":
        return markPostedStep(conversation, step, language, chosen, timeoutMs);
    }
  }
}

/** An article's state now, in a sentence (`Not posted: it is … now.`). */
async function stateOf(outer: BriefingContext, language: Language, articleId: string): Promise<SafeHtml> {
  const status = (await channelOf(outer).publisher.status()).find((s) => s.articleId === articleId);
  return status ? describeChannelState(language, status) : language.t("publish-state-gone");
}

async function scheduleStep(conversation: PublishConversation, ctx: Context, language: Language, articleId: string, headline: string, timeoutMs: number): Promise<void> {
  const { t, locale } = language;
  const cancelData = publishButton.format({ action: "cancel", id: articleId });
  await send(ctx, message([t("publish-schedule-question", { formats: publishTimeFormats(language) })], [[{ text: plain(language, "publish-button-cancel"), callback_data: cancelData }]]));
  for (;;) {
    const step = await nextStep(conversation, language, timeoutMs);
    const press = publishButton.parse(step.callbackQuery?.data);
    if (press?.action === "cancel" && press.id === articleId) {
      await step.answerCallbackQuery();
      return finish(conversation, step, language, "publish-cancelled");
    }
    const text = step.message?.text;
    if (text === undefined) {
      await notTheAnswer(step, language, "publish-time-as-text");
      continue;
    }
    const parsed = parsePublishTime(text, await conversation.now(), language);
    if (!parsed.ok) {
      await send(step, message([html`${parsed.problem}`]));
      continue;
    }
    const done = await conversation.external(async (outer) => {
      if (!isChannelAdmin(outer)) return message([t("publish-admins-only")]);
      const result = await channelOf(outer).publisher.schedule(articleId, parsed.at, outer.from?.id ?? 0);
      return message([
        result.ok
          ? t("publish-scheduled", { headline, at: formatTime(parsed.at, locale) })
          : t("publish-not-scheduled", { state: await stateOf(outer, language, articleId) }),
      ]);
    });
    return finish(conversation, step, language, done);
  }
}

async function markPostedStep(conversation: PublishConversation, ctx: Context, language: Language, articleId: string, timeoutMs: number): Promise<void> {
  const { t } = language;
  const channelId = await conversation.external((outer) => channelOf(outer).channelId);
  await send(
    ctx,
    message(
      [t("publish-link-question")],
      [
        [
          { text: plain(language, "publish-button-without-link"), callback_data: publishButton.format({ action: "nolink", id: articleId }) },
          { text: plain(language, "publish-button-cancel"), callback_data: publishButton.format({ action: "cancel", id: articleId }) },
        ],
      ],
    ),
  );
  for (;;) {
    const step = await nextStep(conversation, language, timeoutMs);
    const press = publishButton.parse(step.callbackQuery?.data);
    if (press?.action === "cancel" && press.id === articleId) {
      await step.answerCallbackQuery();
      return finish(conversation, step, language, "publish-cancelled");
    }
    let messageId: number | null;
    if (press?.action === "nolink" && press.id === articleId) {
      await step.answerCallbackQuery();
      messageId = null;
    } else if (step.message?.text !== undefined) {
      const parsed = parsePostLink(channelId, step.message.text);
      if (parsed === undefined) {
        await say(step, language, "publish-link-wrong", { channel: channelId, example: postLink(channelId, 123) });
        continue;
      }
      messageId = parsed;
    } else {
      await notTheAnswer(step, language, "publish-link-as-text");
      continue;
    }
    const done = await conversation.external(async (outer) => {
      if (!isChannelAdmin(outer)) return message([t("publish-admins-only")]);
      const result = await channelOf(outer).publisher.markPosted(articleId, messageId, outer.from?.id ?? 0);
      if (!result.ok) return message([t("publish-not-marked", { state: await stateOf(outer, language, articleId) })]);
      return message([messageId !== null ? t("publish-marked-with-link", { link: postLink(channelId, messageId) }) : t("publish-marked-without-link")]);
    });
    return finish(conversation, step, language, done);
  }
}
