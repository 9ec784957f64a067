import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import { escapeHtml, SafeHtml } from "../render/html";

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

/** A value a message may carry: text is escaped, `SafeHtml` kept, numbers and dates formatted by Fluent for the language. */
export type MessageValue = string | number | Date | SafeHtml;

/** One message from the catalogs in one language, as HTML: the catalog's markup is trusted, every value escaped. */
export type Translate = (key: string, values?: Readonly<Record<string, MessageValue>>) => SafeHtml;

const directory = fileURLToPath(new URL("../../locales", import.meta.url));

/**
 * grammY's i18n plugin over `locales/*.ftl`. Its middleware gives handlers
 * `ctx.i18n`; everything else (the channel, inline answers, the demo) asks
 * `translator` for a language. No bidi isolation marks: Telegram shows them.
 */
export const i18n = new I18n({ defaultLocale: "en", directory, fluentBundleOptions: { useIsolating: false } });

/** The catalogs' `Translate` for one language. */
export function translator(locale: Locale): Translate {
  return (key, values) => {
    const prepared: Record<string, string | number | Date> = {};
    for (const [name, value] of Object.entries(values ?? {})) {
      prepared[name] = value instanceof SafeHtml ? value.value : typeof value === "string" ? escapeHtml(value) : value;
    }
    return new SafeHtml(i18n.t(locale, key, prepared));
  };
}
