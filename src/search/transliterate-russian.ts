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
export function hasCyrillic(text: string): boolean {
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
