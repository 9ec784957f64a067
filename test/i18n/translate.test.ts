import { describe, expect, it } from "vitest";
import { localeForLanguageCode } from "../../src/i18n/locale";
import { translator } from "../../src/i18n/translate";

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
});

