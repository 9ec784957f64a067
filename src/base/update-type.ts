import type { Update } from "grammy/types";

/** An update's type: its one field besides `update_id` (`message`, `inline_query`, ...). */
export function updateType(update: Update): string {
  // for...in rather than Object.keys(...).find: no array per update.
  for (const key in update) if (key !== "update_id") return key;
  return "unknown";
}
