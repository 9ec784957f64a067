import type { Article, Person, Place, Statement } from "../content/article-schema";
import { localiseArticle } from "../content/localise-article";
import { formatDay } from "../content/relative-time";
import type { Locale } from "../i18n/locale";
import type { Language, MessageValue } from "../i18n/translate";
import { bold, html, htmlToText, italic, joinHtml, type SafeHtml } from "../render/html";
import { renderAgenda, renderAttendees, renderPerson, renderSource, renderSummary, type Answer } from "../render/render-article";
import { articleModel, stemsOf, type ArticleModel, type Sentence } from "./article-model";
import { countryInText, countryNameIn, possessive, type Country } from "./countries";
import { parseQuestion, type ParsedQuestion } from "./parse-question";
import { editDistance, resolveEntities, type Entities, type RoleMention } from "./resolve-entities";
import { englishStem, isCyrillic, russianToEnglish } from "./words";

/**
 * A plain question answered from one article: the answer first (yes or no for a yes/no
 * question, "The article does not ..." for what it does not cover), then the evidence.
 * Pure: plain data in, an `Answer` (blocks of safe HTML, the first one the lead) out.
 *
 * The question is matched against the article as written; the answer is framed in the
 * reader's language (the catalogs' `answer-*` messages), with the names, roles, places
 * and agenda items the article file translates for it, and quotes always verbatim.
 */

/** What kind of answer was given, for the evaluation and the logs. */
export type AnswerKind =
  | "attendance"
  | "absence"
  | "person"
  | "statements"
  | "agenda"
  | "place-time"
  | "happenings"
  | "source"
  | "summary"
  | "not-covered"
  | "unknown";

export interface QuestionAnswer {
  kind: AnswerKind;
  answer: Answer;
  /** The question's words the article has nothing for ("Varnok"): what another article may hold. */
  unmatched?: readonly string[];
}

/** Stems that name the meeting itself or its setting: every item matches them, so they single out none. */
const settingStems = new Set(
  ["meeting", "council", "summit", "cis", "defense", "minister", "ministers", "baku", "held", "today", "countries", "member", "states", "commonwealth", "independent", "said", "say", "discussed", "agenda", "issues", "considered", "mention", "mentioned", "talk", "talked", "spoke", "speak", "quote", "stress", "stressed", "thanked", "opened", "opening"].map(englishStem),
);

interface Context {
  q: ParsedQuestion;
  e: Entities;
  model: ArticleModel;
  article: Article;
  /** The reader's language: every framing word comes from its catalog. */
  t: Language["t"];
  locale: Locale;
  /** The same language whole, for the renderers of the evidence under an answer. */
  language: Language;
  /** The article as the reader sees it (`localiseArticle`): names, roles, places, agenda items. */
  view: Article;
}

const answered = (kind: AnswerKind, blocks: SafeHtml[], keyboard?: Answer["keyboard"]): QuestionAnswer => ({
  kind,
  answer: keyboard ? { blocks, keyboard } : { blocks },
});

/** Answers `text` about `article`, framed in `language` (the reader's, not the question's). Never throws on what a reader types. */
export function answerQuestionText(article: Article, text: string, language: Language): QuestionAnswer {
  let q = parseQuestion(text);
  const model = articleModel(article);
  let e = resolveEntities(q, model);
  if (e.unmatched.length > 0 && q.lang === "en") {
    // "who attendend", "what was discused": a typo of a word of asking or of the article's own.
    const corrected = correctTypos(q.words, e.unmatched, model);
    if (corrected !== undefined) {
      const q2 = parseQuestion(corrected);
      const e2 = resolveEntities(q2, model);
      if (e2.unmatched.length < e.unmatched.length) {
        q = { ...q2, text };
        e = e2;
      }
    }
  }
  const view = localiseArticle(article, language.locale);
  return { ...decide({ q, e, model, article, t: language.t, locale: language.locale, language, view }), unmatched: e.unmatched };
}

/** Words readers ask with, for typo correction: "attendend" is "attended". */
const askingWords = `attend attended attendees attendance participants participated discussed discuss discussion agenda said says quote quotes
  mentioned opened thanked stressed emphasized happened where when minister ministers defense meeting source link headline
  absent refused represented present country countries people statements topics issues published considered`.split(/\s+/);

/** Per article: the words a typo may stand for, by length. */
const typoTargets = new WeakMap<ArticleModel, Map<number, string[]>>();

function targetsOf(model: ArticleModel): Map<number, string[]> {
  let byLength = typoTargets.get(model);
  if (byLength === undefined) {
    byLength = new Map();
    for (const word of new Set([...askingWords, ...model.words])) {
      const list = byLength.get(word.length) ?? [];
      list.push(word);
      byLength.set(word.length, list);
    }
    typoTargets.set(model, byLength);
  }
  return byLength;
}

/** The question with its unknown words corrected to a near word (one typo, two in long words), if any has one. */
function correctTypos(words: readonly string[], unmatched: readonly string[], model: ArticleModel): string | undefined {
  let changed = false;
  const byLength = targetsOf(model);
  const out = words.map((word) => {
    if (word.length < 6 || !unmatched.includes(word)) return word;
    const budget = word.length >= 9 ? 2 : 1;
    const near: string[] = [];
    for (let length = word.length - budget; length <= word.length + budget; length++) {
      for (const candidate of byLength.get(length) ?? []) if (editDistance(word, candidate, budget) <= budget) near.push(candidate);
    }
    if (near.length !== 1 || near[0] === undefined) return word;
    changed = true;
    return near[0];
  });
  return changed ? out.join(" ") : undefined;
}

// ---------------------------------------------------------------- deciding

function hasEntity(e: Entities): boolean {
  return e.people.length > 0 || e.countries.length > 0 || e.roles.length > 0 || e.places.length > 0 || e.topics.length > 0;
}

function decide(c: Context): QuestionAnswer {
  const { q, e } = c;
  const cues = q.cues;
  const anyCue = [...cues].some((cue) => cue !== "greeting" && cue !== "all" && cue !== "before" && cue !== "after" && cue !== "countries");
  if (q.words.length === 0 || cues.has("greeting")) return unknown(c);
  if (!anyCue && !hasEntity(e)) {
    if (e.unknownNames.length > 0) return notCovered(c, c.t("answer-not-mention", { what: capitalise(typedWords(q.text, e.unknownNames)) }));
    // "What was agreed?": a question, about something the article does not hold.
    if (e.unmatched.length > 0 && q.words.slice(0, 2).some((w) => /^(what|who|which|where|when|how|did|was|were|is|are|что|чем|чём|кто|где|когда|какой|какая|какие|был|была|были)$/.test(w))) return notCoveredWords(c, e.unmatched);
    return unknown(c);
  }

  if (cues.has("author")) return sourceAnswer(c);
  if (cues.has("source") || cues.has("headline") || (cues.has("published") && !cues.has("say"))) return sourceAnswer(c);
  if (cues.has("now")) return notCoveredNow(c);
  if (cues.has("acronym")) {
    const expanded = acronymAnswer(c);
    if (expanded) return expanded;
  }
  if (q.why && e.countries.some((m) => absenceOf(c, m.country) !== undefined)) return absenceAnswer(c);
  if (q.why && !cues.has("absent") && !cues.has("wreath") && !cues.has("happen")) {
    return notCovered(c, c.t("answer-not-why"), eventLead(c));
  }
  if (e.chairOfEvent) return chairAnswer(c);
  if (cues.has("howLong")) return notCovered(c, c.t("answer-not-how-long"));
  if (cues.has("next") && (cues.has("otherMeeting") || cues.has("where") || cues.has("when"))) {
    return notCovered(c, c.t("answer-not-next"));
  }
  if (cues.has("whatTime") && !cues.has("open") && !q.who && !cues.has("ordinal")) {
    return notCovered(c, c.t("answer-not-time-of-day", { date: dateOf(c) }));
  }

  // Things the article does not know at all: a country it never names, words it never uses.
  const strangeCountries = e.countries.filter((m) => !countryKnown(c, m.country));
  const uncovered = uncoveredWords(c);
  const statementVerb = cues.has("say") || cues.has("quote") || cues.has("open") || cues.has("thank") || cues.has("stress") || cues.has("mention") || cues.has("talk");
  const personQuestion = cues.has("samePerson") || ((cues.has("whoIs") || cues.has("role") || cues.has("from")) && e.people.length > 0 && !statementVerb && (!cues.has("attend") || cues.has("role") || cues.has("from")));
  const attendanceLike = cues.has("attend") || cues.has("absent") || personQuestion || cues.has("whoIs") || cues.has("role");
  // "Which cities does the article mention", "which places did Lebedev name": its places, each with what it names it for.
  if (/\b(which|what) (cities|places|towns|locations|capitals)\b|как(ие|их) город/.test(q.words.join(" "))) return placesAnswer(c);
  if (uncovered.length > 0) return notCoveredWords(c, uncovered);
  if (strangeCountries.length > 0 && !attendanceLike && e.roles.length === 0) {
    return notCovered(c, c.t("answer-not-mention", { what: strangeCountries.map((m) => countryName(c, m.country)).join(` ${plain(c, "answer-or")} `) }));
  }

  if (personQuestion) return personAnswer(c);
  if (cues.has("absent") && !(q.yesNo && !q.negative && cues.has("attend") && !/refus|boycott|absent|miss|skip|declin/.test(q.words.join(" ")))) {
    return absenceAnswer(c);
  }
  const statementCue = cues.has("say") || cues.has("quote") || cues.has("open") || cues.has("thank") || cues.has("stress") || cues.has("mention");
  if (q.count && cues.has("people") && !cues.has("attend")) return personAnswer(c);
  if ((cues.has("headsOf") || cues.has("otherMeeting")) && !(statementCue && (e.people.length > 0 || q.who))) return otherMeetingAnswer(c);
  const talkAboutStatements = cues.has("talk") && (q.who || e.people.length > 0 || e.roles.some((r) => !r.plural) || e.countries.length > 0 || /\b(anyone|anybody|someone|кто-нибудь|кто-то)\b/.test(q.words.join(" ")));
  const sayOnlyByTalk = q.lang === "ru" && cues.has("talk") && !cues.has("say") && !cues.has("quote") && !talkAboutStatements;
  if ((statementCue && !sayOnlyByTalk) || talkAboutStatements) return statementsAnswer(c);
  if (cues.has("key") && !cues.has("agenda") && e.people.length > 0) return statementsAnswer(c);
  if ((cues.has("agenda") || (cues.has("key") && !q.who)) && !cues.has("wreath")) return agendaAnswer(c);
  // "When did it happen?": the event's date, not a list of what happened.
  if (cues.has("happen") && !cues.has("wreath") && (cues.has("when") || cues.has("where")) && meaningfulTopics(c).length === 0) return placeTimeAnswer(c);
  if (cues.has("happen") || cues.has("wreath")) {
    const otherPlace = e.places.find((place) => !isEventPlace(c, place));
    if (otherPlace || (cues.has("happen") && /\b(october|oct|октябр)/.test(q.words.join(" ")))) return otherMeetingAnswer(c);
    return happeningsAnswer(c);
  }
  if (cues.has("ordinal")) return placeTimeAnswer(c);
  const elsewhere = e.places.find((place) => !isEventPlace(c, place));
  if (q.yesNo && e.people.length > 0 && elsewhere && !statementCue) {
    return notCovered(c, c.t("answer-not-went", { people: listWords(c, e.people.map((p) => nameOf(c, p))), place: placeName(c, elsewhere), text: elsewhere.text }));
  }
  // "Who is the host country's defense minister": a person asked by role, not the venue.
  if (cues.has("host") && e.roles.length > 0 && (cues.has("whoIs") || q.who)) return personAnswer(c);
  if (cues.has("where") || cues.has("when") || cues.has("year") || cues.has("host")) {
    if (strongTopicItem(c, ["agenda", "statement"]) !== undefined) return topicAnswer(c);
    // "When does the concept expire": a date an agenda item carries.
    const itemTopics = meaningfulTopics(c).filter((t) => !e.places.some((p) => stemsOf(p.name).has(t)));
    if (itemTopics.length > 0 && c.model.items.some((i) => i.kind === "agenda" && overlap(i.stems, itemTopics) > 0)) return agendaAnswer(c);
    return placeTimeAnswer(c);
  }
  if (cues.has("agenda") || cues.has("talk") || (cues.has("key") && !q.who)) return agendaAnswer(c);
  if (cues.has("attend")) return attendanceAnswer(c);
  // "Was Shoigu in Baku?", "which ministers were in Baku": attendance, asked by the place.
  if (e.places.some((place) => isEventPlace(c, place)) && (q.yesNo || q.who || q.which || /^(which|what)$/.test(q.words[0] ?? "")) && (e.people.length > 0 || e.roles.length > 0 || e.countries.length > 0)) {
    return attendanceAnswer(c);
  }
  // "What country was the meeting in": the host, asked with the words of "where is X from".
  if (cues.has("from") && e.people.length === 0 && e.roles.length === 0 && !q.who) return placeTimeAnswer(c);
  // "Who is worried about NATO infrastructure": who said it, by the words of a statement.
  if (q.who && e.people.length === 0 && e.roles.length === 0 && e.countries.length === 0 && strongTopicItem(c, ["statement"]) !== undefined) return statementsAnswer(c);
  if (cues.has("whoIs") || cues.has("role") || cues.has("from") || cues.has("people")) return personAnswer(c);
  if (cues.has("summary") || cues.has("happen")) return answered("summary", renderSummary(c.view, c.language).blocks);
  if (q.count) return notCovered(c, c.t("answer-not-number"));

  // "Who paid for the summit?": a who-question about a deed the article does not tie to anyone.
  if (q.who && q.lang === "en" && e.people.length === 0 && e.roles.length === 0 && e.countries.length === 0 && strongTopicItem(c, ["statement", "agenda", "happening"]) === undefined) {
    return notCovered(c, c.t("answer-not-say", { what: q.words.join(" ") }));
  }
  // No cue of a kind: what the question names decides.
  if (e.people.length > 0) return e.topics.some((t) => !settingStems.has(t) && !personStems(c).has(t)) ? statementsAnswer(c) : personAnswer(c);
  if (e.roles.length > 0) return personAnswer(c);
  if (e.countries.length > 0) {
    const mentioned = e.countries.map((m) => m.country);
    if (mentioned.some((country) => absenceOf(c, country) !== undefined)) return absenceAnswer(c);
    if (mentioned.some((country) => peopleOf(c, country).length > 0 || countryKnown(c, country))) return attendanceAnswer(c);
  }
  const outlet = stemsOf(c.article.outlet);
  if (e.topics.some((t) => outlet.has(t)) && e.topics.every((t) => outlet.has(t) || settingStems.has(t))) return sourceAnswer(c);
  if (e.places.length > 0 && strongTopicItem(c, ["statement", "agenda", "happening"]) === undefined) {
    if (q.yesNo) return placeTimeAnswer(c);
    return e.places.every((place) => isEventPlace(c, place)) ? placeTimeAnswer(c) : otherMeetingAnswer(c);
  }
  if (e.topics.length > 0) return topicAnswer(c);
  return unknown(c);
}

// ---------------------------------------------------------------- helpers

/** Stems of the people the question names, with their roles: "the chairman of the CIS Executive Committee" singles out no statement. */
function personStems(c: Context): Set<string> {
  const roles = c.e.roles.length > 0 ? constrainedPeople(c, c.article.people) : [];
  return new Set([...c.e.people, ...roles].flatMap((p) => [...stemsOf([p.name, ...p.aliases, p.role, p.organisation ?? ""].join(" "))]));
}

function isEventPlace(c: Context, place: Place): boolean {
  return c.article.place.toLowerCase().includes(place.name.toLowerCase());
}

function countryKnown(c: Context, country: Country): boolean {
  return (
    peopleOf(c, country).length > 0 ||
    absenceOf(c, country) !== undefined ||
    c.article.places.some((p) => p.country === country.name) ||
    c.model.vocabulary.has(englishStem(country.name.toLowerCase()))
  );
}

function peopleOf(c: Context, country: Country): Person[] {
  return c.article.people.filter((p) => c.model.personCountry.get(p.id)?.code === country.code);
}

function absenceOf(c: Context, country: Country) {
  return c.article.attendance.absent.find((a) => a.who.toLowerCase() === country.name.toLowerCase());
}

function attended(c: Context, person: Person): boolean {
  return c.article.attendance.attended.some((a) => a.person === person.id);
}

function meetsRole(person: Person, role: RoleMention): boolean {
  const stems = stemsOf(person.role);
  return role.stems.every((stem) => stems.has(stem));
}

/** A catalog message as plain text, for pieces that are joined before they are escaped (lists, labels). */
function plain(c: Context, key: string, values?: Readonly<Record<string, MessageValue>>): string {
  return htmlToText(c.t(key, values).value);
}

/** The person as the reader sees them: the article's translation where it has one. */
function shown(c: Context, person: Person): Person {
  return c.view === c.article ? person : (c.view.people.find((p) => p.id === person.id) ?? person);
}

function nameOf(c: Context, person: Person): string {
  return shown(c, person).name;
}

/** A speaker's name by id, in the reader's language. */
function nameById(c: Context, id: string): string {
  return c.view.people.find((p) => p.id === id)?.name ?? id;
}

function placeName(c: Context, place: Place): string {
  return c.view.places.find((p) => p.id === place.id)?.name ?? place.name;
}

/** An agenda item's text as the reader sees it (the editor's translation, by position). */
function itemText(c: Context, item: Article["agenda"][number]): string {
  const index = c.article.agenda.indexOf(item);
  return (index >= 0 ? c.view.agenda[index]?.text : undefined) ?? item.text;
}

/** A country's name in the reader's language: the article's own translation of it, else the country data's. */
function countryName(c: Context, country: Country): string {
  if (c.locale === "en") return country.name;
  const person = c.article.people.find((p) => p.country !== undefined && c.model.personCountry.get(p.id)?.code === country.code);
  const translated = person ? shown(c, person).country : undefined;
  return translated !== undefined && translated !== person?.country ? translated : countryNameIn(country, c.locale);
}

/** A country as it reads in a sentence: "the United States" in English. */
function countryInSentence(c: Context, country: Country): string {
  return c.locale === "en" ? countryInText(country.name) : countryName(c, country);
}

/** The article's date in the reader's language: "30 October 2019", "30 октября 2019 г.". */
function dateOf(c: Context, isoDate = c.article.date): string {
  return formatDay(isoDate, c.locale);
}

function yesNo(c: Context, yes: boolean, text: SafeHtml): SafeHtml {
  return c.t(yes ? "answer-yes" : "answer-no", { text });
}

/** "Russia's defense minister", or the role as the article gives it when it already names the affiliation. */
function describe(c: Context, person: Person): string {
  const country = c.model.personCountry.get(person.id);
  const role = shown(c, person).role;
  if (person.organisation !== undefined || country === undefined) return role;
  const adjective = person.countryAdjective;
  if (adjective !== undefined && person.role.includes(adjective)) return role;
  return plain(c, "answer-role-of", { owner: c.locale === "en" ? possessive(country.name) : countryName(c, country), role });
}

function affiliation(c: Context, person: Person): string {
  const country = c.model.personCountry.get(person.id);
  if (country) return countryName(c, country);
  const view = shown(c, person);
  return view.country ?? view.organisation ?? "";
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function listWords(c: Context, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${plain(c, "answer-and")} ${items.at(-1)}`;
}

/** The role a question names, in the reader's language ("defense minister", "министр обороны"). */
function roleLabel(c: Context, roles: readonly RoleMention[]): string {
  const role = roles.map((r) => r.label).sort((a, b) => b.length - a.length)[0] ?? "representative";
  return plain(c, "answer-role-label", { role: role.replace(/\s+/g, "-"), label: role });
}

function constraintLabel(c: Context, country: Country | undefined, roles: readonly RoleMention[]): string {
  const role = roleLabel(c, roles);
  return country ? plain(c, "answer-role-of", { owner: c.locale === "en" ? possessive(country.name) : countryName(c, country), role }) : plain(c, "answer-a-role", { role });
}

/** People meeting every stated constraint: country and role. */
function constrainedPeople(c: Context, pool: readonly Person[]): Person[] {
  const { countries, roles } = c.e;
  return pool.filter(
    (p) =>
      (countries.length === 0 || countries.some((m) => c.model.personCountry.get(p.id)?.code === m.country.code)) &&
      roles.every((role) => meetsRole(p, role)),
  );
}

function sentenceOf(c: Context, paragraph: number, text: string): Sentence | undefined {
  return c.model.sentences.find((s) => s.paragraph === paragraph && s.text.includes(text.slice(0, 40)));
}

function statementLine(c: Context, statement: Statement): SafeHtml {
  const speaker = bold(nameById(c, statement.speaker));
  const intro = statement.intro !== undefined ? `${statement.intro} ` : "";
  return c.t(statement.kind === "quote" ? "answer-statement-quote" : "answer-statement-reported", { speaker, intro, words: statement.text });
}

/** Stems of the question that single something out: not the setting, not the people named. */
function meaningfulTopics(c: Context): string[] {
  const people = personStems(c);
  return [...new Set(c.e.topics)].filter((t) => !settingStems.has(t) && !people.has(t));
}

function overlap(stems: ReadonlySet<string>, topics: readonly string[]): number {
  return topics.reduce((n, t) => n + (stems.has(t) ? 1 : 0), 0);
}

/** The item of those kinds matching two or more of the question's own topics, if any. */
function strongTopicItem(c: Context, kinds: readonly string[]) {
  const topics = meaningfulTopics(c);
  let best: { item: (typeof c.model.items)[number]; score: number } | undefined;
  for (const item of c.model.items) {
    if (!kinds.includes(item.kind)) continue;
    const score = overlap(item.stems, topics);
    if (score >= 2 && (!best || score > best.score)) best = { item, score };
  }
  return best?.item;
}

/** Words of the question that the article does not cover, when nothing else it asks pins an item down. */
function uncoveredWords(c: Context): string[] {
  const { e } = c;
  if (e.unmatched.length === 0) return [];
  if (strongTopicItem(c, ["statement", "agenda", "happening", "place"]) !== undefined) return [];
  return e.unmatched;
}

// ---------------------------------------------------------------- not covered, unknown

/** The surname of the article's last person (who usually speaks), for the examples an answer offers. */
function exampleSurname(c: Context): string {
  return c.view.people.at(-1)?.name.split(" ").at(-1) ?? "";
}

function offerBlock(c: Context): SafeHtml {
  return c.t("answer-offer", { surname: exampleSurname(c) });
}

function notCovered(c: Context, lead: SafeHtml, ...rest: SafeHtml[]): QuestionAnswer {
  return answered("not-covered", [lead, ...(rest.length > 0 ? rest : [offerBlock(c)])]);
}

function notCoveredWords(c: Context, words: readonly string[]): QuestionAnswer {
  const asked = typedWords(c.q.text, words);
  return notCovered(c, c.t("answer-not-mention-words", { words: asked }));
}

/** A topic word as the article writes it ("NATO" for "nato"), else as the reader typed it. */
function display(c: Context, word: string): string {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, "iu").exec(c.article.body.join(" "));
  return found ? found[0] : asTyped(c.q.text, word);
}

/**
 * A word as the reader typed it ("Erdogan", not "erdogan"): the whole token around it, so that
 * whatever the reader wrote with it ("<b>x</b>") is shown as typed, never half of it.
 */
function asTyped(text: string, word: string): string {
  const token = text.split(/\s+/).find((t) => t.toLowerCase().includes(word));
  return token === undefined ? word : token.replace(/^[?!.,;:"“”'«»()]+|[?!.,;:"“”'«»()]+$/g, "") || token;
}

/** The words as typed, each token once. */
function typedWords(text: string, words: readonly string[]): string {
  return [...new Set(words.map((word) => asTyped(text, word)))].join(" ");
}

function notCoveredNow(c: Context): QuestionAnswer {
  return notCovered(
    c,
    c.t("answer-not-now", { event: c.view.event, date: dateOf(c) }),
    ...c.e.people.map((p) => c.t("answer-then", { name: nameOf(c, p), role: describe(c, p) })),
  );
}

function unknown(c: Context): QuestionAnswer {
  return answered("unknown", [c.t("answer-unknown", { surname: exampleSurname(c) })]);
}

/**
 * "Who chaired the meeting": the article does not say; a chairman it names chairs a body
 * ("Chairman ... of the CIS Executive Committee"), not this meeting.
 */
function chairAnswer(c: Context): QuestionAnswer {
  const { e, article } = c;
  const lead = e.people.length > 0 ? c.t("answer-not-chaired-by", { people: listWords(c, e.people.map((p) => nameOf(c, p))) }) : c.t("answer-not-chaired");
  const chairs = article.people.filter((p) => /\b(chairman|chair|chairperson|president)\b/i.test(p.role));
  const note = chairs.map((p) => {
    const view = shown(c, p);
    const role = p.organisation !== undefined && !p.role.includes(p.organisation) ? `${view.role} (${view.organisation ?? p.organisation})` : view.role;
    return c.t("answer-chair-note", { name: view.name, role });
  });
  return notCovered(c, lead, ...note);
}

// ---------------------------------------------------------------- attendance and absence

function attendeeList(c: Context, people: readonly Person[]): string {
  return listWords(c, people.map((p) => plain(c, "answer-person-country", { name: nameOf(c, p), country: affiliation(c, p) })));
}

function attendees(c: Context): Person[] {
  return c.article.attendance.attended.flatMap((a) => c.article.people.filter((p) => p.id === a.person));
}

function attendanceEvidence(c: Context): SafeHtml[] {
  return renderAttendees(c.view, c.language).blocks;
}

function attendanceAnswer(c: Context): QuestionAnswer {
  const { q, e } = c;
  const all = attendees(c);
  const yes = (text: SafeHtml) => (q.yesNo ? yesNo(c, true, text) : text);

  if (e.people.length > 0 && e.countries.length === 0 && e.roles.length === 0) {
    const lines = e.people.map((p) =>
      attended(c, p) ? c.t("answer-attended", { name: nameOf(c, p), role: describe(c, p) }) : c.t("answer-not-attended", { name: nameOf(c, p) }),
    );
    const allAttended = e.people.every((p) => attended(c, p));
    const lead = q.yesNo && allAttended ? yesNo(c, true, joinHtml(lines, " ")) : joinHtml(lines, " ");
    const evidence = e.people.flatMap((p) => {
      const record = c.article.attendance.attended.find((a) => a.person === p.id);
      const paragraph = record ? c.article.body[record.paragraph - 1] : undefined;
      return paragraph ? [html`${italic(`“${paragraph}”`)}`] : [];
    });
    return answered(allAttended ? "attendance" : "not-covered", [lead, ...evidence]);
  }

  if (e.countries.length > 0) {
    const leads: SafeHtml[] = [];
    const rest: SafeHtml[] = [];
    let kind: AnswerKind = "attendance";
    let negative = false;
    for (const { country } of e.countries) {
      const absence = absenceOf(c, country);
      const theirs = constrainedPeople(c, all).filter((p) => c.model.personCountry.get(p.id)?.code === country.code);
      if (absence) {
        leads.push(html`${absence.text}`);
        negative = true;
      } else if (theirs.length > 0) {
        leads.push(c.t("answer-attended-for", { people: personRoles(c, theirs, true), country: countryName(c, country) }));
      } else if (e.roles.length > 0) {
        kind = "not-covered";
        leads.push(c.t("answer-not-name", { who: constraintLabel(c, country, e.roles) }));
        const others = peopleOf(c, country);
        if (others.length > 0) rest.push(c.t("answer-represented-by", { country: countryName(c, country), people: personRoles(c, others, false) }));
      } else {
        kind = "not-covered";
        leads.push(c.t("answer-not-whether-country", { country: countryInSentence(c, country) }));
        const place = c.article.places.find((p) => p.country === country.name);
        if (place) rest.push(c.t("answer-held-in", { place: c.view.place }));
      }
    }
    if (kind === "not-covered") {
      rest.push(c.t("answer-names-attendees", { people: attendeeList(c, all) }));
      return answered("not-covered", [joinHtml(leads, " "), ...rest]);
    }
    const lead = q.yesNo ? yesNo(c, !negative, joinHtml(leads, " ")) : joinHtml(leads, " ");
    return answered(negative ? "absence" : "attendance", [lead, ...attendanceEvidence(c).slice(1)]);
  }

  if (e.roles.length > 0) {
    const theirs = constrainedPeople(c, all);
    if (theirs.length === 0) {
      return notCovered(c, c.t("answer-not-role-attended", { role: roleLabel(c, e.roles) }), c.t("answer-names-attendees", { people: attendeeList(c, all) }));
    }
    const label = roleLabel(c, e.roles);
    return answered("attendance", [
      yes(c.t("answer-role-attended", { count: theirs.length, role: label, people: attendeeList(c, theirs) })),
      ...attendanceEvidence(c).slice(1),
    ]);
  }

  // "Did everyone come?": no, someone stayed away. "Names of everyone who attended" lists them.
  if ((q.yesNo || q.negative) && q.words.some((w) => /^(all|every|everyone|все|всех)$/.test(w)) && c.article.attendance.absent.length > 0) {
    const absences = c.article.attendance.absent.map((a) => a.text).join(" ");
    return answered("attendance", [q.yesNo ? yesNo(c, false, html`${absences}`) : html`${absences}`, ...attendanceEvidence(c).slice(1)]);
  }

  const countries = [...new Map(all.flatMap((p) => {
    const country = c.model.personCountry.get(p.id);
    return country ? [[country.code, country] as const] : [];
  })).values()];
  // Delegations are countries: "how many delegations came" counts countries, not people.
  if (q.which || (q.cues.has("countries") && !q.cues.has("people")) || q.words.some((w) => /^(delegations?|делегаци\p{L}*)$/u.test(w))) {
    const names = listWords(c, countries.map((x) => countryName(c, x)));
    const lead = q.count ? c.t("answer-countries-count", { count: countries.length, countries: names }) : c.t("answer-countries", { countries: names });
    return answered("attendance", [lead, c.t("answer-who-came", { people: attendeeList(c, all) }), ...attendanceEvidence(c).slice(2)]);
  }
  const people = attendeeList(c, all);
  return answered("attendance", [
    yes(q.count ? c.t("answer-people-at-meeting-count", { count: all.length, people }) : c.t("answer-people-at-meeting", { people })),
    ...attendanceEvidence(c).slice(1),
  ]);
}

function absenceAnswer(c: Context): QuestionAnswer {
  const { q, e, article } = c;
  const absences = article.attendance.absent;
  if (absences.length === 0) return notCovered(c, c.t("answer-no-absent"));
  if (e.people.length > 0) {
    // "Did Shoigu not attend?": he did.
    const lines = e.people.map((p) => (attended(c, p) ? c.t("answer-attended", { name: nameOf(c, p), role: describe(c, p) }) : c.t("answer-not-whether-attended", { name: nameOf(c, p) })));
    const allAttended = e.people.every((p) => attended(c, p));
    return answered(allAttended ? "attendance" : "not-covered", [q.yesNo && allAttended ? yesNo(c, false, joinHtml(lines, " ")) : joinHtml(lines, " ")]);
  }
  const named = e.countries.map((m) => m.country).filter((country) => absenceOf(c, country) !== undefined);
  const chosen = named.length > 0 ? named.map((country) => absenceOf(c, country)).filter((a) => a !== undefined) : absences;
  if (q.why) {
    return notCovered(
      c,
      c.t("answer-not-why-absent", { who: listWords(c, chosen.map((a) => absentWho(c, a))), text: chosen.map((a) => a.text).join(" ") }),
    );
  }
  const presentNamed = e.countries.map((m) => m.country).filter((country) => absenceOf(c, country) === undefined && peopleOf(c, country).length > 0);
  if (presentNamed.length > 0 && named.length === 0) return attendanceAnswer(c);
  // "Did Armenia refuse?" is a Yes; "were the Armenians there?" a No.
  const asksAbsence = q.cues.has("absent") || q.negative;
  const texts = html`${chosen.map((a) => a.text).join(" ")}`;
  const lead = q.yesNo ? yesNo(c, asksAbsence, texts) : texts;
  return answered("absence", [lead, c.t("answer-who-attended", { people: attendeeList(c, attendees(c)) })]);
}

/** Who stayed away, as the reader sees it: the editor's translation of `who`, by position. */
function absentWho(c: Context, absence: Article["attendance"]["absent"][number]): string {
  const index = c.article.attendance.absent.indexOf(absence);
  return (index >= 0 ? c.view.attendance.absent[index]?.who : undefined) ?? absence.who;
}

/** People's names in the reader's language, as a list ("A, B and C"). */
function names(c: Context, people: readonly Person[]): string {
  return listWords(c, people.map((p) => nameOf(c, p)));
}

/** "It quotes: …": everyone the article quotes. */
function itQuotes(c: Context): SafeHtml {
  return c.t("answer-it-quotes", { people: listWords(c, [...new Set(c.article.statements.map((s) => s.speaker))].map((id) => nameById(c, id))) });
}

/** "Sergei Shoigu, Russia's defense minister and …" (`described`), or with the role as written. */
function personRoles(c: Context, people: readonly Person[], described: boolean): string {
  return listWords(c, people.map((p) => plain(c, "answer-person-role", { name: nameOf(c, p), role: described ? describe(c, p) : shown(c, p).role })));
}

// ---------------------------------------------------------------- people

function personAnswer(c: Context): QuestionAnswer {
  const { q, e, article } = c;
  if (q.cues.has("samePerson") && e.people.length > 0) {
    const [person] = e.people;
    if (e.people.length === 1 && person) {
      const spellings = [person.name, ...person.aliases];
      return answered("person", [
        c.t("answer-same-person", { spellings: listWords(c, spellings.map((s) => `“${s}”`)), name: nameOf(c, person), role: describe(c, person) }),
        ...renderPerson(c.view, shown(c, person), c.language).blocks,
      ]);
    }
    return answered("person", [c.t("answer-different-people", { people: listWords(c, e.people.map((p) => plain(c, "answer-person-country", { name: nameOf(c, p), country: describe(c, p) }))) })]);
  }

  if (e.people.length > 0) {
    const blocks: SafeHtml[] = [];
    let kind: AnswerKind = "person";
    const leads = e.people.map((person) => {
      if (q.cues.has("from") && e.roles.length === 0) {
        const country = c.model.personCountry.get(person.id);
        if (!country) {
          kind = "not-covered";
          return c.t("answer-no-country", { name: nameOf(c, person), role: shown(c, person).role });
        }
        return c.t("answer-is-from", { name: nameOf(c, person), country: countryName(c, country), role: describe(c, person) });
      }
      if (q.yesNo && (e.roles.length > 0 || e.countries.length > 0)) {
        if (e.countries.length > 0 && !c.model.personCountry.has(person.id)) {
          kind = "not-covered";
          return c.t("answer-no-country", { name: nameOf(c, person), role: shown(c, person).role });
        }
        const ok = constrainedPeople(c, [person]).length > 0;
        return yesNo(c, ok, c.t("answer-is", { name: nameOf(c, person), role: describe(c, person) }));
      }
      return c.t("answer-is", { name: nameOf(c, person), role: describe(c, person) });
    });
    blocks.push(joinHtml(leads, "\n"));
    for (const person of e.people) blocks.push(...renderPerson(c.view, shown(c, person), c.language).blocks);
    return answered(kind, blocks);
  }

  if (e.roles.length > 0 || e.countries.length > 0) {
    const found = constrainedPeople(c, article.people);
    if (found.length === 0) {
      const others = e.countries.flatMap((m) => peopleOf(c, m.country));
      const first = e.countries[0]?.country;
      const offer =
        others.length > 0
          ? c.t("answer-represented-by", { country: first ? countryName(c, first) : "", people: personRoles(c, others, false) })
          : c.t("answer-people-named", { people: personRoles(c, article.people, true) });
      if (e.countries.length > 0 && e.roles.length === 0 && !q.cues.has("whoIs")) return attendanceAnswer(c);
      return notCovered(c, c.t("answer-not-name", { who: constraintLabel(c, e.countries[0]?.country, e.roles) }), offer);
    }
    return answered("person", [
      joinHtml(found.map((p) => c.t("answer-is", { name: nameOf(c, p), role: describe(c, p) })), "\n"),
      ...found.flatMap((p) => renderPerson(c.view, shown(c, p), c.language).blocks),
    ]);
  }

  if (e.unknownNames.length > 0 || e.unmatched.length > 0) return notCoveredWords(c, e.unmatched);
  return answered("person", [c.t("answer-names-people", { count: article.people.length, people: personRoles(c, article.people, true) })]);
}

// ---------------------------------------------------------------- statements

/** Sentences of the body with the verb and topic stems, best first. */
function matchingSentences(c: Context, verbs: readonly string[], topics: readonly string[]): Sentence[] {
  const scored = c.model.sentences
    .filter((s) => verbs.every((v) => s.stems.has(v)))
    .map((s) => ({ s, score: overlap(s.stems, topics) }))
    .filter(({ score }) => topics.length === 0 || score > 0);
  const best = Math.max(0, ...scored.map(({ score }) => score));
  return scored.filter(({ score }) => score === best).map(({ s }) => s);
}

const verbCues = [
  ["open", "open"],
  ["thank", "thank"],
  ["stress", "stress"],
] as const;

function statementsAnswer(c: Context): QuestionAnswer {
  const { q, e, article } = c;
  // A country is what was said about ("about Azerbaijan") unless it picks the speaker ("the Russian minister").
  const topics = [...meaningfulTopics(c), ...(e.roles.length === 0 && e.people.length > 0 ? e.countryTopics : [])];
  const verbs = verbCues.filter(([cue]) => q.cues.has(cue)).map(([, stem]) => englishStem(stem));

  // The speakers the question names, directly or by country and role.
  let speakers = e.people;
  if (speakers.length === 0 && e.roles.length === 0 && e.countries.length > 0 && !q.who) {
    // "What did the Armenian side say": whoever the article names from there.
    speakers = e.countries.flatMap((m) => peopleOf(c, m.country));
    if (speakers.length === 0) {
      const absences = e.countries.map((m) => absenceOf(c, m.country)).filter((a) => a !== undefined);
      return notCovered(
        c,
        c.t("answer-not-quote-from", { countries: listWords(c, e.countries.map((m) => countryName(c, m.country))) }),
        ...(absences.length > 0 ? [html`${absences.map((a) => a.text).join(" ")}`] : [offerBlock(c)]),
      );
    }
  }
  if (speakers.length === 0 && e.roles.length > 0) {
    speakers = constrainedPeople(c, article.people);
    if (speakers.length === 0) {
      return notCovered(
        c,
        c.t("answer-not-name-nor-quote", { who: constraintLabel(c, e.countries[0]?.country, e.roles) }),
        itQuotes(c),
      );
    }
  }

  // Who did something: opened, thanked, stressed, or said what the topic names.
  if (verbs.length > 0 && (q.who || speakers.length === 0 || q.yesNo)) {
    const stressVerbs = verbs.includes(englishStem("stress")) ? [englishStem("stress"), englishStem("emphasized")] : [];
    const sentences = (stressVerbs.length > 0
      ? c.model.sentences.filter((s) => stressVerbs.some((v) => s.stems.has(v)))
      : matchingSentences(c, verbs, topics.filter((t) => !verbs.includes(t))));
    const actors = [...new Set(sentences.flatMap((s) => s.people))].map((id) => article.people.find((p) => p.id === id)).filter((p) => p !== undefined);
    if (sentences.length > 0 && actors.length > 0 && (q.who || speakers.length === 0 || q.yesNo)) {
      const evidence = sentences.map((s) => html`“${s.text}”`);
      if (q.yesNo && speakers.length > 0) {
        const did = speakers.every((p) => actors.includes(p));
        // Only one person opens a meeting; anyone else may have thanked or stressed without the article saying so.
        if (!did && !verbs.includes(englishStem("open"))) {
          return notCovered(c, c.t("answer-not-did", { people: names(c, speakers), actors: names(c, actors) }), ...sentences.map((s) => html`“${s.text}”`));
        }
        const mine = did ? sentences.filter((s) => speakers.some((p) => s.people.includes(p.id))) : sentences;
        const quoted = joinHtml(mine.map((s) => html`“${s.text}”`), " ");
        return answered("statements", [yesNo(c, did, did ? quoted : c.t("answer-actors", { people: names(c, actors), evidence: quoted }))]);
      }
      // "Who opened the meeting": say it in so many words, then the article's sentence.
      const opened = verbs.includes(englishStem("open")) && sentences.length === 1;
      return answered("statements", [c.t(opened ? "answer-opened" : "answer-actors", { people: names(c, actors), evidence: joinHtml(evidence, " ") })]);
    }
  }

  if (q.count) {
    const pool = speakers.length > 0 ? article.statements.filter((s) => speakers.some((p) => p.id === s.speaker)) : article.statements;
    const quotes = pool.filter((s) => s.kind === "quote").length;
    const counts = { count: pool.length, quotes, reported: pool.length - quotes };
    return answered("statements", [
      speakers.length > 0 ? c.t("answer-statement-count-by", { ...counts, people: names(c, speakers) }) : c.t("answer-statement-count", counts),
      joinHtml(pool.map((s) => statementLine(c, s)), "\n"),
    ]);
  }
  const ofSpeakers = speakers.length > 0 ? article.statements.filter((s) => speakers.some((p) => p.id === s.speaker)) : article.statements;
  if (speakers.length > 0 && ofSpeakers.length === 0) {
    return notCovered(
      c,
      c.t(speakers.every((p) => attended(c, p)) ? "answer-not-quote-person-attended" : "answer-not-quote-person", {
        people: names(c, speakers),
        count: speakers.length,
        roles: listWords(c, speakers.map((p) => describe(c, p))),
      }),
      itQuotes(c),
    );
  }

  // A question about an agenda item's content ("what does the 2025 concept say") is not answered by a speech.
  if (speakers.length === 0 && !q.who && topics.length > 0 && /\b(say|says|said)\b/.test(q.words.join(" ")) && !q.words.includes("about")) {
    const agendaBest = Math.max(0, ...c.model.items.filter((i) => i.kind === "agenda").map((i) => overlap(i.stems, topics)));
    const statementBest = Math.max(0, ...c.model.items.filter((i) => i.kind === "statement").map((i) => overlap(i.stems, topics)));
    if (agendaBest > 0 && agendaBest >= statementBest) {
      const item = article.agenda.find((a) => overlap(stemsOf(a.text), topics) === agendaBest);
      return notCovered(c, c.t("answer-not-what-item-says", { item: item ? itemText(c, item) : "" }));
    }
  }

  let chosen = ofSpeakers;
  if (verbs.length > 0 && speakers.length > 0) {
    // "What did Lebedev stress": the statements of paragraphs that use the verb.
    const stems = verbs.includes(englishStem("stress")) ? [englishStem("stress"), englishStem("emphasized")] : verbs;
    const paragraphs = new Set(c.model.sentences.filter((s) => stems.some((v) => s.stems.has(v))).map((s) => s.paragraph));
    const withVerb = ofSpeakers.filter((s) => paragraphs.has(s.paragraph));
    if (withVerb.length > 0) chosen = withVerb;
  }
  if (topics.length > 0) {
    const scored = chosen.map((s, i) => ({ s, score: overlap(stemsOf(`${s.intro ?? ""} ${s.text}`), topics), i }));
    const best = Math.max(0, ...scored.map((x) => x.score));
    if (best === 0) {
      const others = article.statements.filter((s) => overlap(stemsOf(`${s.intro ?? ""} ${s.text}`), topics) > 0);
      const topicWords = e.topics.length > 0 ? q.words.filter((w) => topics.includes(englishStem(w))).map((w) => display(c, w)).filter((w, i, all) => all.indexOf(w) === i).join(" ") : "";
      const who = speakers.length > 0 ? names(c, speakers) : plain(c, "answer-anyone");
      // The speaker's own deeds in the text: "Sergey Lebedev also thanked Azerbaijan."
      const deeds = c.model.sentences.filter(
        (sentence) =>
          speakers.some((p) => sentence.people.includes(p.id)) &&
          overlap(sentence.stems, topics) > 0 &&
          !article.statements.some((st) => sentence.text.includes(st.text.slice(0, 40))),
      );
      if (speakers.length > 0 && deeds.length > 0) {
        const quoted = joinHtml(deeds.map((d) => html`“${d.text}”`), " ");
        return answered("statements", [q.yesNo ? yesNo(c, true, quoted) : quoted]);
      }
      if (speakers.length === 0 && q.who) {
        const items = article.agenda.filter((a) => overlap(stemsOf(a.text), topics) > 0);
        const spoke = topicWords === "" ? c.t("answer-not-who-spoke") : c.t("answer-not-who-spoke-words", { words: topicWords });
        const listed = items.length > 0 ? c.t("answer-items-considered", { items: items.map((i) => `“${itemText(c, i)}”`).join(", ") }) : html``;
        return notCovered(c, html`${spoke}${listed}.`);
      }
      if (speakers.length === 0) return agendaAnswer(c);
      return notCovered(
        c,
        topicWords === "" ? c.t("answer-not-quote-on", { who }) : c.t("answer-not-quote-on-words", { who, words: topicWords }),
        ...(others.length > 0 ? [c.t("answer-others-on-it"), ...others.map((s) => statementLine(c, s))] : [offerBlock(c)]),
      );
    }
    chosen = scored.filter((x) => x.score === best).map((x) => x.s);
    // "Which countries ... certain countries": the article does not say which.
    const which = /\b(which|what) (\w+)/.exec(q.words.join(" "));
    if (which?.[2] && q.words[0] === "which") {
      const noun = which[2];
      const vague = chosen.find((s) => new RegExp(`\\b(certain|some|other) ${noun}\\b`, "i").test(s.text));
      if (vague) {
        const words = /\b(?:certain|some|other) \w+/i.exec(vague.text)?.[0] ?? noun;
        return notCovered(c, c.t("answer-not-which", { noun, speaker: nameById(c, vague.speaker), words }), statementLine(c, vague));
      }
    }
  } else if (q.cues.has("quote")) {
    const quotes = ofSpeakers.filter((s) => s.kind === "quote");
    if (quotes.length > 0) chosen = quotes;
  }
  if (speakers.length === 0 && topics.length === 0 && !q.who) {
    chosen = [...article.statements];
  }
  const ordered = [...chosen].sort((a, b) => Number(b.key) - Number(a.key));
  const lines = ordered.map((s) => statementLine(c, s));
  // One speaker's words, asked for without a topic: say whose they are first.
  const heading = speakers.length === 1 && topics.length === 0 && !q.yesNo && speakers[0] ? [c.t("answer-what-said", { name: nameOf(c, speakers[0]) })] : [];
  const lead = q.yesNo ? yesNo(c, true, joinHtml(lines, "\n")) : joinHtml([...heading, ...lines], "\n");
  return answered("statements", [lead]);
}

// ---------------------------------------------------------------- agenda

/** Words that ask for the agenda or its main item, not for a topic on it. */
const agendaWords = new Set(["main", "key", "topic", "topics", "item", "items", "attention", "point", "points", "focus", "important"].map(englishStem));

function agendaAnswer(c: Context): QuestionAnswer {
  const { q, article } = c;
  const topics = meaningfulTopics(c).filter((t) => !agendaWords.has(t));
  const key = article.agenda.find((item) => item.key);

  if (q.count) {
    const claim = article.statements.find((s) => /\b(more than|over|about|some|nearly|almost) \d+ (issues|items|questions|topics)\b/i.test(s.text));
    const number = claim ? /\b(?:more than|over|about|some|nearly|almost) \d+ (?:issues|items|questions|topics)\b/i.exec(claim.text)?.[0] : undefined;
    if (claim && number) {
      return answered("agenda", [
        c.t("answer-agenda-claim", { number: c.locale === "en" ? capitalise(number) : number, name: nameById(c, claim.speaker), count: article.agenda.length }),
        statementLine(c, claim),
        ...renderAgenda(c.view, c.language).blocks.slice(1),
      ]);
    }
    return answered("agenda", [c.t("answer-agenda-count", { count: article.agenda.length }), ...renderAgenda(c.view, c.language).blocks.slice(1)]);
  }

  const scored = article.agenda.map((item) => ({ item, score: overlap(stemsOf(item.text), topics) }));
  const best = Math.max(0, ...scored.map((x) => x.score));
  const others = /\b(other|others|besides|apart|except|else|also)\b|кроме|други/.test(q.words.join(" "));

  if (q.cues.has("key") && !others && topics.length === 0 && key) {
    const sentence = sentenceOf(c, key.paragraph, "Key attention") ?? c.model.sentences.find((s) => s.paragraph === key.paragraph && s.text.includes(key.text));
    return answered("agenda", [
      c.t("answer-main-item", { item: itemText(c, key) }),
      ...(sentence ? [html`${italic(`“${sentence.text}”`)}`] : []),
      ...renderAgenda(c.view, c.language).blocks.slice(1),
    ]);
  }

  if (topics.length > 0 && best === 0) {
    // Not an agenda item: perhaps someone spoke of it.
    const spoken = article.statements.filter((s) => overlap(stemsOf(`${s.intro ?? ""} ${s.text}`), topics) > 0);
    if (spoken.length > 0) {
      return answered("statements", [
        c.t(q.yesNo ? "answer-in-speech-yes" : "answer-in-speech", { lines: joinHtml(spoken.map((s) => statementLine(c, s)), "\n") }),
        ...renderAgenda(c.view, c.language).blocks.slice(1),
      ]);
    }
    const words = q.words.filter((w) => topics.includes(englishStem(w))).map((w) => display(c, w)).filter((w, i, all) => all.indexOf(w) === i).join(" ");
    return notCovered(c, c.t("answer-not-on-agenda", { words }), ...renderAgenda(c.view, c.language).blocks.slice(1));
  }

  const matched = best > 0 ? scored.filter((x) => x.score === best).map((x) => x.item) : [];
  if (others && matched.length > 0) {
    const rest = article.agenda.filter((item) => !matched.includes(item));
    const besides = c.t("answer-besides", { matched: matched.map((m) => itemText(c, m)).join(", "), rest: listWords(c, rest.map((r) => itemText(c, r))) });
    return answered("agenda", [q.yesNo ? yesNo(c, true, besides) : besides]);
  }
  const rest = article.agenda.filter((item) => item !== key);
  const list = joinHtml(
    [
      ...(key ? [c.t("answer-key-item", { item: itemText(c, key) })] : []),
      ...(rest.length > 0 ? [html`${c.t(key ? "answer-also-discussed" : "answer-discussed")}\n${joinHtml(rest.map((item) => html`• ${itemText(c, item)}`), "\n")}`] : []),
    ],
    "\n",
  );
  if (matched.length === 0) return answered("agenda", [list]);
  const items = html`${matched.map((m) => itemText(c, m)).join("; ")}.`;
  const head = q.yesNo ? yesNo(c, true, items) : items;
  return answered("agenda", [html`${head}\n${list}`]);
}

// ---------------------------------------------------------------- place and time

function eventLead(c: Context): SafeHtml {
  const { article } = c;
  const today = article.body.some((p) => /\btoday\b/i.test(p));
  const note = today ? c.t("answer-event-note", { city: article.place.split(",")[0] ?? article.place }) : html``;
  return c.t("answer-event-held", { event: c.view.event, place: c.view.place, date: dateOf(c), note });
}

function placeTimeAnswer(c: Context): QuestionAnswer {
  const { q, e, article } = c;
  const other = e.places.find((place) => !isEventPlace(c, place));
  if (other && q.yesNo) {
    return answered("place-time", [yesNo(c, false, eventLead(c)), c.t("answer-other-meeting-named", { place: placeName(c, other), text: other.text })]);
  }
  if (other) return otherMeetingAnswer(c);
  // "Was it in 2018?": a year or a place that is not the event's is a No.
  const year = q.words.find((w) => /^(19|20)\d\d$/.test(w));
  const wrongCountry = e.countries.some((m) => !article.place.includes(m.country.name));
  const ordinal = q.words.find((w) => /^\d+(st|nd|rd|th)$/.test(w));
  const wrongOrdinal = ordinal !== undefined && !article.event.toLowerCase().includes(ordinal);
  // "Was Shoigu the host?": only someone from the host country could be.
  const wrongHost = q.cues.has("host") && e.people.some((p) => {
    const country = c.model.personCountry.get(p.id);
    return country === undefined || !article.place.includes(country.name);
  });
  const wrong = (year !== undefined && year !== article.date.slice(0, 4)) || wrongCountry || wrongOrdinal || wrongHost;
  const who = wrongHost ? html` ${joinHtml(e.people.map((p) => c.t("answer-is", { name: nameOf(c, p), role: describe(c, p) })), " ")}` : html``;
  const lead = q.yesNo ? yesNo(c, !wrong, html`${eventLead(c)}${who}`) : html`${eventLead(c)}${who}`;
  const first = c.model.sentences.find((s) => s.paragraph === 1);
  return answered("place-time", [lead, ...(first ? [html`${italic(`“${first.text}”`)}`] : [])]);
}

/** Every place the article names, the event's first, each with the article's words for it. */
function placesAnswer(c: Context): QuestionAnswer {
  const { article, e } = c;
  // Asked of a speaker: the places his statements name.
  const spoken = article.statements.filter((s) => e.people.some((p) => p.id === s.speaker)).map((s) => `${s.intro ?? ""} ${s.text}`).join(" ");
  const pool = e.people.length > 0 ? article.places.filter((place) => new RegExp(`(?<!\\p{L})${place.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\p{L})`, "u").test(spoken)) : article.places;
  if (pool.length === 0) return notCovered(c, c.t("answer-not-quote-place", { people: names(c, e.people) }));
  const ordered = [...pool].sort((a, b) => Number(isEventPlace(c, b)) - Number(isEventPlace(c, a)));
  const lines = ordered.map((place) => html`${bold(placeName(c, place))}${isEventPlace(c, place) ? c.t("answer-this-meeting") : ""}: “${place.text}”`);
  const places = listWords(c, ordered.map((p) => placeName(c, p)));
  const head = e.people.length > 0 ? c.t("answer-places-named-by", { people: names(c, e.people), count: ordered.length, places }) : c.t("answer-places-named", { count: ordered.length, places });
  return answered("place-time", [html`${head}\n${joinHtml(lines, "\n")}`]);
}

function otherMeetingAnswer(c: Context): QuestionAnswer {
  const { q, e, article } = c;
  const others = article.places.filter((place) => !isEventPlace(c, place));
  if (others.length === 0) return notCovered(c, c.t("answer-no-other-meeting"));
  const topics = [...new Set(c.e.topics)].filter((t) => !["meet", "meeting", "cis", "held"].includes(t));
  let chosen = e.places.filter((place) => !isEventPlace(c, place));
  if (chosen.length === 0) {
    const scored = others.map((place) => ({ place, score: overlap(stemsOf(place.text), topics) }));
    const best = Math.max(0, ...scored.map((x) => x.score));
    chosen = best > 0 ? scored.filter((x) => x.score === best).map((x) => x.place) : [];
  }
  if (chosen.length === 0 && q.cues.has("previous")) chosen = others.filter((place) => /\b(last|previous|prior)\b/i.test(place.text));
  if (chosen.length === 0) chosen = others;

  const hasDate = (place: Place) => /\b(january|february|march|april|may|june|july|august|september|october|november|december|\d{4})\b/i.test(place.text);
  if (q.cues.has("when") && chosen.every((place) => !hasDate(place))) {
    return notCovered(
      c,
      c.t("answer-not-when-meeting", { places: listWords(c, chosen.map((p) => placeName(c, p))), text: chosen.map((p) => p.text).join("; ") }),
    );
  }
  const speakerOf = (place: Place) => {
    const statement = article.statements.find((s) => s.paragraph === place.paragraph);
    return statement ? nameById(c, statement.speaker) : undefined;
  };
  const lines = chosen.map((place) => {
    const speaker = speakerOf(place);
    const name = bold(placeName(c, place));
    return speaker ? c.t("answer-place-line-speaker", { place: name, text: place.text, speaker }) : c.t("answer-place-line", { place: name, text: place.text });
  });
  const head = chosen.length > 1 ? html`${c.t("answer-other-meetings", { count: chosen.length })}\n` : html``;
  return answered("place-time", [html`${head}${joinHtml(lines, "\n")}`, c.t("answer-this-meeting-lead", { lead: eventLead(c) })]);
}

// ---------------------------------------------------------------- happenings

function happeningsAnswer(c: Context): QuestionAnswer {
  const { q, article } = c;
  const topics = meaningfulTopics(c);
  if (q.cues.has("after") && !q.cues.has("before")) {
    const afterwards = c.model.sentences.filter((s) => /\bafter the meeting\b/i.test(s.text));
    if (afterwards.length === 0) return notCovered(c, c.t("answer-not-after"), ...happeningSentences(c, article.happenings.map((_, i) => i)));
  }
  let indexes = article.happenings.map((_, i) => i);
  if (q.cues.has("before")) {
    indexes = indexes.filter((i) => /\bbefore\b/i.test(sentenceFor(c, i)?.text ?? ""));
  } else if (topics.length > 0) {
    const scored = indexes.map((i) => ({ i, score: overlap(stemsOf(sentenceFor(c, i)?.text ?? ""), topics) }));
    const best = Math.max(0, ...scored.map((x) => x.score));
    if (best > 0) indexes = scored.filter((x) => x.score === best).map((x) => x.i);
  }
  const place = c.e.places[0];
  if (place) indexes = indexes.filter((i) => article.happenings[i]?.place === place.id);
  if (indexes.length === 0) indexes = article.happenings.map((_, i) => i);
  const sentences = happeningSentences(c, indexes);
  const lead = q.yesNo ? yesNo(c, true, joinHtml(sentences, " ")) : joinHtml(sentences, " ");
  const generic = topics.length === 0 && !q.cues.has("before") && !place;
  return answered("happenings", [lead, ...(generic ? renderSummary(c.view, c.language).blocks.slice(1) : [])]);
}

function sentenceFor(c: Context, index: number): Sentence | undefined {
  const happening = c.article.happenings[index];
  return happening ? sentenceOf(c, happening.paragraph, happening.text) ?? c.model.sentences.find((s) => s.paragraph === happening.paragraph) : undefined;
}

function happeningSentences(c: Context, indexes: readonly number[]): SafeHtml[] {
  const seen = new Set<string>();
  const out: SafeHtml[] = [];
  for (const i of indexes) {
    const sentence = sentenceFor(c, i);
    const text = sentence?.text ?? c.article.happenings[i]?.text ?? "";
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(html`${text}`);
  }
  return out;
}

// ---------------------------------------------------------------- acronyms

/** "What does CIS stand for": the expansion the article's own text gives, if it gives one. */
function acronymAnswer(c: Context): QuestionAnswer | undefined {
  const body = c.article.body.join(" ");
  for (const typed of c.q.words) {
    // "СНГ" is "CIS": a Russian abbreviation through the glossary.
    const word = isCyrillic(typed) ? (russianToEnglish(typed) ?? typed) : typed;
    const acronym = word.toUpperCase();
    if (!/^[A-Z]{2,5}$/.test(acronym) || !new RegExp(`\\b${acronym}\\b`).test(`${body} ${c.article.event} ${c.article.headline}`)) continue;
    // Capitalised words whose initials spell it, "of", "and", "the" between: "Commonwealth of Independent States".
    const pattern = new RegExp(
      [...acronym].map((letter) => `${letter}[a-z]+`).join("(?: (?:of|and|the|for))* "),
    );
    const expansion = pattern.exec(body)?.[0];
    if (!expansion) continue;
    const sentence = c.model.sentences.find((s) => s.text.includes(expansion));
    return answered("place-time", [
      c.t("answer-stands-for", { acronym, expansion }),
      ...(sentence ? [html`${italic(`“${sentence.text}”`)}`] : []),
    ]);
  }
  return undefined;
}

// ---------------------------------------------------------------- topics, source

/** No kind asked: the item that best matches the question's words, with what it is. */
function topicAnswer(c: Context): QuestionAnswer {
  const topics = meaningfulTopics(c).length > 0 ? meaningfulTopics(c) : [...new Set(c.e.topics)];
  let best: { item: (typeof c.model.items)[number]; score: number } | undefined;
  for (const item of c.model.items) {
    const score = overlap(item.stems, topics) + (item.kind === "statement" ? 0.1 : 0);
    if (score >= 1 && (!best || score > best.score)) best = { item, score };
  }
  if (!best) return unknown(c);
  switch (best.item.kind) {
    case "statement":
      return statementsAnswer(c);
    case "agenda":
      return agendaAnswer(c);
    case "happening":
      return happeningsAnswer(c);
    case "place":
      return otherMeetingAnswer(c);
  }
}

function sourceAnswer(c: Context): QuestionAnswer {
  const { q, e, article } = c;
  const date = dateOf(c);
  const evidence = renderSource(c.view, c.language).blocks;
  const { outlet } = article;
  if (q.cues.has("author") && !q.cues.has("when")) {
    const credit = /the correspondent of [^,.]+/i.exec(article.body.join(" "))?.[0];
    return notCovered(c, credit ? c.t("answer-no-author-credit", { outlet, credit }) : c.t("answer-no-author", { outlet }), ...evidence);
  }
  if (q.cues.has("headline")) return answered("source", [c.t("answer-headline", { headline: c.view.headline, outlet, date }), ...evidence]);
  if (q.cues.has("published") || q.cues.has("when")) {
    return answered("source", [c.t("answer-reported-on", { outlet, date }), ...evidence]);
  }
  if (q.yesNo) {
    const outletStems = stemsOf(article.outlet);
    const asksOurs = e.topics.some((t) => outletStems.has(t));
    return answered("source", [yesNo(c, asksOurs, c.t("answer-from-outlet", { outlet, date, url: article.url })), ...evidence.slice(1)]);
  }
  return answered("source", [html`${c.t("answer-from", { outlet, date, headline: c.view.headline })}\n${article.url}`]);
}
