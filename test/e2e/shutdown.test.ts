import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { BotApiStandIn, users } from "../support/bot-api-stand-in";
import { e2eToken, startBot, type BotProcess } from "../support/bot-process";

let standIn: BotApiStandIn | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.kill();
  await standIn?.close();
  expect(standIn?.violations).toEqual([]);
});

const readers = (from: number, count: number): User[] =>
  Array.from({ length: count }, (_, i) => ({ id: from + i, is_bot: false, first_name: `Reader ${from + i}` }));

async function startPollingBot(): Promise<{ standIn: BotApiStandIn; bot: BotProcess }> {
  standIn = await BotApiStandIn.start({ token: e2eToken });
  bot = startBot({ BOT_TOKEN: e2eToken, BOT_API_ROOT: standIn.apiRoot });
  await bot.waitForLog((l) => l.msg === "taking updates", "start-up");
  return { standIn, bot };
}

describe("stopping (long polling)", () => {
  it("on SIGTERM in the middle of a burst, answers every update it took and leaves the rest to Telegram", async () => {
    const { standIn, bot } = await startPollingBot();
    let release = () => {};
    standIn.fault("sendMessage", { hold: new Promise<void>((resolve) => (release = resolve)) });
    const burst = readers(5000, 30).map((from) => standIn.userSends("/summary", { from }));
    // All 30 answers are under way at once (the runner handles chats concurrently), none finished.
    await standIn.waitUntil(() => standIn.callsTo("sendMessage").length === burst.length, "30 answers under way");

    bot.signal("SIGTERM");
    await bot.waitForLog((l) => l.msg?.startsWith("stopping") === true, "stopping");
    const late = readers(6000, 10).map((from) => standIn.userSends("/summary", { from }));
    release();
    expect(await bot.exited).toEqual({ code: 0, signal: null });

    const { confirmedOffset } = standIn;
    for (const update of [...burst, ...late]) {
      const answers = standIn.sentTo(update.message?.chat.id ?? 0);
      // Confirmed (by the getUpdates offset) means Telegram forgets it: it must have been answered, once.
      expect(answers, `update ${update.update_id}`).toHaveLength(update.update_id < confirmedOffset ? 1 : 0);
    }
    expect(burst.every((u) => u.update_id < confirmedOffset)).toBe(true);
    // What came after SIGTERM was not taken: Telegram still holds it for the next start.
    expect(standIn.pending.map((u) => u.update_id)).toEqual(late.map((u) => u.update_id));
    expect(bot.logs().at(-1)).toMatchObject({ msg: "stopped", exit_code: 0 });
  });

  it("exits at once, non-zero, on a second signal", async () => {
    const { standIn, bot } = await startPollingBot();
    standIn.fault("sendMessage", { hold: new Promise(() => {}) });
    standIn.userSends("/summary");
    await standIn.waitForCall("sendMessage");
    bot.signal("SIGTERM");
    await bot.waitForLog((l) => l.msg?.startsWith("stopping") === true, "stopping");
    // Signals within a second of the first count as the same one (npm passes the first one on).
    await new Promise((resolve) => setTimeout(resolve, 1200));
    bot.signal("SIGINT");
    expect(await bot.exited).toEqual({ code: 130, signal: null });
    expect(bot.logs().some((l) => l.msg?.startsWith("second signal"))).toBe(true);
  });

  it("stops cleanly when npm start's process group gets Ctrl-C (npm, sh and node all get SIGINT)", async () => {
    standIn = await BotApiStandIn.start({ token: e2eToken });
    bot = startBot({ BOT_TOKEN: e2eToken, BOT_API_ROOT: standIn.apiRoot }, ["npm", "start"]);
    await bot.waitForLog((l) => l.msg === "taking updates", "start-up");
    let release = () => {};
    standIn.fault("sendMessage", { hold: new Promise<void>((resolve) => (release = resolve)) }, 1);
    standIn.userSends("/summary");
    await standIn.waitForCall("sendMessage");
    bot.signal("SIGINT");
    await bot.waitForLog((l) => l.msg?.startsWith("stopping") === true, "stopping");
    release();
    expect(await bot.waitForLog((l) => l.msg === "stopped", "stopped")).toMatchObject({ exit_code: 0 });
    expect(bot.logs().filter((l) => l.msg?.startsWith("stopping") || l.msg?.startsWith("second signal"))).toHaveLength(1);
    expect(standIn.sentTo(users.reader.id)).toHaveLength(1);
  });
});
