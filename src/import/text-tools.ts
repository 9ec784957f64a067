/** Small text helpers shared by the importer's finders. */

/** A stretch of a paragraph: where it starts and ends (end exclusive) and its text. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** Abbreviations after which a full stop does not end a sentence. */
const abbreviations = new Set([
  "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep", "st",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc",
  "ltd", "co", "corp", "jr", "sr", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m",
]);

/**
 * Splits a paragraph into sentences, keeping each one's offsets so excerpts stay
 * verbatim. A full stop ends a sentence unless it follows an abbreviation or an
 * initial; a closing quote mark after the stop belongs to the sentence.
 */
export function splitSentences(paragraph: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const end = /[.!?]["”’»]?(?=\s+["“‘«(]?[A-Z0-9])/g;
  for (let m = end.exec(paragraph); m; m = end.exec(paragraph)) {
    if (m[0][0] === ".") {
      const word = /([A-Za-z.]+)$/.exec(paragraph.slice(start, m.index))?.[1] ?? "";
      if (abbreviations.has(word.toLowerCase()) || /^[A-Z]$/.test(word) || /^(?:[A-Za-z]\.)+[A-Za-z]$/.test(word)) continue;
    }
    const stop = m.index + m[0].length;
    pushTrimmed(spans, paragraph, start, stop);
    start = stop;
  }
  pushTrimmed(spans, paragraph, start, paragraph.length);
  return spans;
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  if (end > start) spans.push({ start, end, text: text.slice(start, end) });
}

/** A lower-case slug of `text` (letters, digits, single dashes), cut at a word within `max` characters. */
export function slugify(text: string, max = 40): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) break;
    slug = next;
  }
  return slug || (words[0] ?? "").slice(0, max);
}

/** Levenshtein distance, capped: anything above `cap` is reported as `cap + 1`. */
export function editDistance(a: string, b: string, cap = 2): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > cap) return cap + 1;
    previous = current;
  }
  return previous[b.length] ?? cap + 1;
}

/** Text with letters folded to plain lower-case ASCII, for comparing spellings. */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** A word of a paragraph with its offsets; `gap` is the text between it and the word before. */
export interface Token {
  text: string;
  start: number;
  end: number;
  gap: string;
}

const keepsStop = /^(?:\p{Lu}\.|(?:\p{L}\.){2,}|Mr\.|Mrs\.|Ms\.|Dr\.|Gen\.|Lt\.|Col\.|Maj\.|Capt\.|Adm\.|Prof\.|Sen\.|Rep\.|Gov\.|St\.|Jr\.|Sr\.)$/u;

/** The words of a paragraph; a full stop stays on initials and abbreviations ("S.", "U.S.", "Mr."). */
export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*/gu)) {
    let word = m[0];
    if (!keepsStop.test(word)) word = word.replace(/[.'’-]+$/, "");
    const start = m.index;
    tokens.push({ text: word, start, end: start + word.length, gap: text.slice(last, start) });
    last = start + word.length;
  }
  return tokens;
}
