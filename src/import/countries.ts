import countries from "world-countries";

/** A country as an article names it: the country's common name, from a name or an adjective. */
export interface CountryMention {
  country: string;
  /** The adjective as written ("Kazakh"), when the article used one. */
  adjective?: string;
}

/**
 * Adjectives news English uses that world-countries does not list (it has
 * "Kazakhstani", "Kirghiz", "Tadzhik"), and short forms it lacks.
 */
const extraAdjectives: Record<string, string> = {
  Kazakh: "Kazakhstan",
  Uzbek: "Uzbekistan",
  Tajik: "Tajikistan",
  Kyrgyz: "Kyrgyzstan",
  Turkmen: "Turkmenistan",
  Azeri: "Azerbaijan",
  Belarussian: "Belarus",
  Saudi: "Saudi Arabia",
  Emirati: "United Arab Emirates",
  Afghan: "Afghanistan",
  Lao: "Laos",
  Turkish: "Turkey",
  Israeli: "Israel",
  Palestinian: "Palestine",
  Filipino: "Philippines",
  Philippine: "Philippines",
  Korean: "South Korea",
  Czech: "Czechia",
  Dutch: "Netherlands",
  British: "United Kingdom",
  American: "United States",
};

/** Names world-countries writes differently from most English news. */
const extraNames: Record<string, string> = {
  "U.S.": "United States",
  US: "United States",
  USA: "United States",
  "U.S.A.": "United States",
  America: "United States",
  UK: "United Kingdom",
  "U.K.": "United Kingdom",
  Britain: "United Kingdom",
  "Great Britain": "United Kingdom",
  Turkey: "Turkey",
  Türkiye: "Turkey",
  Russian_Federation: "Russia",
  "Russian Federation": "Russia",
};

/** Common names world-countries uses that news English does not. */
const renamed: Record<string, string> = { Türkiye: "Turkey" };

const byAdjective = new Map<string, string>();
const byName = new Map<string, string>();
// Independent countries first, so an adjective two share ("Indian") names the country, not a territory.
const ordered = [...countries].sort((a, b) => Number(b.independent ?? false) - Number(a.independent ?? false));
for (const c of ordered) {
  const name = renamed[c.name.common] ?? c.name.common;
  byName.set(c.name.common, name);
  byName.set(name, name);
  for (const alt of c.altSpellings) if (!byName.has(alt) && alt.length > 3 && /^[A-Z][a-z]/.test(alt)) byName.set(alt, name);
  const demonym = c.demonyms?.eng;
  if (demonym) {
    if (!byAdjective.has(demonym.m)) byAdjective.set(demonym.m, name);
    if (!byAdjective.has(demonym.f)) byAdjective.set(demonym.f, name);
  }
}
for (const [adjective, name] of Object.entries(extraAdjectives)) byAdjective.set(adjective, name);
for (const [alias, name] of Object.entries(extraNames)) byName.set(alias, name);

/** The country a word or phrase names ("Kazakh", "Belarus", "U.S.", "Iran's"), or undefined. */
export function findCountry(word: string): CountryMention | undefined {
  const bare = word.replace(/['’]s$/, "");
  const fromName = byName.get(bare);
  if (fromName) return { country: fromName };
  const fromAdjective = byAdjective.get(bare);
  if (fromAdjective) return { country: fromAdjective, adjective: bare };
  return undefined;
}

/** Whether `word` is a country's name or adjective. */
export function isCountryWord(word: string): boolean {
  return findCountry(word) !== undefined;
}
