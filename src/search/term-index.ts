
/**
 * A BM25 inverted index over documents with weighted fields, for search that stays fast
 * however many articles there are.
 *
 * Typo-tolerant term lookup is MiniSearch's (`SearchableMap.fuzzyGet`: the same Levenshtein
 * matrix, the same answers), walked over the sorted terms rather than a radix tree, which
 * took seconds to build at 100,000 articles on every start; the weights of prefix and fuzzy
 * matches and the BM25 formula are MiniSearch's too. What is
 * ours is the storage and the scoring loop. MiniSearch's `search()` builds a result object
 * for every matching document and sorts them all, which took 200 to 1,300 ms per query for
 * common words at 10,000 articles. Here postings are flat typed arrays with each BM25
 * contribution computed once at build time, a query adds numbers into one reused array,
 * and only the best `k` are kept; terms are numbered in sorted order, so the terms with
 * a prefix are a range found by binary search. Terms in a large share of the documents
 * are also kept as a bitset and a head of their best postings, from which most queries
 * of common words are answered, exactly, without visiting all their postings.
 */

/** How a document's text is split and turned into index keys; both sides use the same. */
export interface TermAnalyser {
  tokenize: (text: string) => string[];
  /** The keys of one token; `null` or no keys drops it. */
  normalise: (token: string) => string[] | null;
}

/** One word of a query: its keys (alternatives, any of which matches) and how loosely to match. */
export interface QueryWord {
  keys: readonly string[];
  /** Also match terms that start with the key (the word being typed). */
  prefix: boolean;
  /** Edit distance allowed; 0 for exact matches only. */
  fuzzy: number;
}

/** A scored document, as `topDocuments` returns them. */
export interface ScoredDocument {
  doc: number;
  score: number;
  /** How many words of the query it matched. */
  matchedWords: number;
}

export interface TermIndex {
  readonly documentCount: number;
  readonly termCount: number;
  /** Term → term number (a binary search in `sortedTerms`). */
  readonly terms: { get(key: string): number | undefined };
  /** The sorted terms' trie, for typo-tolerant lookups (`fuzzyTerms`). */
  readonly trie: FlatTrie;
  /** Every term, sorted; a term's number is its position, so the terms with a prefix are a range. */
  readonly sortedTerms: readonly string[];
  /** Postings of term t are `postingDocs[termStart[t] .. termStart[t + 1]]`, in document order. */
  readonly termStart: Int32Array;
  readonly postingDocs: Int32Array;
  /** BM25 score of the term in the document, all fields and their boosts summed. */
  readonly postingScores: Float32Array;
  /** The terms in so many documents that they are also kept the way `fromHeads` reads them. */
  readonly commonTerms: ReadonlyMap<number, CommonTerm>;
  /** Scratch space for one query at a time (searching is synchronous). */
  readonly scratch: { scores: Float32Array; matched: Uint16Array; touched: Int32Array; union: Uint32Array; candidateBits: Uint32Array };
}

/**
 * A term in a large share of the documents ("security", "minister"), kept a second way:
 * which documents have it, as a bitset (for counting), and the postings with the highest
 * scores, its head (for ranking), with the highest score outside the head.
 */
export interface CommonTerm {
  members: Uint32Array;
  /** The documents of the head, in document order. */
  headDocs: Int32Array;
  /** The highest score of the term outside its head; 0 when the head is all of it. */
  tailMax: number;
}

/** BM25 parameters, MiniSearch's defaults (k1, b, and d of BM25+). */
const bm25 = { k: 1.2, b: 0.7, d: 0.5 };
/** Relative weight of a prefix and a fuzzy match to an exact one, MiniSearch's defaults. */
const weights = { prefix: 0.375, fuzzy: 0.45 };
/** A word being typed stands for at most this many completions (see `closestCompletions`). */
export const maxCompletions = 20;
/** A term is common, by default, when at least this share of documents (and 1,024 of them) has it. */
const commonShare = 1 / 32;
/** How many of a common term's best postings its head holds: this share, and at least 1,024. */
const headShare = 1 / 16;
/** A query has at most this many words (one bit each in `matched`); the rest are ignored. */
export const maxQueryWords = 16;

/** An append-only typed array that doubles when full. */
class Growable<T extends Int32Array | Uint8Array | Uint16Array> {
  length = 0;
  constructor(public array: T, private readonly make: (size: number) => T) {}
  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
}

/** The working arrays of one search, allocated once per index and reused by every search. */
function newScratch(documentCount: number): TermIndex["scratch"] {
  const bitsetLength = Math.ceil(documentCount / 32);
  return {
    scores: new Float32Array(documentCount),
    matched: new Uint16Array(documentCount),
    touched: new Int32Array(documentCount),
    union: new Uint32Array(bitsetLength),
    candidateBits: new Uint32Array(bitsetLength),
  };
}

/**
 * Indexes `documents`, each a list of field texts in the order of `fieldBoosts`.
 * Document numbers are positions in `documents`.
 */
export function createTermIndex(
  documents: readonly (readonly string[])[],
  fieldBoosts: readonly number[],
  analyser: TermAnalyser,
  options: {
    /** Multiplies a document's scores (MiniSearch's `boostDocument`). @default 1 */
    documentBoost?: (doc: number) => number;
    /** How many documents make a term common. @default 1/32 of them, and at least 1,024 */
    commonAt?: number;
    /** The smallest head of a common term. @default 1,024 */
    headAtLeast?: number;
  } = {},
): TermIndex {
  const documentBoost = options.documentBoost ?? (() => 1);
  const fieldCount = fieldBoosts.length;
  const documentCount = documents.length;
  const termIds = new Map<string, number>();
  const termKeys: string[] = [];
  const termOf = (key: string): number => {
    let term = termIds.get(key);
    if (term === undefined) {
      term = termKeys.length;
      termIds.set(key, term);
      termKeys.push(key);
    }
    return term;
  };
  // The same words recur across articles: each distinct token is normalised, and its keys
  // numbered, once. Within a field, terms are counted in a typed array (reset after it), not
  // in a map of strings per field: at 10,000 articles this loop sees some 4 million words.
  const termsOfToken = new Map<string, readonly number[]>();
  const noTerms: readonly number[] = [];
  let counts = new Uint32Array(1024);
  const counted: number[] = [];
  const entryTerm = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  const entryDoc = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  const entryField = new Growable(new Uint8Array(1024), (n) => new Uint8Array(n));
  const entryFrequency = new Growable(new Uint16Array(1024), (n) => new Uint16Array(n));
  const fieldLength = Array.from({ length: fieldCount }, () => new Uint16Array(documentCount));

  documents.forEach((fields, doc) => {
    for (let field = 0; field < fieldCount; field++) {
      const text = fields[field] ?? "";
      if (text === "") continue;
      for (const token of analyser.tokenize(text)) {
        let terms = termsOfToken.get(token);
        if (terms === undefined) {
          terms = analyser.normalise(token)?.map(termOf) ?? noTerms;
          termsOfToken.set(token, terms);
          if (termKeys.length > counts.length) {
            const bigger = new Uint32Array(Math.max(termKeys.length, counts.length * 2));
            bigger.set(counts);
            counts = bigger;
          }
        }
        for (const term of terms) {
          if (counts[term] === 0) counted.push(term);
          counts[term]! += 1;
        }
      }
      (fieldLength[field] as Uint16Array)[doc] = Math.min(counted.length, 0xffff);
      for (const term of counted) {
        entryTerm.push(term);
        entryDoc.push(doc);
        entryField.push(field);
        entryFrequency.push(Math.min(counts[term] as number, 0xffff));
        counts[term] = 0;
      }
      counted.length = 0;
    }
  });

  const termCount = termKeys.length;
  const entryCount = entryTerm.length;
  // Number the terms in sorted order, so that a prefix search is a binary search for a
  // range rather than a walk of the tree (three letters can start a thousand words).
  const sortedTerms = [...termKeys].sort();
  const rank = new Map(sortedTerms.map((key, position) => [key, position]));
  const newNumber = Int32Array.from(termKeys, (key) => rank.get(key) as number);
  for (let e = 0; e < entryCount; e++) entryTerm.array[e] = newNumber[entryTerm.array[e] as number] as number;
  // Documents with each field, and their average length, for BM25's length normalisation.
  const averageLength = fieldLength.map((lengths) => {
    let sum = 0;
    let count = 0;
    for (const length of lengths) {
      if (length === 0) continue;
      sum += length;
      count++;
    }
    return count === 0 ? 1 : sum / count;
  });
  // How many documents have term t in field f: documentFrequency[t * fieldCount + f].
  const documentFrequency = new Int32Array(termCount * fieldCount);
  const entriesOfTerm = new Int32Array(termCount + 1);
  for (let e = 0; e < entryCount; e++) {
    const term = entryTerm.array[e] as number;
    documentFrequency[term * fieldCount + (entryField.array[e] as number)]! += 1;
    entriesOfTerm[term + 1]! += 1;
  }
  for (let t = 0; t < termCount; t++) entriesOfTerm[t + 1]! += entriesOfTerm[t]!;

  // Bucket the entries by term (a stable counting sort keeps document order), scoring each.
  const sortedDocs = new Int32Array(entryCount);
  const sortedScores = new Float32Array(entryCount);
  const next = entriesOfTerm.slice(0, termCount);
  for (let e = 0; e < entryCount; e++) {
    const term = entryTerm.array[e] as number;
    const field = entryField.array[e] as number;
    const doc = entryDoc.array[e] as number;
    const frequency = entryFrequency.array[e] as number;
    const matching = documentFrequency[term * fieldCount + field] as number;
    const idf = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
    const lengthRatio = ((fieldLength[field] as Uint16Array)[doc] as number) / (averageLength[field] as number);
    const score = idf * (bm25.d + (frequency * (bm25.k + 1)) / (frequency + bm25.k * (1 - bm25.b + bm25.b * lengthRatio)));
    const at = next[term]!++;
    sortedDocs[at] = doc;
    sortedScores[at] = (fieldBoosts[field] as number) * documentBoost(doc) * score;
  }

  // One posting per (term, document): a term's entries for one document are adjacent.
  const termStart = new Int32Array(termCount + 1);
  const postingDocs = new Int32Array(entryCount);
  const postingScores = new Float32Array(entryCount);
  let postings = 0;
  for (let t = 0; t < termCount; t++) {
    termStart[t] = postings;
    for (let e = entriesOfTerm[t] as number; e < (entriesOfTerm[t + 1] as number); e++) {
      const doc = sortedDocs[e] as number;
      if (postings > termStart[t]! && postingDocs[postings - 1] === doc) {
        postingScores[postings - 1]! += sortedScores[e] as number;
      } else {
        postingDocs[postings] = doc;
        postingScores[postings] = sortedScores[e] as number;
        postings++;
      }
    }
  }
  termStart[termCount] = postings;

  const terms = termLookup(sortedTerms);

  const bitsetLength = Math.ceil(documentCount / 32);
  const commonTerms = new Map<number, CommonTerm>();
  const commonAt = options.commonAt ?? Math.max(1024, Math.ceil(documentCount * commonShare));
  for (let t = 0; t < termCount; t++) {
    const start = termStart[t] as number;
    const end = termStart[t + 1] as number;
    if (end - start < commonAt) continue;
    const members = new Uint32Array(bitsetLength);
    for (let p = start; p < end; p++) {
      const doc = postingDocs[p] as number;
      members[doc >>> 5]! |= 1 << (doc & 31);
    }
    // The head: every posting scoring at least the headSize-th best score (ties included,
    // so that everything in the tail scores strictly less), in document order.
    const headSize = Math.max(options.headAtLeast ?? 1024, Math.ceil((end - start) * headShare));
    const ascending = postingScores.slice(start, end).sort();
    const threshold = ascending[Math.max(0, ascending.length - headSize)] as number;
    const head: number[] = [];
    let tailMax = 0;
    for (let p = start; p < end; p++) {
      const score = postingScores[p] as number;
      if (score >= threshold) head.push(postingDocs[p] as number);
      else if (score > tailMax) tailMax = score;
    }
    const headDocs = Int32Array.from(head);
    commonTerms.set(t, { members, headDocs, tailMax });
  }

  return {
    documentCount,
    termCount,
    terms,
    trie: flatTrie(sortedTerms),
    sortedTerms,
    termStart,
    postingDocs: postingDocs.slice(0, postings),
    postingScores: postingScores.slice(0, postings),
    commonTerms,
    scratch: newScratch(documentCount),
  };
}

/** Exact lookups in the sorted terms: a term's number is its position. */
function termLookup(sortedTerms: readonly string[]): { get(key: string): number | undefined } {
  return {
    get(key) {
      const at = firstAtLeast(sortedTerms, key);
      return sortedTerms[at] === key ? at : undefined;
    },
  };
}

/**
 * The sorted terms' trie, flattened: how many leading letters each term shares with the one
 * before it (at most 255), and where the next term sharing fewer begins (the end of its
 * subtree). `fuzzyTerms` walks it as MiniSearch walks its radix tree.
 */
export interface FlatTrie {
  shared: Uint8Array;
  nextShorter: Int32Array;
}

/** The `FlatTrie` of `sortedTerms`, in two passes. */
export function flatTrie(sortedTerms: readonly string[]): FlatTrie {
  const shared = new Uint8Array(sortedTerms.length);
  let previous = "";
  sortedTerms.forEach((term, t) => {
    const most = Math.min(term.length, previous.length, 255);
    let length = 0;
    while (length < most && term.charCodeAt(length) === previous.charCodeAt(length)) length++;
    shared[t] = length;
    previous = term;
  });
  // The next smaller element of each, with a stack.
  const nextShorter = new Int32Array(sortedTerms.length).fill(sortedTerms.length);
  const stack: number[] = [];
  for (let t = 0; t < shared.length; t++) {
    while (stack.length > 0 && (shared[stack.at(-1) as number] as number) > (shared[t] as number)) nextShorter[stack.pop() as number] = t;
    stack.push(t);
  }
  return { shared, nextShorter };
}

/**
 * The terms within `maxDistance` edits (Levenshtein) of `query`, as [term number, distance],
 * in term order: MiniSearch's `fuzzyGet`, its banded matrix row by row, over the sorted terms
 * instead of a radix tree. The rows of the letters a term shares with the one before it
 * (`shared`, from `sharedPrefixes`) are kept; a prefix already too far from the query is
 * skipped whole, every term after it that still shares it.
 */
export function fuzzyTerms(sortedTerms: readonly string[], query: string, maxDistance: number, trie: FlatTrie = flatTrie(sortedTerms)): [term: number, distance: number][] {
  const { shared, nextShorter } = trie;
  const results: [number, number][] = [];
  const n = query.length + 1;
  // Matching terms can never be longer than the query plus maxDistance.
  const m = n + maxDistance;
  const matrix = new Uint8Array(m * n).fill(maxDistance + 1);
  for (let j = 0; j < n; ++j) matrix[j] = j;
  for (let i = 1; i < m; ++i) matrix[i * n] = i;
  /** Rows 1..valid hold the letters of the term before. */
  let valid = 0;
  let t = 0;
  const count = sortedTerms.length;
  while (t < count) {
    const term = sortedTerms[t] as string;
    let depth = Math.min(valid, shared[t] as number);
    let prunedAt = -1;
    for (; depth < term.length; depth++) {
      const i = depth + 1;
      if (i >= m) {
        prunedAt = i; // longer than any match can be
        break;
      }
      const char = term[depth];
      const thisRow = n * i;
      const previousRow = thisRow - n;
      let minDistance = matrix[thisRow] as number;
      const jmin = Math.max(0, i - maxDistance - 1);
      const jmax = Math.min(n - 1, i + maxDistance);
      for (let j = jmin; j < jmax; ++j) {
        const different = char !== query[j] ? 1 : 0;
        const replace = (matrix[previousRow + j] as number) + different;
        const remove = (matrix[previousRow + j + 1] as number) + 1;
        const insert = (matrix[thisRow + j] as number) + 1;
        const distance = Math.min(replace, remove, insert);
        matrix[thisRow + j + 1] = distance;
        if (distance < minDistance) minDistance = distance;
      }
      if (minDistance > maxDistance) {
        prunedAt = i;
        break;
      }
    }
    if (prunedAt < 0) {
      valid = term.length;
      const distance = matrix[term.length * n + n - 1] as number;
      if (distance <= maxDistance) results.push([t, distance]);
      t++;
    } else {
      // Nothing that starts with the term's first prunedAt letters matches: skip every term that
      // does. The terms between u and nextShorter[u] share at least as much as u does, so each
      // jump passes only such terms.
      valid = prunedAt - 1;
      t++;
      while (t < count && (shared[t] as number) >= prunedAt) t = nextShorter[t] as number;
    }
  }
  return results;
}

/** The position of the first of the sorted `items` that is not less than `key`. */
function firstAtLeast(items: readonly string[], key: string): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle] as string) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The terms that start with `key` and are longer, at most `maxCompletions` of them, the
 * shortest first (MiniSearch weighs a completion less the longer it is). Three letters
 * can start a thousand words; the closest ones are what a reader who is typing means,
 * and the next letter narrows the rest down.
 */
function closestCompletions(sortedTerms: readonly string[], key: string): number[] {
  const ids: number[] = [];
  for (let id = firstAtLeast(sortedTerms, key); id < sortedTerms.length; id++) {
    const term = sortedTerms[id] as string;
    if (!term.startsWith(key)) break;
    if (term.length > key.length) ids.push(id);
  }
  if (ids.length <= maxCompletions) return ids;
  const length = (id: number) => (sortedTerms[id] as string).length;
  return ids.sort((a, b) => length(a) - length(b) || a - b).slice(0, maxCompletions);
}

/** The terms a query word stands for, with the weight of each (1 for an exact match). */
function expandWord(index: TermIndex, word: QueryWord): Map<number, number> {
  const expanded = new Map<number, number>();
  const consider = (term: number, weight: number) => {
    if (weight > (expanded.get(term) ?? 0)) expanded.set(term, weight);
  };
  for (const key of word.keys) {
    const exact = index.terms.get(key);
    if (exact !== undefined) consider(exact, 1);
    if (word.prefix) {
      for (const id of closestCompletions(index.sortedTerms, key)) {
        const term = index.sortedTerms[id] as string;
        const distance = term.length - key.length;
        consider(id, (weights.prefix * term.length) / (term.length + 0.3 * distance));
      }
    }
    // A word that is in the index as typed is probably not misspelt: a short one matches
    // as typed ("nato", "baku"), a longer one with one edit at most ("levedev" is an
    // alias, and also a typo of "lebedev").
    const fuzzy = exact === undefined ? word.fuzzy : key.length >= 6 ? Math.min(word.fuzzy, 1) : 0;
    if (fuzzy > 0) {
      for (const [id, distance] of fuzzyTerms(index.sortedTerms, key, fuzzy, index.trie)) {
        const term = index.sortedTerms[id] as string;
        if (distance > 0) consider(id, (weights.fuzzy * term.length) / (term.length + distance));
      }
    }
  }
  return expanded;
}

/** Whether document `a` ranks above document `b`: more words matched, a higher score, a lower number. */
function ranksAbove(a: ScoredDocument, b: ScoredDocument): boolean {
  if (a.matchedWords !== b.matchedWords) return a.matchedWords > b.matchedWords;
  if (a.score !== b.score) return a.score > b.score;
  return a.doc < b.doc;
}

/** One term a query word stands for: its number, weight, and the bit of its word. */
interface Expansion {
  term: number;
  weight: number;
  bit: number;
}

/** How `topDocuments` finds its answer: "auto" picks; "every-posting" is the plain way, for tests. */
export type Strategy = "auto" | "every-posting";

/**
 * The best `k` documents for `words` (at most `maxQueryWords`), best first, and how many
 * documents matched at all. A document matches if it matches any word; it ranks by how
 * many words it matches, then by score, then by its number (lower first). `accept`
 * leaves documents out before they are counted.
 *
 * A query made of common words would visit tens of thousands of postings; it is first
 * answered from the heads of its common terms (`fromHeads`), which is exact when it can
 * prove its answer, and only otherwise by visiting every posting.
 */
export function topDocuments(
  index: TermIndex,
  words: readonly QueryWord[],
  k: number,
  accept?: (doc: number) => boolean,
  strategy: Strategy = "auto",
): { top: ScoredDocument[]; total: number } {
  const expansions: Expansion[] = [];
  const wordCount = Math.min(words.length, maxQueryWords);
  let postings = 0;
  let commonPostings = 0;
  for (let i = 0; i < wordCount; i++) {
    for (const [term, weight] of expandWord(index, words[i] as QueryWord)) {
      expansions.push({ term, weight, bit: 1 << i });
      const count = (index.termStart[term + 1] as number) - (index.termStart[term] as number);
      postings += count;
      if (index.commonTerms.has(term)) commonPostings += count;
    }
  }
  if (strategy === "auto" && accept === undefined && commonPostings * 2 > postings && k <= 500) {
    const answer = fromHeads(index, expansions, k);
    if (answer !== undefined) return answer;
  }
  return fromEveryPosting(index, expansions, wordCount, k, accept);
}

/**
 * Adds `weight` times the postings of `term` into the scratch scores, marks the documents
 * with `bit`, appends newly touched ones; returns the new count of touched documents.
 * A function of its own so that the engine optimises this one hot loop on its own.
 */
function accumulate(index: TermIndex, term: number, weight: number, bit: number, touchedCount: number): number {
  const { termStart, postingDocs, postingScores } = index;
  const { scores, matched, touched } = index.scratch;
  let count = touchedCount;
  const end = termStart[term + 1] as number;
  for (let p = termStart[term] as number; p < end; p++) {
    const doc = postingDocs[p] as number;
    const before = matched[doc] as number;
    if (before === 0) touched[count++] = doc;
    matched[doc] = before | bit;
    scores[doc]! += weight * (postingScores[p] as number);
  }
  return count;
}

/** Visits every posting of every expansion: the plain way, always exact. */
function fromEveryPosting(
  index: TermIndex,
  expansions: readonly Expansion[],
  wordCount: number,
  k: number,
  accept: ((doc: number) => boolean) | undefined,
): { top: ScoredDocument[]; total: number } {
  const { scores, matched, touched } = index.scratch;
  let touchedCount = 0;
  for (const { term, weight, bit } of expansions) touchedCount = accumulate(index, term, weight, bit, touchedCount);

  const heap = new TopK(k);
  let total = 0;
  for (let i = 0; i < touchedCount; i++) {
    const doc = touched[i] as number;
    const bits = matched[doc] as number;
    const score = scores[doc] as number;
    scores[doc] = 0;
    matched[doc] = 0;
    if (accept !== undefined && !accept(doc)) continue;
    total++;
    heap.offer(doc, score, wordCount === 1 ? 1 : popCount(bits));
  }
  return { top: heap.sorted(), total };
}

/** The first position in `docs[from..end]` holding `target` or more (`end` if none); gallops, then halves. */
function seek(docs: Int32Array, from: number, end: number, target: number): number {
  let low = from;
  let high = from;
  let step = 1;
  while (high < end && (docs[high] as number) < target) {
    low = high + 1;
    high += step;
    step *= 2;
  }
  if (high > end) high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((docs[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `fromHeads` for `words`, for tests: the answer from the heads, or `undefined` if unproved. */
export function topDocumentsFromHeads(index: TermIndex, words: readonly QueryWord[], k: number): { top: ScoredDocument[]; total: number } | undefined {
  const expansions: Expansion[] = [];
  words.slice(0, maxQueryWords).forEach((word, i) => {
    for (const [term, weight] of expandWord(index, word)) expansions.push({ term, weight, bit: 1 << i });
  });
  return fromHeads(index, expansions, k);
}

/**
 * The answer from the heads of the common terms, or `undefined` when it cannot be proved.
 *
 * Candidates are the documents of every rare term and of every common term's head. Each
 * is scored in full, adding the same numbers in the same order as `fromEveryPosting`, so
 * the scores are equal to the last bit; a common term's postings are reached by galloping
 * through them in document order. The total is counted on bitsets. A document that
 * is not a candidate has common terms only, each from the tail: it matches at most as many
 * words as have a common term, and scores at most the sum of their tails' highest scores.
 * If the k-th candidate beats that, no such document belongs in the answer.
 */
function fromHeads(index: TermIndex, expansions: readonly Expansion[], k: number): { top: ScoredDocument[]; total: number } | undefined {
  const { termStart, postingDocs, postingScores, commonTerms } = index;
  const { scores, matched, touched, union, candidateBits } = index.scratch;

  union.fill(0);
  for (const { term } of expansions) {
    const common = commonTerms.get(term);
    if (common) {
      for (let w = 0; w < union.length; w++) union[w]! |= common.members[w] as number;
    } else {
      for (let p = termStart[term] as number, end = termStart[term + 1] as number; p < end; p++) {
        const doc = postingDocs[p] as number;
        union[doc >>> 5]! |= 1 << (doc & 31);
      }
    }
  }
  let total = 0;
  for (let w = 0; w < union.length; w++) total += popCount(union[w] as number);
  if (k <= 0) return { top: [], total };

  // Candidates as a bitset, read back in document order (cheaper than sorting them).
  candidateBits.fill(0);
  for (const { term } of expansions) {
    const common = commonTerms.get(term);
    const docs = common ? common.headDocs : postingDocs.subarray(termStart[term] as number, termStart[term + 1] as number);
    for (const doc of docs) candidateBits[doc >>> 5]! |= 1 << (doc & 31);
  }
  let candidateCount = 0;
  for (let w = 0; w < candidateBits.length; w++) {
    for (let bits = candidateBits[w] as number; bits !== 0; bits &= bits - 1) {
      touched[candidateCount++] = (w << 5) + (31 - Math.clz32(bits & -bits));
    }
  }
  const candidates = touched;

  // Score the candidates one expansion at a time, as `fromEveryPosting` does.
  for (const { term, weight, bit } of expansions) {
    const start = termStart[term] as number;
    const end = termStart[term + 1] as number;
    const common = commonTerms.get(term);
    if (common === undefined) {
      // Every document of a rare term is a candidate.
      for (let p = start; p < end; p++) {
        const doc = postingDocs[p] as number;
        matched[doc]! |= bit;
        scores[doc]! += weight * (postingScores[p] as number);
      }
      continue;
    }
    const members = common.members;
    let at = start;
    for (let c = 0; c < candidateCount; c++) {
      const doc = candidates[c] as number;
      if (((members[doc >>> 5] as number) & (1 << (doc & 31))) === 0) continue;
      at = seek(postingDocs, at, end, doc);
      matched[doc]! |= bit;
      scores[doc]! += weight * (postingScores[at] as number);
    }
  }

  const heap = new TopK(k);
  for (let c = 0; c < candidateCount; c++) {
    const doc = candidates[c] as number;
    heap.offer(doc, scores[doc] as number, popCount(matched[doc] as number));
    scores[doc] = 0;
    matched[doc] = 0;
  }
  const top = heap.sorted();
  if (candidateCount === total) return { top, total };

  let wordsWithCommonTerms = 0;
  let tailBound = 0;
  for (const { term, weight, bit } of expansions) {
    const common = commonTerms.get(term);
    if (!common) continue;
    wordsWithCommonTerms |= bit;
    tailBound += weight * common.tailMax;
  }
  const kth = top[k - 1];
  if (kth === undefined) return undefined;
  const maxWords = popCount(wordsWithCommonTerms);
  // A hair of margin for the rounding of float32 sums.
  const proved = kth.matchedWords > maxWords || (kth.matchedWords === maxWords && kth.score > tailBound * (1 + 1e-6) + 1e-9);
  return proved ? { top, total } : undefined;
}

/** How many bits of a 32-bit number are set. */
function popCount(bits: number): number {
  let x = bits - ((bits >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * The best `k` documents offered, by `ranksAbove`: a min-heap with its worst at the root.
 * Most documents lose to the root, whose figures are kept in fields, and are dropped
 * without allocating anything.
 */
class TopK {
  private readonly heap: ScoredDocument[] = [];
  private worstMatched = 0;
  private worstScore = 0;
  private worstDoc = 0;

  constructor(private readonly k: number) {}

  offer(doc: number, score: number, matchedWords: number): void {
    const heap = this.heap;
    if (heap.length < this.k) {
      heap.push({ doc, score, matchedWords });
      this.siftUp(heap.length - 1);
    } else {
      if (this.k <= 0) return;
      const better =
        matchedWords !== this.worstMatched
          ? matchedWords > this.worstMatched
          : score !== this.worstScore
            ? score > this.worstScore
            : doc < this.worstDoc;
      if (!better) return;
      heap[0] = { doc, score, matchedWords };
      this.siftDown(0);
    }
    const worst = heap[0] as ScoredDocument;
    this.worstMatched = worst.matchedWords;
    this.worstScore = worst.score;
    this.worstDoc = worst.doc;
  }

  /** The documents kept, best first. */
  sorted(): ScoredDocument[] {
    return [...this.heap].sort((a, b) => (ranksAbove(a, b) ? -1 : 1));
  }

  private siftUp(at: number): void {
    const heap = this.heap;
    let i = at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!ranksAbove(heap[parent] as ScoredDocument, heap[i] as ScoredDocument)) break;
      [heap[parent], heap[i]] = [heap[i] as ScoredDocument, heap[parent] as ScoredDocument];
      i = parent;
    }
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    let i = at;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && ranksAbove(heap[worst] as ScoredDocument, heap[left] as ScoredDocument)) worst = left;
      if (right < heap.length && ranksAbove(heap[worst] as ScoredDocument, heap[right] as ScoredDocument)) worst = right;
      if (worst === i) return;
      [heap[worst], heap[i]] = [heap[i] as ScoredDocument, heap[worst] as ScoredDocument];
      i = worst;
    }
  }
}

/** A term index as plain arrays and numbers, for `packArrays`; `termIndexFromParts` takes it back. */
export function termIndexParts(index: TermIndex): { meta: { documentCount: number; termCount: number; sortedTerms: string }; arrays: Record<string, Int32Array | Uint32Array | Float32Array> } {
  const common = [...index.commonTerms];
  const bitsetLength = Math.ceil(index.documentCount / 32);
  const members = new Uint32Array(common.length * bitsetLength);
  const headStart = new Int32Array(common.length + 1);
  common.forEach(([, term], i) => {
    members.set(term.members, i * bitsetLength);
    headStart[i + 1] = (headStart[i] as number) + term.headDocs.length;
  });
  const headDocs = new Int32Array(headStart[common.length] as number);
  common.forEach(([, term], i) => headDocs.set(term.headDocs, headStart[i] as number));
  return {
    // Terms hold letters and digits only (normaliseTerm), so a newline separates them safely.
    meta: { documentCount: index.documentCount, termCount: index.termCount, sortedTerms: index.sortedTerms.join("\n") },
    arrays: {
      termStart: index.termStart,
      postingDocs: index.postingDocs,
      postingScores: index.postingScores,
      commonTermIds: Int32Array.from(common, ([term]) => term),
      commonTailMax: Float32Array.from(common, ([, term]) => term.tailMax),
      commonMembers: members,
      commonHeadStart: headStart,
      commonHeadDocs: headDocs,
    },
  };
}

/** The term index `termIndexParts` took apart, its arrays used as they are (views on a loaded file, say). */
export function termIndexFromParts(meta: { documentCount: number; termCount: number; sortedTerms: string }, arrays: ReadonlyMap<string, unknown>): TermIndex {
  const get = <T>(name: string, type: new (...args: never[]) => T): T => {
    const array = arrays.get(name);
    if (!(array instanceof type)) throw new Error(`the saved index has no ${name}`);
    return array;
  };
  const { documentCount, termCount } = meta;
  const sortedTerms = termCount === 0 ? [] : meta.sortedTerms.split("\n");
  if (sortedTerms.length !== termCount) throw new Error("the saved index's terms do not add up");
  const terms = termLookup(sortedTerms);
  const bitsetLength = Math.ceil(documentCount / 32);
  const commonTermIds = get("commonTermIds", Int32Array);
  const commonTailMax = get("commonTailMax", Float32Array);
  const members = get("commonMembers", Uint32Array);
  const headStart = get("commonHeadStart", Int32Array);
  const headDocs = get("commonHeadDocs", Int32Array);
  const commonTerms = new Map<number, CommonTerm>();
  commonTermIds.forEach((term, i) => {
    commonTerms.set(term, {
      members: members.subarray(i * bitsetLength, (i + 1) * bitsetLength),
      headDocs: headDocs.subarray(headStart[i] as number, headStart[i + 1] as number),
      tailMax: commonTailMax[i] as number,
    });
  });
  return {
    documentCount,
    termCount,
    terms,
    trie: flatTrie(sortedTerms),
    sortedTerms,
    termStart: get("termStart", Int32Array),
    postingDocs: get("postingDocs", Int32Array),
    postingScores: get("postingScores", Float32Array),
    commonTerms,
    scratch: newScratch(documentCount),
  };
}
