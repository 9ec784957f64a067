import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article-schema";
import { loadContent } from "../../src/content/load-content";
import { createSearchIndex, searchArticles, type SearchHit, type SearchIndex } from "../../src/search/search-articles";

let article: Article;
let index: SearchIndex;

beforeAll(async () => {
  const content = await loadContent("test/fixtures/baku");
  if (!content.ok) throw new Error(content.problems.join("\n"));
  article = content.articles.find((a) => a.id === "cis-defense-ministers-baku-2019") as Article;
  index = createSearchIndex([article]);
});

/** What a reader would see of a hit: its kind and the name or words it stands for. */
function describeHit(hit: SearchHit, articles: readonly Article[] = [article]): { kind: string; text: string } {
  const a = articles.find((candidate) => candidate.id === hit.articleId);
  if (!a) throw new Error(`hit in unknown article ${hit.articleId}`);
  const target = hit.target;
  const text = (() => {
    switch (target.kind) {
      case "article":
        return a.headline;
      case "person":
        return a.people.find((p) => p.id === target.personId)?.name;
      case "statement":
        return a.statements[target.index]?.text;
      case "agenda":
        return a.agenda[target.index]?.text;
      case "happening":
        return a.happenings[target.index]?.text;
      case "place":
        return a.places.find((p) => p.id === target.placeId)?.name;
      case "absence":
        return a.attendance.absent[target.index]?.who;
    }
  })();
  if (text === undefined) throw new Error(`hit ${hit.id} points at nothing`);
  return { kind: target.kind, text };
}

function top(query: string): { kind: string; text: string } | undefined {
  const hit = searchArticles(index, query).hits[0];
  return hit && describeHit(hit);
}

type Expected = { kind: "person" | "place" | "absence" | "article"; is: string } | { kind: "statement" | "agenda" | "happening"; contains: string };

const person = (is: string): Expected => ({ kind: "person", is });
const quote = (contains: string): Expected => ({ kind: "statement", contains });
const agenda = (contains: string): Expected => ({ kind: "agenda", contains });
const happening = (contains: string): Expected => ({ kind: "happening", contains });
const place = (is: string): Expected => ({ kind: "place", is });

const headline = "Council of CIS Defense Ministers meets in hospitable land of Azerbaijan";

/** Query → what must come first. */
const table: [query: string, expected: Expected][] = [
  // Every person by each spelling the article uses, by surname, and by a typo.
  ["Sergei Shoigu", person("Sergei Shoigu")],
  ["Sergey Shoygu", person("Sergei Shoigu")],
  ["shoygu", person("Sergei Shoigu")],
  ["shoigu", person("Sergei Shoigu")],
  ["shoig", person("Sergei Shoigu")],
  ["shoigy", person("Sergei Shoigu")],
  ["Sergey Lebedev", person("Sergey Lebedev")],
  ["Lebedev", person("Sergey Lebedev")],
  ["levedev", person("Sergey Lebedev")],
  ["lebedv", person("Sergey Lebedev")],
  ["leb", person("Sergey Lebedev")],
  ["Andrei Ravkov", person("Andrei Ravkov")],
  ["ravkof", person("Andrei Ravkov")],
  ["Nurlan Yermekbayev", person("Nurlan Yermekbayev")],
  ["yermekbaev", person("Nurlan Yermekbayev")],
  ["Bakhodir Kurbanov", person("Bakhodir Kurbanov")],
  ["kurbanof", person("Bakhodir Kurbanov")],
  ["Mirzo Sherali", person("Mirzo Sherali")],
  ["sheralli", person("Mirzo Sherali")],
  ["Rayimberdi Duishenbiev", person("Rayimberdi Duishenbiev")],
  ["duishenbaev", person("Rayimberdi Duishenbiev")],
  // Roles and organisations.
  ["chief of the general staff", person("Rayimberdi Duishenbiev")],
  ["executive secretary", person("Sergey Lebedev")],
  ["CIS Executive Committee", person("Sergey Lebedev")],
  // Countries by name and by adjective; the absent one.
  ["Russia", person("Sergei Shoigu")],
  ["russian", person("Sergei Shoigu")],
  ["Belarus", person("Andrei Ravkov")],
  ["kazakh", person("Nurlan Yermekbayev")],
  ["Kazakhstan", person("Nurlan Yermekbayev")],
  ["uzbek", person("Bakhodir Kurbanov")],
  ["Uzbekistan", person("Bakhodir Kurbanov")],
  ["tajik", person("Mirzo Sherali")],
  ["Tajikistan", person("Mirzo Sherali")],
  ["kyrgyz", person("Rayimberdi Duishenbiev")],
  ["Kyrgyzstan", person("Rayimberdi Duishenbiev")],
  ["armenia", { kind: "absence", is: "Armenia" }],
  ["Azerbaijan", { kind: "article", is: headline }],
  // Every agenda item.
  ["multilateral interaction", agenda("multilateral interaction of the CIS member states")],
  ["2025", agenda("Concept of Military Cooperation of the CIS Member States until 2025")],
  ["concept of military cooperation", agenda("Concept of Military Cooperation")],
  ["training officers", agenda("training officers for the armed forces")],
  ["Great Patriotic War", agenda("75th anniversary of the Victory")],
  ["other important areas", agenda("other important areas in the field of military cooperation")],
  // Every statement by a phrase of it.
  ["invitation to hold a meeting", quote("an invitation to hold a meeting in the hospitable land")],
  ["policy of dictatorship", quote("continue the policy of dictatorship")],
  ["coordination of steps", quote("coordination of steps and cooperation with relevant bodies")],
  ["factors for maintaining the security", quote("one of the important factors for maintaining the security")],
  ["It is deplorable", quote("It is deplorable that since our last meeting in Anapa city")],
  ["weapons in outer space", quote("attempts to deploy weapons in outer space continue")],
  ["NATO military infrastructure", quote("The deployment of NATO military infrastructure")],
  ["principled position", quote("the principled position to strengthen cooperation")],
  ["practical activities of the council", quote("the practical activities of the CIS Council of Defense Ministers")],
  ["more than 20 issues on the agenda", quote("The inclusion of more than 20 issues on the agenda")],
  // What happened, places, the article itself.
  ["Alley of Martyrs", happening("visited the Alley of Martyrs")],
  ["wreath", happening("laid a wreath at the Eternal Flame monument")],
  ["Baku", place("Baku")],
  ["anapa", place("Anapa")],
  ["Ashgabat", place("Ashgabat")],
  ["moscow", place("Moscow")],
  ["Vestnik Kavkaza", { kind: "article", is: headline }],
  // Kinds of things; what the article marks as key comes first among them.
  ["absent", { kind: "absence", is: "Armenia" }],
  ["agenda", agenda("the Concept of Military Cooperation of the CIS Member States until 2025")],
  ["quote", quote("It is deplorable")],
  ["lebedev nato", quote("The deployment of NATO military infrastructure")],
  // Cyrillic.
  ["Шойгу", person("Sergei Shoigu")],
  ["Лебедев", person("Sergey Lebedev")],
  ["Равков", person("Andrei Ravkov")],
  ["Ермекбаев", person("Nurlan Yermekbayev")],
  ["Курбанов", person("Bakhodir Kurbanov")],
  ["Шерали", person("Mirzo Sherali")],
  ["Дуйшенбиев", person("Rayimberdi Duishenbiev")],
  ["Армения", { kind: "absence", is: "Armenia" }],
  ["Баку", place("Baku")],
  ["Москве", place("Moscow")],
  ["Ашхабад", place("Ashgabat")],
  ["Россия", person("Sergei Shoigu")],
  ["казахский министр", person("Nurlan Yermekbayev")],
  // Case and diacritics, invisible characters.
  ["LEBEDEV", person("Sergey Lebedev")],
  ["Lébédev", person("Sergey Lebedev")],
  ["ШОЙГУ", person("Sergei Shoigu")],
  ["Lebe\u200Bdev", person("Sergey Lebedev")],
];

describe("searchArticles: what comes first", () => {
  it.each(table)("%s", (query, expected) => {
    const found = top(query);
    expect(found?.kind).toBe(expected.kind);
    if ("is" in expected) expect(found?.text).toBe(expected.is);
    else expect(found?.text).toContain(expected.contains);
  });

  it.each(["pizza recipe", "zzzz", "qwxv", "the of and", "🍕🍕", "?!...", "s"])("finds nothing for %j", (query) => {
    expect(searchArticles(index, query)).toEqual({ hits: [], total: 0 });
  });
});

describe("searchArticles: ranking", () => {
  it("puts a person's card first and then everything they said", () => {
    const { hits } = searchArticles(index, "lebedev");
    const lebedevsStatements = article.statements.filter((s) => s.speaker === "lebedev").length;
    expect(describeHit(hits[0] as SearchHit)).toEqual({ kind: "person", text: "Sergey Lebedev" });
    const next = hits.slice(1, 1 + lebedevsStatements);
    expect(next.map((hit) => hit.target.kind)).toEqual(Array(lebedevsStatements).fill("statement"));
    for (const hit of next) {
      const statement = hit.target.kind === "statement" ? article.statements[hit.target.index] : undefined;
      expect(statement?.speaker).toBe("lebedev");
    }
  });

  it("puts the person who matches the whole name before one who shares a first name", () => {
    const kinds = searchArticles(index, "sergey lebedev").hits.filter((hit) => hit.target.kind === "person");
    expect(kinds.map((hit) => describeHit(hit).text)).toEqual(["Sergey Lebedev", "Sergei Shoigu"]);
  });

  it("ranks ties by the newer article, whatever order the articles come in", () => {
    const newer: Article = { ...article, id: "cis-defense-ministers-baku-2020", date: "2020-10-30" };
    for (const articles of [[article, newer], [newer, article]]) {
      const { hits } = searchArticles(createSearchIndex(articles), "lebedev");
      expect(hits.slice(0, 2).map((hit) => [hit.articleId, hit.target])).toEqual([
        [newer.id, { kind: "person", personId: "lebedev" }],
        [article.id, { kind: "person", personId: "lebedev" }],
      ]);
      expect(hits[0]?.score).toBe(hits[1]?.score);
    }
  });

  it("can be limited to one article and some kinds", () => {
    const newer: Article = { ...article, id: "cis-defense-ministers-baku-2020", date: "2020-10-30" };
    const both = createSearchIndex([article, newer]);
    const { hits, total } = searchArticles(both, "sergey", { articleId: article.id, kinds: ["person"] });
    expect(total).toBe(2);
    expect(hits.every((hit) => hit.articleId === article.id && hit.target.kind === "person")).toBe(true);
    expect(hits.map((hit) => describeHit(hit).text).sort()).toEqual(["Sergei Shoigu", "Sergey Lebedev"]);
    expect(searchArticles(both, "sergey", { articleId: "no-such-article" })).toEqual({ hits: [], total: 0 });
  });
});

describe("searchArticles: paging and ids", () => {
  it("pages through the ranked list with offset and limit; total counts every hit", () => {
    const all = searchArticles(index, "cis", { limit: 100 });
    expect(all.total).toBe(all.hits.length);
    expect(all.total).toBeGreaterThan(10);
    const pages = [0, 5, 10, 15].map((offset) => searchArticles(index, "cis", { offset, limit: 5 }));
    for (const page of pages) expect(page.total).toBe(all.total);
    expect(pages.flatMap((page) => page.hits)).toEqual(all.hits);
    expect(searchArticles(index, "cis", { offset: all.total, limit: 5 })).toEqual({ hits: [], total: all.total });
    expect(searchArticles(index, "cis", { limit: 0 }).hits).toEqual([]);
  });

  it("returns 50 hits unless told otherwise", () => {
    const many = createSearchIndex(
      Array.from({ length: 10 }, (_, i) => ({ ...article, id: `copy-${i}`, date: `2019-10-${10 + i}` })),
    );
    const { hits, total } = searchArticles(many, "cis");
    expect(hits).toHaveLength(50);
    expect(total).toBeGreaterThan(50);
  });

  it("gives every searchable thing a unique, stable id of at most 64 ASCII bytes, even for a 40-character article id", () => {
    const longId = "a".repeat(40);
    expect(longId).toHaveLength(40);
    const articles = [article, { ...article, id: longId, people: article.people.map((p) => ({ ...p, id: `${p.id}-${"x".repeat(40 - p.id.length - 1)}` })) }];
    // Every word of the article as a query reaches every searchable thing in it.
    const words = [...new Set([article.headline, ...article.body].join(" ").split(/[^\p{L}\p{N}]+/u))];
    const everything = (idx: SearchIndex) => words.flatMap((query) => searchArticles(idx, query, { limit: 1000 }).hits);
    const hits = everything(createSearchIndex(articles));
    const targetOfId = new Map<string, string>();
    for (const hit of hits) {
      expect(hit.id).toMatch(/^[\x21-\x7e]+$/);
      expect(Buffer.byteLength(hit.id)).toBeLessThanOrEqual(64);
      const target = JSON.stringify([hit.articleId, hit.target]);
      expect(targetOfId.get(hit.id) ?? target).toBe(target);
      targetOfId.set(hit.id, target);
    }
    expect(new Set(targetOfId.values()).size).toBe(targetOfId.size);
    // Every person, statement, agenda item, happening, place and absence of both articles, and both articles.
    const perArticle = 1 + article.people.length + article.statements.length + article.agenda.length + article.happenings.length + article.places.length + article.attendance.absent.length;
    expect(targetOfId.size).toBe(2 * perArticle);
    // Stable: a new index over the same articles gives the same ids.
    expect(everything(createSearchIndex([...articles].reverse())).map((hit) => hit.id).sort()).toEqual(hits.map((hit) => hit.id).sort());
  });

  it("refuses two articles with the same id", () => {
    expect(() => createSearchIndex([article, article])).toThrow(/two articles have the id/);
  });
});

describe("searchArticles: hostile queries", () => {
  const hostile = [
    "<script>alert(1)</script>",
    "'; DROP TABLE articles; --",
    "a".repeat(256),
    "ш".repeat(256),
    "lebedev ".repeat(32),
    "\u202Eveděbel\u202C",
    "\u200B\u200C\u200D\uFEFF",
    "\uD800\uDFFF\uD800",
    "\u0000\u0001\u001F",
    "👩‍👩‍👧‍👦".repeat(20),
    "Z̴̢̛a̵l̸g̶o̷ ̸t̵e̴x̷t̸",
    "ـــــ العربية עברית",
    "%00%0a${jndi:ldap://x}",
  ];

  it.each(hostile)("answers %j without throwing", (query) => {
    const result = searchArticles(index, query);
    expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
  });

  it("still finds a name among noise", () => {
    expect(describeHit(searchArticles(index, "🍕 lebedev 🍕").hits[0] as SearchHit).text).toBe("Sergey Lebedev");
  });

  it("never throws on any string of up to 256 characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 256 }), fc.nat(60), fc.nat(60), (query, offset, limit) => {
        const result = searchArticles(index, query, { offset, limit });
        return result.hits.length <= limit && result.total >= result.hits.length;
      }),
      { numRuns: 300 },
    );
  });
});
