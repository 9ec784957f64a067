import { articleSchema, type Article } from "../src/content/article-schema";

/**
 * Synthetic articles shaped like the real one (content/cis-defense-ministers-baku.yaml):
 * six to nine people with roles, countries and now and then a second spelling; reported
 * speech and quotes; an agenda; what happened where; an absent country. Deterministic for
 * a seed, valid per the schema, and every excerpt is taken from the body it builds, so the
 * loader's provenance checks pass too.
 *
 * Names are made of syllables that have a Cyrillic twin, so the benchmark can ask for a
 * person in Cyrillic as readers do. People recur across articles with a skew (a few are
 * in the news all the time), and the words of quotes mix a fixed stock of the trade's
 * vocabulary with made-up words, so the index grows as a real one would.
 */

/** Latin syllable and its Russian spelling; each transliterates back to the Latin one. */
const syllables: ReadonlyArray<readonly [string, string]> = [
  ["ba", "ба"], ["bek", "бек"], ["bo", "бо"], ["da", "да"], ["dar", "дар"], ["di", "ди"],
  ["gu", "гу"], ["gan", "ган"], ["ka", "ка"], ["kho", "хо"], ["kur", "кур"], ["la", "ла"],
  ["lan", "лан"], ["li", "ли"], ["ma", "ма"], ["mir", "мир"], ["mu", "му"], ["na", "на"],
  ["nur", "нур"], ["ra", "ра"], ["ru", "ру"], ["sa", "са"], ["ser", "сер"], ["sha", "ша"],
  ["ta", "та"], ["tem", "тем"], ["to", "то"], ["va", "ва"], ["za", "за"], ["zhan", "жан"],
  ["ku", "ку"], ["shi", "ши"], ["tur", "тур"], ["vel", "вел"], ["ram", "рам"], ["bul", "бул"],
];
const surnameEndings: ReadonlyArray<readonly [string, string]> = [
  ["ov", "ов"], ["bayev", "баев"], ["enko", "енко"], ["yan", "ян"], ["adze", "адзе"],
  ["in", "ин"], ["ali", "али"], ["berdiev", "бердиев"],
];

const countries: ReadonlyArray<readonly [country: string, adjective: string | undefined]> = [
  ["Russia", "Russian"], ["Belarus", undefined], ["Kazakhstan", "Kazakh"], ["Uzbekistan", "Uzbek"],
  ["Tajikistan", "Tajik"], ["Kyrgyzstan", "Kyrgyz"], ["Armenia", "Armenian"], ["Azerbaijan", "Azerbaijani"],
  ["Georgia", "Georgian"], ["Moldova", "Moldovan"], ["Turkmenistan", "Turkmen"], ["Ukraine", "Ukrainian"],
  ["Turkey", "Turkish"], ["Iran", "Iranian"], ["China", "Chinese"], ["Mongolia", "Mongolian"],
];
const roles = [
  "defense minister", "foreign minister", "prime minister", "president", "deputy defense minister",
  "chief of the General Staff", "minister of emergency situations", "interior minister", "speaker of parliament",
];
const organisations = [
  "CIS Executive Committee", "CSTO Secretariat", "Eurasian Economic Commission", "SCO Secretariat",
  "Collective Security Council",
];
const events = [
  "meeting of the Council of Defense Ministers of the CIS", "summit of the heads of state of the CIS",
  "session of the Eurasian Intergovernmental Council", "meeting of the CSTO Foreign Ministers",
  "forum of the Caspian states", "conference on regional security",
];
const realCities = ["Baku", "Moscow", "Minsk", "Astana", "Tashkent", "Dushanbe", "Bishkek", "Yerevan", "Tbilisi", "Ashgabat", "Anapa", "Sochi"];

/** The trade's vocabulary; quotes draw on it with a skew, as news text does. */
const commonWords = (
  "security cooperation military defense states member countries international relations " +
  "development region regional strategic partnership integration forces armed joint exercises " +
  "agreement treaty policy border borders peace stability threats terrorism extremism issues " +
  "agenda meeting summit council ministers leaders government heads state economic trade energy " +
  "transport infrastructure investment growth projects programme concept plan initiative support " +
  "training officers activities anniversary victory war conflict potential attempts weapons space " +
  "deployment activity concern situation world position principled steps coordination bodies " +
  "interests presence field expanding inclusion example practical contribute multilateral bilateral " +
  "dialogue negotiations talks visit delegation declaration statement document signed adopted " +
  "approved discussed considered stressed noted emphasized continue remain important factors " +
  "maintaining participating common national special attention paid relevant ensure order certain " +
  "violating force dictatorship high increased western eastern southern northern particular " +
  "collective allies partners neighbours friendly constructive mutual respect trust confidence"
).split(" ");
const fillers = ["the", "of", "and", "in", "to", "a", "for", "with", "on", "that", "is", "by", "at", "as"];
const intros = ["He said that", "She said that", "He emphasized that", "He noted that", "According to him,", "He stressed that"];

/** A small, fast, seedable generator (mulberry32); the same seed gives the same articles. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
/**
 * Skewed towards the start of `items` (Zipf-like): item i is chosen in proportion to
 * 1/(i + head), so a larger `head` flattens the top.
 */
function pickSkewed<T>(random: Random, items: readonly T[], head = 1): T {
  const i = Math.floor(head * Math.exp(random() * Math.log((items.length + head) / head))) - head;
  return items[Math.min(items.length - 1, Math.max(0, i))] as T;
}
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** A made-up word in both alphabets, `count` syllables long (plus an ending, for surnames). */
function makeName(random: Random, count: number, ending?: readonly [string, string]): { latin: string; cyrillic: string } {
  let latin = "";
  let cyrillic = "";
  for (let i = 0; i < count; i++) {
    const [l, c] = pick(random, syllables);
    latin += l;
    cyrillic += c;
  }
  if (ending) {
    latin += ending[0];
    cyrillic += ending[1];
  }
  return { latin: capitalise(latin), cyrillic: capitalise(cyrillic) };
}

/** A person of the synthetic news world, with the Russian spelling a reader might type. */
export interface SyntheticPerson {
  id: string;
  name: string;
  alias: string | undefined;
  surname: string;
  cyrillicSurname: string;
  role: string;
  country: string | undefined;
  countryAdjective: string | undefined;
  organisation: string | undefined;
}

/** A second spelling, as articles have them: "Shoygu" for "Shoigu". */
function variantSpelling(name: string): string | undefined {
  if (name.includes("i")) return name.replace("i", "y");
  if (name.includes("kh")) return name.replace("kh", "h");
  return undefined;
}

/** How many people `generateArticles(count, seed)` draws on: `generatePeople(peoplePoolSize(count), seed)`. */
export function peoplePoolSize(articleCount: number): number {
  return Math.max(50, Math.min(20_000, articleCount * 2));
}

/** The people the synthetic articles draw on; the first ones recur most. */
export function generatePeople(count: number, seed: number): SyntheticPerson[] {
  const random = createRandom(seed ^ 0x9e3779b9);
  const people: SyntheticPerson[] = [];
  const ids = new Set<string>();
  while (people.length < count) {
    const first = makeName(random, between(random, 2, 3));
    const surname = makeName(random, between(random, 1, 2), pick(random, surnameEndings));
    const id = `${surname.latin}-${first.latin}`.toLowerCase();
    if (ids.has(id) || id.length > 40) continue;
    ids.add(id);
    const name = `${first.latin} ${surname.latin}`;
    const fromOrganisation = random() < 0.1;
    const [country, countryAdjective] = pick(random, countries);
    people.push({
      id,
      name,
      alias: random() < 0.25 ? variantSpelling(name) : undefined,
      surname: surname.latin,
      cyrillicSurname: surname.cyrillic,
      role: fromOrganisation ? "Chairman of the " + pick(random, organisations) : pick(random, roles),
      country: fromOrganisation ? undefined : country,
      countryAdjective: fromOrganisation ? undefined : countryAdjective,
      organisation: fromOrganisation ? pick(random, organisations) : undefined,
    });
  }
  return people;
}

/**
 * `count` words of news prose: a third fillers, a third the trade's words (the commonest at
 * about 1.5% of all words, as "cooperation" and "meeting" are in the real article), a
 * third made-up words standing for the long tail of names and rarer words.
 */
function prose(random: Random, count: number): string {
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.34) words.push(pick(random, fillers));
    else if (roll < 0.67) words.push(pickSkewed(random, commonWords, 5));
    else words.push(makeName(random, between(random, 2, 3)).latin.toLowerCase());
  }
  return words.join(" ");
}

const sentence = (random: Random, min: number, max: number): string =>
  capitalise(prose(random, between(random, min, max))) + ".";

function generateArticle(random: Random, index: number, people: readonly SyntheticPerson[], cities: readonly string[]): Article {
  const date = new Date(Date.UTC(2000, 0, 1) + index * 86_400_000 * 0.7).toISOString().slice(0, 10);
  const event = pick(random, events);
  const hostCity = pick(random, cities);
  const [hostCountry] = pick(random, countries);
  const id = `${event.split(" ")[0]}-${hostCity}-${index}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 40);

  const cast = new Map<string, SyntheticPerson>();
  const castSize = between(random, 6, 9);
  while (cast.size < castSize) {
    const person = pickSkewed(random, people, 10);
    cast.set(person.id, person);
  }
  const castList = [...cast.values()];
  const speakers = castList.slice(0, between(random, 2, 4));
  const [absentCountry] = pick(random, countries);

  const body: string[] = [];
  const add = (paragraph: string): number => body.push(paragraph);

  const opening = `The ${event} was held in ${hostCity} today.`;
  const openingParagraph = add(opening);
  const attendance = `The event is attended by ${castList.map((p) => `${p.countryAdjective ?? p.country ?? ""} ${p.role} ${p.name}`.trim()).join(", ")}.`;
  const absence = `${absentCountry} refused to attend the ${hostCity} summit.`;
  const attendanceParagraph = add(`${attendance} ${absence}`);
  const aliasParagraph = castList.some((p) => p.alias)
    ? add(castList.flatMap((p) => (p.alias ? [`${p.alias} spoke briefly.`] : [])).join(" "))
    : undefined;

  const visit = `the ministers visited the ${capitalise(prose(random, 2))} memorial`;
  const wreath = `laid a wreath at the ${capitalise(prose(random, 2))} monument`;
  const visitParagraph = add(`Before the meeting, ${visit}, and ${wreath}.`);

  const agendaItems = Array.from({ length: between(random, 3, 6) }, () => prose(random, between(random, 5, 12)));
  const agendaParagraph = add(`At the meeting, ${agendaItems.join("; ")} were considered.`);

  const statements: Article["statements"] = [];
  const placeMentions: Article["places"] = [];
  for (let i = 0, count = between(random, 5, 10); i < count; i++) {
    const speaker = pick(random, speakers);
    const quote = random() < 0.4;
    let text = sentence(random, 15, 45);
    if (random() < 0.3) {
      const city = pick(random, cities);
      const mention = `a meeting in ${city} city`;
      text = text.replace(/\.$/, ` at ${mention}.`);
      if (!placeMentions.some((place) => place.name === city)) {
        placeMentions.push({ id: city.toLowerCase(), name: city, text: mention, paragraph: body.length + 1 });
      }
    }
    if (quote) {
      const paragraph = add(`"${text}" the ${speaker.role} stressed.`);
      statements.push({ speaker: speaker.id, kind: "quote", text, paragraph, key: i === 0 });
    } else {
      const intro = pick(random, intros);
      const paragraph = add(`${speaker.name} spoke. ${intro} ${text}`);
      statements.push({ speaker: speaker.id, kind: "reported", intro, text, paragraph, key: false });
    }
  }

  const hostPlace = { id: hostCity.toLowerCase(), name: hostCity, country: hostCountry, text: opening, paragraph: openingParagraph };
  const article = {
    id,
    headline: `${capitalise(event)} meets in ${hostCity}`,
    outlet: "Synthetic News",
    url: `https://news.example/${id}`,
    date,
    place: `${hostCity}, ${hostCountry}`,
    event,
    tags: ["Synthetic", hostCity.replace(/[^A-Za-z0-9_]/g, "")],
    body,
    people: castList.map((p) => ({
      id: p.id,
      name: p.name,
      aliases: p.alias && aliasParagraph !== undefined ? [p.alias] : [],
      role: p.role,
      country: p.country,
      countryAdjective: p.countryAdjective,
      organisation: p.organisation,
    })),
    attendance: {
      attended: castList.map((p) => ({ person: p.id, paragraph: attendanceParagraph })),
      absent: [{ who: absentCountry, text: absence, paragraph: attendanceParagraph }],
    },
    agenda: agendaItems.map((text, i) => ({ text, key: i === 0, paragraph: agendaParagraph })),
    happenings: [
      { text: opening, place: hostPlace.id, paragraph: openingParagraph },
      { text: visit, place: hostPlace.id, paragraph: visitParagraph },
      { text: wreath, place: hostPlace.id, paragraph: visitParagraph },
    ],
    places: [hostPlace, ...placeMentions.filter((place) => place.id !== hostPlace.id)],
    statements,
  };
  return articleSchema.parse(article);
}

/**
 * `count` synthetic articles, the same ones for the same `seed`, newest first (as
 * `loadContent` returns them), one every 17 hours or so back from the newest.
 */
export function generateArticles(count: number, seed: number): Article[] {
  const random = createRandom(seed);
  const people = generatePeople(peoplePoolSize(count), seed);
  const cities = [...realCities, ...Array.from({ length: 300 }, () => makeName(random, 2).latin)];
  const articles = Array.from({ length: count }, (_, i) => generateArticle(random, i, people, cities));
  return articles.reverse();
}
