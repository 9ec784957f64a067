import fc from "fast-check";
import MiniSearch from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import { describe, expect, it } from "vitest";
import { generateArticles } from "../../bench/generate-articles";
import { normaliseTerm } from "../../src/search/normalise-term";
import { blockSize, createTermIndex, encodePostings, fuzzyTerms, postingCount, postingsOf, topDocuments, type QueryWord } from "../../src/search/term-index";

const tokenize = MiniSearch.getDefault("tokenize") as (text: string) => string[];
const analyser = { tokenize, normalise: normaliseTerm };

describe("topDocuments", () => {
  // Enough documents that the postings of common terms run over many blocks of 128, and
  // that the bitsets of common terms count the matches.
  const articles = generateArticles(400, 11);
  const documents = articles.flatMap((article) => [
    ...article.people.map((person) => [person.name, person.role]),
    ...article.statements.map((statement) => ["", statement.text]),
    ...article.agenda.map((item) => ["", item.text]),
  ]);
  const index = createTermIndex(documents, [3, 1], analyser, { commonAt: 200 });
  const vocabulary = [...new Set(documents.flatMap((fields) => fields.flatMap((text) => tokenize(text))))]
    .flatMap((token) => normaliseTerm(token) ?? [])
    .sort();
  const commonest = [...Array(index.termCount).keys()].sort((a, b) => postingCount(index, b) - postingCount(index, a)).map((term) => index.sortedTerms[term] as string);
  const key = (keys: fc.Arbitrary<string>) => fc.record({ keys: keys.map((k) => [k]), prefix: fc.boolean(), fuzzy: fc.constantFrom(0, 0, 1, 2) });
  // Words of any frequency, and the commonest ones most of all: phrases of common words are what pruning is for.
  const queryWord = fc.oneof(key(fc.constantFrom(...vocabulary)), key(fc.constantFrom(...commonest.slice(0, 40))), key(fc.constantFrom(...commonest.slice(0, 40))));

  it("has terms over many blocks, and common terms", () => {
    expect(postingCount(index, index.terms.get(commonest[0] as string) as number)).toBeGreaterThan(10 * blockSize);
    expect(index.commonMembers.size).toBeGreaterThan(10);
    const commonest0 = index.terms.get(commonest[0] as string) as number;
    expect((index.termList[commonest0 + 1] as number) - (index.termList[commonest0] as number)).toBe(2); // a head and a tail
  });

  it("prunes to exactly the answer of adding up every posting: the same documents, scores, order and total", () => {
    const stats = { scored: 0 };
    let matched = 0;
    fc.assert(
      fc.property(fc.array(queryWord, { minLength: 1, maxLength: 5 }), fc.constantFrom(1, 5, 10, 20, 50), (words: QueryWord[], k) => {
        const everyPosting = topDocuments(index, words, k, { strategy: "every-posting" });
        // The plain way, a window at a time: windows of 16 and of 1,000 documents cross
        // many windows (the default one holds every document of this index).
        expect(topDocuments(index, words, k, { strategy: "every-posting", window: 16 })).toEqual(everyPosting);
        expect(topDocuments(index, words, k, { strategy: "every-posting", window: 1000 })).toEqual(everyPosting);
        expect(topDocuments(index, words, k, { strategy: "pruned", stats })).toEqual(everyPosting);
        expect(topDocuments(index, words, k, { strategy: "by-words" })).toEqual(everyPosting);
        expect(topDocuments(index, words, k, { strategy: "by-words", window: 100 })).toEqual(everyPosting);
        expect(topDocuments(index, words, k)).toEqual(everyPosting);
        matched += everyPosting.total;
      }),
      { numRuns: 500, seed: 20191030 },
    );
    // Not vacuous: the queries match many documents, and most of them are never scored in full.
    expect(matched).toBeGreaterThan(500 * 1_000);
    expect(stats.scored).toBeLessThan(matched / 4);
  });

  /** The best `k` for words of exact keys, added up straight from each term's decoded postings in the order of the words: what `topDocuments` must give. */
  const reference = (words: readonly QueryWord[], k: number): { top: { doc: number; score: number; matchedWords: number }[]; total: number } => {
    const scores = new Map<number, number>();
    const bits = new Map<number, number>();
    words.forEach((word, i) => {
      for (const term of new Set(word.keys.map((key) => index.terms.get(key)))) {
        if (term === undefined) continue;
        const postings = postingsOf(index, term);
        postings.docs.forEach((doc, j) => {
          scores.set(doc, Math.fround((scores.get(doc) ?? 0) + 1 * (postings.scores[j] as number)));
          bits.set(doc, (bits.get(doc) ?? 0) | (1 << i));
        });
      }
    });
    const popCount = (n: number) => n.toString(2).replaceAll("0", "").length;
    const all = [...scores].map(([doc, score]) => ({ doc, score, matchedWords: words.length === 1 ? 1 : popCount(bits.get(doc) ?? 0) }));
    all.sort((a, b) => b.matchedWords - a.matchedWords || b.score - a.score || a.doc - b.doc);
    return { top: all.slice(0, k), total: all.length };
  };

  it("gives, by every way and window, the answer of adding up each term's decoded postings", () => {
    const exactWord = fc.oneof(fc.constantFrom(...vocabulary), fc.constantFrom(...commonest.slice(0, 40))).map((key): QueryWord => ({ keys: [key], prefix: false, fuzzy: 0 }));
    fc.assert(
      fc.property(fc.array(exactWord, { minLength: 1, maxLength: 5 }), fc.constantFrom(1, 10, 50), (words, k) => {
        const expected = reference(words, k);
        expect(topDocuments(index, words, k, { strategy: "every-posting" })).toEqual(expected);
        expect(topDocuments(index, words, k, { strategy: "every-posting", window: 33 })).toEqual(expected);
        expect(topDocuments(index, words, k, { strategy: "pruned" })).toEqual(expected);
        expect(topDocuments(index, words, k, { strategy: "by-words", window: 50 })).toEqual(expected);
        expect(topDocuments(index, words, k)).toEqual(expected);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it("scores a phrase of the commonest words on a small share of the documents it matches", () => {
    const words: QueryWord[] = commonest.slice(0, 4).map((word) => ({ keys: [word], prefix: false, fuzzy: 0 }));
    const stats = { scored: 0 };
    const pruned = topDocuments(index, words, 20, { strategy: "pruned", stats });
    expect(pruned).toEqual(topDocuments(index, words, 20, { strategy: "every-posting" }));
    expect(pruned.top).toHaveLength(20);
    expect(stats.scored).toBeLessThan(pruned.total / 5);
  });

  it("keeps to a range of documents (one article's), counting only those", () => {
    const words: QueryWord[] = commonest.slice(0, 2).map((word) => ({ keys: [word], prefix: false, fuzzy: 0 }));
    const all = topDocuments(index, words, documents.length, { strategy: "every-posting" });
    const inRange = topDocuments(index, words, 10, { from: 1000, to: 1400 });
    expect(topDocuments(index, words, 10, { from: 1000, to: 1400, window: 64 })).toEqual(inRange);
    const expected = all.top.filter(({ doc }) => doc >= 1000 && doc < 1400);
    expect(inRange.total).toBe(expected.length);
    expect(inRange.top).toEqual(expected.slice(0, 10));
  });

  it("ranks by words matched, then score, then document number", () => {
    const words: QueryWord[] = ["securiti", "cooperation", "militari"].map((key) => ({ keys: [key], prefix: false, fuzzy: 0 }));
    const { top, total } = topDocuments(index, words, 200, { strategy: "pruned" });
    expect(top).toHaveLength(200);
    expect(total).toBeGreaterThan(top.length);
    for (let i = 1; i < top.length; i++) {
      const [a, b] = [top[i - 1], top[i]];
      if (!a || !b) continue;
      const inOrder = a.matchedWords > b.matchedWords || (a.matchedWords === b.matchedWords && (a.score > b.score || (a.score === b.score && a.doc < b.doc)));
      expect(inOrder).toBe(true);
    }
  });
});

describe("encodePostings", () => {
  it("gives back every document, and every score within 1/65,535 of its term's best", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 3_000_000 }), { minLength: 1, maxLength: 600 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: 0.01, max: 40, noNaN: true }), { minLength: 600, maxLength: 600 }),
        (lists, scorePool) => {
          const termStart = new Int32Array(lists.length + 1);
          lists.forEach((list, t) => (termStart[t + 1] = (termStart[t] as number) + list.length));
          const docs = Int32Array.from(lists.flatMap((list) => [...list].sort((a, b) => a - b)));
          const scores = Float32Array.from(docs, (_, p) => scorePool[p % scorePool.length] as number);
          const postings = encodePostings(termStart, docs, scores, 64);
          lists.forEach((list, t) => {
            const decoded = postingsOf(postings, t);
            const start = termStart[t] as number;
            expect(decoded.docs).toEqual([...docs.subarray(start, termStart[t + 1])]);
            const best = Math.max(...scores.subarray(start, termStart[t + 1]));
            decoded.scores.forEach((score, i) => expect(Math.abs(score - (scores[start + i] as number))).toBeLessThanOrEqual(best / 65_535));
            expect(Math.max(...decoded.scores)).toBeCloseTo(best, 4);
            // A long list is split in two, a head scoring above its tail; each block's best score is its own.
            const lists = [];
            for (let l = postings.termList[t] as number; l < (postings.termList[t + 1] as number); l++) lists.push(l);
            expect(lists).toHaveLength(list.length >= 64 && new Set(postings.postingScores.subarray(start, termStart[t + 1])).size > 1 ? 2 : lists.length);
            if (lists.length === 2) {
              const [head, tail] = lists as [number, number];
              const headScores = postings.postingScores.subarray(postings.postingStart[head], postings.postingStart[head + 1]);
              expect(Math.min(...headScores)).toBeGreaterThan(postings.listBest[tail] as number);
              expect(headScores.length).toBeGreaterThanOrEqual(Math.min(list.length, blockSize));
            }
            for (const l of lists) {
              const from = postings.postingStart[l] as number;
              const size = (postings.postingStart[l + 1] as number) - from;
              for (let b = postings.blockStart[l] as number; b < (postings.blockStart[l + 1] as number); b++) {
                const j = (b - (postings.blockStart[l] as number)) * blockSize;
                expect(postings.blockMax[b]).toBe(Math.max(...postings.postingScores.subarray(from + j, from + Math.min(j + blockSize, size))));
                expect(decoded.docs).toContain(postings.blockLastDoc[b]);
              }
            }
          });
        },
      ),
      { numRuns: 60, seed: 7 },
    );
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
