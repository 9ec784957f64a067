/**
 * A BM25 inverted index over documents with weighted fields, for search that stays fast
 * however many articles there are.
 *
 * Typo-tolerant term lookup is MiniSearch's (`SearchableMap.fuzzyGet`: the same Levenshtein
 * matrix, the same answers), walked over the sorted terms rather than a radix tree, which
 * took seconds to build at 100,000 articles on every start; the weights of prefix and fuzzy
 * matches and the BM25 formula are MiniSearch's too. What is ours is the storage and the
 * scoring. Each BM25 contribution is computed once at build time and kept in 16 bits; the
 * postings of a term are in blocks of 128 documents, their ids as gaps in varints, each
 * block with its last document and its best score. A query is answered by MaxScore over
 * those blocks (`maxScoreTop`): the terms that cannot lift a document into the best `k` on
 * their own are only looked up for the documents the others find, and runs of blocks whose
 * best scores cannot either are skipped undecoded; the answer is exactly the one of adding
 * up every posting (`fromEveryPosting`, kept for tests and for small or filtered queries).
 * Terms are numbered in sorted order, so the terms with a prefix are a range found by
 * binary search. Terms in a large share of the documents also have a bitset of them, to
 * count the matches without decoding their postings.
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

/**
 * The postings of every term, compressed. Term t has postings `postingStart[t] ..
 * postingStart[t + 1]` (in document order) and blocks `blockStart[t] .. blockStart[t + 1]`;
 * its j-th block holds its postings `128 j .. 128 j + 127`. A posting's document is the one
 * before it (in the term; -1 before the first) plus one plus the varint in `docBytes`; a
 * block's varints start at `blockOffset`, so a block is decoded alone, from its predecessor's
 * `blockLastDoc`. A posting's score is `postingScores[p] * termScale[t]`: its BM25 score
 * quantised to 16 bits of its term's best, which is 65,535 (so `termScale` is the best / 65,535).
 */
export interface Postings {
  readonly postingStart: Int32Array;
  readonly blockStart: Int32Array;
  readonly blockLastDoc: Int32Array;
  readonly blockOffset: Int32Array;
  /** Per block: the highest quantised score in it. */
  readonly blockMax: Uint16Array;
  readonly termScale: Float32Array;
  readonly postingScores: Uint16Array;
  readonly docBytes: Uint8Array;
}

export interface TermIndex extends Postings {
  readonly documentCount: number;
  readonly termCount: number;
  /** Term → term number (a binary search in `sortedTerms`). */
  readonly terms: { get(key: string): number | undefined };
  /** The sorted terms' trie, for typo-tolerant lookups (`fuzzyTerms`). */
  readonly trie: FlatTrie;
  /** Every term, sorted; a term's number is its position, so the terms with a prefix are a range. */
  readonly sortedTerms: readonly string[];
  /** The terms in so many documents that a bitset of them is smaller than their postings: term → bitset. */
  readonly commonMembers: ReadonlyMap<number, Uint32Array>;
  /** Scratch space for one query at a time (searching is synchronous). */
  readonly scratch: { scores: Float32Array; matched: Uint16Array; touched: Int32Array; union: Uint32Array };
}

/** BM25 parameters, MiniSearch's defaults (k1, b, and d of BM25+). */
const bm25 = { k: 1.2, b: 0.7, d: 0.5 };
/** Relative weight of a prefix and a fuzzy match to an exact one, MiniSearch's defaults. */
const weights = { prefix: 0.375, fuzzy: 0.45 };
/** A word being typed stands for at most this many completions (see `closestCompletions`). */
export const maxCompletions = 20;
/** A term is common, by default, when at least this share of documents (and 1,024 of them) has it. */
const commonShare = 1 / 32;
/** A query has at most this many words (one bit each in `matched`); the rest are ignored. */
export const maxQueryWords = 16;
/** Postings per block: decoded at once, skipped at once. */
export const blockSize = 128;
/** The highest quantised score: a term's best posting. */
const topQuantum = 0xffff;
/** Past every document: an exhausted cursor's. */
const noDocument = 0x7fffffff;

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
  return {
    scores: new Float32Array(documentCount),
    matched: new Uint16Array(documentCount),
    touched: new Int32Array(documentCount),
    union: new Uint32Array(Math.ceil(documentCount / 32)),
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
    /** How many documents make a term common (a bitset kept for it). @default 1/32 of them, and at least 1,024 */
    commonAt?: number;
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
  const postingDocsUsed = postingDocs.subarray(0, postings);
  const postingScoresUsed = postingScores.subarray(0, postings);

  const bitsetLength = Math.ceil(documentCount / 32);
  const commonMembers = new Map<number, Uint32Array>();
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
    commonMembers.set(t, members);
  }

  return {
    documentCount,
    termCount,
    terms: termLookup(sortedTerms),
    trie: flatTrie(sortedTerms),
    sortedTerms,
    ...encodePostings(termStart, postingDocsUsed, postingScoresUsed),
    commonMembers,
    scratch: newScratch(documentCount),
  };
}

/**
 * The postings of `termStart`, `docs` and `scores` (plain, in document order per term)
 * compressed as `Postings` describes: about 3 to 4 bytes a posting where they were 8.
 */
export function encodePostings(termStart: Int32Array, docs: Int32Array, scores: Float32Array): Postings {
  const termCount = termStart.length - 1;
  const postingCount = termStart[termCount] as number;
  const blockStart = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) {
    blockStart[t + 1] = (blockStart[t] as number) + Math.ceil(((termStart[t + 1] as number) - (termStart[t] as number)) / blockSize);
  }
  const blockCount = blockStart[termCount] as number;
  const blockLastDoc = new Int32Array(blockCount);
  const blockOffset = new Int32Array(blockCount);
  const blockMax = new Uint16Array(blockCount);
  const termScale = new Float32Array(termCount);
  const postingScores = new Uint16Array(postingCount);
  const bytes = new Growable(new Uint8Array(Math.max(1024, postingCount * 2)), (n) => new Uint8Array(n));
  let block = 0;
  for (let t = 0; t < termCount; t++) {
    const start = termStart[t] as number;
    const end = termStart[t + 1] as number;
    let best = 0;
    for (let p = start; p < end; p++) best = Math.max(best, scores[p] as number);
    const scale = Math.fround(best / topQuantum);
    termScale[t] = scale;
    let previous = -1;
    for (let p = start; p < end; p++) {
      if ((p - start) % blockSize === 0) {
        if (p > start) block++;
        blockOffset[block] = bytes.length;
      }
      const doc = docs[p] as number;
      let gap = doc - previous - 1;
      while (gap >= 0x80) {
        bytes.push((gap & 0x7f) | 0x80);
        gap >>>= 7;
      }
      bytes.push(gap);
      previous = doc;
      blockLastDoc[block] = doc;
      const quantum = scale > 0 ? Math.min(topQuantum, Math.max(1, Math.round((scores[p] as number) / scale))) : 0;
      postingScores[p] = quantum;
      if (quantum > (blockMax[block] as number)) blockMax[block] = quantum;
    }
    if (end > start) block++;
  }
  return { postingStart: termStart, blockStart, blockLastDoc, blockOffset, blockMax, termScale, postingScores, docBytes: bytes.array.slice(0, bytes.length) };
}

/** How many documents have term `t`. */
export function postingCount(index: Postings, t: number): number {
  return (index.postingStart[t + 1] as number) - (index.postingStart[t] as number);
}

/** The documents of term `t`, in order (decoded: for tests and tools, not the search path). */
export function postingsOf(index: Postings, t: number): { docs: number[]; scores: number[] } {
  const docs: number[] = [];
  const scores: number[] = [];
  const scale = index.termScale[t] as number;
  let at = index.blockOffset[index.blockStart[t] as number] as number;
  let doc = -1;
  for (let p = index.postingStart[t] as number; p < (index.postingStart[t + 1] as number); p++) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = index.docBytes[at++] as number;
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    doc += gap + 1;
    docs.push(doc);
    scores.push((index.postingScores[p] as number) * scale);
  }
  return { docs, scores };
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

/**
 * How `topDocuments` finds its answer: "auto" picks; "every-posting" adds up every posting;
 * "max-score" prunes. The last two give the same answer; tests compare them.
 */
export type Strategy = "auto" | "every-posting" | "max-score";

export interface TopDocumentsOptions {
  /** Leaves documents out before they are counted. */
  accept?: (doc: number) => boolean;
  /** Only documents `from` ..< `to` (one article's, say). @default all */
  from?: number;
  to?: number;
  strategy?: Strategy;
  /** Counts the documents scored in full (all their terms looked up), to show what pruning saves. */
  stats?: { scored: number };
}

/** Below this many postings in all, adding them all up is as quick as pruning. */
const fewPostings = 2048;

/**
 * The best `k` documents for `words` (at most `maxQueryWords`), best first, and how many
 * documents matched at all. A document matches if it matches any word; it ranks by how
 * many words it matches, then by score, then by its number (lower first).
 *
 * Most queries are answered by MaxScore (`maxScoreTop`), which visits only the postings that
 * can still make the best `k`, and count their matches apart (`countMatches`); a query with
 * `accept`, within a range (one article), or with few postings adds up every posting.
 */
export function topDocuments(index: TermIndex, words: readonly QueryWord[], k: number, options: TopDocumentsOptions = {}): { top: ScoredDocument[]; total: number } {
  const { accept, strategy = "auto" } = options;
  const from = Math.max(0, options.from ?? 0);
  const to = Math.min(index.documentCount, options.to ?? index.documentCount);
  const expansions: Expansion[] = [];
  const wordCount = Math.min(words.length, maxQueryWords);
  let postings = 0;
  for (let i = 0; i < wordCount; i++) {
    for (const [term, weight] of expandWord(index, words[i] as QueryWord)) {
      expansions.push({ term, weight, bit: 1 << i });
      postings += postingCount(index, term);
    }
  }
  const whole = from === 0 && to === index.documentCount;
  const prune = strategy === "max-score" || (strategy === "auto" && postings > fewPostings);
  if (!prune || accept !== undefined || !whole || k <= 0) return fromEveryPosting(index, expansions, wordCount, k, accept, from, to, options.stats);
  return { top: maxScoreTop(index, expansions, wordCount, k, options.stats), total: countMatches(index, expansions) };
}

/** Reads the varint at `bytes[at]`; `varintEnd` is where the next one starts. */
let varintEnd = 0;
function readVarint(bytes: Uint8Array, at: number): number {
  let byte = bytes[at] as number;
  let value = byte & 0x7f;
  let shift = 7;
  let next = at + 1;
  while (byte & 0x80) {
    byte = bytes[next++] as number;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  }
  varintEnd = next;
  return value;
}

/** The first block of term `t` whose last document is `doc` or later (`blockStart[t + 1]` if none). */
function blockHolding(index: Postings, t: number, doc: number): number {
  let low = index.blockStart[t] as number;
  let high = index.blockStart[t + 1] as number;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((index.blockLastDoc[middle] as number) < doc) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Adds `weight` times the postings of `term` in `from ..< to` into the scratch scores, marks
 * the documents with `bit`, appends newly touched ones; returns the new count of touched
 * documents. A function of its own so that the engine optimises this one hot loop on its own.
 */
function accumulate(index: TermIndex, term: number, weight: number, bit: number, touchedCount: number, from: number, to: number): number {
  const { blockStart, blockLastDoc, blockOffset, postingStart, postingScores, docBytes } = index;
  const { scores, matched, touched } = index.scratch;
  const scale = index.termScale[term] as number;
  const first = blockStart[term] as number;
  const block = from === 0 ? first : blockHolding(index, term, from);
  let count = touchedCount;
  let doc = block > first ? (blockLastDoc[block - 1] as number) : -1;
  let at = blockOffset[block] as number;
  const end = postingStart[term + 1] as number;
  for (let p = (postingStart[term] as number) + (block - first) * blockSize; p < end; p++) {
    doc += readVarint(docBytes, at) + 1;
    at = varintEnd;
    if (doc < from) continue;
    if (doc >= to) break;
    const before = matched[doc] as number;
    if (before === 0) touched[count++] = doc;
    matched[doc] = before | bit;
    scores[doc]! += weight * ((postingScores[p] as number) * scale);
  }
  return count;
}

/** Visits every posting of every expansion (in `from ..< to`): the plain way. */
function fromEveryPosting(
  index: TermIndex,
  expansions: readonly Expansion[],
  wordCount: number,
  k: number,
  accept: ((doc: number) => boolean) | undefined,
  from: number,
  to: number,
  stats?: { scored: number },
): { top: ScoredDocument[]; total: number } {
  const { scores, matched, touched } = index.scratch;
  let touchedCount = 0;
  for (const { term, weight, bit } of expansions) touchedCount = accumulate(index, term, weight, bit, touchedCount, from, to);
  if (stats) stats.scored += touchedCount;

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

/** How many documents have any of the expansions' terms: bitsets of the common ones, the others' postings decoded. */
function countMatches(index: TermIndex, expansions: readonly Expansion[]): number {
  const terms = [...new Set(expansions.map((expansion) => expansion.term))];
  if (terms.length === 1) return postingCount(index, terms[0] as number);
  const union = index.scratch.union;
  union.fill(0);
  for (const term of terms) {
    const members = index.commonMembers.get(term);
    if (members) {
      for (let w = 0; w < union.length; w++) union[w]! |= members[w] as number;
      continue;
    }
    const bytes = index.docBytes;
    let at = index.blockOffset[index.blockStart[term] as number] as number;
    let doc = -1;
    for (let n = postingCount(index, term); n > 0; n--) {
      doc += readVarint(bytes, at) + 1;
      at = varintEnd;
      union[doc >>> 5]! |= 1 << (doc & 31);
    }
  }
  let total = 0;
  for (let w = 0; w < union.length; w++) total += popCount(union[w] as number);
  return total;
}

/**
 * A reader of one term's postings in document order, a block at a time. Its `doc` is the
 * current document when `exact`; otherwise only a bound below it (the cursor was moved past
 * documents without decoding the block it landed in), made exact by `materialise`.
 */
class Cursor {
  block: number;
  doc: number;
  exact = false;
  /** The best this term can add to a document: its weight times its best score. */
  readonly best: number;
  private readonly firstBlock: number;
  private readonly endBlock: number;
  private readonly scale: number;
  private decoded = -1;
  private position = 0;
  private count = 0;
  private readonly docs = new Int32Array(blockSize);

  constructor(
    private readonly index: TermIndex,
    readonly term: number,
    readonly weight: number,
    readonly bit: number,
  ) {
    this.firstBlock = index.blockStart[term] as number;
    this.endBlock = index.blockStart[term + 1] as number;
    this.block = this.firstBlock;
    this.scale = index.termScale[term] as number;
    this.best = weight * (topQuantum * this.scale);
    this.doc = this.block < this.endBlock ? 0 : noDocument;
    this.exact = this.doc === noDocument;
  }

  /** The best this term can add to a document of the current block. */
  blockBest(): number {
    return this.weight * ((this.index.blockMax[this.block] as number) * this.scale);
  }

  /** The last document of the current block. */
  blockEnd(): number {
    return this.index.blockLastDoc[this.block] as number;
  }

  /** Moves to `target` or past it, to the block that may hold it, without decoding anything. */
  skipTo(target: number): void {
    if (this.doc >= target) return;
    const last = this.index.blockLastDoc;
    let block = this.block;
    while (block < this.endBlock && (last[block] as number) < target) block++;
    this.block = block;
    if (block === this.endBlock) {
      this.doc = noDocument;
      this.exact = true;
    } else {
      this.doc = target;
      this.exact = false;
    }
  }

  /** Makes `doc` the current document: the first of the term at or after the bound. */
  materialise(): void {
    if (this.exact) return;
    if (this.decoded !== this.block) this.decode();
    const docs = this.docs;
    let position = this.decoded === this.block && this.position < this.count ? this.position : 0;
    while ((docs[position] as number) < this.doc) position++;
    this.position = position;
    this.doc = docs[position] as number;
    this.exact = true;
  }

  /** Steps past the current (exact) document. */
  next(): void {
    this.position++;
    if (this.position < this.count) {
      this.doc = this.docs[this.position] as number;
      return;
    }
    this.block++;
    if (this.block === this.endBlock) {
      this.doc = noDocument;
      this.exact = true;
    } else {
      this.doc = (this.index.blockLastDoc[this.block - 1] as number) + 1;
      this.exact = false;
    }
  }

  /** The score of the current (exact) document, before the weight: as `accumulate` computes it. */
  score(): number {
    const posting = (this.index.postingStart[this.term] as number) + (this.block - this.firstBlock) * blockSize + this.position;
    return (this.index.postingScores[posting] as number) * this.scale;
  }

  private decode(): void {
    const { blockLastDoc, blockOffset, postingStart, docBytes } = this.index;
    const block = this.block;
    const first = (block - this.firstBlock) * blockSize;
    this.count = Math.min(blockSize, (postingStart[this.term + 1] as number) - (postingStart[this.term] as number) - first);
    let doc = block > this.firstBlock ? (blockLastDoc[block - 1] as number) : -1;
    let at = blockOffset[block] as number;
    for (let i = 0; i < this.count; i++) {
      doc += readVarint(docBytes, at) + 1;
      at = varintEnd;
      this.docs[i] = doc;
    }
    this.decoded = block;
    this.position = 0;
  }
}

/**
 * The best `k` documents by MaxScore over blocks, exactly those of `fromEveryPosting`.
 *
 * Once `k` documents are held, the worst of them is the bar. The terms are ordered by the
 * most each can add (`best`), and the longest run of the smallest whose words and bests
 * together cannot clear the bar are non-essential: a document with only those cannot make
 * it, so candidates come from the essential terms alone, and the others are looked up for
 * each candidate (skipping their blocks by last document). Before a candidate is decoded,
 * the bests of the blocks the essential terms are in bound every document up to the first
 * of those blocks' ends; if that cannot clear the bar, all of them are skipped undecoded.
 * A candidate is scored in full only if its essential terms plus the non-essential bests
 * can clear the bar, adding the same numbers in the same order as `accumulate`, so that its
 * score is equal to the last bit. A bar is cleared by more words, or as many and a score at
 * least as high (a lower number wins a tie); bounds carry a hair of margin for float32 sums.
 */
function maxScoreTop(index: TermIndex, expansions: readonly Expansion[], wordCount: number, k: number, stats?: { scored: number }): ScoredDocument[] {
  const cursors = expansions.map(({ term, weight, bit }) => new Cursor(index, term, weight, bit));
  const count = cursors.length;
  const heap = new TopK(k);
  const wordsOf = (bits: number) => (wordCount === 1 ? (bits === 0 ? 0 : 1) : popCount(bits));
  /** Whether a document with at most these words and this score could make the best `k`. */
  const canClear = (bits: number, bound: number) =>
    !heap.full() || wordsOf(bits) > heap.worstMatched || (wordsOf(bits) === heap.worstMatched && bound * (1 + 1e-5) + 1e-9 >= heap.worstScore);

  const slotOf = new Map(cursors.map((cursor, slot) => [cursor, slot]));
  const byBest = [...cursors].sort((a, b) => a.best - b.best);
  const postingsOf = (cursor: Cursor) => postingCount(index, cursor.term);
  // Per word, its postings: when the bar is m words, the m - 1 words with the most can be optional together.
  const wordBits = [...new Set(cursors.map((cursor) => cursor.bit))];
  const wordPostings = new Map(wordBits.map((bit) => [bit, cursors.filter((c) => c.bit === bit).reduce((sum, c) => sum + postingsOf(c), 0)]));
  const heaviestWords = [...wordBits].sort((a, b) => (wordPostings.get(b) as number) - (wordPostings.get(a) as number));

  let essentials: Cursor[] = cursors;
  const essential = new Uint8Array(count).fill(1);
  /** The optional cursors, the highest best first, and what those from i on can add: words and score. */
  let optional: Cursor[] = [];
  let optionalWordsFrom = [0];
  let optionalBestFrom = [0];
  /** Every document up to this one has been decided. */
  let done = -1;

  /** Grows `chosen` with the cursors by best, smallest first, while they together cannot clear the bar. */
  const extend = (chosen: Set<Cursor>, bits: number, bound: number): Set<Cursor> => {
    for (const cursor of byBest) {
      if (chosen.has(cursor)) continue;
      if (canClear(bits | cursor.bit, bound + cursor.best)) break;
      chosen.add(cursor);
      bits |= cursor.bit;
      bound += cursor.best;
    }
    return chosen;
  };
  const postingsIn = (chosen: Set<Cursor>) => [...chosen].reduce((sum, cursor) => sum + postingsOf(cursor), 0);
  /** Makes optional the set of terms with the most postings that cannot clear the bar together. */
  const repartition = () => {
    let chosen = extend(new Set(), 0, 0);
    if (wordCount > 1 && heap.worstMatched >= 2) {
      const words = new Set(heaviestWords.slice(0, heap.worstMatched - 1));
      const byWords = new Set(cursors.filter((cursor) => words.has(cursor.bit)));
      const bits = [...words].reduce((all, bit) => all | bit, 0);
      const bound = [...byWords].reduce((sum, cursor) => sum + cursor.best, 0);
      const other = extend(byWords, bits, bound);
      if (postingsIn(other) > postingsIn(chosen)) chosen = other;
    }
    if (chosen.size === optional.length && optional.every((cursor) => chosen.has(cursor))) return;
    optional = [...chosen].sort((a, b) => b.best - a.best);
    optionalWordsFrom = new Array<number>(optional.length + 1).fill(0);
    optionalBestFrom = new Array<number>(optional.length + 1).fill(0);
    for (let i = optional.length - 1; i >= 0; i--) {
      optionalWordsFrom[i] = (optionalWordsFrom[i + 1] as number) | (optional[i] as Cursor).bit;
      optionalBestFrom[i] = (optionalBestFrom[i + 1] as number) + (optional[i] as Cursor).best;
    }
    essentials = cursors.filter((cursor) => !chosen.has(cursor));
    cursors.forEach((cursor, slot) => {
      const now = chosen.has(cursor) ? 0 : 1;
      // A term made essential again goes on from what is decided: nothing before it can clear the bar.
      if (now === 1 && essential[slot] === 0) cursor.skipTo(done + 1);
      essential[slot] = now;
    });
  };

  const contribution = new Float64Array(count);
  const foundAt = new Int32Array(count).fill(-1);
  let worst = { matched: -1, score: -1 };
  for (;;) {
    let doc = noDocument;
    for (const cursor of essentials) if (cursor.doc < doc) doc = cursor.doc;
    if (doc === noDocument) break;
    if (heap.full()) {
      // Every document up to `end` is in the essential terms' current blocks, or in none.
      let bound = optionalBestFrom[0] as number;
      let bits = optionalWordsFrom[0] as number;
      let end = noDocument;
      for (const cursor of essentials) {
        if (cursor.doc === noDocument) continue;
        bound += cursor.blockBest();
        bits |= cursor.bit;
        end = Math.min(end, cursor.blockEnd());
      }
      if (!canClear(bits, bound)) {
        for (const cursor of essentials) cursor.skipTo(end + 1);
        done = end;
        continue;
      }
    }
    let inexact = false;
    for (const cursor of essentials) {
      if (cursor.doc !== doc || cursor.exact) continue;
      cursor.materialise();
      if (cursor.doc !== doc) inexact = true;
    }
    if (inexact) continue; // the lowest bound was not a document: look again

    let partial = 0;
    let bits = 0;
    for (const cursor of essentials) {
      if (cursor.doc !== doc) continue;
      const slot = slotOf.get(cursor) as number;
      contribution[slot] = cursor.weight * cursor.score();
      foundAt[slot] = doc;
      partial += contribution[slot] as number;
      bits |= cursor.bit;
    }
    // The optional terms, the most promising first, while the document can still clear the bar.
    let alive = canClear(bits | (optionalWordsFrom[0] as number), partial + (optionalBestFrom[0] as number));
    for (let i = 0; alive && i < optional.length; i++) {
      const cursor = optional[i] as Cursor;
      cursor.skipTo(doc);
      if (cursor.doc === doc && !cursor.exact) cursor.materialise();
      if (cursor.doc === doc) {
        const slot = slotOf.get(cursor) as number;
        contribution[slot] = cursor.weight * cursor.score();
        foundAt[slot] = doc;
        partial += contribution[slot] as number;
        bits |= cursor.bit;
      }
      alive = canClear(bits | (optionalWordsFrom[i + 1] as number), partial + (optionalBestFrom[i + 1] as number));
    }
    done = doc;
    if (alive) {
      // The exact score: the same numbers added in the same order as `accumulate` adds them.
      let score = 0;
      for (let slot = 0; slot < count; slot++) {
        if (foundAt[slot] === doc) score = Math.fround(score + (contribution[slot] as number));
      }
      heap.offer(doc, score, wordCount === 1 ? 1 : popCount(bits));
      if (stats) stats.scored++;
      if (heap.full() && (heap.worstMatched !== worst.matched || heap.worstScore !== worst.score)) {
        worst = { matched: heap.worstMatched, score: heap.worstScore };
        repartition();
      }
    }
    for (const cursor of essentials) {
      if (cursor.doc !== doc) continue;
      if (cursor.exact) cursor.next();
      else cursor.skipTo(doc + 1);
    }
  }
  return heap.sorted();
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
  worstMatched = 0;
  worstScore = 0;
  private worstDoc = 0;

  constructor(private readonly k: number) {}

  /** Whether it holds `k` documents, so that one must beat its worst to get in. */
  full(): boolean {
    return this.heap.length >= this.k;
  }

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

/** The arrays a term index is saved as (`termIndexParts`), by name and type. */
const savedArrays = {
  postingStart: Int32Array,
  blockStart: Int32Array,
  blockLastDoc: Int32Array,
  blockOffset: Int32Array,
  blockMax: Uint16Array,
  termScale: Float32Array,
  postingScores: Uint16Array,
  docBytes: Uint8Array,
  commonTermIds: Int32Array,
  commonMembers: Uint32Array,
} as const;
interface SavedArrays extends Omit<Postings, "termScale"> {
  termScale: Float32Array;
  commonTermIds: Int32Array;
  commonMembers: Uint32Array;
}

/** A term index as plain arrays and numbers, for `packArrays`; `termIndexFromParts` takes it back. */
export function termIndexParts(index: TermIndex): { meta: { documentCount: number; termCount: number; sortedTerms: string }; arrays: SavedArrays } {
  const common = [...index.commonMembers];
  const bitsetLength = Math.ceil(index.documentCount / 32);
  const members = new Uint32Array(common.length * bitsetLength);
  common.forEach(([, bits], i) => members.set(bits, i * bitsetLength));
  return {
    // Terms hold letters and digits only (normaliseTerm), so a newline separates them safely.
    meta: { documentCount: index.documentCount, termCount: index.termCount, sortedTerms: index.sortedTerms.join("\n") },
    arrays: {
      postingStart: index.postingStart,
      blockStart: index.blockStart,
      blockLastDoc: index.blockLastDoc,
      blockOffset: index.blockOffset,
      blockMax: index.blockMax,
      termScale: index.termScale,
      postingScores: index.postingScores,
      docBytes: index.docBytes,
      commonTermIds: Int32Array.from(common, ([term]) => term),
      commonMembers: members,
    },
  };
}

/** The term index `termIndexParts` took apart, its arrays used as they are (views on a loaded file, say). */
export function termIndexFromParts(meta: { documentCount: number; termCount: number; sortedTerms: string }, arrays: ReadonlyMap<string, unknown>): TermIndex {
  const parts = Object.fromEntries(
    Object.entries(savedArrays).map(([name, type]) => {
      const array = arrays.get(name);
      if (!(array instanceof type)) throw new Error(`the saved index has no ${name}`);
      return [name, array];
    }),
  ) as unknown as SavedArrays;
  const { documentCount, termCount } = meta;
  const sortedTerms = termCount === 0 ? [] : meta.sortedTerms.split("\n");
  if (sortedTerms.length !== termCount || parts.postingStart.length !== termCount + 1 || parts.blockStart.length !== termCount + 1) {
    throw new Error("the saved index's terms do not add up");
  }
  const bitsetLength = Math.ceil(documentCount / 32);
  const commonMembers = new Map<number, Uint32Array>();
  parts.commonTermIds.forEach((term, i) => commonMembers.set(term, parts.commonMembers.subarray(i * bitsetLength, (i + 1) * bitsetLength)));
  return {
    documentCount,
    termCount,
    terms: termLookup(sortedTerms),
    trie: flatTrie(sortedTerms),
    sortedTerms,
    postingStart: parts.postingStart,
    blockStart: parts.blockStart,
    blockLastDoc: parts.blockLastDoc,
    blockOffset: parts.blockOffset,
    blockMax: parts.blockMax,
    termScale: parts.termScale,
    postingScores: parts.postingScores,
    docBytes: parts.docBytes,
    commonMembers,
    scratch: newScratch(documentCount),
  };
}
