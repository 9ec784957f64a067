import { findCountries } from "./countries";
import { isCyrillic, wordsOf } from "./words";

/**
 * A question in a reader's own words, English or Russian, turned into what it asks:
 * which cues of a kind it carries (attending, saying, discussing, where, when...) and how
 * it asks (yes/no, how many, why). The entities it names are found against the article
 * by `resolve-entities.ts`; the kind is settled there too, since "kyrgyzstan?" and
 * "armenia?" ask different things only because of what the article says of each.
 */

export type Language = "en" | "ru";

/** The cues a question can carry; each is a regular expression over its words, per language. */
export type Cue =
  | "greeting"
  | "source"
  | "author"
  | "headline"
  | "published"
  | "now"
  | "absent"
  | "attend"
  | "say"
  | "quote"
  | "talk"
  | "agenda"
  | "key"
  | "happen"
  | "wreath"
  | "where"
  | "when"
  | "year"
  | "host"
  | "ordinal"
  | "otherMeeting"
  | "previous"
  | "next"
  | "headsOf"
  | "whoIs"
  | "role"
  | "from"
  | "samePerson"
  | "people"
  | "countries"
  | "summary"
  | "before"
  | "after"
  | "all"
  | "howLong"
  | "whatTime"
  | "countWord"
  | "open"
  | "thank"
  | "stress"
  | "mention"
  | "acronym";

export interface ParsedQuestion {
  text: string;
  lang: Language;
  /** The words, lower-case, as `wordsOf` splits them. */
  words: string[];
  cues: ReadonlySet<Cue>;
  /** Asks for yes or no ("did Armenia attend?", "был ли Шойгу"). */
  yesNo: boolean;
  /** Asks how many. */
  count: boolean;
  /** Asks why. */
  why: boolean;
  /** Starts with who / кто. */
  who: boolean;
  /** Starts with which / what kind: "which countries". */
  which: boolean;
  /** Asks a negative: "who did not come", "кто не приехал". */
  negative: boolean;
  /** Words of any cue: never taken for something the article does not cover. */
  cueWords: ReadonlySet<number>;
  /** Words of the cues that say how the question asks ("who", "said", "attend"): not topics either. */
  askWords: ReadonlySet<number>;
}

type CueTable = ReadonlyArray<readonly [Cue, RegExp]>;

const englishCues: CueTable = [
  ["greeting", /^ (hi|hello|hey|hiya|yo|thanks|thank you|thx|ty|good (bot|job|morning|evening|night|day)|how are you|how r u|lol|ok|okay|bye|cool|nice|great|test|start|help|who are you|what are you|what can you do|who made you|what is your name|are you a bot|are you real)( there| bot| you| very much| a lot| all| doing| me)* $/],
  ["source", /\b(is (this|it) from|is this by|source|sources|link|url|original|outlet|outlets|publication|published|publish|publisher|website|site|newspaper|agency|media|reported it|who reported|report(ed)? (this|it|on it|the meeting)|cover(ed)? (this|it|the meeting)|where is (this|it)( \w+)? from|where (does|did) (this|it|the)( \w+)? come from|read the full|full article|full text|read more|read it|whose (article|story|piece|report|text|news|material) is (this|it))\b/],
  ["author", /\b(wrote|written|author|authors|journalist|reporter|byline)\b/],
  ["headline", /\b(headline|title of the article|article title|heading)\b/],
  ["published", /\b(published|publish|posted|came out)\b/],
  ["now", /\b(still|currently|nowadays|these days|anymore|right now|at present)\b/],
  ["absent", /\b((not|never|no one|nobody)( \w+){0,3} (attend\w*|come|came|show\w*|participat\w*|take part|took part|present|there|send|sent|join\w*|make it|turn\w* up|represent\w*)|absent|absence|absences|absentees?|stay\w* (at )?home|missing|miss|missed|refuse|refused|refusal|boycott|boycotted|stay away|stayed away|skip|skipped|declined|no ?shows?|nobody from|did not|didn't)\b/],
  ["attend", /\b(attend\w*|present|participa\w*|took part|take part|came|come|comes|coming|arriv\w*|there|represent\w*|sent|send|sends|join\w*|delegation\w*|guests?|visitors?|showed up|turned up|at the meeting|at the summit|at the council|who was at|who were at|in attendance)\b/],
  ["say", /\b(say|said|says|saying|stated|statement|statements|message|messages|speak|spoke|spoken|speaking|speech|speeches|told|tell us|words|according to|think|thinks|believe|believes|opinion|view|claim|claimed|remark|remarks|comment|comments|address|addressed|note|noted|warn|warned)\b/],
  ["quote", /\b(quote|quotes|quoted|quotation|quotations)\b/],
  // "At the talks" is the meeting, not a verb of saying.
  ["talk", /(?<!\b(the|these|those|at|during) )\b(talk|talked|talking|talks)\b/],
  ["agenda", /\b(agendas?|on the table|discuss\w*|topics?|issues?|items?|consider\w*|debat\w*|subject|subjects|focus|focused)\b/],
  ["key", /\b(main|key|most important|central|biggest|top|primary|principal|most attention|focus)\b/],
  ["happen", /\b(happen\w*|occur\w*|took place|do before|did before|do after|did after|what did (the )?(\w+ )?do|what else did|events?|ceremony|program|programme|schedule)\b/],
  ["wreath", /\b(wreath|wreaths|alley|martyrs|martyr|flame|monument|memorial|tribute|visit|visited|visiting|lay|laid|laying|pay tribute|honou?r\w*|commemorat\w*|the fallen|fallen heroes|war dead)\b/],
  ["where", /\b(where|location|located|venue|what place|which place)\b/],
  ["when", /\b(when|date|day|what time|which day|what day|(19|20)\d\d)\b/],
  ["year", /\b(year|what year|which year)\b/],
  ["host", /\b(host|hosted|hosts|hosting|held|which city|what city|which country hosted|what country hosted|in which city|in what city|town)\b/],
  ["ordinal", /\b(what number|which number|which meeting of|what meeting of|which meeting (was|is) (it|this)|what meeting (was|is) (it|this)|how many meetings|number meeting|ordinal|\d+(st|nd|rd|th)( meeting| session)?|which session)\b/],
  ["otherMeeting", /\b(other meetings?|previous|prior|before this one|before this meeting|earlier meetings?|last meeting|last one|next meeting|next one|upcoming|future meetings?|heads of state|heads of government|meetings? does the article mention|other summits?)\b/],
  ["previous", /\b(previous|prior|last meeting|last one|before that|before this( one| meeting)?|earlier meeting|last time)\b/],
  ["next", /\b(next|upcoming|future|will be|will the|will they|going to be|meet again|next time)\b/],
  ["headsOf", /\bheads? of (state|states|government|governments)\b/],
  ["whoIs", /^ (who is|who s|whos|who are|who was|who were|what is the name|name of)\b|\b(first|full|last|given) name\b|\bsurname\b|\w \bname $/],
  ["role", /\b(role|job|position|title|post|organi[sz]ation|what does \w+ do|what is \w+ job|occupation|function|responsible)\b/],
  ["from", /\b(where is \w+ from|where does \w+ come from|which country is|what country is|from which country|from what country|which country does|what country does|which country|what country|nationality)\b/],
  ["samePerson", /\b(same person|same man|same guy|one person|same people)\b/],
  ["people", /\b(people|persons|names|everyone named|who is mentioned|who are mentioned|who is in|who s in|characters)\b/],
  ["countries", /\b(countries|country|states|nations)\b/],
  ["summary", /\b(summary|summari[sz]e|overview|tldr|tl dr|gist|what is (this|it|the) ?(article|story|news|piece|text)? about|whats (this|it|the) ?(article|story|news)? about|what happened at|recap|brief me|in short|everything|main points|key points|the news|tell me about the (meeting|summit|article|story|news|event)|what (s |is )?new|whats new|any news|what is the story|whats the story|what s the story)\b/],
  ["before", /\b(before)\b/],
  ["after", /\b(after|afterwards|later|following)\b/],
  ["all", /\b(all|every|everyone|each)\b/],
  ["howLong", /\b(how long|duration|lasted|last for|how many hours|how many days)\b/],
  ["whatTime", /\b(what time|which time|at what time|what hour|start|started|begin|began|end|ended|finish|finished)\b/],
  ["countWord", /\b(how many|number of|how much|count)\b/],
  ["open", /\b(open|opened|opening|opens|kick\w* off|started the meeting|began the meeting|spoke first|speak first|first to speak|first speaker|(start|started|begin|began|open|opened) with)\b/],
  ["thank", /\b(thank|thanked|thanks to|thanking|grateful|gratitude|appreciat\w*)\b/],
  ["stress", /\b(stress|stressed|emphasi[sz]e|emphasi[sz]ed|underline|underlined|highlight|highlighted|noted)\b/],
  ["acronym", /\b(stand for|stands for|short for|abbreviation|acronym|full name of)\b|^ (what|whats) (is )?(the )?[a-z]{2,5} $/],
  ["mention", /\b(mention\w*|refer|referred|refers|bring up|brought up|cite|cited|name(?! $| of\b)|named)\b/],
];

const russianCues: CueTable = [
  ["greeting", /^ (привет|здравствуй|здравствуйте|добрый (день|вечер)|доброе утро|спасибо|благодарю|пока|ок|окей|как дела|хорошо|отлично|круто|ага|кто ты|ты кто|что ты|что ты умеешь|ты бот|помощь|помоги)( бот| тебе| вам| большое| такой)* $/],
  ["source", /(источник|ссылк|откуда (эта|это|эти|новость|статья|информац)|издани|сми |оригинал|сайт|прочитать|полностью|опубликова|публикац|материал|(чей|чья|чьё|чье) (это )?(текст|стать|новост|заметк))/],
  ["author", /(автор|написал|журналист|корреспондент)/],
  ["headline", /(заголов)/],
  ["published", /(опубликова|вышла|вышел)/],
  ["now", /(до сих пор|сейчас|всё ещё|все еще|всё еще|по-прежнему|нынешн)/],
  ["absent", /( не (приехал|пришел|пришёл|присутствовал|участвовал|был|прибыл|прислал|явил)|отказ|отсутств|бойкот|пропустил|проигнорир|не хватал)/],
  ["attend", /(присутств|приех|приезж|прибыл|пришл|пришел|пришёл|участв|участник|участи|представл|делегац|прислал|список|кто( там| тогда)? был|кто от |кто из |был[аи]? ли|был[аи]? на (встреч|заседани|саммит)|был[аи]? в баку| был[аи]? $| был[аи]? там)/],
  ["say", /(сказал|заявил|заявлени|высказ|мнени|считает|по словам|выступ|(?<!шла )речь(?! шла)|(?<!(двух|трех|нескольких|паре) )слова(?!х)|отметил|подчеркн)/],
  ["quote", /(цитат)/],
  ["talk", /( говорил| говорят| разговар|речь шла|шла речь|шла ли речь)/],
  ["agenda", /(обсужд|обсуди|повестк|тем[аыу ]|вопрос|рассматр|рассмотр|концепци)/],
  ["key", /(главн|основн|ключев|важнейш|центральн)/],
  ["happen", /(произошл|случил|происходил|что было|мероприяти|церемони|делали|чем занимались)/],
  ["wreath", /(венок|венк|возлож|аллею|аллея|аллее|шехид|вечн|памятник|мемориал|посетил|почтил|дань|ходили|ездили|побывали)/],
  ["where", /(^ где | где |в каком городе|место)/],
  ["when", /(когда|какого числа|числа|дата|какой день|в какой день)/],
  ["year", /( год|какого года)/],
  ["host", /(принимал|в каком городе|какой город|какая страна принимала|проходил|прошло|прошла|состоял)/],
  ["ordinal", /(сч[её]ту|какое заседание|какой номер|номер заседани)/],
  ["otherMeeting", /(прошл[оаыу][емйяю]|предыдущ|следующ|други[ех] (встреч|заседан)|главы государств|главы правительств|глав государств|глав правительств)/],
  ["previous", /(прошл[оаыу][емйяю]|предыдущ)/],
  ["next", /(следующ|будет|будущ|очередн)/],
  ["headsOf", /(глав[аыу]? (государств|правительств))/],
  ["whoIs", /(кто так|кто это|^ кто [а-яё]+ ?$|кто (министр|председатель|начальник|глава|секретарь)(?= )|как (его |ее |их )?зовут|имя |фамили)/],
  ["role", /(должност|кем работает|кем являет|чем занимает|пост )/],
  ["from", /(из какой страны|откуда он|какой страны|какую страну)/],
  ["samePerson", /(один и тот же|одно и то же лицо)/],
  ["people", /(люди|упомянут[ыо]|имена|персон)/],
  ["countries", /(стран)/],
  ["summary", /(кратко|о ч[её]м (статья|новость|это)|суть|резюме|пересказ|(расскажи|расскажите|что известно) (про|о|об) (встреч|заседан|стать|новост|событ|саммит)|что случилось|что нового)/],
  ["before", /(перед|до заседания|до встречи)/],
  ["after", /(после)/],
  ["all", /( все | всех |^ все )/],
  ["howLong", /(сколько длил|как долго|продолжал|длительн)/],
  ["whatTime", /(во сколько|в котором часу|в какое время|начал|закончил)/],
  ["countWord", /(сколько|число|количество)/],
  ["open", /(открыл|открыва|открыти|с чего (нача|начина)|(начал|начинал)[аи]? с )/],
  ["thank", /(благодар)/],
  ["stress", /(подчеркн|подчеркива|отметил)/],
  ["mention", /(упомина|упомян)/],
  ["acronym", /(расшифр|что такое [а-я]{2,5} ?$|означает)/],
];

/** Cues that say how a question asks, not what about: their words are not topics. */
const grammaticalCues = new Set<Cue>(["source", "author", "headline", "published", "now", "absent", "attend", "say", "quote", "talk", "agenda", "key", "happen", "where", "when", "year", "host", "ordinal", "whoIs", "role", "from", "samePerson", "people", "summary", "howLong", "whatTime", "countWord", "all"]);

const global = (table: CueTable): CueTable => table.map(([cue, pattern]) => [cue, new RegExp(pattern.source, "g")] as const);
const englishCueTable = global(englishCues);
const russianCueTable = global(russianCues);

const englishYesNoStart = /^(is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|am)$/;
const russianQuestionWords = /^(кто|что|где|когда|почему|зачем|какой|какая|какое|какие|каких|сколько|откуда|куда|как|чей|чья|чьи|кого|кому|чем|чего|о чем)$/;
const russianPastVerb = /(ал|ала|али|ало|ил|ила|или|ило|ыл|ыла|ыли|ел|ела|ели|ял|яла|яли|лся|лась|лись)$/;

/** Which words a cue's match covers: every word the matched span touches, whole words or stems inside them. */
function coveredWords(padded: string, match: RegExpMatchArray): number[] {
  const start = match.index ?? 0;
  const end = start + match[0].length;
  const wordAt = (position: number) => (padded.slice(0, position).match(/ /g)?.length ?? 1) - 1;
  const text = match[0];
  const first = wordAt(start + (text.length - text.trimStart().length));
  const last = wordAt(end - (text.length - text.trimEnd().length));
  return last < first ? [] : Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Reads the cues and the way of asking from a question. Never throws; any text is a question. */
export function parseQuestion(text: string): ParsedQuestion {
  const words = wordsOf(text.slice(0, 500)).slice(0, 40);
  const lang: Language = words.some(isCyrillic) ? "ru" : "en";
  // A country's name is not a cue: "Central African Republic" asks nothing about the main item.
  const countryWords = new Set(findCountries(words).flatMap((m) => (m.words.length > 1 ? m.words : [])));
  const padded = ` ${words.map((w, i) => (countryWords.has(i) ? "_" : w)).join(" ")} `;
  const cues = new Set<Cue>();
  const cueWords = new Set<number>();
  const askWords = new Set<number>();
  for (const [cue, pattern] of lang === "ru" ? russianCueTable : englishCueTable) {
    let found = false;
    for (const match of padded.matchAll(pattern)) {
      found = true;
      for (const i of coveredWords(padded, match)) {
        cueWords.add(i);
        if (grammaticalCues.has(cue)) askWords.add(i);
      }
    }
    if (found) cues.add(cue);
  }
  const first = words[0] ?? "";
  const yesNo =
    lang === "en"
      ? englishYesNoStart.test(first) || (/^(so|and|but)$/.test(first) && englishYesNoStart.test(words[1] ?? "")) || isLooseYesNo(text, words)
      : words.includes("ли") ||
        (/\?\s*$/.test(text) && !words.some((w) => russianQuestionWords.test(w)) && words.some((w) => russianPastVerb.test(w)));
  // "Is Sherali Tajik or Uzbek?" asks which, not yes or no; "attended or not" still asks yes or no.
  const alternative = lang === "en" ? / \w+ or (?!not\b)\w+/.test(padded) : / \S+ или (?!нет\b)\S+/.test(padded);
  const yesNoAsked = yesNo && !alternative;
  const count = cues.has("countWord");
  const why = lang === "en" ? /\b(why|reason|reasons|how come|explain\w*|explanation|motive\w*)\b/.test(padded) : /(почему|зачем|причин)/.test(padded);
  const who = lang === "en" ? /^ (who|whom|whose|whos)\b/.test(padded) || /^ (which|what) (\w+ )?(people|persons|person|ministers|minister|officials|official|speakers|one|ones)\b/.test(padded) || /\bwho (attended|came|was|were|did|said|mentioned|opened|thanked|talked|spoke)\b/.test(padded) : /(^| )(кто|кого|кому)( |$)/.test(padded);
  const which = lang === "en" ? /\b(which|what) (countries|country|states|nations|ministers|people|delegations)\b/.test(padded) : /(как(ие|ая|ой|ую) стран)/.test(padded);
  const negative = lang === "en" ? /\b(not|no one|nobody|never)\b/.test(padded) : /( не |^ не |никто)/.test(padded);
  return { text, lang, words, cues, yesNo: yesNoAsked, count, why, who, which, negative, cueWords, askWords };
}

const englishQuestionWord = /^(who|whom|whose|what|whats|which|where|when|why|how|whos|wheres|whens|hows)$/;

/**
 * English yes/no questions without the auxiliary first: a clause after a dash or comma that
 * starts with one ("the guy from Belarus - was he there?"), "X or not", "any X?", and a bare
 * participle with a question mark ("WWII anniversary discussed?", "Azerbaijan hosted it?").
 */
function isLooseYesNo(text: string, words: readonly string[]): boolean {
  if (words.some((w) => englishQuestionWord.test(w))) return false;
  const clause = /[-–—,:;]\s*(is|are|was|were|did|does|do|has|have|had)\s/i.test(text);
  if (clause) return true;
  if (/\bor not\b/.test(words.join(" "))) return true;
  if (!/\?\s*$/.test(text)) return false;
  // "Armenia there?", "training on the agenda?": a state asked of what comes before it.
  if (/ (there|present|here|in attendance|on the agenda|on the table)$/.test(` ${words.join(" ")}`)) return true;
  return words[0] === "any" || words.some((w, i) => i > 0 && /^[a-z]{3,}(ed|en)$/.test(w) && !/^(when|then|seen)$/.test(w));
}

/** Cues that only colour a question ("all", "before"): alone they do not make text a question. */
const weakCues = new Set<Cue>(["greeting", "countries", "all", "before", "after", "people"]);

/**
 * Whether text reads as a question rather than a search: it carries a kind's cue ("who
 * attended", "said", "where"), starts with a question word or asks yes or no. "Lebedev"
 * or "deplorable" alone are searches.
 */
export function isQuestionLike(question: ParsedQuestion): boolean {
  if (question.cues.has("greeting")) return false;
  if ([...question.cues].some((cue) => !weakCues.has(cue))) return true;
  const first = question.words[0] ?? "";
  return question.yesNo || question.why || /^(who|what|whats|which|where|when|how|whom|whose|кто|что|где|когда|какой|какая|какие|сколько|почему|зачем)$/.test(first);
}
