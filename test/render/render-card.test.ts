import { describe, expect, it } from "vitest";
import { bundledCardFonts, CARD_HEIGHT, CARD_WIDTH, cardContent, renderCardPng } from "../../src/render/render-card";
import type { Article } from "../../src/content/article-schema";
import { loadRealArticles } from "../support/test-bot";

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const russian = { headline: "Совет министров обороны СНГ собрался на гостеприимной земле Азербайджана", dateline: "Баку, Азербайджан · 30 октября 2019", outlet: "Вестник Кавказа" };
/** Without the Cyrillic subsets, every Cyrillic letter falls back to the font's missing-glyph box. */
const latinOnly = () => bundledCardFonts(["latin"]);

describe("the summary card", () => {
  it("renders the Baku article as a 1200×630 PNG with its headline, place and date, and outlet", async () => {
    const [real] = (await loadRealArticles()) as [Article];
    expect(cardContent(real)).toEqual({ headline: real.headline, dateline: "Baku, Azerbaijan · 30 October 2019", outlet: "Vestnik Kavkaza" });
    const png = await renderCardPng(cardContent(real));
    expect(pngSize(png)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
    // Well under Telegram's 10 MB for a photo; text drawn, not a blank card.
    expect(png.length).toBeGreaterThan(15_000);
    expect(png.length).toBeLessThan(200_000);
  });

  it("draws Cyrillic headlines with real glyphs, not the missing-glyph boxes", { timeout: 30_000 }, async () => {
    const card = await renderCardPng(russian);
    expect(pngSize(card)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
    expect(card.length).toBeGreaterThan(15_000);
    // A render whose font lacks Cyrillic shows boxes: the card must not look like it.
    expect(card.equals(await renderCardPng(russian, latinOnly()))).toBe(false);
    // What boxes look like: two different words of the same length render the same without the glyphs, and differently with them.
    const word = (headline: string) => ({ headline, dateline: "Баку", outlet: "Вестник" });
    expect((await renderCardPng(word("Жжжж"), latinOnly())).equals(await renderCardPng(word("Дддд"), latinOnly()))).toBe(true);
    expect((await renderCardPng(word("Жжжж"))).equals(await renderCardPng(word("Дддд")))).toBe(false);
  });

  it("speaks the channel's language: the editor's Russian headline and place, the date as Russians write it", async () => {
    const [real] = (await loadRealArticles()) as [Article];
    expect(cardContent(real, "ru")).toEqual({
      headline: "Совет министров обороны СНГ собрался на гостеприимной земле Азербайджана",
      dateline: "Баку, Азербайджан · 30 октября 2019 г.",
      outlet: "Vestnik Kavkaza",
    });
    // An article without a Russian translation keeps its own words; the date is still Russian.
    const untranslated = { ...real, translations: undefined };
    expect(cardContent(untranslated, "ru")).toEqual({ headline: real.headline, dateline: "Baku, Azerbaijan · 30 октября 2019 г.", outlet: "Vestnik Kavkaza" });
  });

  it("shortens a headline too long for the card at a word, with an ellipsis", async () => {
    const [real] = (await loadRealArticles()) as [Article];
    const headline = `${real.headline}, ${"and the ministers went on talking about many things ".repeat(4).trim()}`;
    const content = cardContent({ ...real, headline });
    expect(content.headline.length).toBeLessThanOrEqual(160);
    expect(content.headline.endsWith("…")).toBe(true);
    expect(headline.startsWith(content.headline.slice(0, -1))).toBe(true);
  });
});
