import { SyncComposer } from "../sync-composer";
import { answerQuotes, answerTopic, answerWho } from "../../answering/answer-topics";
import { parseDeepLink } from "../../answering/deep-link";
import { html } from "../../render/html";
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
    const linked = link.articleId !== undefined ? library.byId.get(link.articleId) : undefined;
    if (linked && ctx.chat) ctx.briefing.chatArticles.set(ctx.chat.id, linked.id);
    await replyWithAnswer(ctx, answerTopic(link.topic, linked ?? currentArticle(ctx)));
    return;
  }
  const welcome = renderWelcome(currentArticle(ctx).headline);
  if (payload !== "") welcome.blocks.unshift(html`That link did not point to an answer I know, so here is where to start.`);
  await replyWithAnswer(ctx, welcome);
});

commands.command("help", (ctx) => replyWithAnswer(ctx, renderHelp(ctx.me.username)));

const topicCommands = [
  ["summary", "summary"],
  ["attendees", "attendees"],
  ["agenda", "agenda"],
  ["topics", "agenda"],
  ["source", "source"],
] as const;
for (const [command, topic] of topicCommands) {
  commands.command(command, (ctx) => replyWithAnswer(ctx, answerTopic(topic, currentArticle(ctx))));
}

commands.command("quotes", (ctx) =>
  replyWithAnswer(ctx, answerQuotes(ctx.briefing.library(), currentArticle(ctx), ctx.match)),
);

commands.command("who", (ctx) =>
  replyWithAnswer(ctx, answerWho(ctx.briefing.library(), currentArticle(ctx), ctx.match)),
);
