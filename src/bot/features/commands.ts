import { SyncComposer } from "../sync-composer";
import { answerQuotes, answerTopic, answerWho } from "../../answering/answer-topics";
import { parseDeepLink } from "../../answering/deep-link";
import { localiseArticle } from "../../content/localise-article";
import { renderHelp, renderWelcome } from "../../render/render-help";
import { currentArticle, type BriefingContext } from "../context";
import { replyWithAnswer } from "../reply";

/** The chat commands: /start (with deep links), /help and one command per answer. */
export const commandsFeature = new SyncComposer<BriefingContext>();

// Every update passes through here: one check sends all but commands on their way, rather than one per command.
const commands = commandsFeature.on(":entities:bot_command");

commands.command("start", async (ctx) => {
  const payload = ctx.match.trim();
  const link = payload === "" ? undefined : parseDeepLink(payload);
  if (link) {
    const library = ctx.briefing.library();
    const linked = link.articleId !== undefined ? library.article(link.articleId) : undefined;
    if (linked && ctx.chat) ctx.briefing.chatArticles.set(ctx.chat.id, linked.id);
    await replyWithAnswer(ctx, answerTopic(link.topic, linked ?? currentArticle(ctx), ctx.language));
    return;
  }
  const welcome = renderWelcome(localiseArticle(currentArticle(ctx), ctx.language.locale).headline, ctx.language);
  if (payload !== "") welcome.blocks.unshift(ctx.language.t("welcome-bad-link"));
  await replyWithAnswer(ctx, welcome);
});

commands.command("help", (ctx) => replyWithAnswer(ctx, renderHelp(ctx.me.username, ctx.language)));

const topicCommands = [
  ["summary", "summary"],
  ["attendees", "attendees"],
  ["agenda", "agenda"],
  ["topics", "agenda"],
  ["source", "source"],
] as const;
for (const [command, topic] of topicCommands) {
  commands.command(command, (ctx) => replyWithAnswer(ctx, answerTopic(topic, currentArticle(ctx), ctx.language)));
}

commands.command("quotes", (ctx) =>
  replyWithAnswer(ctx, answerQuotes(ctx.briefing.library(), currentArticle(ctx), ctx.match, ctx.language)),
);

commands.command("who", (ctx) =>
  replyWithAnswer(ctx, answerWho(ctx.briefing.library(), currentArticle(ctx), ctx.match, ctx.language)),
);
