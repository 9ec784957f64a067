import { describe, expect, it } from "vitest";
import { renderArticleList } from "../../src/render/render-article-list";
import { renderPublishList } from "../../src/channel/render-channel-admin";
import { languageOf } from "../../src/i18n/translate";
import { shortenText } from "../../src/render/shorten-text";
import type { Article } from "../../src/content/article-schema";
import { summariseArticle } from "../../src/content/article-summary";
import { loadRealArticles } from "../support/test-bot";

const quote =
  "It is deplorable that since our last meeting in Anapa city, the situation in the world hasn’t changed for the better. There is still high conflict potential in international relations";

describe("shortenText", () => {
  it("leaves text that fits alone (spaces tidied)", () => {
    expect(shortenText("Port  reopens", 20)).toBe("Port reopens");
  });

  it("cuts at the last sentence end that keeps half the room, with an ellipsis instead of the full stop", () => {
    expect(shortenText(quote, 150, "clause")).toBe("It is deplorable that since our last meeting in Anapa city, the situation in the world hasn’t changed for the better…");
  });

  it("falls back to a clause, then to a word, never mid-word", () => {
    expect(shortenText(quote, 100, "clause")).toBe("It is deplorable that since our last meeting in Anapa city…");
    expect(shortenText(quote, 40, "clause")).toBe("It is deplorable that since our last…");
    expect(shortenText("Council of CIS Defense Ministers meets in hospitable land of Azerbaijan", 64)).toBe("Council of CIS Defense Ministers meets in hospitable land of…");
  });

  it("cuts one overlong word, but never inside a surrogate pair", () => {
    expect(shortenText("Supercalifragilistic", 8)).toBe("Superca…");
    const cut = shortenText(`abcdef${"😀".repeat(5)}`, 8);
    expect(cut.length).toBeLessThanOrEqual(8);
    expect(cut).toBe("abcdef…");
  });
});

describe("button labels", () => {
  it("in /articles and /publish are cut at a word with an ellipsis", async () => {
    const [real] = (await loadRealArticles()) as [Article];
    const long = { ...real, id: "long", headline: `${real.headline} and in the city of Baku, capital of the republic` };
    const list = renderArticleList([long, real], "long");
    expect(list.keyboard?.[0]?.[0]?.text).toBe("✓ Council of CIS Defense Ministers meets in hospitable land of…");
    // The Baku headline itself is 72 characters: it was cut "…hospitable land of A".
    expect(list.keyboard?.[1]?.[0]?.text).toBe("Council of CIS Defense Ministers meets in hospitable land of…");
    expect(renderArticleList([{ ...real, headline: "Port reopens" }], "x").keyboard?.[0]?.[0]?.text).toBe("Port reopens");
    const publish = renderPublishList(languageOf("en"), [{ articleId: "long", article: summariseArticle(long), state: "waiting" }]);
    const label = publish.keyboard?.[0]?.[0]?.text ?? "";
    expect(label.length).toBeLessThanOrEqual(64);
    expect(label).toBe("Council of CIS Defense Ministers meets in hospitable land of…");
  });
});
