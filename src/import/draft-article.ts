import { extractHtml, type HtmlArticle } from "./extract-html";
import { findAttendance } from "./find-attendance";
import { findPeople, type FoundPerson } from "./find-people";
import { attributeQuotes, findQuoteSpans, findReported, type FoundStatement } from "./find-quotes";
import { splitPlainText } from "./split-paragraphs";
import { slugify } from "./text-tools";

/** Placeholders for what the text cannot give: each passes the schema, and each is marked `# CHECK:` in the file. */
export const placeholders = {
  url: "https://example.invalid/fill-in-the-article-url",
  outlet: "TODO: outlet",
  headline: "TODO: headline",
  event: "TODO: event",
  place: "TODO: place",
  role: "TODO: role",
  organisation: "TODO: country or organisation",
} as const;

/** Something the editor must check, at a field path of the draft ("url", "people.2", "statements.4"). */
export interface DraftCheck {
  path: string;
  note: string;
}

/** The article drafted in the content schema's shape (a plain object, as the YAML file will hold it). */
export interface DraftArticle {
  id: string;
  headline: string;
  outlet: string;
  url: string;
  date: string;
  place: string;
  event: string;
  status: "draft";
  tags: string[];
  body: string[];
  people: Array<{ id: string; name: string; aliases: string[]; role: string; country?: string; countryAdjective?: string; organisation?: string }>;
  attendance: {
    attended: Array<{ person: string; paragraph: number }>;
    absent: Array<{ who: string; text: string; paragraph: number }>;
  };
  agenda: never[];
  happenings: never[];
  places: Array<{ id: string; name: string; country?: string; text: string; paragraph: number }>;
  statements: Array<{ speaker: string; kind: "quote" | "reported"; intro?: string; text: string; paragraph: number }>;
}

/** A draft, what the editor must check in it, and everything found (unattributed quotes included), for the summary and the evaluation. */
export interface Draft {
  article: DraftArticle;
  checks: DraftCheck[];
  people: FoundPerson[];
  statements: FoundStatement[];
}

/** The input: a page's HTML or plain text, with where it came from. */
export interface DraftInput {
  text: string;
  format: "html" | "text";
  /** The page's URL, when it was fetched. */
  url?: string;
  /** The day to put in when the text has no date (YYYY-MM-DD); today when unset. */
  today?: string;
}

/** Thrown for input that holds no article: empty text, or a page with no article text. */
export class ImportError extends Error {}

/**
 * Drafts an article from its text or HTML: metadata, numbered paragraphs
 * verbatim, people, attendance, absences, places, quotes and reported speech.
 * What cannot be found gets a placeholder from `placeholders` and a check;
 * every excerpt is a slice of its paragraph, so the loader's provenance checks pass.
 */
export function draftArticle(input: DraftInput): Draft {
  if (input.text.trim() === "") throw new ImportError("the input is empty");
  let source: HtmlArticle & { dropped?: string[] };
  try {
    source = input.format === "html" ? extractHtml(input.text, input.url) : splitPlainText(input.text);
  } catch (error) {
    throw new ImportError(error instanceof Error ? error.message : String(error));
  }
  const body = source.body;
  if (body.length === 0) throw new ImportError("no article text found");
  const checks: DraftCheck[] = [];

  const quoteSpans = findQuoteSpans(body);
  const found = findPeople(body, quoteSpans);
  const quotes = attributeQuotes(body, quoteSpans, found);
  const reported = findReported(body, quoteSpans, found);
  const statements = [...quotes, ...reported].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
  const attendance = findAttendance(body, found, quoteSpans);

  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const headline = source.headline ?? placeholders.headline;
  if (!source.headline) checks.push({ path: "headline", note: "no headline found: write the article's headline" });
  const url = source.url ?? input.url ?? placeholders.url;
  const fromUrl = url === placeholders.url ? undefined : slugFromUrl(url);
  const id = slugify(source.headline ?? "") || fromUrl || slugify(body[0]?.split(/\s+/).slice(0, 8).join(" ") ?? "") || `draft-${today}`;
  checks.push({
    path: "id",
    note: `made from the ${source.headline ? "headline" : fromUrl ? "URL" : "first paragraph"}; an id is never reused, change it now if you want another`,
  });
  if (url === placeholders.url) checks.push({ path: "url", note: "no URL in the text: put the article's address here" });
  const outlet = source.outlet ?? placeholders.outlet;
  if (!source.outlet) checks.push({ path: "outlet", note: "no outlet found: name the outlet" });
  else if (input.format === "text") checks.push({ path: "outlet", note: `taken from the text's last lines ("${source.outlet}")` });
  const date = source.date ?? today;
  if (!source.date) checks.push({ path: "date", note: `no date found: ${today} (the day of the import) is put in; write the day the article reports on` });
  const firstPlace = attendance.places[0];
  const place = firstPlace && firstPlace.paragraph <= 2 ? firstPlace.name : placeholders.place;
  checks.push({ path: "place", note: place === placeholders.place ? "no place found: write where it happened, e.g. 'Baku, Azerbaijan'" : `the first place the article names; add the country` });
  checks.push({ path: "event", note: "the headline, as a start: name the event" });

  const people = found.map((p, i) => {
    const person: DraftArticle["people"][number] = { id: p.id, name: p.name, aliases: [...p.aliases], role: p.role || placeholders.role };
    if (p.country) person.country = p.country;
    if (p.countryAdjective) person.countryAdjective = p.countryAdjective;
    if (p.organisation) person.organisation = p.organisation;
    if (!p.country && !p.organisation) person.organisation = placeholders.organisation;
    const notes = [...p.notes];
    if (!p.role) notes.push("no role found: write the role the article gives");
    if (!p.country && !p.organisation) notes.push("no country or organisation found: write the one the person represents");
    if (p.aliases.length > 0 && !notes.some((n) => n.includes("misspelling"))) notes.push(`one person under ${[p.name, ...p.aliases].map((s) => `"${s}"`).join(" and ")}`);
    for (const note of notes) checks.push({ path: `people.${i}`, note });
    return person;
  });

  // An attendee's paragraph must name them by a listed spelling: a surname alone becomes an alias.
  const attended = attendance.attended.map((a) => {
    const person = people.find((p) => p.id === a.person);
    const paragraph = body[a.paragraph - 1] ?? "";
    if (person && ![person.name, ...person.aliases].some((s) => paragraph.includes(s))) {
      const mention = found.find((p) => p.id === a.person)?.mentions.find((m) => m.paragraph === a.paragraph - 1);
      if (mention) person.aliases.push(mention.text);
    }
    return a;
  });
  attended.forEach((a, i) => {
    const sentence = body[a.paragraph - 1] ?? "";
    if (!/attended by|took part|participated|in attendance/i.test(sentence)) checks.push({ path: `attendance.attended.${i}`, note: "from a sentence that does not plainly say so: check" });
  });
  if (attended.length === 0) checks.push({ path: "attendance", note: "no attendance sentence found: list who attended, if the article says" });

  const draftStatements: DraftArticle["statements"] = [];
  for (const s of statements) {
    if (!s.speaker) {
      checks.push({ path: "statements", note: `quote in paragraph ${s.paragraph + 1} with no speaker found, left out: "${shorten(s.text)}"` });
      continue;
    }
    const statement: DraftArticle["statements"][number] = { speaker: s.speaker, kind: s.kind, text: s.text, paragraph: s.paragraph + 1 };
    if (s.intro) statement.intro = s.intro;
    const i = draftStatements.push(statement) - 1;
    if (s.how === "pronoun") checks.push({ path: `statements.${i}`, note: `speaker: "he"/"she" taken as ${s.speaker}, whom the sentences before it are about` });
    if (s.how === "inner") checks.push({ path: `statements.${i}`, note: `speaker: a quote inside reported speech, taken as ${s.speaker}, the one the reporter says spoke these words` });
    if (s.how === "unclear") checks.push({ path: `statements.${i}`, note: `speaker: a quote inside reported speech whose inner speaker is not clear; put under ${s.speaker}, who reported it: check whose words these are` });
    if (s.how === "role") checks.push({ path: `statements.${i}`, note: `speaker: the role phrase taken as ${s.speaker}` });
    if (s.how === "previous") checks.push({ path: `statements.${i}`, note: `speaker: no clause of its own; taken as ${s.speaker}, who spoke just before` });
  }
  if (draftStatements.some((s) => s.kind === "quote")) checks.push({ path: "statements", note: "mark the one quote a summary should carry with `key: true`" });
  checks.push({ path: "agenda", note: "agenda and happenings are not drafted: add them from the body, verbatim" });

  const article: DraftArticle = {
    id,
    headline,
    outlet,
    url,
    date,
    place,
    event: source.headline ?? placeholders.event,
    status: "draft",
    tags: [],
    body,
    people,
    attendance: { attended, absent: attendance.absent },
    agenda: [],
    happenings: [],
    places: attendance.places,
    statements: draftStatements,
  };
  return { article, checks, people: found, statements };
}

/** A slug from the last words of a URL's path ("…/113947-putin-snubs-obama-will-miss-g8-summit"), if it reads as words. */
function slugFromUrl(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const segment = path.split("/").filter(Boolean).reverse().find((s) => (s.match(/[a-z]{2,}/gi) ?? []).length >= 3);
  // Words with a letter: "113947" goes, "g8" stays.
  const words = segment?.replace(/\.[a-z]+$/i, "").split(/[^A-Za-z0-9]+/).filter((w) => /[a-z]/i.test(w));
  return words && words.length >= 3 ? slugify(words.join(" ")) : undefined;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
