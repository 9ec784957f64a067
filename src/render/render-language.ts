import type { InlineKeyboardButton } from "grammy/types";
import { locales } from "../i18n/locale";
import { languageOf, type Language } from "../i18n/translate";
import { languageButton } from "./callback-data";
import { htmlToText } from "./html";
import type { Answer } from "./render-article";

/** The buttons of /language: each language named in itself, the current one ticked. */
export function languageKeyboard(current: Language): InlineKeyboardButton[][] {
  return [
    locales.map((locale) => {
      const name = htmlToText(languageOf(locale).t("language-name").value);
      return { text: locale === current.locale ? `✓ ${name}` : name, callback_data: languageButton.format(locale) };
    }),
  ];
}

/** /language: which language the bot speaks to this reader, and the buttons to change it. */
export function renderLanguageChoice(language: Language): Answer {
  return { blocks: [language.t("language-prompt")], keyboard: languageKeyboard(language) };
}
