import fc from "fast-check";
import MiniSearch from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import { describe, expect, it } from "vitest";
import { generateArticles } from "../../bench/generate-articles";
import { normaliseTerm } from "../../src/search/normalise-term";
import { createTermIndex, fuzzyTerms, topDocuments, topDocumentsFromHeads, type QueryWord } from "../../src/search/term-index";

const tokenize = MiniSearch.getDefault("tokenize") as (text: string) => string[];
const analyser = { tokenize, normalise: normaliseTerm };

describe("topDocuments", () => {
  // A corpus where many terms count as common, so that the heads are used a lot.
  const articles = generateArticles(120, 11);
  const documents = articles.flatMap((article) => [
    ...article.people.map((person) => [person.name, person.role]),
    ...article.statements.map((statement) => ["", statement.text]),
    ...article.agenda.map((item) => ["", item.text]),
  ]);
  const index = createTermIndex(documents, [3, 1], analyser, { commonAt: 60, headAtLeast: 8 });
  const vocabulary = [...new Set(documents.flatMap((fields) => fields.flatMap((text) => tokenize(text))))]
    .flatMap((token) => normaliseTerm(token) ?? [])
    .sort();
  const queryWord = fc.record({
    keys: fc.constantFrom(...vocabulary).map((key) => [key]),
    prefix: fc.boolean(),
    fuzzy: fc.constantFrom(0, 0, 1, 2),
  });

  it("has common terms in this corpus", () => {
    expect(index.commonTerms.size).toBeGreaterThan(20);
  });

  it("answers from the heads exactly what visiting every posting answers, whenever it can prove it", () => {
    let proved = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(queryWord, { minLength: 1, maxLength: 4 }), fc.constantFrom(1, 5, 20, 50), (words: QueryWord[], k) => {
        runs++;
        const everyPosting = topDocuments(index, words, k, undefined, "every-posting");
        const fromHeads = topDocumentsFromHeads(index, words, k);
        if (fromHeads !== undefined) {
          proved++;
          expect(fromHeads).toEqual(everyPosting);
        }
        expect(topDocuments(index, words, k)).toEqual(everyPosting);
      }),
      { numRuns: 400, seed: 20191030 },
    );
    // Not a vacuous check: most queries of common words are answered from the heads.
    expect(proved / runs).toBeGreaterThan(0.3);
  });

  it("proves its answer from the heads alone for most queries of common words", () => {
    const commonest = [...index.commonTerms.keys()]
      .sort((a, b) => (index.termStart[b + 1] as number) - (index.termStart[b] as number) - ((index.termStart[a + 1] as number) - (index.termStart[a] as number)))
      .slice(0, 8)
      .map((term) => index.sortedTerms[term] as string);
    const queries = [...commonest.map((key) => [key]), ...commonest.slice(1).map((key) => [commonest[0] as string, key])];
    let proved = 0;
    for (const keys of queries) {
      const words = keys.map((key) => ({ keys: [key], prefix: false, fuzzy: 0 }));
      const everyPosting = topDocuments(index, words, 5, undefined, "every-posting");
      // More documents match than the head holds, so a proof is the bound at work.
      const head = index.commonTerms.get(index.terms.get(keys[0] as string) as number)?.headDocs.length ?? 0;
      expect(everyPosting.total).toBeGreaterThan(head);
      const fromHeads = topDocumentsFromHeads(index, words, 5);
      if (fromHeads === undefined) continue; // e.g. ties at the head's edge: then every posting is visited
      proved++;
      expect(fromHeads).toEqual(everyPosting);
    }
    expect(proved).toBeGreaterThanOrEqual(queries.length / 3);
  });

  it("ranks by words matched, then score, then document number", () => {
    const words: QueryWord[] = ["securiti", "cooperation", "militari"].map((key) => ({ keys: [key], prefix: false, fuzzy: 0 }));
    const { top, total } = topDocuments(index, words, 200, undefined, "every-posting");
    expect(total).toBeGreaterThanOrEqual(top.length);
    for (let i = 1; i < top.length; i++) {
      const [a, b] = [top[i - 1], top[i]];
      if (!a || !b) continue;
      const inOrder = a.matchedWords > b.matchedWords || (a.matchedWords === b.matchedWords && (a.score > b.score || (a.score === b.score && a.doc < b.doc)));
      expect(inOrder).toBe(true);
    }
  });
});

describe("fuzzyTerms", () => {
  const articles = generateArticles(200, 3);
  const vocabulary = [
    ...new Set(
      articles
        .flatMap((article) => [article.headline, article.event, ...article.people.map((person) => `${person.name} ${person.role}`), ...article.statements.map((statement) => statement.text)])
        .flatMap((text) => tokenize(text))
        .flatMap((token) => normaliseTerm(token) ?? []),
    ),
  ].sort();
  const tree = new SearchableMap<number>();
  vocabulary.forEach((term, id) => tree.set(term, id));
  /** A word near the vocabulary: one of its terms with up to three letters changed, added or dropped. */
  const nearWord = fc
    .tuple(fc.constantFrom(...vocabulary), fc.array(fc.tuple(fc.nat(20), fc.constantFrom("a", "e", "i", "k", "z", ""), fc.boolean()), { maxLength: 3 }))
    .map(([term, edits]) =>
      edits.reduce((word, [at, letter, insert]) => {
        const i = at % (word.length + 1);
        return insert ? word.slice(0, i) + letter + word.slice(i) : word.slice(0, i) + letter + word.slice(i + 1);
      }, term),
    )
    .filter((word) => word.length > 0);

  it("finds what MiniSearch's radix tree finds, at the same distances", () => {
    let found = 0;
    fc.assert(
      fc.property(nearWord, fc.constantFrom(1, 2), (word, maxDistance) => {
        const expected = [...tree.fuzzyGet(word, maxDistance)].map(([, [id, distance]]) => [id, distance]).sort((a, b) => (a[0] as number) - (b[0] as number));
        const actual = fuzzyTerms(vocabulary, word, maxDistance);
        found += actual.length;
        expect(actual).toEqual(expected);
      }),
      { numRuns: 600, seed: 424242 },
    );
    expect(found).toBeGreaterThan(300);
  });
});
