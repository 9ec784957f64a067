import type { Context } from "grammy";
import { localeForLanguageCode } from "../i18n/locale";
import { languageOf, type Language } from "../i18n/translate";
import type { BriefingContext } from "./context";
import type { LanguageFlavor } from "./reader-language";

/** A channel admin: their id is in ADMIN_IDS (checked on every update, callbacks included, and again at every step that changes anything). */
export function isChannelAdmin(ctx: BriefingContext): boolean {
  return ctx.from !== undefined && ctx.briefing.channel?.adminIds.has(ctx.from.id) === true;
}

/**
 * The language /publish, /status and their buttons speak to this admin: the
 * reader's language the bot's middleware settled (their /language choice, else
 * their Telegram `language_code`), or the `language_code` alone for a context
 * the middleware has not seen. It reaches /publish too: the conversation asks
 * this of the outer context, which has every middleware's work on it.
 */
export function adminLanguage(ctx: Context & Partial<Pick<LanguageFlavor, "language">>): Language {
  return ctx.language ?? languageOf(localeForLanguageCode(ctx.from?.language_code));
}
