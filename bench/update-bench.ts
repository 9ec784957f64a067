import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Update } from "grammy/types";
import { buttonUpdate, inlineUpdate, textUpdate } from "./bench-bots";
import { spread, type Spread } from "./bench-stats";
import type { ChildAnswer, ChildRequest } from "./update-child";

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
 * cost of one update on one core, counted in CPU time rather than wall-clock time, so that
 * other work on the machine takes less off it. Each bot runs in a process of its own
 * (`update-child.ts`), so that each pays for its own garbage collection. The bots run side by side:
 * each round hands every bot the same updates in slices of `sliceUpdates`, the bots taking
 * turns slice by slice (the first of each turn rotating), so that a burst of load from
 * elsewhere falls on all three alike rather than on whichever ran then. A round is sized
 * from the warm-up so that it takes about `roundMs` of CPU; a bot's figure is the median
 * of its rounds, and a ratio the ratio of those medians.
 */

export interface UpdateBenchRow {
  /** What the row sends. */
  update: string;
  /** Updates per CPU second, over the rounds. */
  bare: Spread;
  full: Spread;
  replay: Spread;
  /** full / bare: the ratio of the medians, between the smallest and largest ratio of one round. */
  ratio: Spread;
  /** full / replay, the same way: Briefing's own cost, its payloads' size aside. */
  ratioToReplay: Spread;
  /** Mean size of the JSON Briefing sends per update, in bytes. */
  payloadBytes: number;
  /** Rounds, and the updates each bot handled in each. */
  repetitions: number;
  updatesPerRound: number;
}

export interface UpdateBenchOptions {
  /** Rounds per row. */
  repetitions: number;
  /** About how long one round takes, all bots together, in ms of CPU time. */
  roundMs: number;
  /** Updates a bot handles before the next takes its turn. */
  sliceUpdates: number;
  /** Warm-up before the timed rounds, per bot and row, in ms of CPU time. */
  warmUpMs: number;
}

export const defaultUpdateBenchOptions: UpdateBenchOptions = { repetitions: 15, roundMs: 500, sliceUpdates: 50, warmUpMs: 500 };

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

/** One bot of a row, in its own process (`update-child.ts`). */
interface BotProcess {
  payloadBytes: number;
  /** Handles the row's updates for about `ms` of CPU time; resolves to updates per CPU second. */
  warm(ms: number): Promise<number>;
  /** Handles the next `count` updates; resolves to the CPU time that took, in ms. */
  run(count: number): Promise<number>;
  stop(): void;
}

const childScript = fileURLToPath(new URL("./update-child.ts", import.meta.url));

/** Starts the process of one bot of `row` and waits until it is ready. Rejects, naming it, if it fails. */
async function startBot(row: string, kind: "bare" | "full" | "replay"): Promise<BotProcess> {
  const child = fork(childScript, [row, kind], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let pending: { resolve: (answer: ChildAnswer) => void; reject: (error: Error) => void } | undefined;
  const failed = (error: Error) => {
    pending?.reject(error);
    pending = undefined;
  };
  child.on("message", (answer: ChildAnswer) => {
    if ("error" in answer) failed(new Error(`${kind} bot, ${row}: ${answer.error}`));
    else {
      pending?.resolve(answer);
      pending = undefined;
    }
  });
  child.on("exit", (code) => failed(new Error(`${kind} bot, ${row}: its process exited (${code})`)));
  const ask = (request?: ChildRequest) =>
    new Promise<ChildAnswer>((resolve, reject) => {
      pending = { resolve, reject };
      if (request) child.send(request);
    });
  const ready = await ask();
  return {
    payloadBytes: "payloadBytes" in ready ? ready.payloadBytes : 0,
    warm: async (ms) => {
      const answer = await ask({ kind: "warm", ms });
      return "rate" in answer ? answer.rate : Number.NaN;
    },
    run: async (count) => {
      const answer = await ask({ kind: "run", count });
      return "cpuMs" in answer ? answer.cpuMs : Number.NaN;
    },
    stop: () => {
      child.removeAllListeners("exit");
      child.kill();
    },
  };
}

/**
 * Runs `bots` side by side for `rounds` rounds: in each, every bot handles `perRound` updates,
 * `sliceUpdates` at a time in turns (the first of each turn rotating), one bot working at a
 * time. Returns each bot's updates per CPU second in each round.
 */
async function sideBySide(bots: readonly BotProcess[], options: { rounds: number; perRound: number; sliceUpdates: number }): Promise<number[][]> {
  const rates = bots.map(() => [] as number[]);
  let turn = 0;
  for (let round = 0; round < options.rounds; round++) {
    const used = bots.map(() => 0);
    for (let done = 0; done < options.perRound; done += options.sliceUpdates) {
      const size = Math.min(options.sliceUpdates, options.perRound - done);
      for (let k = 0; k < bots.length; k++) {
        const i = (turn + k) % bots.length;
        used[i] = (used[i] as number) + (await (bots[i] as BotProcess).run(size));
      }
      turn++;
    }
    used.forEach((ms, i) => rates[i]?.push(options.perRound / (ms / 1000)));
  }
  return rates;
}

/** Runs every row: bare, Briefing and replay side by side, `repetitions` rounds each. */
export async function runUpdateBench(options: UpdateBenchOptions = defaultUpdateBenchOptions, log: (line: string) => void = () => {}): Promise<UpdateBenchRow[]> {
  const rows: UpdateBenchRow[] = [];
  for (const row of updateRows()) {
    log(`updates: ${row.update}, starting its bots`);
    // Processes of their own per row and bot, so no row inherits another's caches or chat state, and no bot another's garbage.
    const bots = await Promise.all((["bare", "full", "replay"] as const).map((kind) => startBot(row.update, kind)));
    try {
      const warm = [];
      for (const bot of bots) warm.push(await bot.warm(options.warmUpMs));
      // Updates per round: what all three handle in about roundMs at their warm-up speed, in whole slices.
      const msPerUpdate = warm.reduce((sum, rate) => sum + 1000 / rate, 0);
      const perRound = Math.max(1, Math.round(options.roundMs / msPerUpdate / options.sliceUpdates)) * options.sliceUpdates;
      log(`updates: ${row.update}, ${options.repetitions} rounds of ${perRound} updates per bot`);
      const [bare = [], full = [], replay = []] = await sideBySide(bots, { rounds: options.repetitions, perRound, sliceUpdates: options.sliceUpdates });
      const ratioOfMedians = (a: number[], b: number[]): Spread => {
        const perRoundRatios = spread(a.map((value, i) => value / (b[i] as number)));
        return { median: spread(a).median / spread(b).median, min: perRoundRatios.min, max: perRoundRatios.max };
      };
      rows.push({
        update: row.update,
        bare: spread(bare),
        full: spread(full),
        replay: spread(replay),
        ratio: ratioOfMedians(full, bare),
        ratioToReplay: ratioOfMedians(full, replay),
        payloadBytes: Math.round(bots[1]?.payloadBytes ?? 0),
        repetitions: options.repetitions,
        updatesPerRound: perRound,
      });
    } finally {
      for (const bot of bots) bot.stop();
    }
  }
  return rows;
}
