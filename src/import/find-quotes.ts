import { findCountry } from "./countries";
import type { FoundPerson, Mention } from "./find-people";
import { fold, splitSentences, type Span } from "./text-tools";

/** A stretch in quotation marks: paragraph (0-based), the marks' offsets, and the words between them. */
export interface QuoteSpan {
  paragraph: number;
  /** Offset of the opening mark. */
  start: number;
  /** Offset just past the closing mark (or the paragraph's end, for a quote that runs on). */
  end: number;
  /** The words, verbatim, without the marks and a trailing comma. */
  text: string;
  /** The quote has no closing mark in its paragraph: it goes on in the next one. */
  runsOn?: boolean;
}

/** How a speaker was found, so the editor knows what to check. */
export type SpeakerHow = "named" | "pronoun" | "role" | "previous" | "inner" | "unclear" | "none";

/** A statement found in the article: a direct quote or reported speech, with its speaker if one was found. */
export interface FoundStatement {
  kind: "quote" | "reported";
  paragraph: number;
  text: string;
  intro?: string;
  speaker?: string;
  how: SpeakerHow;
  /** Offset in the paragraph, for ordering. */
  start: number;
}

const closersFor: Record<string, string> = { '"': '"”', "“": '”"', "«": "»", "„": '“”"', "”": '”"' };

/**
 * Finds the stretches in quotation marks, whatever marks they use: straight,
 * curly, «», „“, a curly opening with a straight closing. A quote with no
 * closing mark that opens its paragraph runs to the paragraph's end (a quote
 * over several paragraphs opens each one and closes only the last).
 */
export function findQuoteSpans(body: string[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let runsOn = false;
  body.forEach((text, paragraph) => {
    let i = 0;
    // The paragraph after one whose quote did not close goes on quoting up to the first closing mark,
    // unless it opens a quote of its own.
    if (runsOn && !closersFor[text[0] ?? ""]) {
      const close = /["”»]/.exec(text);
      const j = close ? close.index : text.length;
      pushSpan(spans, text, paragraph, -1, j);
      runsOn = j >= text.length;
      i = j + 1;
    } else runsOn = false;
    while (i < text.length) {
      const mark = text[i] ?? "";
      const closers = closersFor[mark];
      const before = text[i - 1];
      // A straight or right-hand mark opens a quote only at the start or after a space or bracket.
      if (!closers || ((mark === '"' || mark === "”") && before !== undefined && !/[\s([—–-]/.test(before))) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < text.length) {
        const c = text[j] ?? "";
        if (closers.includes(c) && (c !== '"' || !/[\p{L}\p{N}]/u.test(text[j + 1] ?? ""))) break;
        j++;
      }
      if (j >= text.length && i > 0) {
        i++;
        continue;
      }
      pushSpan(spans, text, paragraph, i, j);
      if (j >= text.length) runsOn = true;
      i = j + 1;
    }
  });
  return spans;
}

/** Adds the quote between the marks at `open` and `close` (-1 and the length when a mark is missing). */
function pushSpan(spans: QuoteSpan[], text: string, paragraph: number, open: number, close: number): void {
  const inner = text.slice(open + 1, close);
  const trimmed = inner.replace(/^\s+/, "").replace(/[\s,]+$/, "");
  const offset = open + 1 + (inner.length - inner.replace(/^\s+/, "").length);
  if (trimmed) {
    spans.push({ paragraph, start: Math.max(open, 0), end: Math.min(close + 1, text.length), text: text.slice(offset, offset + trimmed.length), runsOn: close >= text.length });
  }
}

/** Verbs that report speech. */
const speechVerb =
  "said|says|say|told|tells|added|adds|noted|notes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|stated|declared|explained|warned|urged|insisted|asked|replied|continued|wrote|remarked|observed|announced|acknowledged|admitted|argued|recalled|concluded|commented|highlighted|reiterated|affirmed|assured|pointed out|points out|thanked|expressed|called|told reporters|quoted|telling|saying|adding|noting|quoting";
const speechVerbRe = new RegExp(`\\b(?:${speechVerb})\\b`, "i");

/** Words that make the subject of a speech verb something other than a person. */
const nonPersonSubject = /\b(?:statement|ministry|office|house|kremlin|pentagon|report|service|agency|government|embassy|department|communiqu[eé]|declaration|website|document|spokes(?:man|woman|person) for)\b/i;

interface Resolver {
  people: FoundPerson[];
  mentions: Array<Mention & { person: string }>;
  body: string[];
  quotes: QuoteSpan[];
  /** Quotes already attributed: a sentence holding one has its speaker as its subject. */
  spoken: Array<{ paragraph: number; start: number; speaker: string }>;
  sentences: Map<number, Span[]>;
}

function createResolver(people: FoundPerson[], body: string[] = [], quotes: QuoteSpan[] = []): Resolver {
  const mentions = people.flatMap((p) => p.mentions.map((m) => ({ ...m, person: p.id })));
  mentions.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
  return { people, mentions, body, quotes, spoken: [], sentences: new Map() };
}

/** A paragraph's sentences, split once per resolver. */
function sentencesOf(resolver: Resolver, paragraph: number): Span[] {
  let sentences = resolver.sentences.get(paragraph);
  if (!sentences) {
    sentences = splitSentences(resolver.body[paragraph] ?? "");
    resolver.sentences.set(paragraph, sentences);
  }
  return sentences;
}

/** Words that can stand in a role phrase opening a sentence ("The French president", "The Russian leader"). */
const roleWordRe = /^(?:\p{Lu}[\p{L}-]*|defen[cs]e|foreign|prime|deputy|vice|first|chief|general|secretary|minister|president|premier|chancellor|leader|spokes(?:man|woman|person)|envoy|ambassador|head|chairman|counterpart|visiting|host)$/u;

/**
 * The person a sentence is about: the first of a person named in it (outside
 * quotes), a "the <role>" phrase opening it that stands for one person, and the
 * speaker of a quote in it already attributed. Undefined when it names no one.
 */
function subjectOf(resolver: Resolver, paragraph: number, sentence: Span): string | undefined {
  // A sentence that reports speech is about its speaker: "Speaking with Cavusoglu, Zarif said ...", "..., the Iranian foreign minister said."
  const outsideQuotes = resolver.quotes.every((q) => q.paragraph !== paragraph || q.end <= sentence.start || q.start >= sentence.end);
  if (outsideQuotes && speechVerbRe.test(sentence.text)) {
    const speaker = nearestToVerb(resolver, paragraph, sentence.start, sentence.end, sentence.text);
    if (speaker) return speaker;
    const role = new RegExp(`\\bthe\\s+((?:[\\p{L}-]+\\s+){0,3}?[\\p{L}-]+)\\s+(?:also\\s+)?(?:${speechVerb})\\b`, "iu").exec(sentence.text)?.[1];
    const byRole = role && !nonPersonSubject.test(role) ? personByRole(resolver, role, paragraph, sentence.start, false) : undefined;
    if (byRole) return byRole;
  }
  // The person who opens the sentence (after a short lead such as "On Friday,") is its subject; when
  // no one opens it ("The meeting is attended by A and B."), the last one named in it is the nearest.
  const inSentence = resolver.mentions.filter((m) => m.paragraph === paragraph && m.start >= sentence.start && m.end <= sentence.end);
  const paragraphText = resolver.body[paragraph] ?? "";
  const opens = inSentence.find((m) => {
    const prefix = paragraphText.slice(sentence.start, m.start).replace(/^[^,"“”]{0,40},\s+/, "");
    return prefix.split(/\s+/).filter(Boolean).every((w) => /^(?:the|his|her|their|its)$/i.test(w) || roleWordRe.test(w.replace(/['’]s$/, "")));
  });
  const named = opens ?? inSentence.at(-1);
  const spoken = resolver.spoken.find((q) => q.paragraph === paragraph && q.start >= sentence.start && q.start < sentence.end);
  const opening = /^(?:[^,"“”]{0,40},\s+)?[Tt]he\s+((?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)\s+(?:also\s+)?(?:[a-z]+ed|said|says|told|met|held|is|was|has|had|will|would)\b/u.exec(sentence.text);
  const roleWords = opening?.[1]?.split(/\s+/) ?? [];
  const role = opening && roleWords.every((w) => roleWordRe.test(w)) ? personByRole(resolver, opening[1] ?? "", paragraph, sentence.start, false) : undefined;
  const roleAt = role && opening ? sentence.start + opening.index : Number.MAX_SAFE_INTEGER;
  const options = [
    named && { at: named.start, person: named.person },
    spoken && { at: spoken.start, person: spoken.speaker },
    role && { at: roleAt, person: role },
  ].filter((o): o is { at: number; person: string } => Boolean(o));
  return options.sort((a, b) => a.at - b.at)[0]?.person;
}

/**
 * Who "he" or "she" at `offset` stands for: the subject of the nearest sentence
 * before it that has one, in this paragraph and then in the two before it
 * (so "Putin said he told Macron ...", then "'...,' he said" is Putin's, not
 * Macron's). Falls back to the last person named before it.
 */
function pronounSpeaker(resolver: Resolver, paragraph: number, offset: number): string | undefined {
  for (let p = paragraph; p >= Math.max(0, paragraph - 2); p--) {
    const sentences = sentencesOf(resolver, p).filter((s) => p < paragraph || s.end <= offset);
    for (const sentence of sentences.reverse()) {
      const subject = subjectOf(resolver, p, sentence);
      if (subject) return subject;
    }
  }
  return lastNamedBefore(resolver, paragraph, offset);
}

/** The last person named before a point in the article (for "he" and "she"). */
function lastNamedBefore(resolver: Resolver, paragraph: number, offset: number): string | undefined {
  let found: string | undefined;
  for (const m of resolver.mentions) {
    if (m.paragraph > paragraph || (m.paragraph === paragraph && m.start >= offset)) break;
    found = m.person;
  }
  return found;
}

/** The first person named in a stretch of a paragraph. */
function namedIn(resolver: Resolver, paragraph: number, from: number, to: number): string | undefined {
  return resolver.mentions.find((m) => m.paragraph === paragraph && m.start >= from && m.end <= to)?.person;
}

/** The person named in a clause nearest to its speech verb: the one who speaks, not one spoken of. */
function nearestToVerb(resolver: Resolver, paragraph: number, from: number, to: number, clause: string): string | undefined {
  const verb = speechVerbRe.exec(clause) ?? /\baccording to\b/i.exec(clause);
  const at = from + (verb?.index ?? 0);
  const inClause = resolver.mentions.filter((m) => m.paragraph === paragraph && m.start >= from && m.end <= to);
  // The subject comes before the verb ("Trump told", "Medvedev was overheard telling Obama"); else "said Trump".
  const before = inClause.filter((m) => m.end <= at).at(-1);
  return (before ?? inClause.find((m) => m.start >= at))?.person;
}

const stopWords = new Set(["the", "a", "an", "of", "and", "for", "to", "in", "on", "its", "his", "her"]);

/**
 * The words a person's role, organisation and country give. A "counterpart"
 * holds the role of the others ("Putin and his French counterpart, Emmanuel
 * Macron": Macron is "the French president" too).
 */
function roleWordsOf(resolver: Resolver, person: FoundPerson): Set<string> {
  const parts = [person.role, person.organisation, person.country, person.countryAdjective];
  if (person.role && /\bcounterparts?\b/i.test(person.role)) parts.push(...resolver.people.filter((p) => p !== person && p.role && !/counterpart/i.test(p.role)).map((p) => p.role));
  return new Set(fold(parts.filter(Boolean).join(" ")).split(/[^a-z0-9]+/));
}

/**
 * The person a role phrase stands for ("the chairman of the CIS Executive
 * Committee" -> the person whose role, organisation and country hold those
 * words). Ties go to the one named most recently.
 */
function personByRole(resolver: Resolver, phrase: string, paragraph: number, offset: number, learnCountry = true): string | undefined {
  const words = fold(phrase).split(/[^a-z0-9]+/).filter((w) => w && !stopWords.has(w));
  if (words.length === 0) return undefined;
  let best: { id: string; score: number; last: number } | undefined;
  for (const person of resolver.people) {
    if (!person.role) continue;
    const own = roleWordsOf(resolver, person);
    const score = words.filter((w) => own.has(w)).length / words.length;
    const last = resolver.mentions.filter((m) => m.person === person.id && (m.paragraph < paragraph || (m.paragraph === paragraph && m.start < offset))).length;
    if (score >= 0.6 && (!best || score > best.score || (score === best.score && last > best.last))) best = { id: person.id, score, last };
  }
  const person = resolver.people.find((p) => p.id === best?.id);
  if (person && !person.country && learnCountry) {
    // "the Russian defense minister" says where a person named only as "Defense Minister X" is from.
    const country = phrase.split(/\s+/).map((w) => findCountry(w)).find((c) => c !== undefined);
    if (country) {
      person.country = country.country;
      if (country.adjective) person.countryAdjective = country.adjective;
      person.notes.push(`country taken from "${phrase.trim()}" (paragraph ${paragraph + 1})`);
    }
  }
  return best?.id;
}

/**
 * The speaker of the words around `[from, to)` in the paragraph, from a clause
 * such as `he said`, `Shoigu pointed out`, `the chairman ... stressed`.
 */
function speakerOfClause(resolver: Resolver, text: string, paragraph: number, from: number, to: number, quoteStart: number): { speaker?: string; how: SpeakerHow } | undefined {
  const clause = text.slice(from, to);
  if (!speechVerbRe.test(clause) && !/\baccording to\b/i.test(clause)) return undefined;
  if (to === quoteStart) {
    const nested = innerSpeaker(resolver, text, paragraph, from, to, quoteStart);
    if (nested) return nested;
  }
  const named = nearestToVerb(resolver, paragraph, from, to, clause);
  if (named) return { speaker: named, how: "named" };
  if (/\b(?:he|she)\b/i.test(clause)) {
    const speaker = pronounSpeaker(resolver, paragraph, quoteStart);
    return speaker ? { speaker, how: "pronoun" } : { how: "none" };
  }
  const rolePhrase = new RegExp(`\\bthe\\s+([^,.;"“”]+?)\\s+(?:also\\s+)?(?:${speechVerb})\\b`, "i").exec(clause) ?? new RegExp(`\\b(?:${speechVerb})\\s+the\\s+([^,.;"“”]+)`, "i").exec(clause);
  if (rolePhrase?.[1] && !nonPersonSubject.test(rolePhrase[1])) {
    const speaker = personByRole(resolver, rolePhrase[1], paragraph, quoteStart);
    if (speaker) return { speaker, how: "role" };
  }
  return { how: "none" };
}

/**
 * A quote inside reported speech: "He said that the prime minister told the
 * Americans that '...'". The words are the inner speaker's when the inner
 * subject is a person named there or a role one person holds (`inner`); else
 * they stay with the outer speaker, marked `unclear` for the editor.
 */
function innerSpeaker(resolver: Resolver, text: string, paragraph: number, from: number, to: number, quoteStart: number): { speaker?: string; how: SpeakerHow } | undefined {
  const verbs = [...text.slice(from, to).matchAll(new RegExp(`\\b(?:${speechVerb})\\b`, "gi"))];
  if (verbs.length < 2) return undefined;
  const outerVerb = verbs[verbs.length - 2];
  const innerVerb = verbs[verbs.length - 1];
  if (!outerVerb || !innerVerb) return undefined;
  const stretchStart = from + (outerVerb.index ?? 0) + outerVerb[0].length;
  const stretchEnd = from + (innerVerb.index ?? 0);
  // Only "X said (on Tuesday) that Y told ...": the inner clause is the object of the outer verb.
  const that = /^\s*(?:[^,"“”]{0,30}?\s)?that\s+(.+?)\s*$/.exec(text.slice(stretchStart, stretchEnd));
  if (!that?.[1]) return undefined;
  const subject = that[1];
  const named = namedIn(resolver, paragraph, stretchStart, stretchEnd);
  const role = /^the\s+(.+)$/i.exec(subject)?.[1];
  const inner = named ?? (role ? uniqueByRole(resolver, role) : undefined);
  if (inner) return { speaker: inner, how: "inner" };
  const outer = speakerOfClause(resolver, text, paragraph, from, stretchStart, quoteStart);
  return { speaker: outer?.speaker, how: outer?.speaker ? "unclear" : "none" };
}

/** The one person whose role holds every word of `phrase` ("prime minister"); undefined when none or several do. */
function uniqueByRole(resolver: Resolver, phrase: string): string | undefined {
  const words = fold(phrase).split(/[^a-z0-9]+/).filter((w) => w && !stopWords.has(w));
  if (words.length === 0) return undefined;
  const holders = resolver.people.filter((p) => {
    const own = roleWordsOf(resolver, p);
    return words.every((w) => own.has(w));
  });
  return holders.length === 1 ? holders[0]?.id : undefined;
}

function sentenceAt(sentences: Span[], offset: number): Span | undefined {
  return sentences.find((s) => offset >= s.start && offset < s.end);
}

/**
 * Attributes each quote to a speaker: the clause after the quote (`," he said`),
 * then the one before it (`Mr. Carney said, "...`); "he"/"she" is the last person
 * named before the quote, a role phrase the person holding that role. A quote
 * with no clause of its own takes the speaker of a quote right before it, marked
 * `previous` for the editor.
 */
export function attributeQuotes(body: string[], quotes: QuoteSpan[], people: FoundPerson[], minWords = 4): FoundStatement[] {
  const resolver = createResolver(people, body, quotes);
  const statements: FoundStatement[] = [];
  let previous: FoundStatement | undefined;
  for (const quote of quotes) {
    if (quote.text.split(/\s+/).length < minWords) continue;
    const text = body[quote.paragraph] ?? "";
    const sentences = splitSentences(text);
    // Scare quotes ("flexibility") do not cut the clause around a quote.
    const others = quotes.filter((q) => q.paragraph === quote.paragraph && q !== quote && q.text.split(/\s+/).length >= minWords);
    // After the quote: up to the end of its sentence or the next quote.
    const nextQuote = others.find((q) => q.start >= quote.end)?.start ?? text.length;
    const afterSentence = sentenceAt(sentences, Math.min(quote.end, text.length - 1));
    let afterEnd = Math.min(nextQuote, afterSentence && afterSentence.end > quote.end ? afterSentence.end : quote.end);
    if (afterEnd <= quote.end) afterEnd = Math.min(nextQuote, (/[.!?]/.exec(text.slice(quote.end))?.index ?? text.length) + quote.end + 1);
    const previousQuote = [...others].reverse().find((q) => q.end <= quote.start)?.end ?? 0;
    const beforeSentence = sentenceAt(sentences, quote.start);
    const beforeStart = Math.max(previousQuote, beforeSentence && beforeSentence.start <= quote.start ? beforeSentence.start : 0);
    const afterClause = speakerOfClause(resolver, text, quote.paragraph, quote.end, afterEnd, quote.start);
    const beforeClause = afterClause?.speaker ? undefined : speakerOfClause(resolver, text, quote.paragraph, beforeStart, quote.start, quote.start);
    const found = beforeClause?.speaker ? beforeClause : (afterClause ?? beforeClause);
    let statement: FoundStatement;
    if (found && found.how !== "none") {
      statement = { kind: "quote", paragraph: quote.paragraph, text: quote.text, speaker: found.speaker, how: found.how, start: quote.start };
    } else if (!found && previous && previous.speaker && quote.paragraph - previous.paragraph <= 1) {
      statement = { kind: "quote", paragraph: quote.paragraph, text: quote.text, speaker: previous.speaker, how: "previous", start: quote.start };
    } else {
      statement = { kind: "quote", paragraph: quote.paragraph, text: quote.text, how: "none", start: quote.start };
    }
    const intro = text.slice(beforeStart, quote.start).trim();
    if (intro && speechVerbRe.test(intro) && !/[“”"«»]/.test(intro)) statement.intro = intro.replace(/[,:]$/, "").trim() || undefined;
    if (statement.intro === undefined) delete statement.intro;
    statements.push(statement);
    if (statement.speaker) resolver.spoken.push({ paragraph: statement.paragraph, start: statement.start, speaker: statement.speaker });
    previous = statement;
  }
  // A quote that runs on into the next paragraph is the speaker's whose clause closes it there.
  for (let k = statements.length - 2; k >= 0; k--) {
    const statement = statements[k];
    const next = statements[k + 1];
    const span = quotes.find((q) => q.paragraph === statement?.paragraph && q.start === statement?.start);
    if (statement && next && span?.runsOn && next.paragraph === statement.paragraph + 1 && next.speaker && (statement.how === "none" || statement.how === "previous")) {
      statement.speaker = next.speaker;
      statement.how = "previous";
    }
  }
  return statements;
}

const reportedVerbs =
  "said|says|told [A-Z][\\w.]*(?: [A-Z][\\w.]*)*|told reporters|told journalists|added|noted|stressed|emphasi[sz]ed|underlined|underscored|stated|declared|explained|warned|insisted|announced|acknowledged|admitted|argued|recalled|believes|believed|pointed out|reiterated|affirmed|assured|confirmed";

/**
 * Finds reported speech outside quotation marks: `X said that ...`, `He
 * emphasized that ...`, `According to X, ...`, each with its lead-in as the
 * intro and the rest of the sentence as the text, both verbatim.
 */
export function findReported(body: string[], quotes: QuoteSpan[], people: FoundPerson[]): FoundStatement[] {
  const resolver = createResolver(people, body, quotes);
  const statements: FoundStatement[] = [];
  const thatClause = new RegExp(`^(.{0,160}?\\b(?:${reportedVerbs})(?:\\s+(?:on|in|at|during|after|later)\\b[^,"“”]{0,60}?)?,?\\s+that)\\s+(\\S.*)$`);
  const according = /^((?:According to|In the words of) ([^,"“”]{2,80}),)\s+(\S.*)$/;
  body.forEach((text, paragraph) => {
    for (const sentence of splitSentences(text)) {
      if (quotes.some((q) => q.paragraph === paragraph && q.start < sentence.end && q.end > sentence.start)) continue;
      const a = according.exec(sentence.text);
      const t = a ? undefined : thatClause.exec(sentence.text);
      const intro = a?.[1] ?? t?.[1];
      const rest = a?.[3] ?? t?.[2];
      if (!intro || !rest) continue;
      const subjectEnd = sentence.start + (a ? intro.length : intro.length);
      let speaker: string | undefined;
      let how: SpeakerHow = "none";
      const named = namedIn(resolver, paragraph, sentence.start, subjectEnd);
      const subject = a ? (a[2] ?? "") : intro;
      if (named) {
        speaker = named;
        how = "named";
      } else if (/^(?:he|she)\b/i.test(subject) || /\b(?:him|her)$/i.test(subject) || /^(?:[^,]*,\s*)?(?:he|she)\b/i.test(subject)) {
        speaker = pronounSpeaker(resolver, paragraph, sentence.start);
        how = speaker ? "pronoun" : "none";
      } else if (!nonPersonSubject.test(subject)) {
        const role = /\bthe\s+(.+?)(?:\s+(?:also\s+)?(?:said|says|told|added|noted|stressed|emphasi[sz]ed|underlined|stated|declared|explained|warned|announced|pointed out|reiterated)\b|$)/i.exec(subject);
        if (role?.[1]) {
          speaker = personByRole(resolver, role[1], paragraph, sentence.start);
          how = speaker ? "role" : "none";
        }
      }
      // Only statements by a person are kept; "the ministry said that" is not a person's statement.
      if (how === "none") continue;
      statements.push({ kind: "reported", paragraph, intro, text: rest, speaker, how, start: sentence.start });
    }
  });
  return statements;
}
