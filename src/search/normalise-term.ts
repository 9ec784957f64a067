/**
 * Turns one token, of an article or of a query, into the keys the index stores. Both
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
const plainLatin = /^[A-Za-z0-9]+$/;

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
  // Most tokens are plain Latin letters and digits, which the steps below leave as they are
  // but for case: skip them (a query's words go through here on every search).
  if (plainLatin.test(token)) {
    const key = token.toLowerCase();
    return stopWords.has(key) || (key.length < 2 && !/\d/.test(key)) ? null : [key.replaceAll("y", "i")];
  }
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

// Russian to Latin

/**
 * Russian (and a few neighbouring Cyrillic letters) to Latin, the way English-language
 * news spells names from the region, so that a reader who types "Шойгу" or "Ермекбаев"
 * finds "Shoygu" and "Yermekbayev".
 *
 * This is a search key, not a display spelling. The base is the romanisation English
 * Wikipedia uses for Russian names (BGN/PCGN, simplified), with the conventions of the
 * English-language press on top: "дж" is "j" (Azerbaijan, Tajikistan), a final "-ия" is
 * "-ia" (Armenia), final "-ий"/"-ый" are "-y" (Dmitry). Where the English name is not a
 * transliteration at all (Россия → Russia, Москва → Moscow), a short table of exonyms
 * takes over.
 */

const letters: Readonly<Record<string, string>> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "yo", ж: "zh", з: "z", и: "i",
  й: "y", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t",
  у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "",
  э: "e", ю: "yu", я: "ya",
  // Ukrainian, Belarusian and Kazakh letters that turn up in names from the region.
  і: "i", ї: "yi", є: "ye", ґ: "g", ў: "w", ә: "a", ғ: "gh", қ: "k", ң: "ng", ө: "o",
  ұ: "u", ү: "u", һ: "h",
};

/** After these, "е" is said (and written) "ye": Yermekbayev, Duishenbiyev. */
const yeAfter = new Set([..."аеёиоуыэюяъьієї"]);

/** After these, "ё" is written "e": Khrushchev, not Khrushchyov. */
const plainEAfter = new Set([..."жчшщ"]);

/**
 * English names that are not transliterations, keyed by the start of the Russian word so
 * that its inflected forms match too ("России", "Москве", "российский").
 */
const exonyms: ReadonlyArray<readonly [stem: string, english: string]> = [
  ["росси", "russia"],
  ["москв", "moscow"],
  ["белорус", "belarus"],
  ["беларус", "belarus"],
  ["киргиз", "kyrgyz"],
  ["армян", "armenia"],
  ["грузи", "georgia"],
  ["украин", "ukraine"],
  ["молдав", "moldova"],
  ["ашхабад", "ashgabat"],
  ["снг", "cis"],
  ["одкб", "csto"],
];

/** Russian adjective endings ("казахский", "узбекская"): the stem is what names the country. */
const adjectiveEnding = /(?:ский|ская|ское|ские|ского|скому|ским|ском|ской|скую|ских|скими)$/;

const cyrillic = /[\u0400-\u04FF]/;

/** Whether a string contains any Cyrillic letter. */
function hasCyrillic(text: string): boolean {
  return cyrillic.test(text);
}

/** The English exonym of a Russian word, if it has one. */
function exonymOf(word: string): string | undefined {
  return exonyms.find(([stem]) => word.startsWith(stem))?.[1];
}

/**
 * Transliterates one lower-case word, letter by letter with the rules above.
 * Non-Cyrillic characters pass through unchanged.
 * @example transliterateRussian("шойгу") // "shoygu"
 * @example transliterateRussian("азербайджан") // "azerbayjan"
 */
export function transliterateRussian(word: string): string {
  const chars = [...word];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    const previous = chars[i - 1];
    const next = chars[i + 1];
    if (char === "д" && next === "ж") {
      out += "j";
      i++;
    } else if (char === "е" && (previous === undefined || yeAfter.has(previous))) {
      out += "ye";
    } else if (char === "ё" && previous !== undefined && plainEAfter.has(previous)) {
      out += "e";
    } else if ((char === "и" || char === "ы") && next === "й" && i === chars.length - 2) {
      out += "y";
      i++;
    } else if (char === "я" && previous === "и" && i === chars.length - 1) {
      out += "a";
    } else {
      out += letters[char] ?? char;
    }
  }
  return out;
}

/**
 * The Latin words a lower-case Russian word stands for: its exonym ("россии" → russia),
 * or its transliteration and, for an adjective, also its stem's, because the English
 * adjective is usually the stem ("казахский" → kazakhsky and kazakh). Both are kept
 * because surnames end the same way ("Зеленский" is Zelensky, not Zelen).
 */
export function latinWordsOf(word: string): string[] {
  const exonym = exonymOf(word);
  if (exonym !== undefined) return [exonym];
  const words = [transliterateRussian(word)];
  const stem = word.replace(adjectiveEnding, "");
  if (stem !== word && stem.length >= 3) words.push(exonymOf(stem) ?? transliterateRussian(stem));
  return words;
}
