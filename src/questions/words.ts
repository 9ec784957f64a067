import { stemmer as englishStemmer } from "@orama/stemmers/english";
import { stemmer as russianStemmer } from "@orama/stemmers/russian";

/**
 * The words of a question and of an article, reduced to what they mean for matching:
 * English words to their Snowball stem ("discussed", "discussion" → "discuss"), Russian
 * words to the English stems of a glossary of news vocabulary ("обсуждали" → "discuss"),
 * since the articles are in English. Plain functions over strings.
 */

const cyrillic = /[\u0400-\u04FF]/;

export function isCyrillic(word: string): boolean {
  return cyrillic.test(word);
}

/** A question's or a sentence's words, lower-case, apostrophes and possessives dropped ("Azerbaijan's" → "azerbaijan"). */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[’‘`´]/g, "'")
    .replace(/(\p{L})'s\b/gu, "$1")
    .replace(/\b(\p{L}+)n't\b/gu, "$1 not")
    // The same typed without the apostrophe: "didnt", "wasnt", "hasnt"; "cant", "wont".
    .replace(/\b(did|does|do|was|were|is|are|has|have|had|could|would|should)nt\b/gu, "$1 not")
    .replace(/\bcant\b/gu, "can not")
    .replace(/\bwont\b/gu, "will not")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
}

/** English spellings folded to the article's: British to American, a few synonyms readers use for the article's words. */
const englishSynonyms: Readonly<Record<string, string>> = {
  defence: "defense",
  defenses: "defense",
  defences: "defense",
  worry: "concern",
  worries: "concern",
  worried: "concern",
  worrying: "concern",
  concerned: "concern",
  concerns: "concern",
  memorial: "monument",
  fire: "flame",
  flames: "flame",
  space: "space",
  armies: "armed",
  army: "armed",
  militaries: "military",
  nations: "countries",
  nation: "country",
  states: "countries",
  talks: "discuss",
  summit: "meeting",
  session: "meeting",
  sessions: "meeting",
  conference: "conference",
  gathering: "meeting",
  met: "meeting",
  meet: "meeting",
  tribute: "tribute",
  speech: "speech",
  bad: "deplorable",
  regrettable: "deplorable",
  sad: "deplorable",
  training: "training",
  train: "training",
  trains: "training",
  trained: "training",
  work: "activities",
  activity: "activities",
  staff: "staff",
  ww2: "war",
  wwii: "war",
  "1945": "1945",
  nukes: "nuclear",
  criticize: "concern",
  criticise: "concern",
  criticized: "concern",
  criticised: "concern",
  criticizes: "concern",
  criticism: "concern",
  condemn: "concern",
  condemned: "concern",
  blame: "concern",
  blamed: "concern",
  west: "western",
  oct: "october",
  flowers: "wreath",
  honour: "tribute",
  honor: "tribute",
  honoured: "tribute",
  honored: "tribute",
  commemorate: "tribute",
  commemorated: "tribute",
  remember: "memory",
  remembered: "memory",
  flower: "wreath",
  exec: "executive",
  fallen: "martyrs",
  hero: "heroic",
  heroes: "heroic",
  memorials: "monument",
};

/** Stems already worked out: a question's words and an article's repeat, and stemming is the costly step. */
const stems = new Map<string, string>();

/** The Snowball stem of an English word, after folding spellings. */
export function englishStem(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = englishStemmer(englishSynonyms[word] ?? word);
    // Bounded: readers can type any number of different words.
    if (stems.size >= 50_000) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/**
 * Russian news vocabulary → English words of the same meaning, keyed by the start of the
 * Russian word so that its inflections match ("офицеров", "офицерами"). Longest key wins,
 * so "председательств" (to chair) is not "председател" (chairman). The English side goes
 * through `englishStem` like any English word.
 */
const russianGlossary: ReadonlyArray<readonly [string, string]> = [
  // The meeting and its people
  ["заседани", "meeting"], ["встреч", "meeting"], ["встрет", "meeting"], ["саммит", "meeting"], ["совещани", "meeting"],
  ["собрани", "meeting"], ["собира", "meeting"], ["собрал", "meeting"], ["совет", "council"], ["министр", "minister"],
  ["оборон", "defense"], ["начальник", "chief"], ["генштаб", "general staff"], ["генеральн", "general"], ["штаб", "staff"],
  ["председательств", "presided"], ["председател", "chairman"], ["исполком", "executive committee"],
  ["исполнительн", "executive"], ["секретар", "secretary"], ["комитет", "committee"], ["глав", "head"],
  ["государств", "state"], ["правительств", "government"], ["президент", "president"], ["премьер", "prime"],
  ["вооруж", "armed"], ["сил", "forces"], ["армии", "armed"], ["арми", "armed"], ["войск", "troops"], ["офицер", "officers"],
  ["делегаци", "delegation"], ["участник", "participants"], ["член", "member"], ["стран", "countries"],
  ["содружеств", "commonwealth"], ["независим", "independent"], ["руководств", "leadership"], ["лидер", "leader"],
  ["корреспондент", "correspondent"], ["журналист", "correspondent"], ["человек", "people"], ["люд", "people"],
  // What was discussed and said
  ["безопасн", "security"], ["сотрудничеств", "cooperation"], ["военн", "military"], ["подготовк", "training"],
  ["подготов", "training"], ["обучени", "training"], ["побед", "victory"], ["войн", "war"], ["юбиле", "anniversary"],
  ["годовщин", "anniversary"], ["летие", "anniversary"], ["летия", "anniversary"], ["концепци", "concept"],
  ["нато", "nato"], ["космос", "space"], ["космическ", "space"], ["оруж", "weapons"], ["вооружени", "weapons"],
  ["инфраструктур", "infrastructure"], ["границ", "borders"], ["западн", "western"], ["запад", "western"],
  ["конфликт", "conflict"], ["диктат", "dictatorship"], ["интеграци", "integration"], ["соглашени", "agreements"],
  ["договорил", "agreed"], ["договорен", "agreed"], ["договор", "agreements"], ["решил", "decided"], ["решени", "decisions"],
  ["подписа", "signed"], ["приняли", "adopted"], ["принят", "adopted"], ["внимани", "attention"], ["стратегическ", "strategic"], ["отношени", "relations"], ["международн", "international"],
  ["взаимодейств", "interaction"], ["многосторонн", "multilateral"], ["координаци", "coordination"],
  ["прискорб", "deplorable"], ["сожалени", "deplorable"], ["тревож", "concern"], ["беспоко", "concern"],
  ["озабоч", "concern"], ["обеспокоен", "concern"], ["интерес", "interests"], ["позици", "position"],
  ["приглашени", "invitation"], ["гостеприим", "hospitable"], ["политик", "policy"], ["ситуаци", "situation"],
  ["мир", "world"], ["деятельност", "activities"], ["развити", "development"], ["активност", "activity"],
  ["потенциал", "potential"], ["вопрос", "issues"], ["тем", "topic"], ["повестк", "agenda"], ["пункт", "item"],
  ["сфер", "sphere"], ["област", "field"], ["направлени", "areas"], ["укреплени", "strengthen"], ["укреп", "strengthen"],
  ["подтвержд", "reaffirmed"], ["подтверд", "reaffirmed"], ["нарушени", "violating"], ["наруша", "violating"],
  ["общи", "common"], ["общ", "common"],
  // What happened
  ["венок", "wreath"], ["венк", "wreath"], ["возлож", "laid"], ["возлага", "laid"], ["вечн", "eternal"], ["огон", "flame"],
  ["огн", "flame"], ["аллея", "alley"], ["алле", "alley"], ["шехид", "martyrs"], ["мученик", "martyrs"],
  ["памятник", "monument"], ["монумент", "monument"], ["мемориал", "monument"], ["памят", "memory"],
  ["посети", "visited"], ["ходил", "visited"], ["ездил", "visited"], ["побывал", "visited"], ["посещ", "visited"], ["почт", "tribute"], ["дань", "tribute"], ["героическ", "heroic"],
  ["герои", "heroic"], ["геро", "heroic"], ["родин", "motherland"], ["территориальн", "territorial"],
  ["целостност", "integrity"],
  // Verbs of saying
  ["поблагодар", "thanked"], ["благодар", "thanked"], ["открыл", "opened"], ["открыва", "opened"], ["открыти", "opening"],
  ["подчеркн", "emphasized"], ["подчеркива", "emphasized"], ["отмети", "noted"], ["отмеча", "noted"],
  ["упомина", "mentioned"], ["упомян", "mentioned"], ["заяв", "said"], ["говор", "said"], ["сказа", "said"],
  ["выступ", "speech"], ["цитат", "quote"],
  // Places and time
  ["город", "city"], ["столиц", "capital"], ["дата", "date"], ["числ", "date"], ["год", "year"], ["октябр", "october"],
  ["сегодн", "today"], ["предыдущ", "previous"], ["прошл", "last"], ["последн", "last"], ["следующ", "next"],
  ["очередн", "next"],
  // The article
  ["снг", "cis"], ["одкб", "csto"], ["главн", "main"], ["основн", "main"], ["ключев", "key"], ["источник", "source"], ["ссылк", "link"], ["статья", "article"], ["стать", "article"], ["новост", "news"],
  ["издани", "outlet"], ["сми", "outlet"], ["заголов", "headline"], ["оригинал", "original"], ["автор", "author"],
];

const glossaryByLength = [...russianGlossary].sort((a, b) => b[0].length - a[0].length);

/** The English word a Russian word stands for in the glossary, if any. */
export function russianToEnglish(word: string): string | undefined {
  return glossaryByLength.find(([stem]) => word.startsWith(stem))?.[1];
}

/** The Snowball stem of a Russian word, for matching Russian against Russian (cue words). */
export function russianStem(word: string): string {
  return russianStemmer(word);
}

/**
 * English words that carry no constraint of their own: question words, function words,
 * words of asking ("tell", "please") and words every question about a meeting uses.
 * A word outside this list that the article does not use at all is something the article
 * does not cover.
 */
export const englishFunctionWords = new Set(
  `a an the and or but of in on at to for from by with about into over as than then so such
  is are was were be been being am do does did done doing have has had having will would shall should can could may might must
  i me my we us our you your he him his she her it its they them their this that these those there here
  what who whom whose which where when why how whats whos wheres whens hows
  not no yes any anyone anybody anything some someone somebody something all every everyone each other others
  also too just only even still very really much many more most less few lot lots
  tell give gave given giving say let know want like please pls plz ok okay
  up down out off again ever never already yet now
  one ones thing things stuff kind sort type part way
  article story news text piece report
  get got go went come came`.split(/\s+/),
);

/** Russian words that carry no constraint of their own (see `englishFunctionWords`). */
export const russianFunctionWords = new Set(
  `а и или но в во на к ко с со о об от до по за из у для при про через без над под
  ли же бы не ни да нет это этот эта эти то тот та те там тут здесь так как
  кто что кого кому чему чем ком чего где когда куда откуда почему зачем какой какая какое какие каких каким какую каком
  сколько чей чья чьё чьи который которая которые
  я ты он она оно мы вы они его её ее их ему ей им нам вам нас вас меня мне
  был была было были быть есть будет будут
  все всё весь вся всех каждый кто-то что-то кто-нибудь
  скажи скажите расскажи расскажите покажи пожалуйста также тоже еще ещё уже только
  такой такая такое нибудь либо то`.split(/\s+/),
);

/** Optimal string alignment distance, stopping early past `max`; three rows, no allocation per cell. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const cols = b.length + 1;
  let before = new Int32Array(cols);
  let previous = new Int32Array(cols);
  let current = new Int32Array(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (before[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

/**
 * Words about the answer, not the article: its form ("one word", "verbatim", "briefly",
 * "just the names"), how it is asked ("pls", "remind me") and counts a reader puts in
 * ("which two people"). They constrain nothing, so they are never what the article lacks.
 */
export const answerFormWords = new Set(
  `exact exactly verbatim literal literally precise precisely word line lines sentence sentences paragraph paragraphs
  short shortly brief briefly quick quickly simple simply concise concisely roughly approximately sum bullet bullets
  format answer reply respond response pls plz please kindly thx mate bro dude folks remind recall wonder wondering curious
  lol lmao haha hmm hm um uh btw fyi omg wait sorry oh ah idk imo nutshell forgot forget if whether
  two three four five six seven eight nine ten eleven twelve twenty both several couple single
  дословно точнее кратко коротко вкратце одним словом слово словах строк строку строке пару плиз просто напомни интересно
  два двух две три трех трёх четыре пять шесть семь оба обе короче кстати ну блин слушай подскажи подскажите хм эм`.split(/\s+/),
);

/** Nouns for "someone" that name no one in particular: "any Kyrgyz official", "the guy from Belarus". */
export const genericPersonWords = new Set(
  `official officials representative representatives rep reps delegate delegates envoy envoys figure figures someone somebody guy guys man men woman women person persons
  представитель представители представителя представителей чиновник чиновники чиновника делегат делегаты`.split(/\s+/),
);

/** Stems of words that name a part of the agenda or the article, not a topic on it: "how many items", "пунктов". */
export const structureStems = new Set(["item", "point", "topic", "question", "issu", "agenda", "thing"]);
