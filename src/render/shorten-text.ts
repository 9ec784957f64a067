/** Where a cut may fall: after a sentence, a clause (comma, semicolon, colon, dash) or a word. */
export type CutAt = "clause" | "word";

/** A sentence ends at `.`, `!` or `?` (a closing quote or bracket may follow) before a space. */
const SENTENCE_END = /[.!?]["”’)]?(?=\s)/g;
/** A clause ends at a comma, semicolon or colon before a space, or before a spaced dash. */
const CLAUSE_END = /[,;:](?=\s)|(?=\s[–—-]\s)/g;

/** The end of the last match of `pattern` that leaves the text within `max`, and at least `min`; -1 if none. */
function lastEnd(text: string, pattern: RegExp, min: number, max: number): number {
  let found = -1;
  for (const match of text.matchAll(pattern)) {
    const end = match.index + match[0].length;
    if (end > max) break;
    if (end >= min) found = end;
  }
  return found;
}

/**
 * Shortens `text` to at most `max` characters (UTF-16 units, as Telegram
 * counts), ending in "…" when it had to be cut, never mid-word: with
 * `at: "clause"` at the last sentence end, else the last clause end, else the
 * last space; with `at: "word"` at the last space. The cut keeps at least
 * half the room, else it falls back to the next finer boundary; a single
 * word longer than `max` is cut (never inside a surrogate pair). Punctuation
 * left at the cut is dropped before the ellipsis: "…for the better…".
 */
export function shortenText(text: string, max: number, at: CutAt = "word"): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  if (max < 2) return "…".slice(0, Math.max(0, max));
  const room = max - 1;
  const min = Math.floor(room / 2);
  let cut = -1;
  if (at === "clause") {
    cut = lastEnd(clean, SENTENCE_END, min, room);
    if (cut < 0) cut = lastEnd(clean, CLAUSE_END, min, room);
  }
  if (cut < 0) {
    const space = clean.lastIndexOf(" ", room);
    cut = space > 0 ? space : -1;
  }
  if (cut < 0) {
    cut = room;
    const code = clean.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  }
  const kept = clean.slice(0, cut).replace(/[\s,;:.!?–—-]+$/u, "");
  return `${kept === "" ? clean.slice(0, cut) : kept}…`;
}
