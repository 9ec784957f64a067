import { afterEach, describe, expect, it } from "vitest";
import { BotApiStandIn } from "../support/bot-api-stand-in";
import { e2eToken, expectNoToken, httpGet, startBot, type BotProcess } from "../support/bot-process";

let standIn: BotApiStandIn | undefined;
let bot: BotProcess | undefined;

afterEach(async () => {
  await bot?.kill();
  await standIn?.close();
  standIn = undefined;
});

describe("start-up against the Bot API", () => {
  it("keeps trying while the Bot API is unreachable, says why, is unhealthy with a reason, and stops on SIGTERM", async () => {
    bot = startBot({ BOT_TOKEN: e2eToken, BOT_API_ROOT: "http://127.0.0.1:9", PORT: "0" });
    const port = Number((await bot.waitForLog((l) => l.msg?.startsWith("listening") === true, "the server's port")).port);
    const warning = await bot.waitForLog((l) => l.msg === "getMe at http://127.0.0.1:9 failed; trying again", "the retry warning");
    expect(warning.error).toMatchObject({ kind: "network", message: "Network request for 'getMe' failed!" });
    const health = await httpGet(port, "/healthz");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ status: "starting", reason: "contacting Telegram" });
    bot.signal("SIGTERM");
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expectNoToken(bot.output());
  });

  it("stops with exit code 2 and one sentence when Telegram refuses the token", async () => {
    standIn = await BotApiStandIn.start({ token: "7000000001:AAOtherTokenOtherTokenOtherToken_12345" });
    bot = startBot({ BOT_TOKEN: e2eToken, BOT_API_ROOT: standIn.apiRoot });
    expect((await bot.exited).code).toBe(2);
    expect(bot.stderr().trim()).toBe("Telegram refused BOT_TOKEN (401 Unauthorized): check the token with @BotFather, or try the bot without one: npm run demo.");
    expectNoToken(bot.output());
  });

  it("stops with exit code 1 naming the reason when Telegram refuses the webhook", async () => {
    standIn = await BotApiStandIn.start({ token: e2eToken });
    bot = startBot({
      BOT_TOKEN: e2eToken,
      BOT_API_ROOT: standIn.apiRoot,
      BOT_MODE: "webhook",
      PORT: "0",
      WEBHOOK_URL: "http://bot.example.com/telegram",
      WEBHOOK_SECRET: "e2e-webhook-secret-0123456789abcdef",
    });
    expect((await bot.exited).code).toBe(1);
    expect(bot.stderr().trim()).toBe(
      "Cannot start: Telegram did not accept the webhook http://bot.example.com/telegram (400: Bad Request: bad webhook: An HTTPS URL must be provided for webhook).",
    );
    expect(standIn.violations).toEqual(["setWebhook: bad webhook: An HTTPS URL must be provided for webhook"]);
    expectNoToken(bot.output());
  });
});
