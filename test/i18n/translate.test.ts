import { readFileSync } from "node:fs";
import { FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { localeForLanguageCode, locales } from "../../src/i18n/locale";
import { i18n, translator } from "../../src/i18n/translate";
import { SafeHtml } from "../../src/render/html";

describe("the reader's language", () => {
  it("is Russian for Russian and the CIS languages, English for the rest", () => {
    expect(["ru", "ru-RU", "uk", "be", "kk", "ky", "uz", "tg", "az"].map(localeForLanguageCode)).toEqual(Array(9).fill("ru"));
    expect(["en", "en-GB", "de", "hy", "ka", undefined].map(localeForLanguageCode)).toEqual(Array(6).fill("en"));
  });
});

describe("translator", () => {
  it("reads each language's catalog", () => {
    expect(translator("en")("language-name").value).toBe("English");
    expect(translator("ru")("language-name").value).toBe("Русский");
  });

  it("gives every message of both catalogues as grammY's i18n plugin gives it, values escaped, a missing one as the plugin does", () => {
    const when = new Date(2019, 9, 30, 12);
    for (const locale of locales) {
      const t = translator(locale);
      const source = readFileSync(`locales/${locale}.ftl`, "utf8");
      const keys = new FluentResource(source).body.map((message) => message.id);
      expect(keys.length).toBeGreaterThan(100);
      for (const key of keys) {
        const block = new RegExp(`^${key}\\s*=[\\s\\S]*?(?=^[a-zA-Z][\\w-]*\\s*=|(?![\\s\\S]))`, "m").exec(source)?.[0] ?? "";
        const names = [...new Set([...block.matchAll(/\$([a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? ""))];
        // Text with markup to escape, a number for plurals, a date where the message formats one.
        for (const variant of [0, 1]) {
          const values = Object.fromEntries(names.map((name) => [name, name === "date" ? when : variant === 0 ? 3 : `<b>${name}</b> & co`]));
          const expected = (() => {
            try {
              const prepared = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === "string" ? value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") : value]));
              return i18n.t(locale, key, prepared);
            } catch (error) {
              return `throws ${String(error)}`;
            }
          })();
          const got = (() => {
            try {
              return t(key, values).value;
            } catch (error) {
              return `throws ${String(error)}`;
            }
          })();
          expect(got, `${locale} ${key}`).toBe(expected);
        }
      }
      expect(t("language-name", { unused: new SafeHtml("<i>x</i>") }).value).toBe(locale === "en" ? "English" : "Русский");
      expect(t("no-such-message").value).toBe("{no-such-message}");
    }
  });
});
