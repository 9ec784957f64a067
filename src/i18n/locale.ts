/** The languages the bot speaks; English is the default. */
export const locales = ["en", "ru"] as const;
export type Locale = (typeof locales)[number];

/** Telegram language codes whose readers get Russian: Russian itself and the languages of the CIS audience who read it. */
const russianReaders = new Set(["ru", "uk", "be", "kk", "ky", "uz", "tg", "az"]);

/** The language for a Telegram `language_code` (`ru-RU`, `uk`, `en-GB`...): Russian for the CIS, English otherwise. */
export function localeForLanguageCode(languageCode: string | undefined): Locale {
  const base = languageCode?.toLowerCase().split(/[-_]/)[0];
  return base !== undefined && russianReaders.has(base) ? "ru" : "en";
}

/** Whether a stored or typed value is one of the bot's languages. */
export function isLocale(value: unknown): value is Locale {
  return (locales as readonly unknown[]).includes(value);
}
