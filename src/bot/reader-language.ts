import type { Context, MiddlewareFn } from "grammy";
import { localeForLanguageCode, type Locale } from "../i18n/locale";
import { languageOf, type Language } from "../i18n/translate";
import type { ReaderLanguageStore } from "./reader-languages";

/** What the language middleware puts on every context: the reader's language and its catalog. */
export interface LanguageFlavor {
  /** The language this update is answered in (English when there is no one to ask, as for a channel post). */
  language: Language;
}

/** The language of whoever sent the update: their /language choice, else their Telegram `language_code`. */
function languageFor(ctx: Context, stored: Locale | undefined): Language {
  return languageOf(stored ?? localeForLanguageCode(ctx.from?.language_code));
}

/**
 * Sets `ctx.language` from `store` (asked through `storeOf(ctx)`: the bot's dependencies, which
 * a conversation's context gets only when passed to it), then runs `next`. The store answers
 * from memory almost always: then the language is settled at once, with no promise, no
 * closure and nothing else put on the context, since this runs for every update.
 * (`@grammyjs/i18n`'s middleware, used before, made five closures, a `defineProperty` and
 * three awaits per update for a `ctx.i18n` and `ctx.t` that nothing here reads: answers are
 * rendered with `ctx.language.t`.)
 */
export function readerLanguage<C extends Context & LanguageFlavor>(storeOf: (ctx: C) => ReaderLanguageStore): MiddlewareFn<C> {
  return (ctx, next) => {
    const userId = ctx.from?.id;
    const stored = userId === undefined ? undefined : storeOf(ctx).get(userId);
    if (stored instanceof Promise) {
      return stored.then((locale) => {
        ctx.language = languageFor(ctx, locale);
        return next();
      });
    }
    ctx.language = languageFor(ctx, stored);
    return next();
  };
}

/** After a /language choice: `ctx.language` becomes the chosen one for the rest of this update. */
export function chooseLanguage(ctx: Context & LanguageFlavor, locale: Locale): void {
  ctx.language = languageOf(locale);
}
