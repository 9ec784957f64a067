import { SyncComposer } from "../sync-composer";
import { isLibraryEmpty } from "../../library/library";
import { htmlToText } from "../../render/html";
import { languageOf } from "../../i18n/translate";
import type { BriefingContext } from "../context";
import { commandList } from "../../render/command-list";
import { replyWithAnswer } from "../reply";

/** What a reader is told while there is no live article (a new outlet, before its feed brings one), in English. */
export const NO_ARTICLE_YET = htmlToText(languageOf("en").t("error-no-article-yet").value);

/**
 * While the library is empty (an empty CONTENT_DIR, or drafts only), readers
 * get a polite word instead of an answer, and inline mode offers nothing
 * (no error). /help still answers; admins' commands run before this.
 */
export const noArticlesFeature = new SyncComposer<BriefingContext>();

const empty = noArticlesFeature.filter((ctx) => isLibraryEmpty(ctx.briefing.library()));

empty.on("inline_query", (ctx) => ctx.answerInlineQuery([], { cache_time: 10, is_personal: false }));
empty.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: htmlToText(ctx.language.t("error-no-article-yet").value), show_alert: true }));
const readerCommands = ["start", ...commandList.map((entry) => entry.command).filter((command) => command !== "help")];
empty.command(readerCommands, (ctx) => replyWithAnswer(ctx, { blocks: [ctx.language.t("error-no-article-yet")] }));
// A plain question in a private chat; in groups the bot only answers what is addressed to it.
empty
  .chatType("private")
  .on("message:text")
  .filter((ctx) => !ctx.msg.text.startsWith("/"))
  .use((ctx) => replyWithAnswer(ctx, { blocks: [ctx.language.t("error-no-article-yet")] }));
