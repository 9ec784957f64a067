import { languageOf, type Language } from "../i18n/translate";
import { htmlToText } from "../render/html";

/** How far ahead an admin may schedule a post. */
const MAX_AHEAD_MS = 366 * 86_400_000;

/** Minutes, hours and days, by their first letter, in English and Russian (`m`, `min`, `minutes`, `мин`; `h`, `hours`, `ч`, `часа`; `d`, `days`, `д`, `дней`). */
const unitMs: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, м: 60_000, ч: 3_600_000, д: 86_400_000 };

/** What an admin types to schedule a post, read in UTC, in their language: for the question and the error. */
export function publishTimeFormats({ t }: Language): string {
  return htmlToText(t("publish-time-formats").value);
}

/**
 * Reads a time to publish at, relative to `now`: `in 2h`, `in 1h 30m`,
 * `18:00` (the next one), `tomorrow 09:30`, `2025-01-31 18:00`, or an ISO
 * time with `Z` or an offset. Times without an offset are UTC. It must be in
 * the future and within a year.
 */
export function parsePublishTime(input: string, now: number, language: Language = languageOf("en")): { ok: true; at: number } | { ok: false; problem: string } {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  const at = readTime(text, now);
  const problem = (key: string) => ({ ok: false as const, problem: htmlToText(language.t(key, { input: input.trim().slice(0, 60), formats: publishTimeFormats(language) }).value) });
  if (at === undefined) return problem("publish-time-unreadable");
  if (Number.isNaN(at)) return problem("publish-time-not-real");
  if (at <= now) return problem("publish-time-past");
  if (at > now + MAX_AHEAD_MS) return problem("publish-time-too-far");
  return { ok: true, at };
}

function readTime(text: string, now: number): number | undefined {
  const relative = /^(?:in|через) ((?:\d{1,4} ?(?:m|min|minutes?|h|hours?|d|days?|м|мин|минуты?|минут|ч|час|часа|часов|д|день|дня|дней) ?)+)$/.exec(text);
  if (relative?.[1]) {
    let total = 0;
    for (const [, amount, unit] of relative[1].matchAll(/(\d{1,4}) ?([a-zа-яё]+)/g)) {
      total += Number(amount) * (unitMs[(unit ?? "").charAt(0)] ?? 0);
    }
    return total > 0 ? now + total : undefined;
  }
  const clock = /^(tomorrow |today |завтра |сегодня )?(\d{1,2}):(\d{2})$/.exec(text);
  if (clock) {
    const [hours, minutes] = [Number(clock[2]), Number(clock[3])];
    if (hours > 23 || minutes > 59) return Number.NaN;
    const day = new Date(now);
    let at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes);
    if (clock[1] === "tomorrow " || clock[1] === "завтра ") at += 86_400_000;
    else if (clock[1] === undefined && at <= now) at += 86_400_000;
    return at;
  }
  const absolute = /^(\d{4})-(\d{2})-(\d{2})[ t](\d{1,2}):(\d{2})(?::(\d{2}))? ?(z|utc|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (absolute) {
    const [year, month, date, hours, minutes, seconds] = absolute.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
    const utc = Date.UTC(year, month - 1, date, hours, minutes, seconds);
    const check = new Date(utc);
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date || hours > 23 || minutes > 59 || seconds > 59) return Number.NaN;
    const zone = absolute[7];
    if (zone === undefined || zone === "z" || zone === "utc") return utc;
    const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    const sign = offset?.[1] === "-" ? -1 : 1;
    return utc - sign * (Number(offset?.[2]) * 3_600_000 + Number(offset?.[3]) * 60_000);
  }
  return undefined;
}
