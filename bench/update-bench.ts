import type { Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import type { Library } from "../src/library/library";
import {
  buttonUpdate,
  createBareBot,
  createFullBot,
  createReplayBot,
  handleAnswered,
  inlineUpdate,
  readerCount,
  recordCalls,
  textUpdate,
  type CountedBot,
} from "./bench-bots";
import { spread, type Spread } from "./bench-stats";

/**
 * What an update costs in Briefing next to bare grammY: updates per second through the
 * whole bot (`createRuntimeBot`, all its middleware) and through a bare grammY bot that
 * answers the same update types with fixed strings, both on the same no-network Bot API.
 *
 * A third bot, bare grammY replaying Briefing's own calls (the same payloads), tells the
 * two costs apart: Briefing's answers being larger (grammY serialises every byte of them)
 * and what Briefing itself does (routing, search, rendering, metrics).
 *
 * Updates are handled one after another (`await bot.handleUpdate`), so a figure is the
 * cost of one update on one core. It is counted in this process's CPU time rather than
 * wall-clock time, so that other work on the machine takes less off it; and the bots' runs
 * alternate (bare, Briefing, replay, bare, ...) so that whatever remains hits all alike.
 */

export interface UpdateBenchRow {
  /** What the row sends. */
  update: string;
  /** Updates per CPU second, over the repetitions. */
  bare: Spread;
  full: Spread;
  replay: Spread;
  /** full / bare of each repetition's neighbouring runs. */
  ratio: Spread;
  /** full / replay, the same way: Briefing's own cost, its payloads' size aside. */
  ratioToReplay: Spread;
  /** Mean size of the JSON Briefing sends per update, in bytes. */
  payloadBytes: number;
  repetitions: number;
}

export interface UpdateBenchOptions {
  repetitions: number;
  /** How long each run lasts, in ms of CPU time. */
  runMs: number;
  /** Warm-up before the timed runs, per bot and row, in ms. */
  warmUpMs: number;
}

export const defaultUpdateBenchOptions: UpdateBenchOptions = { repetitions: 7, runMs: 150, warmUpMs: 300 };

interface Row {
  update: string;
  make: (reader: number) => Update;
}

/** The rows: a command, an inline query, a plain question, a button; each cycles through a few inputs and 200 readers. */
export function updateRows(): Row[] {
  const cycle = <T>(items: readonly T[]) => (n: number) => items[n % items.length] as T;
  const inlineQuery = cycle(["shoigu", "Лебедев", "defense cooperation", "baku"]);
  const question = cycle(["who attended?", "what did Lebedev say?", "what was discussed?", "shoigu"]);
  return [
    { update: "/attendees", make: (n) => textUpdate("/attendees", n) },
    { update: "inline query", make: (n) => inlineUpdate(inlineQuery(n), n) },
    { update: "plain-text question", make: (n) => textUpdate(question(n), n) },
    { update: "callback button", make: (n) => buttonUpdate("topic:agenda", n) },
  ];
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/**
 * Handles the updates one after another, again and again, for about `ms` of CPU time; returns
 * updates per CPU second. Throws if any update went unanswered (`handleAnswered`).
 */
async function run(bot: CountedBot<Bot<Context>>, updates: readonly Update[], ms: number): Promise<number> {
  let handled = 0;
  const start = process.cpuUsage();
  let used = 0;
  while (used < ms) {
    await handleAnswered(bot, updates);
    handled += updates.length;
    used = cpuMs(start);
  }
  return handled / (used / 1000);
}

/** Runs every row: bare, Briefing and replay in turn, `repetitions` times each. */
export async function runUpdateBench(
  library: () => Library,
  options: UpdateBenchOptions = defaultUpdateBenchOptions,
  log: (line: string) => void = () => {},
): Promise<UpdateBenchRow[]> {
  const rows: UpdateBenchRow[] = [];
  for (const row of updateRows()) {
    log(`updates: ${row.update}`);
    const updates = Array.from({ length: readerCount * 2 }, (_, n) => row.make(n));
    const calls = await recordCalls(library, updates);
    const bytes = [...calls.values()].flat().reduce((sum, call) => sum + JSON.stringify(call.payload).length, 0);
    // Bots of their own per row, so no row inherits another's caches or chat state.
    const bots = { bare: createBareBot(), full: createFullBot(library) as unknown as CountedBot<Bot<Context>>, replay: createReplayBot(calls) };
    for (const bot of Object.values(bots)) await run(bot, updates, options.warmUpMs);
    const rates = { bare: [] as number[], full: [] as number[], replay: [] as number[] };
    const ratios: number[] = [];
    const ratiosToReplay: number[] = [];
    for (let i = 0; i < options.repetitions; i++) {
      const bare = await run(bots.bare, updates, options.runMs);
      const full = await run(bots.full, updates, options.runMs);
      const replay = await run(bots.replay, updates, options.runMs);
      rates.bare.push(bare);
      rates.full.push(full);
      rates.replay.push(replay);
      ratios.push(full / bare);
      ratiosToReplay.push(full / replay);
    }
    rows.push({
      update: row.update,
      bare: spread(rates.bare),
      full: spread(rates.full),
      replay: spread(rates.replay),
      ratio: spread(ratios),
      ratioToReplay: spread(ratiosToReplay),
      payloadBytes: Math.round(bytes / updates.length),
      repetitions: options.repetitions,
    });
  }
  return rows;
}
