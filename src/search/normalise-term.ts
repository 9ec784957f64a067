import { hasCyrillic, latinWordsOf } from "./transliterate-russian";

/**
 * Turns one token, of an article or of a query, into the key the index stores. Both
 * sides go through the same steps, so whatever is folded here matches either way.
 */

/** Function words that would make every quote match every query. */
const stopWords = new Set([
  "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "he", "her",
  "his", "in", "into", "is", "it", "its", "of", "on", "or", "our", "she", "that", "the",
  "their", "them", "there", "these", "they", "this", "those", "to", "was", "were", "which",
  "who", "will", "with",
]);

/** Latin letters that Unicode does not decompose into a base letter and a mark. */
const unDecomposed: Readonly<Record<string, string>> = {
  ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", ı: "i", þ: "th", ħ: "h",
};

const formatChars = /\p{Cf}/gu; // zero-width spaces and joiners, direction marks, BOM
const marks = /\p{M}/gu;
const notLetterOrDigit = /[^\p{L}\p{N}]/gu;
const special = /[ßæœøđðłıþħ]/g;

/**
 * The index keys of a token: usually one, two for a Russian adjective ("казахский" is
 * "kazakhsky" and "kazakh"), none when nothing searchable is left (punctuation, emoji,
 * a stop word, a lone letter such as the "s" of "today's").
 *
 * Lower case; Cyrillic transliterated; diacritics dropped ("Ćurić" → "curic"); and "y"
 * folded into "i", since Latin spellings of names from the region differ mostly there
 * ("Shoygu"/"Shoigu", "Sergey"/"Sergei"); with it they are the same key.
 */
export function normaliseTerm(token: string): string[] | null {
  const lower = token.normalize("NFC").replace(formatChars, "").toLowerCase();
  const words = hasCyrillic(lower) ? latinWordsOf(lower) : [lower];
  const keys: string[] = [];
  for (const word of words) {
    const key = word
      .normalize("NFKD")
      .replace(marks, "")
      .replace(special, (char) => unDecomposed[char] ?? char)
      .replace(notLetterOrDigit, "");
    if (stopWords.has(key) || (key.length < 2 && !/\d/.test(key))) continue;
    keys.push(key.replaceAll("y", "i"));
  }
  return keys.length > 0 ? keys : null;
}
