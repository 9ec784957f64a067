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
 * Once with the bot's normal polling (`@grammyjs/runner`, up to 500 updates at once) and
 * once with `BOT_POLLING=sequential` (the same polling, one update at a time).
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
  // A sequential burst takes updates × sendDelayMs (40 s): two of those fit the time budget.
  repetitions: { concurrent: 3, sequential: 2 },
};

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

/** Runs the bursts, alternating the two ways of polling; `log` hears what is going on. */
export async function runHttpBench(options: HttpBenchOptions = defaultHttpBenchOptions, log: (line: string) => void = () => {}): Promise<HttpBenchRow[]> {
  const samples: Record<PollingMode, { rate: number[]; p50: number[]; p99: number[] }> = {
    concurrent: { rate: [], p50: [], p99: [] },
    sequential: { rate: [], p50: [], p99: [] },
  };
  const rounds = Math.max(options.repetitions.concurrent, options.repetitions.sequential);
  for (let round = 0; round < rounds; round++) {
    for (const polling of ["concurrent", "sequential"] as const) {
      if (round >= options.repetitions[polling]) continue;
      log(`http: ${polling} polling, burst ${round + 1} of ${options.repetitions[polling]}`);
      const { answersPerSecond, latencies } = await burst(polling, options);
      samples[polling].rate.push(answersPerSecond);
      samples[polling].p50.push(percentile(latencies, 0.5));
      samples[polling].p99.push(percentile(latencies, 0.99));
    }
  }
  return (["concurrent", "sequential"] as const).map((polling) => ({
    polling,
    answersPerSecond: spread(samples[polling].rate),
    p50Ms: spread(samples[polling].p50),
    p99Ms: spread(samples[polling].p99),
    repetitions: options.repetitions[polling],
  }));
}
