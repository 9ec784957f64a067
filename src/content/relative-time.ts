/**
 * Words that place an event relative to the moment of writing: true on the
 * article's day, wrong in a post that goes out on another day. English, and
 * Russian for the editor's Russian leads and articles written in Russian.
 */
const RELATIVE_TIME =
  /\b(?:today|tonight|yesterday|tomorrow|(?:this|last|next) (?:morning|afternoon|evening|night|week|weekend|month|year)|earlier this (?:week|month|year)|(?:a|one|two|three) days? ago)\b/i;
const RELATIVE_TIME_RU =
  /(?<!\p{L})(?:сегодня(?:шн\p{L}*)?|вчера(?:шн\p{L}*)?|завтра(?:шн\p{L}*)?|позавчера|послезавтра|(?:на )?(?:этой|прошлой|следующей) неделе|(?:в )?(?:этом|прошлом|следующем) (?:месяце|году)|(?:этим|сегодня) утром|(?:два|три|несколько) дня назад)(?!\p{L})/iu;

/** The relative time word `text` carries (`today`, `this week`, `сегодня`…), or `undefined`. */
export function relativeTimeWord(text: string): string | undefined {
  return RELATIVE_TIME.exec(text)?.[0] ?? RELATIVE_TIME_RU.exec(text)?.[0];
}

/** `2019-10-30` for a moment in milliseconds, in UTC: the calendar day a post goes out on. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** `2019-10-30` as a reader of `locale` writes the day: `30 October 2019`, `30 октября 2019 г.`. */
export function formatDay(isoDate: string, locale: "en" | "ru"): string {
  let format = dayFormats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}
