/** Figures shared by the benchmarks: medians with their spread, percentiles, timing. */

/** A median over repetitions, with the smallest and largest seen. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The median (of an even count, the mean of the middle two), the smallest and the largest. */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] as number) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

/** The value below which `p` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

/** Milliseconds since `start` (a `process.hrtime.bigint()`). */
export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
