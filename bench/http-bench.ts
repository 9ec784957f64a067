import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update, User } from "grammy/types";
import { BotApiStandIn } from "../test/support/bot-api-stand-in";
import { e2eToken, startBot } from "../test/support/bot-process";
import { percentile, spread, type Spread } from "./bench-stats";

/**
 * The bot over HTTP, as `npm start` runs it (`node --import tsx src/main.ts`, a process of
 * its own), against the end-to-end Bot API stand-in (`test/support/bot-api-stand-in.ts`),
 * which answers `sendMessage` only after `sendDelayMs`, as a network would. A burst of
 * `updates` messages from `chats` private chats is queued at once; each gets one answer.
 *
 * - answers/s: updates over the time from the burst to the last answer;
 * - latency: from an update queued at the stand-in to its answer arriving there (the
 *   k-th `sendMessage` to a chat answers that chat's k-th message: a chat's updates are
 *   handled in order).
 *
 * With the bot's normal polling (`@grammyjs/runner`, up to 500 updates at once) and with
 * `BOT_POLLING=sequential` (the same polling, one update at a time).
 */

export type PollingMode = "concurrent" | "sequential";

export interface HttpBenchRow {
  polling: PollingMode;
  answersPerSecond: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  repetitions: number;
}

export interface HttpBenchOptions {
  updates: number;
  chats: number;
  sendDelayMs: number;
  repetitions: Record<PollingMode, number>;
}

export const defaultHttpBenchOptions: HttpBenchOptions = {
  updates: 2_000,
  chats: 200,
  sendDelayMs: 20,
  repetitions: { concurrent: 3, sequential: 2 },
};

export interface IdleLatencyRow {
  /** Latency of one update at a time, from queued to answered, in ms: Briefing, bare grammY. */
  briefingP50Ms: Spread;
  bareP50Ms: Spread;
  /** Briefing's p50 over bare grammY's, per round. */
  ratio: Spread;
  rounds: number;
  updatesPerRound: number;
}

export interface IdleLatencyOptions {
  rounds: number;
  updatesPerRound: number;
  /** How long the stand-in takes to answer a sendMessage. */
  sendDelayMs: number;
}

export const defaultIdleLatencyOptions: IdleLatencyOptions = { rounds: 3, updatesPerRound: 40, sendDelayMs: 0 };

/** A bot process against a stand-in of its own, polling and ready for updates. */
async function idleBot(command: readonly string[] | undefined, sendDelayMs: number) {
  const standIn = await BotApiStandIn.start({ token: e2eToken });
  if (sendDelayMs > 0) standIn.fault("sendMessage", { delayMs: sendDelayMs });
  const dataDir = mkdtempSync(join(tmpdir(), "briefing-bench-data-"));
  const env = { BOT_TOKEN: e2eToken, BOT_API_ROOT: standIn.apiRoot, CONTENT_DIR: "content", DATA_DIR: dataDir, LOG_LEVEL: "info" };
  const bot = command ? startBot(env, command) : startBot(env);
  await bot.waitForLog((line) => line.msg === "taking updates", "start-up", 60_000);
  await standIn.waitForCall("getUpdates");
  return {
    /** Sends one message and resolves with the ms until its answer reached the stand-in. */
    async one(text: string, reader: number): Promise<number> {
      const start = performance.now();
      // A reader of its own for every few messages: Briefing's spam limit is not what is measured.
      await standIn.ask(text, { from: { id: 70_000 + reader, is_bot: false, first_name: `Reader${reader}` } });
      return performance.now() - start;
    },
    async close() {
      bot.signal("SIGTERM");
      await Promise.race([bot.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await bot.kill();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An idle bot's reply latency over HTTP, Briefing (`npm start`'s process, its normal polling)
 * next to bare grammY (`bench/bare-http-bot.ts`, `bot.start()`): one message at a time, each
 * sent once the one before was answered, to each bot in turn, so both see the same machine.
 */
export async function runIdleLatencyBench(options: IdleLatencyOptions = defaultIdleLatencyOptions, log: (line: string) => void = () => {}): Promise<IdleLatencyRow> {
  const briefing = await idleBot(undefined, options.sendDelayMs);
  const bare = await idleBot([process.execPath, "--import", "tsx", "bench/bare-http-bot.ts"], options.sendDelayMs);
  try {
    // Warm-up: the first answers compile the paths.
    for (let i = 0; i < 10; i++) {
      await briefing.one("/attendees", i);
      await bare.one("/attendees", i);
    }
    const rounds: { briefing: number; bare: number }[] = [];
    for (let round = 0; round < options.rounds; round++) {
      log(`http: idle latency, round ${round + 1} of ${options.rounds}`);
      const times = { briefing: [] as number[], bare: [] as number[] };
      for (let i = 0; i < options.updatesPerRound; i++) {
        const text = texts[i % texts.length] as string;
        const reader = 100 + round * options.updatesPerRound + i;
        times.briefing.push(await briefing.one(text, reader));
        times.bare.push(await bare.one(text, reader));
      }
      rounds.push({
        briefing: percentile(times.briefing.sort((a, b) => a - b), 0.5),
        bare: percentile(times.bare.sort((a, b) => a - b), 0.5),
      });
    }
    return {
      briefingP50Ms: spread(rounds.map((r) => r.briefing)),
      bareP50Ms: spread(rounds.map((r) => r.bare)),
      ratio: spread(rounds.map((r) => r.briefing / r.bare)),
      rounds: options.rounds,
      updatesPerRound: options.updatesPerRound,
    };
  } finally {
    await Promise.all([briefing.close(), bare.close()]);
  }
}

/** What the readers send, in turn: commands and questions, one answer each. */
const texts = ["/attendees", "who attended?", "/agenda", "what did Lebedev say?", "/quotes shoigu", "/summary"];

/** One burst against a freshly started bot; returns answers per second and the latencies, sorted. */
async function burst(polling: PollingMode, options: HttpBenchOptions): Promise<{ answersPerSecond: number; latencies: number[] }> {
  const standIn = await BotApiStandIn.start({ token: e2eToken });
  standIn.fault("sendMessage", { delayMs: options.sendDelayMs });
  const dataDir = mkdtempSync(join(tmpdir(), "briefing-bench-data-"));
  const bot = startBot({
    BOT_TOKEN: e2eToken,
    BOT_API_ROOT: standIn.apiRoot,
    CONTENT_DIR: "content",
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    ...(polling === "sequential" ? { BOT_POLLING: "sequential" } : {}),
  });
  try {
    await bot.waitForLog((line) => line.msg === "taking updates", "start-up", 60_000);
    await standIn.waitForCall("getUpdates");

    const readers: User[] = Array.from({ length: options.chats }, (_, i) => ({ id: 60_000 + i, is_bot: false, first_name: `Reader${i}` }));
    /** Per chat: when each of its updates was queued, and when each answer arrived. */
    const queuedAt = new Map<number, number[]>();
    const answeredAt = new Map<number, number[]>();
    let seen = 0;
    let answers = 0;
    const done = standIn.waitUntil(
      () => {
        // Called after every call the stand-in records: note the answers that arrived since.
        const now = performance.now();
        for (; seen < standIn.calls.length; seen++) {
          const call = standIn.calls[seen];
          if (call?.method !== "sendMessage") continue;
          const chat = Number(call.payload.chat_id);
          answeredAt.set(chat, [...(answeredAt.get(chat) ?? []), now]);
          answers++;
        }
        return answers >= options.updates;
      },
      `${options.updates} answers`,
      300_000,
    );
    const start = performance.now();
    for (let i = 0; i < options.updates; i++) {
      const reader = readers[i % readers.length] as User;
      const update: Update = standIn.userSends(texts[Math.floor(i / readers.length) % texts.length] as string, { from: reader });
      const chat = update.message?.chat.id ?? reader.id;
      queuedAt.set(chat, [...(queuedAt.get(chat) ?? []), performance.now()]);
    }
    await done;
    const elapsedMs = performance.now() - start;
    if (standIn.violations.length > 0) throw new Error(`the stand-in refused what the bot sent:\n${standIn.violations.slice(0, 5).join("\n")}`);

    const latencies: number[] = [];
    for (const [chat, queued] of queuedAt) {
      const answered = answeredAt.get(chat) ?? [];
      queued.forEach((at, k) => latencies.push((answered[k] ?? Number.NaN) - at));
    }
    return { answersPerSecond: options.updates / (elapsedMs / 1000), latencies: latencies.sort((a, b) => a - b) };
  } finally {
    bot.signal("SIGTERM");
    await Promise.race([bot.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    await bot.kill();
    await standIn.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Runs the bursts: the concurrent ones one after another; the sequential ones all at once,
 * each bot against a stand-in of its own. A sequential burst takes `updates` × `sendDelayMs`
 * (40 s), almost all of it waiting for answers, so running them side by side costs each
 * little, and keeps the whole within the time budget.
 */
export async function runHttpBench(options: HttpBenchOptions = defaultHttpBenchOptions, log: (line: string) => void = () => {}): Promise<HttpBenchRow[]> {
  const row = (polling: PollingMode, bursts: readonly { answersPerSecond: number; latencies: number[] }[]): HttpBenchRow => ({
    polling,
    answersPerSecond: spread(bursts.map((b) => b.answersPerSecond)),
    p50Ms: spread(bursts.map((b) => percentile(b.latencies, 0.5))),
    p99Ms: spread(bursts.map((b) => percentile(b.latencies, 0.99))),
    repetitions: bursts.length,
  });
  const concurrent = [];
  for (let i = 0; i < options.repetitions.concurrent; i++) {
    log(`http: concurrent polling, burst ${i + 1} of ${options.repetitions.concurrent}`);
    concurrent.push(await burst("concurrent", options));
  }
  log(`http: sequential polling, ${options.repetitions.sequential} bursts side by side`);
  const sequential = await Promise.all(Array.from({ length: options.repetitions.sequential }, () => burst("sequential", options)));
  return [row("concurrent", concurrent), row("sequential", sequential)];
}
