/**
 * The finding, replayed: two instances on one Redis, Redis loses its
 * data under them, a third instance starts after it and begins a new ledger,
 * the old two stop. Every instance says the ledger is gone (not only the
 * poster); the third says the ledger is new (log and admins); and AUTOPOST's
 * safety window (AUTOPOST_MAX_AGE, 48 h by default) keeps the 2019 article,
 * which the content still holds, out of the channel throughout.
 */
import pino from "pino";
import { afterAll, expect, it } from "vitest";
import { connectRedis, type RedisConnection } from "../../src/storage/redis-connection";
import { BotApiStandIn, users } from "../support/bot-api-stand-in";
import { e2eToken, freePort, httpGet, metric, startBot, type BotProcess } from "../support/bot-process";
import { describeWithRedis, startRedisServer, type RedisServer } from "../support/redis-server";

const channel = "@briefing_news";
const admin = users.editor;

describeWithRedis(
  "AUTOPOST's safety window with Redis emptied under running instances",
  () => {
    let redis: RedisServer;
    let standIn: BotApiStandIn;
    let connection: RedisConnection;
    const bots: BotProcess[] = [];
    const ports: number[] = [];
    afterAll(async () => {
      if (process.env.E2E_LOGS) for (const bot of bots) console.log(bot.output());
      await Promise.all(bots.map((bot) => bot.kill()));
      await connection?.close();
      await standIn?.close();
      await redis?.stop();
    });

    it("every instance reports the ledger gone, the third says it began a new one, and the 2019 article is never posted", { timeout: 60_000 }, async () => {
      redis = await startRedisServer();
      standIn = await BotApiStandIn.start({ token: e2eToken });
      standIn.startedBy(admin);
      connection = connectRedis({ url: redis.url, prefix: "test-observer:", logger: pino({ level: "silent" }) });
      await connection.whenUp(5000);
      const start = async (i: number) => {
        ports[i] ??= await freePort();
        const port = ports[i] as number;
        const bot = startBot({
          BOT_TOKEN: e2eToken,
          BOT_API_ROOT: standIn.apiRoot,
          BOT_MODE: "webhook",
          PORT: String(port),
          WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
          WEBHOOK_SECRET: "e2e-webhook-secret-0123456789abcdef",
          REDIS_URL: redis.url,
          REDIS_LEASE_MS: "2000",
          CHANNEL_ID: channel,
          ADMIN_IDS: String(admin.id),
          CONTENT_DIR: "test/fixtures/baku",
          // AUTOPOST on and AUTOPOST_MAX_AGE unset: the defaults, 48 hours.
        });
        bots[i] = bot;
        await bot.waitForLog((l) => l.msg === "taking updates", `instance ${i} taking updates`);
        return bot;
      };
      const channelSends = () => standIn.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === channel);
      const adminTexts = () => standIn.sentTo(admin.id).map((m) => m.text ?? "");
      const told = (start: string) => adminTexts().filter((t) => t.startsWith(start));
      const health = async (i: number) => JSON.parse((await httpGet(ports[i] as number, "/healthz")).body) as { status: string; reason?: string };
      const poster = async (i: number) => metric((await httpGet(ports[i] as number, "/metrics")).body, "briefing_channel_poster");

      await Promise.all([start(0), start(1)]);
      // The first start on this Redis: one of the two began the ledger and says so; the poster holds the old article back.
      await standIn.waitUntil(() => told("AUTOPOST held back 1 article").length === 1, "the admins told the 2019 article was held back");
      expect(told("⚠️ The post ledger is new")).toHaveLength(1);
      expect(bots.filter((bot) => bot.logs().some((l) => String(l.msg).startsWith("channel: the post ledger is new")))).toHaveLength(1);

      // Redis loses its data (a restart without persistence, a FLUSHALL).
      await connection.client.flushall();
      for (const i of [0, 1]) {
        const deadline = Date.now() + 10_000;
        while (!(await health(i)).reason?.includes("the ledger in Redis is gone")) {
          if (Date.now() > deadline) throw new Error(`instance ${i} did not notice: ${JSON.stringify(await health(i))}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(await health(i)).toMatchObject({ status: "degraded", reason: expect.stringContaining("the ledger in Redis is gone") });
        expect(bots[i]?.logs().some((l) => String(l.msg).includes("the ledger in Redis is gone"))).toBe(true);
      }

      // A third instance starts on the empty Redis: it begins a new ledger, and says so.
      await start(2);
      await standIn.waitUntil(() => told("⚠️ The post ledger is new").length === 2, "the admins told of the new ledger");
      expect(bots[2]?.logs().some((l) => String(l.msg).startsWith("channel: the post ledger is new"))).toBe(true);
      expect(await health(2)).toMatchObject({ status: "ready" });

      // The old two stop; the third takes over posting, and holds the archive back.
      for (const i of [0, 1]) bots[i]?.signal("SIGTERM");
      expect(await Promise.all([bots[0]?.exited, bots[1]?.exited])).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
      const deadline = Date.now() + 15_000;
      while ((await poster(2)) !== 1) {
        if (Date.now() > deadline) throw new Error("the third instance never became the poster");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await standIn.waitUntil(() => told("AUTOPOST held back 1 article").length === 2, "the third instance's check, holding the article back");
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(channelSends()).toHaveLength(0);
      expect(standIn.violations).toEqual([]);
      bots[2]?.signal("SIGTERM");
      expect(await bots[2]?.exited).toEqual({ code: 0, signal: null });
    });
  },
  { ownServer: true },
);
