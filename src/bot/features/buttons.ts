import { SyncComposer } from "../sync-composer";
import { answerPerson, answerTopic, isTopic } from "../../answering/answer-topics";
import { renderArticleList } from "../../render/render-article-list";
import { currentArticle, type BriefingContext } from "../context";
import { replyWithAnswer } from "../reply";

/** /articles and the inline buttons: choose an article, open a topic, open a person's card. */
export const buttonsFeature = new SyncComposer<BriefingContext>();

buttonsFeature.command("articles", (ctx) =>
  replyWithAnswer(ctx, renderArticleList(ctx.briefing.library().articles, currentArticle(ctx).id)),
);

/** A press on a message the bot cannot answer in (an inline message in someone else's chat): no chat to reply to. */
buttonsFeature.on("callback_query").filter(
  (ctx) => ctx.chat === undefined,
  (ctx) => ctx.answerCallbackQuery({ text: "Open a chat with me to see this: send me /help." }),
);

// One check sends every other update on its way, rather than one per kind of button.
const buttons = buttonsFeature.on("callback_query");

buttons.callbackQuery(/^article:([a-z0-9-]{1,40})$/, async (ctx) => {
  const article = ctx.briefing.library().byId.get(ctx.match[1] ?? "");
  if (!article || !ctx.chat) {
    await ctx.answerCallbackQuery({ text: "That article is no longer here. Send /articles for the current list." });
    return;
  }
  ctx.briefing.chatArticles.set(ctx.chat.id, article.id);
  await ctx.answerCallbackQuery({ text: `Now asking about: ${article.headline}`.slice(0, 200) });
  await replyWithAnswer(ctx, answerTopic("summary", article));
});

buttons.callbackQuery(/^topic:([a-z]{1,20})$/, async (ctx) => {
  const topic = ctx.match[1] ?? "";
  if (!isTopic(topic)) {
    await ctx.answerCallbackQuery({ text: "This button no longer works. Send /help." });
    return;
  }
  await ctx.answerCallbackQuery();
  await replyWithAnswer(ctx, answerTopic(topic, currentArticle(ctx)));
});

buttons.callbackQuery(/^who:([a-z0-9-]{1,40})$/, async (ctx) => {
  const article = currentArticle(ctx);
  const person = article.people.find((p) => p.id === ctx.match[1]);
  if (!person) {
    await ctx.answerCallbackQuery({ text: "That person is not in the current article. Send /who with a name." });
    return;
  }
  await ctx.answerCallbackQuery();
  await replyWithAnswer(ctx, answerPerson(article, person));
});

/** Any other button (stale or forged data, or none) gets told so, never a silent spinner. */
buttons.use((ctx) =>
  ctx.answerCallbackQuery({ text: "This button no longer works. Send /help." }),
);
