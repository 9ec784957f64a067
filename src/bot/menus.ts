import type { Api } from "grammy";
import type { Logger } from "pino";
import { locales } from "../i18n/locale";
import { languageOf } from "../i18n/translate";
import { htmlToText } from "../render/html";
import { describeError } from "../base/describe-error";
import { commandsIn } from "../render/command-list";

/**
 * What Telegram shows before a reader writes anything, in each language: the
 * command menu, the bot's description (the empty chat) and short description
 * (its profile and shared links). English is the default, for every language
 * without its own; Russian is set for `language_code: "ru"` (Telegram has no
 * fallback from uk, kk... to ru: those readers see English until they write,
 * then the bot answers them in Russian). A refusal is logged: the bot works
 * without its menus.
 */
export async function registerMenus(api: Api, logger: Logger): Promise<void> {
  const calls = locales.flatMap((locale): Array<[string, typeof locale, () => Promise<unknown>]> => {
    const language = languageOf(locale);
    const scope = locale === "en" ? {} : { language_code: locale };
    return [
      ["command menu", locale, () => api.setMyCommands(commandsIn(language), scope)],
      ["description", locale, () => api.setMyDescription(htmlToText(language.t("bot-description").value), scope)],
      ["short description", locale, () => api.setMyShortDescription(htmlToText(language.t("bot-short-description").value), scope)],
    ];
  });
  // All at once: they are independent, and start-up waits for them.
  await Promise.all(
    calls.map(async ([what, locale, call]) => {
      try {
        await call();
      } catch (error) {
        logger.warn({ error: describeError(error), locale }, `could not register the ${what}; going on without it`);
      }
    }),
  );
}
