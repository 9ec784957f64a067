import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/content/content-problem";
import { parseArticle } from "../../src/content/load-content";
import { localiseArticle, translatedPairs } from "../../src/content/localise-article";

const baku = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");

/** The Baku article with `from` replaced by `to` once: line numbers stay those of the fixture. */
function bakuWith(from: string | RegExp, to: string): string {
  const changed = baku.replace(from, to);
  expect(changed, `the fixture has ${String(from)}`).not.toBe(baku);
  return changed;
}

function problemsOf(text: string): string[] {
  const parsed = parseArticle(text, ".yaml");
  expect(parsed.article).toBeUndefined();
  return parsed.problems.map((problem) => formatProblem({ file: "a.yaml", ...problem }));
}

function article(text = baku) {
  const parsed = parseArticle(text, ".yaml");
  if (!parsed.article) throw new Error(parsed.problems.map((p) => p.message).join("\n"));
  return parsed.article;
}

describe("translations in the article file", () => {
  it("the model article carries the editor's Russian and is checked as it was", () => {
    const a = article();
    expect(a.language).toBe("en");
    expect(a.translations?.ru?.people?.["shoigu"]?.name).toBe("Сергей Шойгу");
    expect(a.translations?.ru?.people?.["lebedev"]?.name).toBe("Сергей Лебедев");
  });

  it("a translation of a field that does not exist is an error on its line", () => {
    expect(problemsOf(bakuWith("    headline: Совет", "    headlin: Совет"))).toEqual([
      'a.yaml:169:5: translations.ru.headlin: is not a field here; did you mean "headline"?',
    ]);
    expect(problemsOf(bakuWith("      shoigu: { name: Сергей Шойгу", "      shoygu: { name: Сергей Шойгу"))).toEqual([
      'a.yaml:173:15: translations.ru.people.shoygu: "shoygu" is not among the article\'s people; did you mean "shoigu"?',
    ]);
    expect(problemsOf(bakuWith("      5: другие", "      7: другие"))).toEqual([
      "a.yaml:196:10: translations.ru.agenda.7: agenda item 7 does not exist (the article has 5)",
    ]);
    expect(problemsOf(bakuWith("role: министр обороны, country: Казахстан", "role: министр обороны, organisation: СНГ"))).toEqual([
      "a.yaml:175:83: translations.ru.people.yermekbayev.organisation: translates yermekbayev's organisation, which the article does not give",
    ]);
    expect(problemsOf(bakuWith("      ravkov: { name: Андрей Равков,", "      ravkov: { aliases: [Равков], name: Андрей Равков,"))).toEqual([
      "a.yaml:174:17: translations.ru.people.ravkov.aliases: is not a field here",
    ]);
  });

  it("translating a quote or an excerpt is refused with the reason", () => {
    expect(problemsOf(bakuWith("    absent:\n      1: Армения", "    statements:\n      - Это прискорбно"))).toEqual([
      "a.yaml:198:7: translations.ru.statements: statements cannot be translated: quotes and excerpts stay in the article's own words",
    ]);
  });

  it("a translation into the article's own language is an error", () => {
    expect(problemsOf(bakuWith("translations:\n  ru:", "translations:\n  en:"))).toEqual([
      "a.yaml:169:5: translations.en: the article is written in en (its language field): a translation into en has nothing to translate",
    ]);
  });

  it("provenance keeps applying to the original", () => {
    expect(problemsOf(bakuWith("    name: Sergei Shoigu", "    name: Сергей Шойгу"))).toEqual([
      'a.yaml:29:11: people[shoigu].name: "Сергей Шойгу" does not appear in the body',
    ]);
  });
});

describe("localiseArticle", () => {
  const a = article();

  it("gives a Russian reader the translations and the quotes verbatim", () => {
    const ru = localiseArticle(a, "ru");
    expect(ru.headline).toBe("Совет министров обороны СНГ собрался на гостеприимной земле Азербайджана");
    expect(ru.people.map((p) => p.name)).toEqual([
      "Сергей Шойгу",
      "Андрей Равков",
      "Нурлан Ермекбаев",
      "Баходир Курбанов",
      "Мирзо Шерали",
      "Райымберди Дуйшенбиев",
      "Сергей Лебедев",
    ]);
    expect(ru.people[0]?.country).toBe("Россия");
    expect(ru.agenda[1]?.text).toBe("Концепция военного сотрудничества государств — участников СНГ на период до 2025 года");
    expect(ru.attendance.absent[0]).toEqual({ who: "Армения", text: "Armenia refused to attend the Baku summit.", paragraph: 2 });
    expect(ru.places.map((p) => p.name)).toEqual(["Баку", "Анапа", "Ашхабад", "Москва"]);
    expect(ru.statements).toBe(a.statements);
    expect(ru.body).toBe(a.body);
    expect(ru.happenings).toBe(a.happenings);
    // Ids stay: links and references work in every language.
    expect(ru.people.map((p) => p.id)).toEqual(a.people.map((p) => p.id));
  });

  it("keeps the original where the editor gave no translation", () => {
    const partial = article(bakuWith("      sherali: { name: Мирзо Шерали, role: министр обороны, country: Таджикистан }\n", ""));
    const ru = localiseArticle(partial, "ru");
    expect(ru.people.find((p) => p.id === "sherali")).toBe(partial.people.find((p) => p.id === "sherali"));
    expect(ru.outlet).toBe("Vestnik Kavkaza");
  });

  it("is the article itself in its own language, and the same object every time", () => {
    expect(localiseArticle(a, "en")).toBe(a);
    expect(localiseArticle(a, "ru")).toBe(localiseArticle(a, "ru"));
  });

  it("pairs each original with its translation", () => {
    const pairs = translatedPairs(a, "ru");
    expect(pairs).toContainEqual(["Sergei Shoigu", "Сергей Шойгу"]);
    expect(pairs).toContainEqual(["Sergey Shoygu", "Сергей Шойгу"]);
    expect(pairs).toContainEqual(["Levedev", "Сергей Лебедев"]);
    expect(translatedPairs(a, "en")).toEqual([]);
  });
});
