import { I18n, type I18nFlavor } from "@grammyjs/i18n";
import type { Context, MiddlewareFn } from "grammy";
import { localeForLanguageCode, type Locale } from "../i18n/locale";
import { i18nOptions, languageOf, type Language } from "../i18n/translate";
import type { ReaderLanguageStore } from "./reader-languages";

/** What the language middleware puts on every context: the reader's language and its catalog. */
export interface LanguageFlavor extends I18nFlavor {
  /** The language this update is answered in (English when there is no one to ask, as for a channel post). */
  language: Language;
}

type LanguageContext = Context & LanguageFlavor;

/** The language of whoever sent the update: their /language choice, else their Telegram `language_code`. */
function negotiate(ctx: LanguageContext, store: ReaderLanguageStore): Locale | PromiseLike<Locale> {
  const userId = ctx.from?.id;
  const stored = userId === undefined ? undefined : store.get(userId);
  // The store answers from memory almost always: no promise, no await, for those updates.
  if (stored instanceof Promise) return stored.then((locale) => settle(ctx, locale));
  return settle(ctx, stored as Locale | undefined);
}

function settle(ctx: LanguageContext, stored: Locale | undefined): Locale {
  const locale = stored ?? localeForLanguageCode(ctx.from?.language_code);
  ctx.language = languageOf(locale);
  return locale;
}

/**
 * grammY's i18n plugin with the bot's locale negotiation: handlers get
 * `ctx.language` (the catalog that escapes values, see `Translate`) and the
 * plugin's `ctx.i18n` (`renegotiateLocale()` after a /language choice).
 * `store` is asked through `storeOf(ctx)`: the bot's dependencies, which a
 * conversation's context gets only when passed to it.
 */
export function readerLanguage<C extends Context>(storeOf: (ctx: C) => ReaderLanguageStore): MiddlewareFn<C & LanguageFlavor> {
  const plugin = new I18n<C & LanguageFlavor>({
    ...i18nOptions,
    localeNegotiator: (ctx) => negotiate(ctx, storeOf(ctx)),
  });
  return plugin.middleware();
}
