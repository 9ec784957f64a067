import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { I18n } from "@grammyjs/i18n";
import { escapeHtml, SafeHtml } from "../render/html";
import type { Locale } from "./locale";

/** A value a message may carry: text is escaped, `SafeHtml` kept, numbers and dates formatted by Fluent for the language. */
export type MessageValue = string | number | Date | SafeHtml;

/** One message from the catalogues in one language, as HTML: the catalogue's markup is trusted, every value escaped. */
export type Translate = (key: string, values?: Readonly<Record<string, MessageValue>>) => SafeHtml;

const directory = fileURLToPath(new URL("../../locales", import.meta.url));

/**
 * The catalogues' settings over `locales/*.ftl`, in one place: grammY's i18n plugin and
 * `translator`'s bundles both take them. No bidi isolation marks: Telegram shows them.
 */
export const i18nOptions = { defaultLocale: "en", directory, fluentBundleOptions: { useIsolating: false } } as const;

/** The catalogues for everything answered without a reader's context (the channel, notices, the demo): see `translator`. */
export const i18n = new I18n(i18nOptions);

/**
 * One language's catalogue as a Fluent bundle of its own, read once, with `i18nOptions`'
 * settings. `i18n.t` negotiates the locale against every catalogue on each call, which costs
 * several times what formatting the message does (an inline page renders dozens); a reader's
 * locale is one of the catalogues already.
 */
function bundleOf(locale: Locale): FluentBundle {
  const bundle = new FluentBundle(locale, i18nOptions.fluentBundleOptions);
  const errors = bundle.addResource(new FluentResource(readFileSync(join(directory, `${locale}.ftl`), "utf8")));
  if (errors.length > 0) throw new Error(`locales/${locale}.ftl: ${errors.map(String).join("; ")}`);
  return bundle;
}

const bundles = new Map<Locale, FluentBundle>();

/** The catalogues' `Translate` for one language. */
export function translator(locale: Locale): Translate {
  let bundle = bundles.get(locale);
  if (bundle === undefined) {
    bundle = bundleOf(locale);
    bundles.set(locale, bundle);
  }
  const own = bundle;
  return (key, values) => {
    const prepared: Record<string, string | number | Date> = {};
    if (values !== undefined) {
      for (const [name, value] of Object.entries(values)) {
        prepared[name] = value instanceof SafeHtml ? value.value : typeof value === "string" ? escapeHtml(value) : value;
      }
    }
    const message = own.getMessage(key);
    // A message this catalogue lacks (or an attribute, `key.attr`) goes the plugin's way: its fallback to English, its warning.
    if (message?.value == null) return new SafeHtml(i18n.t(locale, key, prepared));
    return new SafeHtml(own.formatPattern(message.value, prepared));
  };
}

/** A reader's language and its catalogue: what every answer is rendered with. */
export interface Language {
  locale: Locale;
  t: Translate;
}

const languages = new Map<Locale, Language>();

/** The `Language` for a locale (one per locale, made once). */
export function languageOf(locale: Locale): Language {
  let language = languages.get(locale);
  if (language === undefined) {
    language = { locale, t: translator(locale) };
    languages.set(locale, language);
  }
  return language;
}
