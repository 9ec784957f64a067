import { SyncComposer } from "../sync-composer";
import { answerQuestion } from "../../answering/answer-topics";
import { currentArticle, type BriefingContext } from "../context";
import { replyWithAnswer } from "../reply";

/** Plain questions in a private chat: the answer first, then the evidence; a pointer to /help for what cannot be placed; never silence. */
export const questionsFeature = new SyncComposer<BriefingContext>();

questionsFeature
  .chatType("private")
  .on("message:text")
  .filter((ctx) => !ctx.msg.text.startsWith("/"))
  .use(async (ctx) => {
    await replyWithAnswer(ctx, answerQuestion(ctx.briefing.library(), currentArticle(ctx), ctx.msg.text.slice(0, 500), ctx.language));
  });

/** Anything else sent privately (an unknown command, a sticker, a photo) gets a short pointer. */
questionsFeature.chatType("private").on("message", (ctx) =>
  replyWithAnswer(ctx, {
    blocks: [
      ctx.language.t(ctx.msg.text?.startsWith("/") ? "error-unknown-command" : "error-text-only"),
    ],
  }),
);
