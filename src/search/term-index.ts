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
 * block with its last document and its best score. A query is answered by block-max WAND
 * over those blocks (`wandTop`): documents whose terms' bests cannot lift them into the best
 * `k` are jumped over, and runs of blocks whose best scores cannot either are skipped
 * undecoded; the answer is exactly the one of adding up every posting (`fromEveryPosting`).
 * Where WAND cannot skip (a phrase of common words whose best `k` score low), every posting
 * is added up, a window of documents at a time so that the sums stay in the CPU's cache, and
 * for a phrase only those of the documents with as many words as the best `k` must have,
 * found from bitsets per word (`wordFloor`). Terms are numbered in sorted order, so the terms
 * with a prefix are a range found by binary search. Terms in a large share of the documents also have a bitset of them, to
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
 * The postings of every term, compressed. A term's postings are one list, or two when it
 * has many: its head (its best-scoring postings, at least 1/16 of them) and its tail (the
 * rest), so that pruning can tell the few documents where the term weighs much from the
 * many where it weighs little. Term t has lists `termList[t] .. termList[t + 1]`; list l has
 * postings `postingStart[l] .. postingStart[l + 1]` (in document order) and blocks
 * `blockStart[l] .. blockStart[l + 1]`, its j-th block holding its postings `128 j ..
 * 128 j + 127`. A posting's document is the one before it in its list (-1 before the first)
 * plus one plus the varint in `docBytes`; a block's varints start at `blockOffset`, so a
 * block is decoded alone, from its predecessor's `blockLastDoc`. A posting's score is
 * `postingScores[p] * termScale[t]`: its BM25 score quantised to 16 bits of its term's best,
 * which is 65,535 (so `termScale` is the best / 65,535).
 */
export interface Postings {
  readonly termList: Int32Array;
  readonly postingStart: Int32Array;
  readonly blockStart: Int32Array;
  readonly blockLastDoc: Int32Array;
  readonly blockOffset: Int32Array;
  /** Per block: the highest quantised score in it. */
  readonly blockMax: Uint16Array;
  /** Per list: the highest quantised score in it. */
  readonly listBest: Uint16Array;
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
  readonly scratch: {
    scores: Float32Array;
    matched: Uint16Array;
    touched: Int32Array;
    union: Uint32Array;
    /** A bitset per query word (`wordFloor`), and the documents with 2, 3 and 4 words or more; grown when first needed. */
    wordSets: Uint32Array;
    levels: Uint32Array;
  };
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
    wordSets: new Uint32Array(0),
    levels: new Uint32Array(0),
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
 * compressed as `Postings` describes: about 3 to 4 bytes a posting where they were 8. A term
 * with `splitAt` postings or more gets a head and a tail.
 */
export function encodePostings(termStart: Int32Array, docs: Int32Array, scores: Float32Array, splitAt = 1024): Postings {
  const termCount = termStart.length - 1;
  const postingCount = termStart[termCount] as number;
  const termList = new Int32Array(termCount + 1);
  const postingStart = new Growable(new Int32Array(termCount + 16), (n) => new Int32Array(n));
  const blockStart = new Growable(new Int32Array(termCount + 16), (n) => new Int32Array(n));
  const listBest = new Growable(new Uint16Array(termCount + 16), (n) => new Uint16Array(n));
  const blockLastDoc = new Growable(new Int32Array(termCount + 16), (n) => new Int32Array(n));
  const blockOffset = new Growable(new Int32Array(termCount + 16), (n) => new Int32Array(n));
  const blockMax = new Growable(new Uint16Array(termCount + 16), (n) => new Uint16Array(n));
  const termScale = new Float32Array(termCount);
  const postingScores = new Uint16Array(postingCount);
  const bytes = new Growable(new Uint8Array(Math.max(1024, postingCount * 2)), (n) => new Uint8Array(n));
  const quanta = new Uint16Array(postingCount);
  let written = 0;
  /** Appends the postings `start ..< end` of the term for which `keep` holds, as one list. */
  const writeList = (start: number, end: number, keep: (quantum: number) => boolean) => {
    postingStart.push(written);
    blockStart.push(blockLastDoc.length);
    let previous = -1;
    let inList = 0;
    let best = 0;
    for (let p = start; p < end; p++) {
      const quantum = quanta[p] as number;
      if (!keep(quantum)) continue;
      if (inList % blockSize === 0) {
        blockOffset.push(bytes.length);
        blockLastDoc.push(0);
        blockMax.push(0);
      }
      inList++;
      const doc = docs[p] as number;
      let gap = doc - previous - 1;
      while (gap >= 0x80) {
        bytes.push((gap & 0x7f) | 0x80);
        gap >>>= 7;
      }
      bytes.push(gap);
      previous = doc;
      const block = blockLastDoc.length - 1;
      blockLastDoc.array[block] = doc;
      if (quantum > (blockMax.array[block] as number)) blockMax.array[block] = quantum;
      if (quantum > best) best = quantum;
      postingScores[written++] = quantum;
    }
    listBest.push(best);
  };
  for (let t = 0; t < termCount; t++) {
    const start = termStart[t] as number;
    const end = termStart[t + 1] as number;
    let best = 0;
    for (let p = start; p < end; p++) best = Math.max(best, scores[p] as number);
    const scale = Math.fround(best / topQuantum);
    termScale[t] = scale;
    for (let p = start; p < end; p++) {
      quanta[p] = scale > 0 ? Math.min(topQuantum, Math.max(1, Math.round((scores[p] as number) / scale))) : 0;
    }
    termList[t] = postingStart.length;
    const count = end - start;
    // The head: every posting scoring at least the headSize-th best (ties included, so that
    // the tail scores strictly less).
    const threshold = count >= splitAt ? (quanta.slice(start, end).sort()[count - Math.max(blockSize, Math.ceil(count / 16))] as number) : 0;
    if (threshold > 1) {
      writeList(start, end, (quantum) => quantum >= threshold);
      writeList(start, end, (quantum) => quantum < threshold);
    } else {
      writeList(start, end, () => true);
    }
  }
  termList[termCount] = postingStart.length;
  postingStart.push(written);
  blockStart.push(blockLastDoc.length);
  const trimmed = <T extends Int32Array | Uint16Array | Uint8Array>(growable: Growable<T>): T => growable.array.slice(0, growable.length) as T;
  return {
    termList,
    postingStart: trimmed(postingStart),
    blockStart: trimmed(blockStart),
    blockLastDoc: trimmed(blockLastDoc),
    blockOffset: trimmed(blockOffset),
    blockMax: trimmed(blockMax),
    listBest: trimmed(listBest),
    termScale,
    postingScores,
    docBytes: trimmed(bytes),
  };
}

/** How many documents have term `t`. */
export function postingCount(index: Postings, t: number): number {
  return (index.postingStart[index.termList[t + 1] as number] as number) - (index.postingStart[index.termList[t] as number] as number);
}

/** The postings of term `t`, in document order (decoded: for tests and tools, not the search path). */
export function postingsOf(index: Postings, t: number): { docs: number[]; scores: number[] } {
  const postings: [doc: number, score: number][] = [];
  const scale = index.termScale[t] as number;
  for (let list = index.termList[t] as number; list < (index.termList[t + 1] as number); list++) {
    let at = index.blockOffset[index.blockStart[list] as number] as number;
    let doc = -1;
    for (let p = index.postingStart[list] as number; p < (index.postingStart[list + 1] as number); p++) {
      doc += readVarint(index.docBytes, at) + 1;
      at = varintEnd;
      postings.push([doc, (index.postingScores[p] as number) * scale]);
    }
  }
  postings.sort((a, b) => a[0] - b[0]);
  return { docs: postings.map(([doc]) => doc), scores: postings.map(([, score]) => score) };
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
 * "pruned" skips what cannot make the best `k`; "by-words" adds up the postings of only the
 * documents with as many words as the best `k` must have (`wordFloor`). All give the same
 * answer; tests compare them.
 */
export type Strategy = "auto" | "every-posting" | "pruned" | "by-words";

export interface TopDocumentsOptions {
  /** Leaves documents out before they are counted. */
  accept?: (doc: number) => boolean;
  /** Only documents `from` ..< `to` (one article's, say). @default all */
  from?: number;
  to?: number;
  strategy?: Strategy;
  /** Documents per window of the plain way (`fromEveryPosting`); tests use small ones to cross many. @default 32,768 */
  window?: number;
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
 * Most queries are answered by block-max WAND (`wandTop`), which visits only the postings that
 * can still make the best `k`, and count their matches apart (`countMatches`); a query with
 * `accept`, within a range (one article), or with few postings adds up every posting
 * (`fromEveryPosting`), and so does one where WAND would not skip enough (past a budget of
 * steps), then only over the documents with as many words as the best `k` need (`wordFloor`).
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
  const prune = strategy === "pruned" || strategy === "by-words" || (strategy === "auto" && postings > fewPostings);
  if (prune && accept === undefined && whole && k > 0) {
    // Pruning pays when it skips most postings; when it would not (a phrase of common words
    // whose best k are scored low), a step of it costs a dozen postings or more added up a
    // window at a time: past a budget, the plain way is quicker. Either way the answer is the same.
    const budget = strategy === "pruned" ? Number.POSITIVE_INFINITY : Math.max(256, postings / 256);
    const top = strategy === "by-words" ? undefined : wandTop(index, expansions, wordCount, k, budget, options.stats);
    if (top !== undefined) return { top, total: countMatches(index, expansions) };
    // A phrase: the best k are often among the documents with two words or more, a small share
    // of those with any: only their postings are added up. Counting the words takes a pass over
    // bitsets of every document, which pays for many postings only.
    const floor = wordCount > 1 && (strategy === "by-words" || postings >= index.documentCount / 8) ? wordFloor(index, expansions, wordCount, k) : undefined;
    if (floor !== undefined) {
      const { top: best } = fromEveryPosting(index, expansions, wordCount, k, undefined, 0, index.documentCount, options.stats, Math.max(1, options.window ?? windowSize), floor.members);
      return { top: best, total: floor.total };
    }
  }
  return fromEveryPosting(index, expansions, wordCount, k, accept, from, to, options.stats, Math.max(1, options.window ?? windowSize));
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

/** The first block of list `list` whose last document is `doc` or later (`blockStart[list + 1]` if none). */
function blockHolding(index: Postings, list: number, doc: number): number {
  let low = index.blockStart[list] as number;
  let high = index.blockStart[list + 1] as number;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((index.blockLastDoc[middle] as number) < doc) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Documents per window of `fromEveryPosting`: its scores, words and touched documents for one
 * window take 320 KiB, which stay in the CPU's cache where the arrays of every document (11 MB
 * of scores alone at 100,000 articles) do not.
 */
const windowSize = 1 << 15;

/** The lists `fromEveryPosting` reads, each with its weight, scale and bit, and where it is: its next document (not yet added), posting and byte. */
interface WindowLists {
  factor: Float64Array;
  scale: Float64Array;
  bit: Int32Array;
  nextDoc: Int32Array;
  posting: Int32Array;
  byteAt: Int32Array;
  endPosting: Int32Array;
}

/**
 * Adds the postings of list `i` before `end` into the window's scratch space (document `start`
 * at 0); returns the new count of touched documents. A function of its own so that the engine
 * optimises this one hot loop on its own.
 */
function addInWindow(index: TermIndex, lists: WindowLists, i: number, start: number, end: number, touchedCount: number, members: Uint32Array | undefined): number {
  const { postingScores, docBytes } = index;
  const { scores, matched, touched } = index.scratch;
  let count = touchedCount;
  let doc = lists.nextDoc[i] as number;
  let p = lists.posting[i] as number;
  let at = lists.byteAt[i] as number;
  const last = lists.endPosting[i] as number;
  const weight = lists.factor[i] as number;
  const scale = lists.scale[i] as number;
  const bit = lists.bit[i] as number;
  while (doc < end) {
    if (members === undefined || ((members[doc >>> 5] as number) >>> (doc & 31)) & 1) {
      const local = doc - start;
      const before = matched[local] as number;
      if (before === 0) touched[count++] = local;
      matched[local] = before | bit;
      scores[local]! += weight * ((postingScores[p] as number) * scale);
    }
    if (++p >= last) {
      doc = noDocument;
      break;
    }
    // The varint read inline: most gaps in a long list take one byte.
    const byte = docBytes[at] as number;
    if (byte < 0x80) {
      doc += byte + 1;
      at++;
    } else {
      doc += readVarint(docBytes, at) + 1;
      at = varintEnd;
    }
  }
  lists.nextDoc[i] = doc;
  lists.posting[i] = p;
  lists.byteAt[i] = at;
  return count;
}

/**
 * Visits every posting of every expansion (in `from ..< to`): the plain way. The documents are
 * taken a window at a time: every list adds its postings in the window into scratch space the
 * size of the window, which is then swept for the best `k`. Adding into arrays of every document
 * instead, each posting of a long list was a miss of the CPU's cache. A document's scores are
 * added in the order of the expansions, as `wandTop` adds them.
 */
function fromEveryPosting(
  index: TermIndex,
  expansions: readonly Expansion[],
  wordCount: number,
  k: number,
  accept: ((doc: number) => boolean) | undefined,
  from: number,
  to: number,
  stats: { scored: number } | undefined,
  window: number,
  /** Only the documents in this bitset are added up (and counted). */
  members?: Uint32Array,
): { top: ScoredDocument[]; total: number } {
  const { termList, termScale, blockStart, blockLastDoc, blockOffset, postingStart, docBytes } = index;
  const { scores, matched, touched } = index.scratch;
  // Every list of every expansion, with where it is: its next document (not yet added), posting and byte.
  const listCount = expansions.reduce((sum, { term }) => sum + (termList[term + 1] as number) - (termList[term] as number), 0);
  const lists: WindowLists = {
    factor: new Float64Array(listCount),
    scale: new Float64Array(listCount),
    bit: new Int32Array(listCount),
    nextDoc: new Int32Array(listCount),
    posting: new Int32Array(listCount),
    byteAt: new Int32Array(listCount),
    endPosting: new Int32Array(listCount),
  };
  const { factor, bit: bitOf, nextDoc, posting, byteAt, endPosting } = lists;
  const scaleOf = lists.scale;
  let n = 0;
  for (const { term, weight, bit } of expansions) {
    for (let list = termList[term] as number; list < (termList[term + 1] as number); list++, n++) {
      factor[n] = weight;
      scaleOf[n] = termScale[term] as number;
      bitOf[n] = bit;
      const first = blockStart[list] as number;
      const block = from === 0 ? first : blockHolding(index, list, from);
      let doc = block > first ? (blockLastDoc[block - 1] as number) : -1;
      let at = blockOffset[block] as number;
      let p = (postingStart[list] as number) + (block - first) * blockSize;
      const end = postingStart[list + 1] as number;
      endPosting[n] = end;
      for (;;) {
        if (p >= end) {
          doc = noDocument;
          break;
        }
        doc += readVarint(docBytes, at) + 1;
        at = varintEnd;
        if (doc >= from) break;
        p++;
      }
      nextDoc[n] = doc;
      posting[n] = p;
      byteAt[n] = at;
    }
  }

  const heap = new TopK(k);
  // The heap's worst, kept in locals for the sweep, where most documents are dropped.
  let full = heap.full();
  let worstMatched = heap.worstMatched;
  let worstScore = heap.worstScore;
  let total = 0;
  let start = from;
  while (start < to) {
    let earliest = noDocument;
    for (let i = 0; i < listCount; i++) earliest = Math.min(earliest, nextDoc[i] as number);
    if (earliest >= to) break;
    if (earliest >= start + window) start = earliest; // skip windows without a posting
    const end = Math.min(to, start + window);
    let touchedCount = 0;
    for (let i = 0; i < listCount; i++) {
      if ((lists.nextDoc[i] as number) < end) touchedCount = addInWindow(index, lists, i, start, end, touchedCount, members);
    }
    if (stats) stats.scored += touchedCount;
    for (let i = 0; i < touchedCount; i++) {
      const local = touched[i] as number;
      const bits = matched[local] as number;
      const score = scores[local] as number;
      scores[local] = 0;
      matched[local] = 0;
      if (accept !== undefined && !accept(start + local)) continue;
      total++;
      const words = wordCount === 1 ? 1 : (bitCounts[bits] as number);
      // Most documents lose to the worst kept, plainly: no call for them.
      if (full && (words < worstMatched || (words === worstMatched && score < worstScore))) continue;
      heap.offer(start + local, score, words);
      full = heap.full();
      worstMatched = heap.worstMatched;
      worstScore = heap.worstScore;
    }
    start = end;
  }
  return { top: heap.sorted(), total };
}

/**
 * How many words the best `k` documents must match at least, when that is 2 to 4: at least `k`
 * documents match that many (so any with fewer ranks below `k` others), with the bitset of them,
 * and how many documents match any word. A bitset per word is made from the common terms'
 * bitsets and the other terms' postings; a bit-sliced count of them gives the documents with
 * 2, 3 and 4 words or more. `undefined` when fewer than `k` documents have two words.
 */
function wordFloor(index: TermIndex, expansions: readonly Expansion[], wordCount: number, k: number): { members: Uint32Array; total: number } | undefined {
  const chunks = Math.ceil(index.documentCount / 32);
  const scratch = index.scratch;
  if (scratch.wordSets.length < wordCount * chunks) scratch.wordSets = new Uint32Array(wordCount * chunks);
  if (scratch.levels.length < 3 * chunks) scratch.levels = new Uint32Array(3 * chunks);
  const { wordSets, levels } = scratch;
  wordSets.fill(0, 0, wordCount * chunks);
  for (const { term, bit } of expansions) {
    const word = 31 - Math.clz32(bit);
    const offset = word * chunks;
    addDocuments(index, term, wordSets, offset, chunks);
  }
  // Per 32 documents, those with 1, 2, 3 and 4 words or more: each word's bits carried up.
  let any = 0;
  let two = 0;
  let three = 0;
  let four = 0;
  for (let c = 0; c < chunks; c++) {
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    let g4 = 0;
    for (let word = 0, at = c; word < wordCount; word++, at += chunks) {
      const b = wordSets[at] as number;
      g4 |= g3 & b;
      g3 |= g2 & b;
      g2 |= g1 & b;
      g1 |= b;
    }
    levels[c] = g2;
    levels[chunks + c] = g3;
    levels[2 * chunks + c] = g4;
    if (g1 !== 0) any += (bitCounts[g1 & 0xffff] as number) + (bitCounts[g1 >>> 16] as number);
    if (g2 !== 0) two += (bitCounts[g2 & 0xffff] as number) + (bitCounts[g2 >>> 16] as number);
    if (g3 !== 0) three += (bitCounts[g3 & 0xffff] as number) + (bitCounts[g3 >>> 16] as number);
    if (g4 !== 0) four += (bitCounts[g4 & 0xffff] as number) + (bitCounts[g4 >>> 16] as number);
  }
  const level = four >= k ? 2 : three >= k ? 1 : two >= k ? 0 : -1;
  if (level < 0) return undefined;
  return { members: levels.subarray(level * chunks, (level + 1) * chunks), total: any };
}

/**
 * Sets the bits of `term`'s documents in the bitset at `bits[offset ..< offset + chunks]`: from
 * the term's own bitset if it is a common one, else from its postings, decoded.
 */
function addDocuments(index: TermIndex, term: number, bits: Uint32Array, offset: number, chunks: number): void {
  const members = index.commonMembers.get(term);
  if (members) {
    for (let c = 0; c < chunks; c++) bits[offset + c]! |= members[c] as number;
    return;
  }
  const bytes = index.docBytes;
  for (let list = index.termList[term] as number; list < (index.termList[term + 1] as number); list++) {
    let at = index.blockOffset[index.blockStart[list] as number] as number;
    let doc = -1;
    for (let n = (index.postingStart[list + 1] as number) - (index.postingStart[list] as number); n > 0; n--) {
      doc += readVarint(bytes, at) + 1;
      at = varintEnd;
      bits[offset + (doc >>> 5)]! |= 1 << (doc & 31);
    }
  }
}

/** How many documents have any of the expansions' terms: bitsets of the common ones, the others' postings decoded. */
function countMatches(index: TermIndex, expansions: readonly Expansion[]): number {
  const terms = [...new Set(expansions.map((expansion) => expansion.term))];
  if (terms.length === 1) return postingCount(index, terms[0] as number);
  const union = index.scratch.union;
  union.fill(0);
  for (const term of terms) addDocuments(index, term, union, 0, union.length);
  let total = 0;
  for (let w = 0; w < union.length; w++) total += popCount(union[w] as number);
  return total;
}

/**
 * A reader of one list of a term's postings in document order, a block at a time. Its `doc` is the
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
    readonly list: number,
    term: number,
    readonly weight: number,
    readonly bit: number,
    /** Its term's position among the query's expansions: the order its score is added in. */
    readonly slot: number,
  ) {
    this.firstBlock = index.blockStart[list] as number;
    this.endBlock = index.blockStart[list + 1] as number;
    this.block = this.firstBlock;
    this.scale = index.termScale[term] as number;
    this.best = weight * ((index.listBest[list] as number) * this.scale);
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

  /** The score of the current (exact) document, before the weight: as `addInWindow` computes it. */
  score(): number {
    const posting = (this.index.postingStart[this.list] as number) + (this.block - this.firstBlock) * blockSize + this.position;
    return (this.index.postingScores[posting] as number) * this.scale;
  }

  private decode(): void {
    const { blockLastDoc, blockOffset, postingStart, docBytes } = this.index;
    const block = this.block;
    const first = (block - this.firstBlock) * blockSize;
    this.count = Math.min(blockSize, (postingStart[this.list + 1] as number) - (postingStart[this.list] as number) - first);
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
 * The best `k` documents by block-max WAND, exactly those of `fromEveryPosting`.
 *
 * Once `k` documents are held, the worst of them is the bar. The cursors are kept in order
 * of their documents; the pivot is the first whose words and bests, with those of the
 * cursors before it, could clear the bar: no document before the pivot's can, so those
 * cursors jump to it (a phrase of common words becomes an intersection when the bar needs
 * every word). Before a candidate is decoded, the bests of the blocks that may hold it bound
 * every document up to the first of those blocks' ends; if that cannot clear the bar, all of
 * them are skipped undecoded (a single common word visits only its best blocks). A term
 * with a head and a tail is two cursors; a document is in one of them, so a bound counts
 * the higher best of the two. A bar is cleared by more words, or as many and a higher score
 * (see `canClear`). A candidate's score adds the same
 * numbers in the same order as `addInWindow`, so that it is equal to the last bit.
 */
function wandTop(
  index: TermIndex,
  expansions: readonly Expansion[],
  wordCount: number,
  k: number,
  budget: number,
  stats?: { scored: number },
): ScoredDocument[] | undefined {
  const all: Cursor[] = [];
  expansions.forEach(({ term, weight, bit }, slot) => {
    for (let list = index.termList[term] as number; list < (index.termList[term + 1] as number); list++) all.push(new Cursor(index, list, term, weight, bit, slot));
  });
  const count = expansions.length;
  const heap = new TopK(k);
  const wordsOf = (bits: number) => (wordCount === 1 ? (bits === 0 ? 0 : 1) : popCount(bits));
  /**
   * Whether a document with at most these words, and a score of at most `bound` summed from
   * `terms` terms' contributions, could make the best `k`. Documents come in order, so one
   * that only ties the worst loses to it (a lower number wins a tie). One term's score is
   * float32 of its contribution, at most float32 of its bound; a sum of several may round
   * up by a hair per term.
   */
  const canClear = (bits: number, bound: number, terms: number): boolean => {
    const words = wordsOf(bits);
    if (!heap.full()) return true;
    if (words !== heap.worstMatched) return words > heap.worstMatched;
    if (terms <= 1) return Math.fround(bound) > heap.worstScore;
    if (bound * (1 + terms * 2.5e-7) <= heap.worstScore) return false;
    // Close to the bar (documents that tie it, often): the bound summed as a score is, in
    // float32 and in the order of the terms, so that a tie is told exactly.
    if (bound * (1 - terms * 2.5e-7) > heap.worstScore) return true;
    let exact = 0;
    for (let slot = 0; slot < count; slot++) {
      if (countedAt[slot] === round) exact = Math.fround(exact + (counted[slot] as number));
    }
    return exact > heap.worstScore;
  };
  /** Per expansion, the most its cursors already counted in a bound add: a term's head and tail never both hold a document. */
  const counted = new Float64Array(count);
  const countedAt = new Int32Array(count).fill(-1);
  let round = 0;
  const contribution = new Float64Array(count);
  const foundAt = new Int32Array(count).fill(-1);
  /** The cursors not yet exhausted, in order of their documents (or bounds). */
  const live = all.filter((cursor) => cursor.doc !== noDocument);

  let steps = 0;
  for (;;) {
    if (++steps > budget) return undefined;
    // Keep `live` sorted by document: an insertion sort, as it is nearly sorted each time.
    for (let i = 1; i < live.length; i++) {
      const cursor = live[i] as Cursor;
      let j = i - 1;
      while (j >= 0 && (live[j] as Cursor).doc > cursor.doc) {
        live[j + 1] = live[j] as Cursor;
        j--;
      }
      live[j + 1] = cursor;
    }
    while (live.length > 0 && (live[live.length - 1] as Cursor).doc === noDocument) live.pop();
    if (live.length === 0) break;

    // The pivot: the first cursor by document whose bests, with those before it, could clear the bar.
    let pivot = -1;
    let bits = 0;
    let bound = 0;
    let terms = 0;
    round++;
    for (let i = 0; i < live.length; i++) {
      const cursor = live[i] as Cursor;
      bits |= cursor.bit;
      const slot = cursor.slot;
      if (countedAt[slot] !== round) {
        countedAt[slot] = round;
        counted[slot] = 0;
        terms++;
      }
      if (cursor.best > (counted[slot] as number)) {
        bound += cursor.best - (counted[slot] as number);
        counted[slot] = cursor.best;
      }
      if (canClear(bits, bound, terms)) {
        pivot = i;
        break;
      }
    }
    if (pivot < 0) break; // nothing left can make the best k
    const doc = (live[pivot] as Cursor).doc;
    let last = pivot;
    while (last + 1 < live.length && (live[last + 1] as Cursor).doc === doc) last++;

    if (heap.full()) {
      // The bests of the blocks that may hold `doc`, up to the first of their ends: if they cannot
      // clear the bar, neither can any document up to there.
      let blockBound = 0;
      let blockBits = 0;
      let blockTerms = 0;
      let end = last + 1 < live.length ? (live[last + 1] as Cursor).doc - 1 : noDocument - 1;
      round++;
      for (let i = 0; i <= last; i++) {
        const cursor = live[i] as Cursor;
        cursor.skipTo(doc);
        if (cursor.doc === noDocument) continue;
        const slot = cursor.slot;
        if (countedAt[slot] !== round) {
          countedAt[slot] = round;
          counted[slot] = 0;
          blockTerms++;
        }
        const best = cursor.blockBest();
        if (best > (counted[slot] as number)) {
          blockBound += best - (counted[slot] as number);
          counted[slot] = best;
        }
        blockBits |= cursor.bit;
        end = Math.min(end, cursor.blockEnd());
      }
      if (!canClear(blockBits, blockBound, blockTerms)) {
        for (let i = 0; i <= last; i++) (live[i] as Cursor).skipTo(end + 1);
        continue;
      }
    }
    if ((live[0] as Cursor).doc < doc) {
      // Nothing before `doc` can clear the bar: the cursors behind it move up to it.
      for (let i = 0; i < pivot; i++) (live[i] as Cursor).skipTo(doc);
      continue;
    }
    let moved = false;
    for (let i = 0; i <= last; i++) {
      const cursor = live[i] as Cursor;
      if (cursor.doc === doc && !cursor.exact) cursor.materialise();
      if (cursor.doc !== doc) moved = true;
    }
    if (moved) continue; // a bound was not a document, or a cursor ran out: look again

    // A candidate: every cursor at it is exact. Its score adds the same numbers in the same order as `addInWindow`.
    let matched = 0;
    for (let i = 0; i <= last; i++) {
      const cursor = live[i] as Cursor;
      contribution[cursor.slot] = cursor.weight * cursor.score();
      foundAt[cursor.slot] = doc;
      matched |= cursor.bit;
    }
    let score = 0;
    for (let slot = 0; slot < count; slot++) {
      if (foundAt[slot] === doc) score = Math.fround(score + (contribution[slot] as number));
    }
    heap.offer(doc, score, wordCount === 1 ? 1 : popCount(matched));
    if (stats) stats.scored++;
    for (let i = 0; i <= last; i++) (live[i] as Cursor).next();
  }
  return heap.sorted();
}

/** How many bits are set, for every 16-bit number (the words a document matched). */
const bitCounts = Uint8Array.from({ length: 1 << maxQueryWords }, (_, bits) => popCount(bits));

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
  termList: Int32Array,
  postingStart: Int32Array,
  blockStart: Int32Array,
  blockLastDoc: Int32Array,
  blockOffset: Int32Array,
  blockMax: Uint16Array,
  listBest: Uint16Array,
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
      termList: index.termList,
      postingStart: index.postingStart,
      blockStart: index.blockStart,
      blockLastDoc: index.blockLastDoc,
      blockOffset: index.blockOffset,
      blockMax: index.blockMax,
      listBest: index.listBest,
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
  const listCount = parts.listBest.length;
  if (sortedTerms.length !== termCount || parts.termList.length !== termCount + 1 || parts.postingStart.length !== listCount + 1 || parts.blockStart.length !== listCount + 1) {
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
    termList: parts.termList,
    postingStart: parts.postingStart,
    blockStart: parts.blockStart,
    blockLastDoc: parts.blockLastDoc,
    blockOffset: parts.blockOffset,
    blockMax: parts.blockMax,
    listBest: parts.listBest,
    termScale: parts.termScale,
    postingScores: parts.postingScores,
    docBytes: parts.docBytes,
    commonMembers,
    scratch: newScratch(documentCount),
  };
}
