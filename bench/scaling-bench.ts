import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { spread, type Spread } from "./bench-stats";
import { generateArticles } from "./generate-articles";
import type { ScalingSample } from "./scaling-child";
import { writeContentFolder } from "./write-content";

/**
 * How start-up, memory and answers grow with the content: for each size, generated
 * articles are written as YAML files into a temporary CONTENT_DIR, and each repetition
 * is a fresh process (`scaling-child.ts`) that loads them as `npm start` does and times
 * updates through the bot, so that no size or repetition inherits another's heap.
 */

export interface ScalingBenchRow {
  articles: number;
  /** `loadContent` + `createLibrary`: reading, parsing, validating, checking and indexing, in ms. */
  readyMs: Spread;
  loadMs: Spread;
  indexMs: Spread;
  /** From the process's start (Node, tsx, imports included) to the bot built, in ms. */
  processReadyMs: Spread;
  rssMiB: Spread;
  peakRssMiB: Spread;
  inlineP50Ms: Spread;
  inlineP99Ms: Spread;
  commandP50Ms: Spread;
  commandP99Ms: Spread;
  repetitions: number;
}

export interface ScalingBenchOptions {
  sizes: readonly number[];
  seed: number;
  repetitions: (size: number) => number;
}

export const defaultScalingBenchOptions: ScalingBenchOptions = {
  sizes: [1, 1_000, 10_000],
  seed: 20191030,
  // A process at 10,000 articles takes half a minute on a busy two-core machine.
  repetitions: (size) => (size >= 10_000 ? 2 : 3),
};

const run = promisify(execFile);
const child = fileURLToPath(new URL("./scaling-child.ts", import.meta.url));

async function measure(dir: string, seed: number): Promise<ScalingSample> {
  const { stdout } = await run(process.execPath, ["--expose-gc", "--import", "tsx", child, dir, String(seed)], {
    maxBuffer: 1 << 20,
  });
  const line = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as ScalingSample;
}

export async function runScalingBench(options: ScalingBenchOptions = defaultScalingBenchOptions, log: (line: string) => void = () => {}): Promise<ScalingBenchRow[]> {
  const rows: ScalingBenchRow[] = [];
  for (const size of options.sizes) {
    log(`scaling: writing ${size} articles`);
    const dir = writeContentFolder(generateArticles(size, options.seed));
    try {
      const samples: ScalingSample[] = [];
      for (let i = 0; i < options.repetitions(size); i++) {
        log(`scaling: ${size} articles, process ${i + 1} of ${options.repetitions(size)}`);
        samples.push(await measure(dir, options.seed));
      }
      const of = (figure: (sample: ScalingSample) => number) => spread(samples.map(figure));
      rows.push({
        articles: size,
        readyMs: of((s) => s.loadMs + s.indexMs),
        loadMs: of((s) => s.loadMs),
        indexMs: of((s) => s.indexMs),
        processReadyMs: of((s) => s.processReadyMs),
        rssMiB: of((s) => s.rssMiB),
        peakRssMiB: of((s) => s.peakRssMiB),
        inlineP50Ms: of((s) => s.inline.p50),
        inlineP99Ms: of((s) => s.inline.p99),
        commandP50Ms: of((s) => s.command.p50),
        commandP99Ms: of((s) => s.command.p99),
        repetitions: samples.length,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
