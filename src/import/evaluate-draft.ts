import { normaliseForMatch } from "../content/check-provenance";
import type { Draft } from "./draft-article";
import { fold } from "./text-tools";

/** A hand-made key of one article: who is named, who attended, and the quotes with their speakers. */
export interface ArticleKey {
  people: Array<{ name: string; spellings?: string[]; role?: string; country?: string; organisation?: string }>;
  attended?: string[];
  absent?: string[];
  /** A verbatim stretch from inside each quote, and its speaker (a name in `people`), or null when no named person said it. */
  quotes: Array<{ text: string; speaker: string | null }>;
}

/** How a draft compares with its key: counts, so a set's figures add up over its articles. */
export interface DraftScore {
  people: { key: number; found: number; matched: number; roleRight: number };
  quotes: { key: number; found: number; speakerRight: number };
  attended: { key: number; found: number; matched: number };
  excerpts: { total: number; verbatim: number };
  /** The misses and wrong answers, for the editor reading the table. */
  misses: string[];
}

const lastWord = (name: string) => fold(name.split(/\s+/).at(-1) ?? name);

/**
 * Scores a draft against its key. A found person is a key person when a spelling
 * is the same or the surnames are; a second found person for one key person is a
 * wrong one (one person per name). A key quote is found when a found quote holds
 * its stretch; its speaker is right when the found speaker is the key's person
 * (or there is none and the key says null). Every excerpt is checked against its
 * paragraph as the loader does.
 */
export function scoreDraft(draft: Draft, key: ArticleKey): DraftScore {
  const misses: string[] = [];
  const keySpellings = key.people.map((p) => [p.name, ...(p.spellings ?? [])].map(fold));
  const keyIndexOf = (spellings: string[]): number => {
    const folded = spellings.map(fold);
    const exact = keySpellings.findIndex((k) => k.some((s) => folded.includes(s)));
    if (exact >= 0) return exact;
    return key.people.findIndex((p) => folded.some((s) => lastWord(s) === lastWord(p.name)));
  };
  const personOf = new Map<string, number>();
  const matched = new Set<number>();
  let roleRight = 0;
  for (const person of draft.article.people) {
    const index = keyIndexOf([person.name, ...person.aliases]);
    if (index < 0) {
      misses.push(`person not in the key: ${person.name}`);
      continue;
    }
    personOf.set(person.id, index);
    if (matched.has(index)) {
      misses.push(`person twice: ${person.name}`);
      continue;
    }
    matched.add(index);
    const want = key.people[index];
    if (want && (want.country ?? want.organisation) && [person.country, person.organisation].includes(want.country ?? want.organisation)) roleRight++;
    else if (want) misses.push(`country/organisation of ${want.name}: ${person.country ?? person.organisation ?? "none"} (key: ${want.country ?? want.organisation})`);
  }
  key.people.forEach((p, i) => {
    if (!matched.has(i)) misses.push(`person missed: ${p.name}`);
  });

  const quotes = draft.statements.filter((s) => s.kind === "quote");
  let quotesFound = 0;
  let speakerRight = 0;
  for (const want of key.quotes) {
    const text = normaliseForMatch(want.text);
    const found = quotes.find((q) => normaliseForMatch(q.text).includes(text) || text.includes(normaliseForMatch(q.text)));
    if (!found) {
      misses.push(`quote missed: "${want.text}"`);
      continue;
    }
    quotesFound++;
    const speakerIndex = found.speaker === undefined ? undefined : personOf.get(found.speaker);
    const wantIndex = want.speaker === null ? undefined : key.people.findIndex((p) => p.name === want.speaker);
    if (speakerIndex === wantIndex) speakerRight++;
    else misses.push(`speaker of "${want.text.slice(0, 40)}": ${found.speaker ?? "none"} (key: ${want.speaker ?? "none"})`);
  }

  const attendedKey = new Set((key.attended ?? []).map((name) => key.people.findIndex((p) => p.name === name)));
  let attendedMatched = 0;
  for (const a of draft.article.attendance.attended) {
    const index = personOf.get(a.person);
    if (index !== undefined && attendedKey.has(index)) attendedMatched++;
    else misses.push(`attended, not in the key: ${a.person}`);
  }

  const body = draft.article.body.map(normaliseForMatch);
  const excerpts: Array<[number, string]> = [
    ...draft.article.statements.flatMap((s): Array<[number, string]> => [[s.paragraph, s.text], ...(s.intro ? [[s.paragraph, s.intro] as [number, string]] : [])]),
    ...draft.article.attendance.absent.map((a): [number, string] => [a.paragraph, a.text]),
    ...draft.article.places.map((p): [number, string] => [p.paragraph, p.text]),
  ];
  const verbatim = excerpts.filter(([paragraph, text]) => body[paragraph - 1]?.includes(normaliseForMatch(text))).length;
  if (verbatim < excerpts.length) misses.push(`${excerpts.length - verbatim} excerpts not verbatim`);

  return {
    people: { key: key.people.length, found: draft.article.people.length, matched: matched.size, roleRight },
    quotes: { key: key.quotes.length, found: quotesFound, speakerRight },
    attended: { key: attendedKey.size, found: draft.article.attendance.attended.length, matched: attendedMatched },
    excerpts: { total: excerpts.length, verbatim },
    misses,
  };
}
