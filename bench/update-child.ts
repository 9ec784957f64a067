import type { Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import { loadContent } from "../src/content/load-content";
import { createLibrary } from "../src/library/library";
import { createBareBot, createFullBot, createReplayBot, handleAnswered, readerCount, recordCalls, type CountedBot } from "./bench-bots";
import { updateRows } from "./update-bench";

/**
 * One bot of `update-bench.ts`, in a process of its own, so that its garbage is collected on
 * its own time: bots sharing a heap share their collections, and the one that makes less
 * garbage pays for the other's. Driven by its parent over IPC, one request at a time:
 *
 * - `{ kind: "warm", ms }`: handles the row's updates for about `ms` of CPU time; answers `{ rate }`;
 * - `{ kind: "run", count }`: handles the next `count` updates (cycling through the row's);
 *   answers `{ cpuMs }`, the CPU time this process spent on them, its collections included;
 * - `{ kind: "stop" }`: exits.
 *
 * First it answers `{ ready, payloadBytes }`. An update that went unanswered answers `{ error }`.
 * Run as `node --import tsx bench/update-child.ts <row> <bare|full|replay>` with an IPC channel.
 */

export type ChildRequest = { kind: "warm"; ms: number } | { kind: "run"; count: number } | { kind: "stop" };
export type ChildAnswer = { ready: true; payloadBytes: number } | { rate: number } | { cpuMs: number } | { error: string };

const [rowName = "", botKind = ""] = process.argv.slice(2);
const send = (answer: ChildAnswer) => process.send?.(answer);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

try {
  const row = updateRows().find((candidate) => candidate.update === rowName);
  if (!row) throw new Error(`no row ${rowName}`);
  const content = await loadContent("content");
  if (!content.ok) throw new Error(`content/ has problems:\n${content.problems.join("\n")}`);
  const library = createLibrary(content.articles);
  const updates: Update[] = Array.from({ length: readerCount * 2 }, (_, n) => row.make(n));
  const calls = await recordCalls(() => library, updates);
  const payloadBytes = [...calls.values()].flat().reduce((sum, call) => sum + JSON.stringify(call.payload).length, 0) / updates.length;
  const bot = (
    botKind === "bare" ? createBareBot() : botKind === "replay" ? createReplayBot(calls) : botKind === "full" ? createFullBot(() => library) : undefined
  ) as CountedBot<Bot<Context>> | undefined;
  if (!bot) throw new Error(`no bot ${botKind}`);

  let next = 0;
  const take = (count: number): Update[] => Array.from({ length: count }, () => updates[next++ % updates.length] as Update);

  process.on("message", (request: ChildRequest) => {
    const answer = async (): Promise<ChildAnswer> => {
      if (request.kind === "stop") process.exit(0);
      if (request.kind === "warm") {
        const start = process.cpuUsage();
        let handled = 0;
        while (cpuMs(start) < request.ms) {
          await handleAnswered(bot, updates);
          handled += updates.length;
        }
        return { rate: handled / (cpuMs(start) / 1000) };
      }
      const slice = take(request.count);
      const start = process.cpuUsage();
      await handleAnswered(bot, slice);
      return { cpuMs: cpuMs(start) };
    };
    answer().then(send, (error: unknown) => send({ error: error instanceof Error ? error.message : String(error) }));
  });
  send({ ready: true, payloadBytes });
} catch (error) {
  send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
