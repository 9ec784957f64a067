/**
 * Words that place an event relative to the moment of writing: true on the
 * article's day, wrong in a post that goes out on another day.
 */
const RELATIVE_TIME =
  /\b(?:today|tonight|yesterday|tomorrow|(?:this|last|next) (?:morning|afternoon|evening|night|week|weekend|month|year)|earlier this (?:week|month|year)|(?:a|one|two|three) days? ago)\b/i;

/** The relative time word `text` carries (`today`, `this week`…), or `undefined`. */
export function relativeTimeWord(text: string): string | undefined {
  return RELATIVE_TIME.exec(text)?.[0];
}

/** `2019-10-30` for a moment in milliseconds, in UTC: the calendar day a post goes out on. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
