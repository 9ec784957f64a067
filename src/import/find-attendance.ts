import { findCountry, isCountryWord } from "./countries";
import type { FoundPerson } from "./find-people";
import type { QuoteSpan } from "./find-quotes";
import { slugify, splitSentences, tokenise } from "./text-tools";

/** Who was there, who was not, and the places the article names. */
export interface FoundAttendance {
  attended: Array<{ person: string; paragraph: number }>;
  absent: Array<{ who: string; text: string; paragraph: number }>;
  places: Array<{ id: string; name: string; country?: string; text: string; paragraph: number }>;
}

const presentRe = /\b(?:attended by|held (?:\w+ )?talks|turned (?:up|out)|(?:took|take|takes|taking) part|participated|participating|participate[sd]?|arrived|arrives|in attendance|attending|were present|was present|joined by)\b/i;
const absentRe =
  /\b(?:refused to (?:attend|come|participate|take part)|did not (?:attend|come|participate|take part)|didn['’]t (?:attend|come)|(?:will|would|could|can) not (?:attend|come|participate|take part)|won['’]t attend|(?:won['’]t|will not|would not) be attending|unable to attend|not be able to attend|declined to attend|(?:was|were) absent|boycott(?:ed|s|ing)?|skip(?:ped|s|ping)|stayed away|failed to (?:attend|send)|no-show)\b/i;

/** Capitalised words after "in" that are not places. */
const notPlaces = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|His|Her|Its|Their|Our|This|That|Telegram|English|Russian|French|General|Council|Committee|Parliament|Congress)$/;

/**
 * Finds attendance and absences sentence by sentence: every person named in a
 * sentence that says "attended by", "took part", "participated", "arrived"
 * attended; a sentence that says "refused to attend", "did not attend", "was
 * absent", "boycotted" gives an absence whose `who` is the country or person
 * named before the verb, and whose text is the sentence. Places are the
 * capitalised names after "in" that are neither a country nor a person.
 */
export function findAttendance(body: string[], people: FoundPerson[], quotes: QuoteSpan[]): FoundAttendance {
  const found: FoundAttendance = { attended: [], absent: [], places: [] };
  const seen = new Set<string>();
  const placeIds = new Set<string>();
  const personWords = new Set(people.flatMap((p) => [p.name, ...p.aliases].flatMap((s) => s.split(/\s+/))));
  body.forEach((text, paragraph) => {
    for (const sentence of splitSentences(text)) {
      const inQuote = quotes.some((q) => q.paragraph === paragraph && q.start <= sentence.start && q.end >= sentence.end);
      if (inQuote) continue;
      const named = (from: number, to: number) =>
        people.filter((p) => p.mentions.some((m) => m.paragraph === paragraph && m.start >= from && m.end <= to));
      const absent = absentRe.exec(sentence.text);
      if (absent) {
        const verbAt = sentence.start + absent.index;
        const before = tokenise(text.slice(sentence.start, verbAt));
        const country = [...before].reverse().find((t) => findCountry(t.text) && !findCountry(t.text)?.adjective);
        // The subject: the first person the sentence names.
        const person = named(sentence.start, verbAt)[0];
        const who = person?.name ?? (country ? findCountry(country.text)?.country : undefined);
        if (who) found.absent.push({ who, text: sentence.text, paragraph: paragraph + 1 });
        // Those named after the verb ("X did not attend, unlike Y") are left to the editor.
        for (const p of named(sentence.start, verbAt)) seen.add(p.id);
      } else if (presentRe.test(sentence.text)) {
        for (const person of named(sentence.start, sentence.end)) {
          if (seen.has(person.id)) continue;
          seen.add(person.id);
          found.attended.push({ person: person.id, paragraph: paragraph + 1 });
        }
      }
      for (const m of sentence.text.matchAll(/\b(?:in|at) ((?:\p{Lu}[\p{Ll}\p{M}'’-]+)(?: \p{Lu}[\p{Ll}\p{M}'’-]+)?)/gu)) {
        const name = m[1] ?? "";
        const words = name.split(" ");
        if (words.some((w) => notPlaces.test(w) || personWords.has(w)) || isCountryWord(name) || words.some((w) => isCountryWord(w))) continue;
        const id = slugify(name);
        if (!id || placeIds.has(id)) continue;
        placeIds.add(id);
        found.places.push({ id, name, text: sentence.text, paragraph: paragraph + 1 });
      }
    }
  });
  return found;
}
