import { SyncComposer } from "../sync-composer";
import { isLocale } from "../../i18n/locale";
import { htmlToText } from "../../render/html";
import type { BriefingContext } from "../context";
import { replyWithAnswer } from "../reply";
import { languageButton } from "../../render/callback-data";
import { renderLanguageChoice } from "../../render/render-language";
import { chooseLanguage } from "../reader-language";

/** /language: the reader chooses English or Russian; the choice is kept for every chat and every instance. */
export const languageFeature = new SyncComposer<BriefingContext>();

languageFeature.command("language", (ctx) => replyWithAnswer(ctx, renderLanguageChoice(ctx.language)));

languageFeature.callbackQuery(languageButton.pattern, async (ctx) => {
  const chosen = ctx.match[1];
  if (!isLocale(chosen)) {
    await ctx.answerCallbackQuery({ text: htmlToText(ctx.language.t("error-stale-button").value) });
    return;
  }
  await ctx.briefing.readerLanguages.set(ctx.from.id, chosen);
  chooseLanguage(ctx, chosen);
  await ctx.answerCallbackQuery({ text: htmlToText(ctx.language.t("language-chosen").value) });
  await replyWithAnswer(ctx, { blocks: [ctx.language.t("language-chosen-more")] });
});
