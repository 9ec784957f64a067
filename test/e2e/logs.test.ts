import { afterEach, describe, expect, it } from "vitest";
import { BotApiStandIn, users } from "../support/bot-api-stand-in";
import { e2eToken, expectNoToken, startBot, type BotProcess } from "../support/bot-process";

let standIn: BotApiStandIn | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.kill();
  await standIn?.close();
});


describe("logs", () => {
  it("tell Bot API refusals from network failures, with the update, and never show the token", async () => {
    standIn = await BotApiStandIn.start({ token: e2eToken });
    standIn.fault("setMyCommands", { error: 500 }, 1);
    standIn.fault("getUpdates", { disconnect: true }, 1);
    standIn.fault("getUpdates", { error: 502, description: "Bad Gateway" }, 1);
    bot = startBot({ BOT_TOKEN: e2eToken, BOT_API_ROOT: standIn.apiRoot, LOG_LEVEL: "trace" });
    await bot.waitForLog((l) => l.msg === "taking updates", "start-up");

    standIn.fault("sendMessage", { error: 403, description: "Forbidden: bot was blocked by the user" }, 1);
    const refused = standIn.userSends("/summary");
    const apiFailure = await bot.waitForLog((l) => l.msg === "update failed" && l.update_id === refused.update_id, "the refused update");
    expect(apiFailure).toMatchObject({ update_type: "message", error: { kind: "bot_api", method: "sendMessage", error_code: 403, description: "Forbidden: bot was blocked by the user" } });

    standIn.fault("sendMessage", { disconnect: true }, 1);
    const cut = standIn.userSends("/agenda");
    const networkFailure = await bot.waitForLog((l) => l.msg === "update failed" && l.update_id === cut.update_id, "the cut-off update");
    expect(networkFailure).toMatchObject({ update_type: "message", error: { kind: "network", message: "Network request for 'sendMessage' failed!" } });
    // The underlying error named the URL, token included: it was there, and it was replaced.
    expect(String((networkFailure.error as { cause?: string }).cause)).toContain("/bot[redacted]/sendMessage");

    // And the bot goes on.
    standIn.userSends("/source");
    await standIn.waitUntil(() => standIn?.sentTo(users.reader.id).length === 1, "the answer after the failures");
    expect(bot.logs().filter((l) => l.msg?.startsWith("getUpdates"))).toHaveLength(2);
    expect(bot.logs().some((l) => l.msg?.startsWith("could not register the command menu"))).toBe(true);

    bot.signal("SIGTERM");
    expect((await bot.exited).code).toBe(0);
    expectNoToken(bot.output());
  });

  it("are for people when asked (LOG_FORMAT=pretty), still without the token", async () => {
    standIn = await BotApiStandIn.start({ token: e2eToken });
    bot = startBot({ BOT_TOKEN: e2eToken, BOT_API_ROOT: standIn.apiRoot, LOG_FORMAT: "pretty", LOG_LEVEL: "trace" });
    standIn.fault("sendMessage", { disconnect: true }, 1);
    await standIn.waitForCall("getUpdates");
    standIn.userSends("/summary");
    await standIn.waitForCall("sendMessage");
    bot.signal("SIGTERM");
    expect((await bot.exited).code).toBe(0);
    const output = bot.output();
    expect(output).toMatch(/INFO.*taking updates/);
    expect(output).toMatch(/ERROR.*update failed/);
    expect(output).not.toMatch(/^\{"level"/m);
    expectNoToken(output);
  });
});
