import { afterAll, expect, it } from "vitest";
import { BotApiStandIn, users } from "../support/bot-api-stand-in";
import { e2eToken, freePort, httpGet, startBot, type BotProcess } from "../support/bot-process";
import { describeWithRedis, startRedisServer, type RedisServer } from "../support/redis-server";

describeWithRedis(
  "an instance started while Redis is down",
  () => {
    let standIn: BotApiStandIn;
    let bot: BotProcess;
    let redis: RedisServer | undefined;
    afterAll(async () => {
      await bot?.kill();
      await standIn?.close();
      await redis?.stop();
    });

    it("starts, answers readers, posts nothing, and catches up by itself once Redis is there", async () => {
      standIn = await BotApiStandIn.start({ token: e2eToken });
      const [port, redisPort] = [await freePort(), await freePort()];
      bot = startBot({
        BOT_TOKEN: e2eToken,
        BOT_API_ROOT: standIn.apiRoot,
        BOT_MODE: "webhook",
        PORT: String(port),
        WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
        WEBHOOK_SECRET: "e2e-webhook-secret-0123456789abcdef",
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        REDIS_LEASE_MS: "2000",
        CHANNEL_ID: "@briefing_news",
        // The Baku article is from 2019: no safety window, so AUTOPOST posts it.
        AUTOPOST_MAX_AGE: "0",
        ADMIN_IDS: String(users.editor.id),
      });
      await bot.waitForLog((l) => l.msg === "taking updates", "start-up");
      expect(bot.logs().some((l) => l.msg === "redis: unreachable; answering from memory, not posting, retrying")).toBe(true);
      const health = await httpGet(port, "/healthz");
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ status: "degraded", reason: expect.stringContaining("redis unreachable") });

      standIn.userSends("/source");
      await standIn.waitUntil(() => standIn.sentTo(users.reader.id).length === 1, "an answer without Redis");
      const channelSends = () => standIn.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === "@briefing_news");
      expect(channelSends()).toHaveLength(0);

      redis = await startRedisServer({ port: redisPort });
      await bot.waitForLog((l) => l.msg === "redis: reachable again", "the reconnection");
      await standIn.waitUntil(() => channelSends().length === 1, "the article posted once Redis is there");
      expect(JSON.parse((await httpGet(port, "/healthz")).body)).toMatchObject({ status: "ready" });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(channelSends()).toHaveLength(1);
      expect(standIn.violations).toEqual([]);
    });
  },
  { ownServer: true },
);
