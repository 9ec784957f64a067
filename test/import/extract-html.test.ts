import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/content/load-content";
import { draftArticle, ImportError } from "../../src/import/draft-article";
import { extractHtml } from "../../src/import/extract-html";
import { writeDraftYaml } from "../../src/import/write-draft-yaml";

const page = await readFile(join(import.meta.dirname, "../fixtures/import/baku-page.html"), "utf8");

describe("a news page's HTML", () => {
  it("gives the headline, date, outlet and canonical URL from the meta tags, and the main text's paragraphs", () => {
    const article = extractHtml(page);
    expect(article).toMatchObject({
      headline: "Council of CIS Defense Ministers meets in hospitable land of Azerbaijan",
      date: "2019-10-30",
      outlet: "Vestnik Kavkaza",
      url: "https://vestnikkavkaza.net/news/Council-of-CIS-Defense-Ministers-held-in-hospitable-land-of-Azerbaijan.html",
    });
    expect(article.body).toHaveLength(4);
    // A line break inside a paragraph is a space, as a browser shows it; menus and footers are left out.
    expect(article.body[1]).toContain("Andrei Ravkov, Kazakh defense minister");
    expect(article.body.join(" ")).not.toMatch(/Most read|Follow us/);
  });

  it("drafts a file that loads with no problem and needs no URL, date or outlet filled in", () => {
    const draft = draftArticle({ text: page, format: "html" });
    expect(draft.article.people.map((p) => p.name)).toContain("Rayimberdi Duishenbiev");
    expect(draft.checks.map((c) => c.path)).not.toEqual(expect.arrayContaining(["url"]));
    expect(draft.checks.map((c) => c.path)).not.toContain("date");
    expect(parseArticle(writeDraftYaml(draft.article, draft.checks), ".yaml").problems).toEqual([]);
  });

  it("splits a page set in <div>s and <br>s at its line breaks", () => {
    const html = `<html><head><title>Talks</title></head><body><div class="story">Minister Ivan Petrov said on Monday that the talks in Minsk had been long and useful.<br>He added that the next round would be held in Astana later this year, with all delegations.<br>"We will meet again," he said, as the ministers left the hall at the end of the second day.</div></body></html>`;
    expect(extractHtml(html).body).toEqual([
      "Minister Ivan Petrov said on Monday that the talks in Minsk had been long and useful.",
      "He added that the next round would be held in Astana later this year, with all delegations.",
      '"We will meet again," he said, as the ministers left the hall at the end of the second day.',
    ]);
  });

  it("refuses a page with no article text", () => {
    expect(() => draftArticle({ text: "<html><body><nav><a href='/'>Home</a></nav></body></html>", format: "html" })).toThrow(ImportError);
  });
});
