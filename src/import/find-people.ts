import { findCountry, isCountryWord, type CountryMention } from "./countries";
import { editDistance, fold, slugify, tokenise, type Token } from "./text-tools";

/** Where a person is named: paragraph (0-based) and offsets in it. */
export interface Mention {
  paragraph: number;
  start: number;
  end: number;
  text: string;
}

/** A person the importer found, with everything it could tell about them. */
export interface FoundPerson {
  id: string;
  /** The first full spelling the article uses. */
  name: string;
  /** Other spellings the article uses (typos included), each verbatim in the body. */
  aliases: string[];
  role?: string;
  country?: string;
  countryAdjective?: string;
  organisation?: string;
  /** Paragraph (0-based) where the person is first named. */
  firstParagraph: number;
  mentions: Mention[];
  /** What the editor should check about this person. */
  notes: string[];
}

/** Nouns that name a role: the head of "Russian defense minister", "chief of the General Staff". */
const roleHeads = new Set(
  `minister president vice-president premier chancellor secretary secretary-general chairman chairwoman chairperson chair
  chief head leader king queen prince princess emir sheikh sultan crown envoy ambassador spokesman spokeswoman spokesperson
  commander general admiral colonel lieutenant marshal major captain director governor mayor senator congressman congresswoman
  representative official adviser advisor counsellor counselor diplomat negotiator commissioner speaker lawmaker deputy
  undersecretary under-secretary attaché attache coordinator ceo founder pope cardinal patriarch mufti president-elect
  foreign-minister chairman-in-office premier-elect officer counterpart lady`.split(/\s+/),
);

/** Role nouns that are also common surnames (King, Major, Speaker): these may still stand in a name. */
const surnameLikeHeads = new Set(
  `king queen prince princess chief head leader major speaker general marshal captain officer official deputy chair pope cardinal
  founder representative diplomat negotiator coordinator admiral colonel lieutenant commander lady counterpart`.split(/\s+/),
);

/** Lower-case words that may stand inside a role phrase. */
const roleModifiers = new Set(
  `defense defence foreign prime deputy vice first executive general interior finance economy economic trade energy health
  education justice security national state former acting interim top senior military armed forces staff affairs policy
  special permanent supreme high development agriculture culture communications information transport labor labour
  environment presidential press then parliamentary deputy-chief chief-of-staff of the for to and on in with`.split(/\s+/),
);

/** Capitalised words that are never part of a person's name. */
const notNameWords = new Set(
  `The A An He She It They We I You His Her Its Their Our This That These Those There Here In On At By For From With To Of And But Or
  As If When While After Before During Since Until Also However Meanwhile Earlier Later Today Yesterday Tomorrow Instead Nonetheless
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October
  November December Mr Mrs Ms Dr Mr. Mrs. Ms. Dr. Sir Madam According Speaking Opening Asked Both Each Every All Some Many Other
  Read More News Breaking Reuters AP AFP TASS Tass RIA Interfax Xinhua BBC CNN CBC Minister Ministry President Prime Secretary
  Chairman Council Committee Union Nations Office House Department Agency Government Parliament Senate Congress Assembly Forces
  Army Navy Kremlin Pentagon Street State Summit Group Organization Organisation Treaty Republic Federation Commonwealth States Kingdom
  Alliance Court Bank Fund Party Centre Center University Institute Foundation Association Conference Forum Day Week Year
  General Staff Executive Defense Defence Foreign Affairs Security Cooperation Military National International Independent
  Armed Air Force Guard Police Service Services Ministers Leaders Staff Media Press Office Embassy Cabinet Administration`.split(/\s+/),
);

/** Verbs that, right after a capitalised pair of words, show it is a person doing or saying something. */
const personVerbs = /^(?:said|says|told|added|noted|stressed|emphasi[sz]ed|underlined|underscored|stated|declared|explained|warned|urged|insisted|asked|replied|wrote|announced|acknowledged|admitted|argued|recalled|thanked|met|visited|arrived|attended|welcomed|praised|criticised|criticized|expressed|spoke|called|phoned|pointed|hosted|received|opened|chaired|signed|also)$/;

const honorifics = /^(?:Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sir|Madam)$/;

/** Titles that open a run of honorifics before a name ("Sir", "Dr.", "Dato’", "His Excellency", "H.E."). */
const titleOpeners = /^(?:Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Prof\.?|Professor|Sir|Dame|Lord|Madam|Sheikh|Shaikh|Tun|Datuk|Dato|Datin|Hon\.?|Honourable|Honorable|H\.E\.?)$/;
/** Words that go on a title run once it is open ("Dato’ Seri", "Tan Sri", "Rt Hon", "H. E. Mr."). */
const titleFollowers = /^(?:Seri|Sri|Dr\.?|Prof\.?|Mr\.?|Mrs\.?|Ms\.?|Hon\.?|Haji|Hajjah|Sheikh)$/;
/** Letters and awards written after a name ("Judith Collins KC"): not part of it, and not an organisation's name going on. */
const postNominals = /^(?:KC|QC|SC|MP|MEP|MLA|MSP|OBE|CBE|MBE|KBE|DBE|GBE|CH|GCMG|KCMG|CMG|KCB|GCB|KG|PC|FRS|PhD|Jr\.?|Sr\.?)$/;

/** A gap that only spaces and an apostrophe fill ("Dato’ Seri"): the words are one title. */
const titleGap = (gap: string) => /^['’]?\s+$/.test(gap);

/**
 * How many tokens from `i` form a title run before a name: "Sir", "Dr.",
 * "Dato’ Seri", "Tan Sri", "His Excellency", "H. E. Mr.", "The Rt Hon"; 0 when none.
 */
export function titleLength(tokens: Token[], i: number): number {
  const text = (k: number) => tokens[k]?.text ?? "";
  let k = i;
  const two = (a: RegExp, b: RegExp) => a.test(text(k)) && b.test(text(k + 1)) && titleGap(tokens[k + 1]?.gap ?? "");
  if (two(/^(?:His|Her)$/, /^Excellency$/) || two(/^H\.$/, /^E\.$/) || two(/^Tan$/, /^Sri$/) || two(/^Toh$/, /^Puan$/) || two(/^Rt\.?$/, /^Hon\.?$/)) k += 2;
  else if (titleOpeners.test(text(k))) k += 1;
  else return 0;
  while (k < tokens.length && titleGap(tokens[k]?.gap ?? "") && (titleOpeners.test(text(k)) || titleFollowers.test(text(k)))) k++;
  return k - i;
}
const particles = /^(?:bin|ibn|al|el|de|da|do|dos|van|von|der|den|la|le|di|del)$/;

function isNameWord(word: string): boolean {
  if (notNameWords.has(word) || isCountryWord(word) || postNominals.test(word)) return false;
  // "Secretary-General Mark Rutte": a role noun opens the phrase, it is not a first name.
  const lower = word.toLowerCase();
  if (roleHeads.has(lower) && !surnameLikeHeads.has(lower)) return false;
  return /^\p{Lu}[\p{Ll}\p{M}'’-]*\p{Ll}[\p{L}\p{M}'’-]*$/u.test(word) || /^\p{Lu}\.$/u.test(word) || /^(?:al|el)-\p{Lu}/u.test(word);
}

/** Whether there is punctuation (a comma, a dash, a bracket, a quote mark) between two words. */
function broken(gap: string): boolean {
  return /[^\s]/.test(gap);
}

/** The name starting at token `i`: up to four name words (particles allowed inside), or undefined. */
function readName(tokens: Token[], i: number): { from: number; to: number } | undefined {
  let j = i;
  let words = 0;
  while (j < tokens.length && words < 4) {
    const token = tokens[j];
    if (!token || (j > i && broken(token.gap))) break;
    const word = token.text.replace(/['’]s$/, "");
    if (isNameWord(word)) {
      j++;
      words++;
    } else if (j > i && particles.test(word) && tokens[j + 1] && isNameWord(tokens[j + 1]?.text ?? "")) j++;
    else break;
  }
  // A name ends on a name word, not an initial.
  while (j > i && /\.$/.test(tokens[j - 1]?.text ?? "")) j--;
  return j > i ? { from: i, to: j } : undefined;
}

/** An organisation's acronym, possessive or not ("NATO", "ASEAN’s"), without the possessive; undefined for a country's ("US"). */
function acronymOf(word: string): string | undefined {
  const bare = word.replace(/['’]s$/, "");
  return /^\p{Lu}{2,}$/u.test(bare) && !isCountryWord(bare) && !postNominals.test(bare) ? bare : undefined;
}

/** The country named by one to three words from `k` ("Iran", "New Zealand’s", "United Arab Emirates"), and how many words it took. */
function countryAt(words: Token[], k: number): { mention: CountryMention; length: number } | undefined {
  for (let length = 3; length >= 1; length--) {
    const run = words.slice(k, k + length);
    if (run.length < length || run.slice(1).some((t) => t.gap.trim() !== "")) continue;
    // Only the last word of a run may carry the possessive.
    if (run.slice(0, -1).some((t) => /['’]s$/.test(t.text))) continue;
    const mention = findCountry(run.map((t) => t.text).join(" "));
    if (mention) return { mention, length };
  }
  return undefined;
}

/** Whether a word can stand in a role phrase ("Russian", "defense", "minister", "General", "of"). */
function isRoleWord(word: string): boolean {
  const lower = word.toLowerCase();
  return roleHeads.has(lower) || roleModifiers.has(lower) || isCountryWord(word) || /^\p{Lu}/u.test(word);
}

/** What a role phrase tells: the role, and the country or organisation in it. */
interface RoleInfo {
  role: string;
  country?: string;
  countryAdjective?: string;
  organisation?: string;
}

/**
 * Reads a role phrase from its words (in order): a leading country word goes to
 * `country` ("Russian defense minister" -> defense minister, Russia); a country
 * inside stays in the role and is noted ("chief of the General Staff of the
 * Kyrgyz Armed Forces"); "of the X" after the head names an organisation.
 */
function readRole(text: string, words: Token[]): RoleInfo | undefined {
  let from = 0;
  // Start at the first word that can open a role: a country, a role noun or a modifier, or an organisation's acronym.
  while (from < words.length) {
    const word = words[from]?.text ?? "";
    const lower = word.toLowerCase();
    if (countryAt(words, from) || roleHeads.has(lower) || (roleModifiers.has(lower) && !/^(?:of|the|for|to|and|on|in|with)$/.test(lower)) || acronymOf(word)) break;
    from++;
  }
  const kept = words.slice(from);
  const headAt = kept.findIndex((t) => roleHeads.has(t.text.toLowerCase()));
  if (headAt < 0) return undefined;
  // From the first head noun on, the phrase ends on a head noun or goes on into an of/to/for-phrase.
  let k = headAt;
  while (k < kept.length && !/^(?:of|to|for)$/i.test(kept[k]?.text ?? "")) k++;
  const last = kept[kept.length - 1];
  if (!last || (k === kept.length && !roleHeads.has(last.text.toLowerCase()))) return undefined;
  // "Secretary of", "Governor of": a role does not end on a little word; the name after it is a place or a body.
  if (/^(?:of|to|for|the|and|in|on|with)$/i.test(last.text)) return undefined;
  const first = kept[0];
  if (!first) return undefined;
  const info: RoleInfo = { role: "" };
  let roleStart = first.start;
  const leading = countryAt(kept, 0);
  const leadingAcronym = acronymOf(first.text);
  if (leading && kept.length > leading.length) {
    info.country = leading.mention.country;
    if (leading.mention.adjective) info.countryAdjective = leading.mention.adjective;
    roleStart = kept[leading.length]?.start ?? roleStart;
  } else if (leadingAcronym && !roleHeads.has(first.text.toLowerCase()) && kept.length > 1) {
    // "NATO Secretary General", "EU foreign policy chief", "ASEAN’s secretary-general": the organisation leads.
    info.organisation = leadingAcronym;
    if (/['’]s$/.test(first.text)) roleStart = kept[1]?.start ?? roleStart;
  }
  info.role = text.slice(roleStart, last.end);
  if (!info.country) {
    const inside = kept.slice(1).map((t) => findCountry(t.text)).find((c) => c !== undefined);
    if (inside) {
      info.country = inside.country;
      if (inside.adjective) info.countryAdjective = inside.adjective;
    }
  }
  if (!info.country && !info.organisation) {
    // Only "of the X" names an organisation: "Secretary of State", "Minister of National Defence" are titles.
    const of = /\bof the ((?:\p{Lu}[\p{L}-]*)(?: (?:of |and |for )?\p{Lu}[\p{L}-]*)*)$/u.exec(info.role);
    if (of?.[1]) {
      const country = findCountry(of[1]);
      if (country) info.country = country.country;
      else info.organisation = of[1];
    }
  }
  return info;
}

/** A name found in one place, with what was said of the person there. */
interface Candidate {
  paragraph: number;
  start: number;
  end: number;
  name: string;
  role?: RoleInfo;
  /** How sure the finder is that this is a person: a role or a title beside the name, or only a verb after it. */
  evidence: "role" | "title" | "verb";
}

/** The words before token `i` that could form a role phrase, back to punctuation or a word that cannot be in one. */
function roleBefore(text: string, tokens: Token[], i: number): RoleInfo | undefined {
  let j = i;
  while (j > 0) {
    const token = tokens[j];
    const previous = tokens[j - 1];
    if (!token || !previous || broken(token.gap)) break;
    const word = previous.text;
    // "and" joins two role nouns ("Chairman and Executive Secretary"), not two people.
    const isRoleNoun = (t: Token | undefined) => roleHeads.has((t?.text ?? "").toLowerCase()) || roleModifiers.has((t?.text ?? "").toLowerCase());
    if (word.toLowerCase() === "and" && !(isRoleNoun(tokens[j - 2]) && isRoleNoun(token))) break;
    if (!isRoleWord(word)) break;
    j--;
  }
  if (j === i) return undefined;
  return readRole(text, tokens.slice(j, i));
}

/**
 * A role phrase closed by a comma right before the name, as in "his Japanese
 * counterpart, Takeshi Iwaya": only after "his", "her", "the" or a possessive,
 * and only when it ends on a role noun, so a list of names is not read as one.
 */
function roleBeforeComma(text: string, tokens: Token[], i: number): RoleInfo | undefined {
  const token = tokens[i];
  if (!token || token.gap.trim() !== ",") return undefined;
  let j = i;
  while (j > 0) {
    const previous = tokens[j - 1];
    const current = tokens[j];
    if (!previous || !current || (j < i && broken(current.gap))) break;
    if (/^(?:his|her|their|its|the)$/i.test(previous.text)) break;
    if (!isRoleWord(previous.text) || previous.text.toLowerCase() === "and") break;
    j--;
  }
  // "met with Malaysia’s defense minister, X": the phrase starts after the little words.
  while (j < i && /^(?:of|for|to|on|in|with)$/i.test(tokens[j]?.text ?? "")) j++;
  const opener = tokens[j - 1]?.text ?? "";
  const phrase = tokens.slice(j, i);
  const last = phrase[phrase.length - 1];
  const possessive = /['’]s$/.test(phrase[0]?.text ?? "");
  // The phrase ends on a role noun, or on its complement: "the first lady of USA, Melania Trump".
  const headAt = phrase.findIndex((t) => roleHeads.has(t.text.toLowerCase()));
  const complement = headAt >= 0 && /^(?:of|for)$/i.test(phrase[headAt + 1]?.text ?? "") && phrase.slice(headAt + 2).every((t) => /^\p{Lu}/u.test(t.text) || /^(?:of|the|and)$/.test(t.text));
  if (!last || !(roleHeads.has(last.text.toLowerCase()) || complement) || !(/^(?:his|her|their|its|the)$/i.test(opener) || possessive)) return undefined;
  return readRole(text, phrase);
}

/** The role phrase after ", " following a name ("Hosni Mubarak, the Egyptian president,"). */
function roleAfter(text: string, tokens: Token[], i: number): RoleInfo | undefined {
  const first = tokens[i];
  if (!first || first.gap.trim() !== ",") return undefined;
  let j = i;
  if (/^(?:the|a|an)$/i.test(first.text)) j++;
  const start = j;
  while (j < tokens.length) {
    const token = tokens[j];
    if (!token || (j > start && broken(token.gap)) || !isRoleWord(token.text)) break;
    j++;
  }
  // Only a phrase that is closed by punctuation is an apposition.
  const next = tokens[j];
  if (j === start || (next && !broken(next.gap))) return undefined;
  return readRole(text, tokens.slice(start, j));
}

/** The names in one paragraph that the news-writing patterns mark as people. */
function candidatesIn(text: string, paragraph: number): Candidate[] {
  const tokens = tokenise(text);
  const found: Candidate[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!token) break;
    const previous = tokens[i - 1];
    // A title run ("Dato’ Seri", "His Excellency", "H. E. Mr.") is read past: the name starts after it, the role before it.
    const title = titleLength(tokens, i);
    const nameAt = i + title;
    const titled = title > 0 ? !broken(tokens[nameAt]?.gap ?? " ") || titleGap(tokens[nameAt]?.gap ?? "") : previous !== undefined && !broken(token.gap) && honorifics.test(previous.text);
    const span = readName(tokens, nameAt);
    if (!span) {
      i = nameAt + (title > 0 ? 0 : 1);
      continue;
    }
    const nameTokens = tokens.slice(span.from, span.to);
    const start = nameTokens[0]?.start ?? token.start;
    const end = nameTokens[nameTokens.length - 1]?.end ?? token.end;
    const name = text.slice(start, end).replace(/['’]s$/, "");
    // Post-nominals ("KC", "OBE") stand between the name and what follows it.
    let afterAt = span.to;
    while (postNominals.test(tokens[afterAt]?.text ?? "") && !broken(tokens[afterAt]?.gap ?? ",")) afterAt++;
    const role = roleBefore(text, tokens, i) ?? roleBeforeComma(text, tokens, i) ?? roleAfter(text, tokens, afterAt);
    const after = tokens[afterAt];
    // "Southeast Asian Nations": a run of capitals that goes on into an organisation's name is not a person.
    if (after && !broken(after.gap) && /^\p{Lu}/u.test(after.text) && !honorifics.test(after.text)) {
      i = span.to + 1;
      continue;
    }
    const ofCountry = after && !broken(after.gap) && after.text === "of" ? findCountry(tokens[afterAt + 1]?.text ?? "") : undefined;
    if (role) {
      if (ofCountry && !role.country) role.country = ofCountry.country;
      found.push({ paragraph, start, end, name, role, evidence: "role" });
    } else if (titled) {
      found.push({ paragraph, start, end, name, evidence: "title" });
    } else if (nameTokens.length >= 2 && after && !broken(after.gap) && personVerbs.test(after.text)) {
      found.push({ paragraph, start, end, name, evidence: "verb" });
    } else if (nameTokens.length >= 2 && ofCountry) {
      found.push({ paragraph, start, end, name, role: { role: "", country: ofCountry.country }, evidence: "verb" });
    }
    i = afterAt;
  }
  return found;
}

function nameParts(name: string): { first?: string; last: string } {
  const words = name.split(/\s+/);
  const last = fold(words[words.length - 1] ?? name);
  const first = words.length > 1 ? fold(words[0] ?? "") : undefined;
  return first === undefined ? { last } : { first, last };
}

/** Whether two spellings of a surname are one (Shoygu/Shoigu, Levedev/Lebedev): equal, or one letter apart in a long name. */
function sameSurname(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 5 && editDistance(a, b, 1) <= 1);
}

function sameFirstName(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  if (a.endsWith(".") || b.endsWith(".")) return a[0] === b[0];
  return a === b || editDistance(a, b, 2) <= 2;
}

/**
 * Finds the people an article names, from the patterns news text uses: a role
 * before the name ("Russian defense minister Sergey Shoygu"), a role after it
 * ("X, the Y of Z,"), a title ("Mr. Carney"), or a full name doing something
 * ("Javier Solana said"). Spellings of one name are joined by the surname
 * (one letter apart in a name of five or more letters) and the first name.
 */
export function findPeople(body: string[], quoteSpans: Array<{ paragraph: number; start: number; end: number }> = []): FoundPerson[] {
  const inQuote = (paragraph: number, start: number) => quoteSpans.some((q) => q.paragraph === paragraph && start >= q.start && start < q.end);
  const candidates = body.flatMap((text, p) => candidatesIn(text, p)).filter((c) => c.evidence !== "verb" || !inQuote(c.paragraph, c.start));
  const people: FoundPerson[] = [];
  // Full names with a role first, then titles, then names seen only doing something.
  const order = { role: 0, title: 1, verb: 2 } as const;
  const sorted = [...candidates].sort((a, b) => order[a.evidence] - order[b.evidence] || a.paragraph - b.paragraph || a.start - b.start);
  for (const candidate of sorted) {
    const parts = nameParts(candidate.name);
    const match = people.find((person) =>
      [person.name, ...person.aliases].some((spelling) => {
        const other = nameParts(spelling);
        return sameSurname(other.last, parts.last) && sameFirstName(other.first, parts.first);
      }),
    );
    // One word that is the first word of one full name found ("Zambry" for "Zambry Abdul Kadir", "Kao" for
    // "Kao Kim Hourn"): the given name of a Malay name, or a family name written first.
    const byFirstWord = match || candidate.name.includes(" ") ? [] : people.filter((p) => p.name.includes(" ") && fold(p.name.split(/\s+/)[0] ?? "") === fold(candidate.name));
    const firstWordMatch = byFirstWord.length === 1 ? byFirstWord[0] : undefined;
    if (firstWordMatch) {
      if (!firstWordMatch.aliases.includes(candidate.name)) firstWordMatch.aliases.push(candidate.name);
      if (candidate.role) fillRole(firstWordMatch, candidate.role);
      continue;
    }
    if (match) {
      addSpelling(match, candidate.name);
      if (candidate.role) fillRole(match, candidate.role);
      match.firstParagraph = Math.min(match.firstParagraph, candidate.paragraph);
      continue;
    }
    // A surname after a title ("Mr Blair"): the full name is the one the body writes before that surname, if any.
    let name = candidate.name;
    if (candidate.evidence === "title" && !name.includes(" ")) {
      const full = body.map((t) => new RegExp(`(?:^|[^\\p{L}])(\\p{Lu}[\\p{Ll}\\p{M}'’-]+ ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})(?![\\p{L}])`, "u").exec(t)?.[1]).find((f) => f && isNameWord(f.split(" ")[0] ?? "") && !titleOpeners.test(f.split(" ")[0] ?? "") && !titleFollowers.test(f.split(" ")[0] ?? ""));
      if (full) name = full;
    }
    const person: FoundPerson = { id: "", name, aliases: [], firstParagraph: candidate.paragraph, mentions: [], notes: [] };
    if (candidate.role) fillRole(person, candidate.role);
    if (candidate.evidence === "verb") person.notes.push(`found by name alone ("${candidate.name}"): check that this is a person`);
    people.push(person);
  }
  // People are in the order first found: the first one with a surname is the one its bare surname names.
  for (const person of people) collectMentions(person, body, people, inQuote);
  countriesFromRolePhrases(body, people);
  assignIds(people);
  return people.sort((a, b) => a.firstParagraph - b.firstParagraph || (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
}

function addSpelling(person: FoundPerson, spelling: string): void {
  const spellings = [person.name, ...person.aliases];
  if (spellings.some((s) => s.includes(spelling))) return;
  // A longer spelling that holds a shorter one replaces it ("Barack Obama" after "Obama").
  const shorter = person.aliases.findIndex((s) => spelling.includes(s));
  if (shorter >= 0) person.aliases.splice(shorter, 1);
  if (spelling.includes(person.name)) {
    person.name = spelling;
    return;
  }
  person.aliases.push(spelling);
}

function fillRole(person: FoundPerson, role: RoleInfo): void {
  if (!person.role && role.role) person.role = role.role;
  if (!person.country && role.country) person.country = role.country;
  if (!person.countryAdjective && role.countryAdjective && role.country === person.country) person.countryAdjective = role.countryAdjective;
  if (!person.organisation && role.organisation) person.organisation = role.organisation;
}

/**
 * Every place the body names `person` outside quotes: a spelling, or the
 * surname alone; a capitalised word one letter from the surname (a typo such as
 * "Levedev") counts too, and becomes an alias the editor is asked to check.
 */
function collectMentions(person: FoundPerson, body: string[], people: FoundPerson[], inQuote: (p: number, s: number) => boolean): void {
  const surnames = [person.name, ...person.aliases].map((s) => nameParts(s).last);
  const others = people.filter((p) => p !== person);
  // A surname two people share ("Donald Trump", "Melania Trump") names, alone, the one found first; the other only with the first name.
  const sharedBy = (word: string) => others.find((p) => [p.name, ...p.aliases].some((s) => nameParts(s).last === word));
  const ownsSurname = (word: string) => {
    const other = sharedBy(word);
    return other === undefined || firstWritten(person, body) <= firstWritten(other, body);
  };
  const otherNames = new Set(others.flatMap((p) => [p.name, ...p.aliases].flatMap((s) => s.split(/\s+/).map(fold))).filter((w) => !(surnames.includes(w) && ownsSurname(w))));
  const otherFull = new Set(others.flatMap((p) => [p.name, ...p.aliases]).filter((s) => s.includes(" ")));
  body.forEach((text, paragraph) => {
    const tokens = tokenise(text);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token || inQuote(paragraph, token.start)) continue;
      const word = fold(token.text.replace(/['’]s$/, ""));
      const previousWord = tokens[i - 1];
      const ownFull = previousWord !== undefined && !broken(token.gap) && [person.name, ...person.aliases].includes(`${previousWord.text} ${token.text.replace(/['’]s$/, "")}`);
      if (!/^\p{Lu}/u.test(token.text) || (otherNames.has(word) && !ownFull) || isCountryWord(token.text)) continue;
      const exact = surnames.includes(word);
      if (!exact && !surnames.some((s) => sameSurname(s, word))) continue;
      // Take in a first name written before the surname.
      const before = tokens[i - 1];
      if (before && !broken(token.gap) && otherFull.has(`${before.text} ${token.text.replace(/['’]s$/, "")}`)) continue;
      const withFirst = before && !broken(token.gap) && isNameWord(before.text) && [person.name, ...person.aliases].some((s) => s.endsWith(`${before.text} ${token.text}`));
      const start = withFirst ? before.start : token.start;
      const end = token.start + token.text.replace(/['’]s$/, "").length;
      const spelling = text.slice(start, end);
      if (!exact && ![person.name, ...person.aliases].some((s) => s.includes(spelling))) {
        person.aliases.push(spelling);
        person.notes.push(`"${spelling}" (paragraph ${paragraph + 1}) taken as a misspelling of ${person.name}`);
      }
      person.mentions.push({ paragraph, start, end, text: spelling });
    }
  });
  person.mentions.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
  person.firstParagraph = Math.min(person.firstParagraph, person.mentions[0]?.paragraph ?? person.firstParagraph);
}

/**
 * "the US president", "the Indian prime minister", "India’s prime minister"
 * with no name after it: the one person with that role and no country or
 * organisation yet gets that country, with a note for the editor. Nothing when
 * two could be meant, or when someone with that role already has that country.
 */
function countriesFromRolePhrases(body: string[], people: FoundPerson[]): void {
  body.forEach((text, paragraph) => {
    const tokens = tokenise(text);
    for (let k = 1; k < tokens.length; k++) {
      const country = countryAt(tokens, k);
      if (!country) continue;
      const last = tokens[k + country.length - 1];
      const possessive = /['’]s$/.test(last?.text ?? "");
      if (!possessive && tokens[k - 1]?.text.toLowerCase() !== "the") continue;
      let j = k + country.length;
      const words: string[] = [];
      while (j < tokens.length && !broken(tokens[j]?.gap ?? ",")) {
        const lower = (tokens[j]?.text ?? "").toLowerCase();
        if (!roleHeads.has(lower) && !(roleModifiers.has(lower) && /^\p{Ll}/u.test(lower) && !/^(?:of|the|for|to|and|on|in|with)$/.test(lower))) break;
        words.push(lower);
        j++;
      }
      while (words.length > 0 && !roleHeads.has(words[words.length - 1] ?? "")) {
        words.pop();
        j--;
      }
      const next = tokens[j];
      if (words.length === 0 || (next && !broken(next.gap) && isNameWord(next.text))) continue;
      const holders = people.filter((p) => p.role && words.every((w) => fold(p.role ?? "").split(/[^a-z0-9-]+/).includes(w)));
      if (holders.some((p) => p.country === country.mention.country)) continue;
      const open = holders.filter((p) => !p.country && !p.organisation);
      const person = open.length === 1 ? open[0] : undefined;
      if (!person) continue;
      person.country = country.mention.country;
      if (country.mention.adjective) person.countryAdjective = country.mention.adjective;
      const phrase = text.slice(tokens[k - 1]?.start ?? 0, tokens[j - 1]?.end ?? text.length);
      person.notes.push(`country taken from "${phrase}" (paragraph ${paragraph + 1}): check`);
    }
  });
}

/** Where the body first writes one of a person's full spellings, as paragraph * 1e6 + offset (for ordering). */
function firstWritten(person: FoundPerson, body: string[]): number {
  const known = firstWrittenCache.get(person);
  if (known !== undefined) return known;
  const at = findFirstWritten(person, body);
  firstWrittenCache.set(person, at);
  return at;
}
const firstWrittenCache = new WeakMap<FoundPerson, number>();

function findFirstWritten(person: FoundPerson, body: string[]): number {
  const spellings = [person.name, ...person.aliases].filter((s) => s.includes(" "));
  for (let p = 0; p < body.length; p++) {
    const at = Math.min(...spellings.map((s) => body[p]?.indexOf(s) ?? -1).filter((n) => n >= 0));
    if (Number.isFinite(at)) return p * 1e6 + at;
  }
  return Number.MAX_SAFE_INTEGER;
}

function assignIds(people: FoundPerson[]): void {
  const used = new Set<string>();
  for (const person of people) {
    let id = slugify(nameParts(person.name).last) || "person";
    if (used.has(id)) id = slugify(person.name);
    let n = 2;
    const base = id;
    while (used.has(id)) id = `${base}-${n++}`;
    used.add(id);
    person.id = id;
  }
}
