import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Article } from "../src/content/article-schema";
import { spread, type Spread } from "./bench-stats";
import { generateArticles } from "./generate-articles";
import type { ColdSample, ScalingSample, WarmSample } from "./scaling-child";
import { writeBenchQueries } from "./bench-queries";
import { writeContentFolder } from "./write-content";

/**
 * How start-up, memory and answers grow with the content: for each size, generated
 * articles are written as YAML files into a temporary CONTENT_DIR, and each repetition
 * is a fresh process (`scaling-child.ts`), so that no size or repetition inherits another's
 * heap: cold starts (an empty DATA_DIR: the content snapshot and the saved index made), then
 * starts from what the last cold one left, which time updates through the bot, search, one
 * file changed and the watcher idle.
 */

export interface ScalingBenchRow {
  articles: number;
  /** A start with an empty DATA_DIR: the snapshot made from every file, the index built and saved, in ms. */
  coldMs: Spread;
  parseMs: Spread;
  indexMs: Spread;
  saveMs: Spread;
  coldPeakRssMiB: Spread;
  /** A start after one: the snapshot brought in step, the index loaded, in ms. */
  readyMs: Spread;
  syncMs: Spread;
  indexLoadMs: Spread;
  processReadyMs: Spread;
  readyRssMiB: Spread;
  servingRssMiB: Spread;
  servingHeapMiB: Spread;
  peakRssMiB: Spread;
  inlineP50Ms: Spread;
  inlineP99Ms: Spread;
  commandP50Ms: Spread;
  commandP99Ms: Spread;
  searchP50Ms: Spread;
  searchP99Ms: Spread;
  changeSyncMs: Spread;
  changeServedMs: Spread;
  changeSearchedMs: Spread;
  changeIndexMs: Spread;
  changeLongestStallMs: Spread;
  watcherIdleCpuPercent: Spread;
  fullLookCpuMs: Spread;
  repetitions: { cold: number; warm: number };
}

export interface ScalingBenchOptions {
  sizes: readonly number[];
  seed: number;
  /** Processes per size: cold starts, then warm ones. */
  repetitions: (size: number) => { cold: number; warm: number };
  /** The corpus of a size. @default generateArticles(size, seed) */
  articles?: (size: number) => Article[];
}

export const defaultScalingBenchOptions: ScalingBenchOptions = {
  sizes: [1, 1_000, 10_000],
  seed: 20191030,
  // A cold process at 10,000 articles takes half a minute on a busy two-core machine; at 100,000 several minutes.
  repetitions: (size) => (size >= 100_000 ? { cold: 1, warm: 2 } : size >= 1_000 ? { cold: 2, warm: 3 } : { cold: 2, warm: 3 }),
};

const run = promisify(execFile);
const child = fileURLToPath(new URL("./scaling-child.ts", import.meta.url));

async function measure(dir: string, dataDir: string, seed: number, kind: "cold" | "warm"): Promise<ScalingSample> {
  const { stdout } = await run(process.execPath, ["--expose-gc", "--max-old-space-size=8192", "--import", "tsx", child, dir, dataDir, String(seed), kind], {
    maxBuffer: 1 << 20,
  });
  const line = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as ScalingSample;
}

export async function runScalingBench(options: ScalingBenchOptions = defaultScalingBenchOptions, log: (line: string) => void = () => {}): Promise<ScalingBenchRow[]> {
  const rows: ScalingBenchRow[] = [];
  for (const size of options.sizes) {
    log(`scaling: writing ${size} articles`);
    // The corpus is let go once written: the parent must not hold it while the children measure.
    const dir = ((corpus: Article[]) => {
      const written = writeContentFolder(corpus);
      writeBenchQueries(written, corpus, options.seed);
      return written;
    })(options.articles?.(size) ?? generateArticles(size, options.seed));
    const dataDirs: string[] = [];
    try {
      const { cold: coldCount, warm: warmCount } = options.repetitions(size);
      const colds: ColdSample[] = [];
      let dataDir = "";
      for (let i = 0; i < coldCount; i++) {
        // Each cold start in an empty DATA_DIR; the warm starts use the last one's.
        dataDir = mkdtempSync(join(tmpdir(), "briefing-bench-data-"));
        dataDirs.push(dataDir);
        log(`scaling: ${size} articles, cold start ${i + 1} of ${coldCount}`);
        colds.push((await measure(dir, dataDir, options.seed, "cold")) as ColdSample);
      }
      const warms: WarmSample[] = [];
      for (let i = 0; i < warmCount; i++) {
        log(`scaling: ${size} articles, start from the snapshot ${i + 1} of ${warmCount}`);
        warms.push((await measure(dir, dataDir, options.seed, "warm")) as WarmSample);
      }
      const cold = (figure: (sample: ColdSample) => number) => spread(colds.map(figure));
      const warm = (figure: (sample: WarmSample) => number) => spread(warms.map(figure));
      rows.push({
        articles: size,
        coldMs: cold((s) => s.parseMs + s.indexMs + s.saveMs),
        parseMs: cold((s) => s.parseMs),
        indexMs: cold((s) => s.indexMs),
        saveMs: cold((s) => s.saveMs),
        coldPeakRssMiB: cold((s) => s.peakRssMiB),
        readyMs: warm((s) => s.readyMs),
        syncMs: warm((s) => s.syncMs),
        indexLoadMs: warm((s) => s.indexLoadMs),
        processReadyMs: warm((s) => s.processReadyMs),
        readyRssMiB: warm((s) => s.readyRssMiB),
        servingRssMiB: warm((s) => s.servingRssMiB),
        servingHeapMiB: warm((s) => s.servingHeapMiB),
        peakRssMiB: warm((s) => s.peakRssMiB),
        inlineP50Ms: warm((s) => s.inline.p50),
        inlineP99Ms: warm((s) => s.inline.p99),
        commandP50Ms: warm((s) => s.command.p50),
        commandP99Ms: warm((s) => s.command.p99),
        searchP50Ms: warm((s) => s.search.p50),
        searchP99Ms: warm((s) => s.search.p99),
        changeSyncMs: warm((s) => s.changeSyncMs),
        changeServedMs: warm((s) => s.changeServedMs),
        changeSearchedMs: warm((s) => s.changeSearchedMs),
        changeIndexMs: warm((s) => s.changeIndexMs),
        changeLongestStallMs: warm((s) => s.changeLongestStallMs),
        watcherIdleCpuPercent: warm((s) => s.watcherIdleCpuShare * 100),
        fullLookCpuMs: warm((s) => s.fullLookCpuMs),
        repetitions: { cold: colds.length, warm: warms.length },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}
