import type { Article } from "./article-schema";
import { didYouMean, type FieldPath } from "./content-problem";

/** A problem found in one article: where (the field's path in the data, list positions from 0) and what. */
export interface FieldProblem {
  path: FieldPath;
  message: string;
}

const plainText = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/**
 * Normalises text for verbatim comparison: Unicode NFC, curly quotes made
 * straight, every run of whitespace (non-breaking spaces included) one space.
 */
export function normaliseForMatch(text: string): string {
  // Printable ASCII words with single spaces between them are left as they are: skip the work.
  if (plainText.test(text)) return text;
  return text
    .normalize("NFC")
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Checks that an article says only what its body says: every excerpt appears
 * verbatim in the paragraph it names, every reference points at something that
 * exists, and every spelling of a name is one the body uses.
 */
export function checkProvenance(article: Article): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const body = article.body.map(normaliseForMatch);
  const wholeBody = body.join("\n");
  const personIds = new Set<string>();
  const placeIds = new Set<string>();

  /** The paragraph an item (at `path`) names, or a problem on the item's `paragraph` field. */
  const paragraphText = (path: FieldPath, paragraph: number): string | undefined => {
    const found = body[paragraph - 1];
    if (found === undefined) {
      problems.push({ path: [...path, "paragraph"], message: `paragraph ${paragraph} does not exist (the body has ${body.length})` });
    }
    return found;
  };
  /** Checks the excerpt fields of the item at `path`; a missing paragraph is reported once, on the item. */
  const checkExcerpts = (path: FieldPath, paragraph: number, excerpts: Record<string, string | undefined>) => {
    const found = paragraphText(path, paragraph);
    if (found === undefined) return;
    for (const [field, text] of Object.entries(excerpts)) {
      if (text !== undefined && !found.includes(normaliseForMatch(text))) {
        problems.push({ path: [...path, field], message: `does not appear verbatim in paragraph ${paragraph}` });
      }
    }
  };
  const checkUnique = (seen: Set<string>, path: FieldPath, id: string) => {
    if (seen.has(id)) problems.push({ path, message: `"${id}" is used twice` });
    seen.add(id);
  };

  article.people.forEach((person, i) => {
    checkUnique(personIds, ["people", i, "id"], person.id);
    [person.name, ...person.aliases].forEach((spelling, j) => {
      if (!wholeBody.includes(normaliseForMatch(spelling))) {
        const path = j === 0 ? ["people", i, "name"] : ["people", i, "aliases", j - 1];
        problems.push({ path, message: `"${spelling}" does not appear in the body` });
      }
    });
  });
  article.places.forEach((place, i) => {
    checkUnique(placeIds, ["places", i, "id"], place.id);
    checkExcerpts(["places", i], place.paragraph, { text: place.text });
  });

  const checkPerson = (path: FieldPath, id: string) => {
    if (!personIds.has(id)) problems.push({ path, message: `"${id}" is not among the article's people${didYouMean(id, personIds)}` });
  };

  const attendees = new Set<string>();
  article.attendance.attended.forEach((attendee, i) => {
    const path = ["attendance", "attended", i];
    checkPerson([...path, "person"], attendee.person);
    checkUnique(attendees, [...path, "person"], attendee.person);
    const person = article.people.find((p) => p.id === attendee.person);
    const found = paragraphText(path, attendee.paragraph);
    if (person && found !== undefined && ![person.name, ...person.aliases].some((s) => found.includes(normaliseForMatch(s)))) {
      problems.push({ path: [...path, "paragraph"], message: `paragraph ${attendee.paragraph} does not name ${person.name}` });
    }
  });
  article.attendance.absent.forEach((absence, i) =>
    checkExcerpts(["attendance", "absent", i], absence.paragraph, { text: absence.text }),
  );
  article.agenda.forEach((item, i) => checkExcerpts(["agenda", i], item.paragraph, { text: item.text }));
  article.happenings.forEach((happening, i) => {
    checkExcerpts(["happenings", i], happening.paragraph, { text: happening.text });
    if (happening.place !== undefined && !placeIds.has(happening.place)) {
      problems.push({ path: ["happenings", i, "place"], message: `"${happening.place}" is not among the article's places${didYouMean(happening.place, placeIds)}` });
    }
  });
  article.statements.forEach((statement, i) => {
    const path = ["statements", i];
    checkPerson([...path, "speaker"], statement.speaker);
    checkExcerpts(path, statement.paragraph, { intro: statement.intro, text: statement.text });
  });

  /** Every key item after the first is a problem, placed on its own `key` (positions in messages count from 1). */
  const checkOneKey = (list: "agenda" | "statements", items: readonly { key: boolean }[], noun: string) => {
    const keyed = items.flatMap((item, i) => (item.key ? [i] : []));
    for (const i of keyed.slice(1)) {
      problems.push({ path: [list, i, "key"], message: `at most one ${noun} may be marked key, and ${noun} ${(keyed[0] ?? 0) + 1} already is` });
    }
  };
  checkTranslations(article, problems);
  checkOneKey("agenda", article.agenda, "item");
  checkOneKey("statements", article.statements, "statement");
  article.statements.forEach((statement, i) => {
    if (statement.key && statement.kind !== "quote") {
      problems.push({ path: ["statements", i, "key"], message: "the key statement must be a direct quote" });
    }
  });
  return problems;
}

/**
 * Every translation names a field the original has: a person or place by an id it
 * uses, an agenda item or absence by a number it has, a field the item carries; and
 * no translation is into the article's own language.
 */
function checkTranslations(article: Article, problems: FieldProblem[]): void {
  for (const [locale, translation] of Object.entries(article.translations ?? {})) {
    if (translation === undefined) continue;
    const base = ["translations", locale];
    if (locale === article.language) {
      problems.push({ path: base, message: `the article is written in ${locale} (its language field): a translation into ${locale} has nothing to translate` });
    }
    const people = new Map(article.people.map((person) => [person.id, person]));
    for (const [id, fields] of Object.entries(translation.people ?? {})) {
      const person = people.get(id);
      if (person === undefined) {
        problems.push({ path: [...base, "people", id], message: `"${id}" is not among the article's people${didYouMean(id, people.keys())}` });
        continue;
      }
      for (const field of ["country", "organisation"] as const) {
        if (fields[field] !== undefined && person[field] === undefined) {
          problems.push({ path: [...base, "people", id, field], message: `translates ${id}'s ${field}, which the article does not give` });
        }
      }
    }
    const places = new Map(article.places.map((place) => [place.id, place]));
    for (const [id, fields] of Object.entries(translation.places ?? {})) {
      const place = places.get(id);
      if (place === undefined) {
        problems.push({ path: [...base, "places", id], message: `"${id}" is not among the article's places${didYouMean(id, places.keys())}` });
      } else if (fields.country !== undefined && place.country === undefined) {
        problems.push({ path: [...base, "places", id, "country"], message: `translates ${id}'s country, which the article does not give` });
      }
    }
    const numbered = (list: "agenda" | "absent", count: number, noun: string) => {
      for (const key of Object.keys(translation[list] ?? {})) {
        if (Number(key) > count) problems.push({ path: [...base, list, key], message: `${noun} ${key} does not exist (the article has ${count})` });
      }
    };
    numbered("agenda", article.agenda.length, "agenda item");
    numbered("absent", article.attendance.absent.length, "absence");
  }
}
