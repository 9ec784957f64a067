import { Composer } from "grammy";
import { answerQuestion } from "../../answer-topics";
import { html } from "../../render/html";
import { currentArticle, type BriefingContext } from "../context";
import { replyWithAnswer } from "../reply";

/** Plain questions in a private chat: the best-fitting answer, or a pointer to /help, never silence. */
export const questionsFeature = new Composer<BriefingContext>();

questionsFeature
  .chatType("private")
  .on("message:text")
  .filter((ctx) => !ctx.msg.text.startsWith("/"))
  .use(async (ctx) => {
    const answer = answerQuestion(ctx.briefing.library(), currentArticle(ctx), ctx.msg.text.slice(0, 500));
    await replyWithAnswer(
      ctx,
      answer ?? {
        blocks: [html`I can only answer from the article, and I found nothing for that. Try “who attended?”, a name, or /help.`],
      },
    );
  });

/** Anything else sent privately (an unknown command, a sticker, a photo) gets a short pointer. */
questionsFeature.chatType("private").on("message", (ctx) =>
  replyWithAnswer(ctx, {
    blocks: [
      ctx.msg.text?.startsWith("/")
        ? html`I don't know that command. /help lists what I can do.`
        : html`I read text only. Ask a question, or send /help.`,
    ],
  }),
);
