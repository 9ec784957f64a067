/** How far ahead an admin may schedule a post. */
const MAX_AHEAD_MS = 366 * 86_400_000;

/** Minutes, hours and days, by their first letter (`m`, `min`, `minutes`; `h`, `hours`; `d`, `days`). */
const unitMs: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** What an admin types to schedule a post, read in UTC; the formats, for the question and the error. */
export const PUBLISH_TIME_FORMATS = "2025-01-31 18:00 (UTC, or add an offset such as +03:00), 18:00 (the next 18:00 UTC), tomorrow 09:30, or in 2h / in 45m / in 1d";

/**
 * Reads a time to publish at, relative to `now`: `in 2h`, `in 1h 30m`,
 * `18:00` (the next one), `tomorrow 09:30`, `2025-01-31 18:00`, or an ISO
 * time with `Z` or an offset. Times without an offset are UTC. It must be in
 * the future and within a year.
 */
export function parsePublishTime(input: string, now: number): { ok: true; at: number } | { ok: false; problem: string } {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  const at = readTime(text, now);
  if (at === undefined) return { ok: false, problem: `I could not read “${input.trim().slice(0, 60)}” as a time. Try ${PUBLISH_TIME_FORMATS}.` };
  if (Number.isNaN(at)) return { ok: false, problem: `“${input.trim().slice(0, 60)}” is not a real date and time.` };
  if (at <= now) return { ok: false, problem: "That time has passed: give one in the future, or choose Post now." };
  if (at > now + MAX_AHEAD_MS) return { ok: false, problem: "That is more than a year ahead: give a nearer time." };
  return { ok: true, at };
}

function readTime(text: string, now: number): number | undefined {
  const relative = /^in ((?:\d{1,4} ?(?:m|min|minutes?|h|hours?|d|days?) ?)+)$/.exec(text);
  if (relative?.[1]) {
    let total = 0;
    for (const [, amount, unit] of relative[1].matchAll(/(\d{1,4}) ?([a-z]+)/g)) {
      total += Number(amount) * (unitMs[(unit ?? "").charAt(0)] ?? 0);
    }
    return total > 0 ? now + total : undefined;
  }
  const clock = /^(tomorrow |today )?(\d{1,2}):(\d{2})$/.exec(text);
  if (clock) {
    const [hours, minutes] = [Number(clock[2]), Number(clock[3])];
    if (hours > 23 || minutes > 59) return Number.NaN;
    const day = new Date(now);
    let at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes);
    if (clock[1] === "tomorrow ") at += 86_400_000;
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
