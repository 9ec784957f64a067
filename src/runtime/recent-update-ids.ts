/**
 * The update_ids seen lately, so that an update Telegram delivers twice (it
 * redelivers whenever it missed our answer) is handled once. An interface, so
 * that several instances behind one webhook can share it (in Redis:
 * `SET update:<id> 1 NX EX 86400`, Telegram keeping updates for a day).
 */
export interface RecentUpdateIds {
  /** Records `updateId`; `false` when it was already recorded (a redelivery). */
  claim(updateId: number): Promise<boolean>;
}

/**
 * Remembers the last `capacity` update_ids in memory, forgetting the oldest
 * first. Redeliveries come within minutes, long before 10 000 others.
 */
export function createMemoryRecentUpdateIds(capacity = 10_000): RecentUpdateIds {
  const seen = new Set<number>();
  return {
    async claim(updateId) {
      if (seen.has(updateId)) return false;
      seen.add(updateId);
      if (seen.size > capacity) {
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return true;
    },
  };
}
