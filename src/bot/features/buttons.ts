import { SyncComposer } from "../sync-composer";
import { answerPerson, answerTopic, isTopic } from "../../answering/answer-topics";
import { localiseArticle } from "../../content/localise-article";
import { articleButton, topicButton, whoButton } from "../../render/callback-data";
import { htmlToText } from "../../render/html";
import { renderArticleList } from "../../render/render-article-list";
import { currentArticle, type BriefingContext } from "../context";
import { replyWithAnswer } from "../reply";

/** /articles and the inline buttons: choose an article, open a topic, open a person's card. */
export const buttonsFeature = new SyncComposer<BriefingContext>();

buttonsFeature.command("articles", (ctx) =>
  replyWithAnswer(ctx, renderArticleList(ctx.briefing.library().articles, currentArticle(ctx).id, ctx.language)),
);

/** A press on a message the bot cannot answer in (an inline message in someone else's chat): no chat to reply to. */
buttonsFeature.on("callback_query").filter(
  (ctx) => ctx.chat === undefined,
  (ctx) => ctx.answerCallbackQuery({ text: notice(ctx, "error-open-chat") }),
);

// One check sends every other update on its way, rather than one per kind of button.
const buttons = buttonsFeature.on("callback_query");

buttons.callbackQuery(articleButton.pattern, async (ctx) => {
  const article = ctx.briefing.library().article(articleButton.parse(ctx.callbackQuery.data) ?? "");
  if (!article || !ctx.chat) {
    await ctx.answerCallbackQuery({ text: notice(ctx, "error-article-gone") });
    return;
  }
  ctx.briefing.chatArticles.set(ctx.chat.id, article.id);
  const { headline } = localiseArticle(article, ctx.language.locale);
  await ctx.answerCallbackQuery({ text: notice(ctx, "articles-now", { headline }).slice(0, 200) });
  await replyWithAnswer(ctx, answerTopic("summary", article, ctx.language));
});

buttons.callbackQuery(topicButton.pattern, async (ctx) => {
  const topic = topicButton.parse(ctx.callbackQuery.data) ?? "";
  if (!isTopic(topic)) {
    await ctx.answerCallbackQuery({ text: notice(ctx, "error-stale-button") });
    return;
  }
  await ctx.answerCallbackQuery();
  await replyWithAnswer(ctx, answerTopic(topic, currentArticle(ctx), ctx.language));
});

buttons.callbackQuery(whoButton.pattern, async (ctx) => {
  const article = currentArticle(ctx);
  const person = article.people.find((p) => p.id === whoButton.parse(ctx.callbackQuery.data));
  if (!person) {
    await ctx.answerCallbackQuery({ text: notice(ctx, "error-person-gone") });
    return;
  }
  await ctx.answerCallbackQuery();
  await replyWithAnswer(ctx, answerPerson(article, person, ctx.language));
});

/** Any other button (stale or forged data, or none) gets told so, never a silent spinner. */
buttons.use((ctx) => ctx.answerCallbackQuery({ text: notice(ctx, "error-stale-button") }));

/** A catalog message as a button's notification: plain text. */
function notice(ctx: BriefingContext, key: string, values?: Record<string, string>): string {
  return htmlToText(ctx.language.t(key, values).value);
}
