/**
 * Two bot processes in webhook mode behind a load balancer, sharing one
 * Redis, against the Bot API stand-in: a /publish begun on one and finished
 * on the other, a redelivery sent to the other instance, the poster killed
 * with kill -9 (outside and inside the send window), and Redis killed and
 * restarted under load. Counts what matters: posts, duplicates, updates
 * handled twice, updates lost.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message, Update, User } from "grammy/types";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRedisPostLedger } from "../../src/channel/redis-post-ledger";
import { connectRedis, type RedisConnection } from "../../src/storage/redis-connection";
import { BotApiStandIn, users } from "../support/bot-api-stand-in";
import { e2eToken, freePort, httpGet, metric, startBot, type BotProcess } from "../support/bot-process";
import { startLoadBalancer, type LoadBalancer } from "../support/load-balancer";
import { describeWithRedis, startRedisServer, type RedisServer } from "../support/redis-server";

const secret = "e2e-webhook-secret-0123456789abcdef";
const channel = "@briefing_news";
const LEASE_MS = 2000;
const admin = users.editor;

/** The real article, and copies `story-2`… that AUTOPOST leaves alone (due in 2099) until an admin acts. */
function writeContent(): string {
  const dir = mkdtempSync(join(tmpdir(), "briefing-content-"));
  const real = readFileSync(join("test/fixtures/baku", "cis-defense-ministers-baku.yaml"), "utf8");
  writeFileSync(join(dir, "story-1.yaml"), real);
  for (const n of [2, 3, 4]) {
    const copy = real
      .replace(/^id: .*$/m, `id: story-${n}`)
      .replace(/^headline: (.*)$/m, `headline: "Story ${n}: $1"`)
      .replace(/^tags: (.*)$/m, `publishAt: 2099-01-01T00:00:00Z\ntags: $1`);
    writeFileSync(join(dir, `story-${n}.yaml`), copy);
  }
  return dir;
}

describeWithRedis("several instances sharing Redis, behind a load balancer", () => {
  let redis: RedisServer;
  let standIn: BotApiStandIn;
  let lb: LoadBalancer;
  let ledgerConnection: RedisConnection;
  const ports: number[] = [];
  const bots: BotProcess[] = [];
  let contentDir: string;
  let dataDir: string;
  const tally = { kills: 0, redisRestarts: 0, updatesSent: 0 };

  const env = (port: number) => ({
    BOT_TOKEN: e2eToken,
    BOT_API_ROOT: standIn.apiRoot,
    BOT_MODE: "webhook",
    PORT: String(port),
    WEBHOOK_URL: `${lb.url}/telegram/hook`,
    WEBHOOK_SECRET: secret,
    REDIS_URL: redis.url,
    REDIS_LEASE_MS: String(LEASE_MS),
    CHANNEL_ID: channel,
    // The Baku article is from 2019: no safety window, so AUTOPOST posts it (test/e2e/safety-window.test.ts has the window).
    AUTOPOST_MAX_AGE: "0",
    ADMIN_IDS: String(admin.id),
    CONTENT_DIR: contentDir,
    DATA_DIR: dataDir,
  });
  /** Starts instance `i` (again) on its port. */
  async function start(i: number): Promise<BotProcess> {
    const bot = startBot(env(ports[i] as number));
    bots[i] = bot;
    await bot.waitForLog((l) => l.msg === "taking updates", `instance ${i} taking updates`);
    return bot;
  }
  const metricsOf = async (i: number) => (await httpGet(ports[i] as number, "/metrics")).body;
  /** The instance that holds the poster lease, once exactly one of the live ones says it does. */
  async function poster(live: number[]): Promise<number> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const holders: number[] = [];
      for (const i of live) if (metric(await metricsOf(i), "briefing_channel_poster") === 1) holders.push(i);
      if (holders.length === 1) return holders[0] as number;
      if (Date.now() > deadline) throw new Error(`no single poster among ${live.join(", ")}: ${holders.join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const channelSends = () => standIn.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === channel);
  const postsOf = (storyHeadline: RegExp) => channelSends().filter((c) => storyHeadline.test(String(c.payload.text)));
  const adminTexts = () => standIn.sentTo(admin.id).map((m) => m.text ?? "");
  /** The admin's next message or button press, sent to instance `to` by the load balancer; resolves with the bot's first message to them after it that contains `expected`. */
  async function adminStep(to: number, act: () => Update, expected: string): Promise<Message> {
    const before = standIn.sentTo(admin.id).length;
    const update = act();
    // Routed before the delivery reaches the balancer (it is sent on a later tick), whatever else arrives meanwhile.
    lb.route(update.update_id, to);
    tally.updatesSent += 1;
    await standIn.waitUntil(() => lb.forwarded.some((f) => f.update_id === update.update_id && f.backend === to), `update ${update.update_id} at instance ${to}`);
    // The next step goes out as soon as this answer is seen, while the instance may still be saving the conversation: the lock holds the next step back until it has.
    return standIn.waitUntil(() => standIn.sentTo(admin.id).slice(before).find((m) => m.text?.includes(expected)), `"${expected}" in an answer to the admin`);
  }
  const buttonLabel = (message: Message, prefix: string) =>
    (message.reply_markup?.inline_keyboard.flat().find((b) => b.text.startsWith(prefix))?.text ?? `no button ${prefix}`);

  beforeAll(async () => {
    redis = await startRedisServer();
    standIn = await BotApiStandIn.start({ token: e2eToken });
    ports.push(await freePort(), await freePort());
    lb = await startLoadBalancer(ports);
    contentDir = writeContent();
    dataDir = mkdtempSync(join(tmpdir(), "briefing-data-"));
    await Promise.all([start(0), start(1)]);
    // The test's own view of the ledger, as a third process would see it.
    ledgerConnection = connectRedis({ url: redis.url, prefix: `briefing:${e2eToken.split(":")[0]}:`, logger: pino({ level: "silent" }) });
    await ledgerConnection.whenUp(5000);
  });

  afterAll(async () => {
    if (process.env.E2E_LOGS) for (const bot of bots) console.log(bot.output());
    await Promise.all(bots.map((bot) => bot.kill()));
    await ledgerConnection?.close();
    await lb?.close();
    await standIn?.close();
    await redis?.stop();
  });

  it("posts each article once between them, with one poster, and keeps nothing in DATA_DIR", async () => {
    await standIn.waitUntil(() => postsOf(/Council of CIS/).length === 1 && postsOf(/Council of CIS/)[0]?.errorCode === undefined, "the first article posted");
    await poster([0, 1]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(channelSends()).toHaveLength(1);
    expect(readdirSync(dataDir)).toEqual([]);
    expect(standIn.violations).toEqual([]);
  });

  it("continues a /publish begun on one instance on the other, and ignores a redelivery sent to the other", async () => {
    const list = await adminStep(0, () => standIn.userSends("/publish", { from: admin }), "Story 2");
    const choice = await adminStep(1, () => standIn.pressButton(list, buttonLabel(list, "Story 2"), admin), "Above: the post as it will appear");
    await adminStep(0, () => standIn.pressButton(choice, "Schedule", admin), "When should it go out?");
    const at = new Date(Date.now() + 6000);
    const timeUpdate = { update: undefined as Update | undefined };
    const done = await adminStep(1, () => (timeUpdate.update = standIn.userSends(at.toISOString().replace(/\.\d{3}Z$/, "Z"), { from: admin })), "Scheduled:");
    expect(done.text).toMatch(/^Scheduled: “Story 2: .*” goes out at/);
    const record = await createRedisPostLedger(ledgerConnection).get("story-2");
    expect(record).toMatchObject({ state: "scheduled", requestedBy: admin.id });
    expect(Math.abs((record?.scheduledAt ?? 0) - at.getTime())).toBeLessThan(1000);

    // Telegram missed instance 1's answer and delivers the same update again; the balancer sends it to instance 0.
    const answers = standIn.sentTo(admin.id).length;
    lb.route((timeUpdate.update as Update).update_id, 0);
    expect(await standIn.postToWebhook(timeUpdate.update as Update)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(standIn.sentTo(admin.id)).toHaveLength(answers);
    expect(metric(await metricsOf(0), 'briefing_webhook_rejected_total{reason="duplicate"}')).toBe(1);
  });

  it("when the poster is killed with kill -9, the other takes over and posts what was scheduled, once", async () => {
    const killed = await poster([0, 1]);
    const survivor = 1 - killed;
    const before = channelSends().length;
    const survivorPosted = metric(await metricsOf(survivor), 'briefing_channel_posts_total{outcome="posted"}');
    expect(postsOf(/Story 2:/)).toHaveLength(0); // still to come: the poster dies with it in its schedule
    (bots[killed] as BotProcess).signal("SIGKILL");
    expect(await (bots[killed] as BotProcess).exited).toMatchObject({ signal: "SIGKILL" });
    tally.kills += 1;
    expect(await poster([survivor])).toBe(survivor);
    await standIn.waitUntil(() => postsOf(/Story 2:/).length === 1, "story 2 posted by the survivor", 15_000);
    await standIn.waitUntil(() => adminTexts().some((t) => t.startsWith("Posted to @briefing_news: Story 2:")), "the admin told");
    expect(channelSends()).toHaveLength(before + 1);
    expect(metric(await metricsOf(survivor), 'briefing_channel_posts_total{outcome="posted"}')).toBe(survivorPosted + 1);
    await start(killed);
  });

  it("when the poster is killed inside the send window, the other marks the post uncertain, asks the admins, and never posts it again", async () => {
    const killed = await poster([0, 1]);
    const survivor = 1 - killed;
    let release = () => {};
    standIn.fault("sendMessage", { hold: new Promise<void>((resolve) => (release = resolve)) }, 1, (payload) => payload.chat_id === channel);
    const ledger = createRedisPostLedger(ledgerConnection);
    await ledger.requestPost({ articleId: "story-3", chatId: channel, by: admin.id, now: Date.now() });
    await standIn.waitUntil(() => postsOf(/Story 3:/).length === 1, "story 3 being sent");
    expect(await ledger.get("story-3")).toMatchObject({ state: "sending" });
    (bots[killed] as BotProcess).signal("SIGKILL");
    await (bots[killed] as BotProcess).exited;
    tally.kills += 1;
    await standIn.waitUntil(() => adminTexts().some((t) => t.includes("I may or may not have posted Story 3:")), "the admins asked", 15_000);
    release();
    expect(await ledger.get("story-3")).toMatchObject({ state: "uncertain" });
    expect(await poster([survivor])).toBe(survivor);
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS));
    expect(postsOf(/Story 3:/)).toHaveLength(1);
    await start(killed);
  });

  it("keeps answering while Redis is killed and restarted under load, says so in /healthz, posts nothing meanwhile, and loses nothing", { timeout: 90_000 }, async () => {
    const ledger = createRedisPostLedger(ledgerConnection);
    const before = channelSends().length;
    const readers: User[] = Array.from({ length: 60 }, (_, i) => ({ id: 100_001 + i, is_bot: false, first_name: `Reader ${i + 1}` }));
    const load = (async () => {
      for (const [i, reader] of readers.entries()) {
        standIn.userSends(i % 2 === 0 ? "/source" : "/summary", { from: reader });
        tally.updatesSent += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Due while Redis is away: goes out once it is back.
    await ledger.schedulePost({ articleId: "story-4", chatId: channel, at: Date.now() + 700, by: admin.id, now: Date.now() });
    await redis.stop("SIGKILL");
    tally.redisRestarts += 1;
    const downAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const port of ports) {
      const health = await httpGet(port, "/healthz");
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ status: "degraded", mode: "webhook", reason: expect.stringContaining("redis unreachable") });
    }
    await adminStep(0, () => standIn.userSends("/status", { from: admin }), "I cannot reach the channel's ledger right now");
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 2000 - (Date.now() - downAt))));
    expect(channelSends()).toHaveLength(before);
    await redis.start();
    await load;
    for (const port of ports) {
      const deadline = Date.now() + 10_000;
      while (JSON.parse((await httpGet(port, "/healthz")).body).status !== "ready") {
        if (Date.now() > deadline) throw new Error(`instance on ${port} did not recover: ${(await httpGet(port, "/healthz")).body}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await standIn.waitUntil(() => postsOf(/Story 4:/).length === 1, "story 4 posted once Redis is back", 15_000);
    // Generous: the readers queued while Redis was away are answered as fast as two busy processes allow.
    await standIn.waitUntil(() => readers.every((r) => standIn.sentTo(r.id).length >= 1), "every reader answered", 45_000);
    await new Promise((resolve) => setTimeout(resolve, 500));

    // The counts.
    const perArticle = new Map<string, number>();
    for (const send of channelSends()) {
      const key = /Story \d+/.exec(String(send.payload.text))?.[0] ?? "story-1";
      perArticle.set(key, (perArticle.get(key) ?? 0) + 1);
    }
    const duplicates = [...perArticle.values()].reduce((sum, n) => sum + n - 1, 0);
    const handledTwice = readers.filter((r) => standIn.sentTo(r.id).length > 1).length;
    const lost = readers.filter((r) => standIn.sentTo(r.id).length === 0).length;
    console.log(
      `several instances: posts made ${channelSends().length} (${[...perArticle].map(([k, n]) => `${k} ×${n}`).join(", ")}), duplicates ${duplicates}, ` +
        `updates handled twice ${handledTwice}, updates lost ${lost} (of ${tally.updatesSent} sent); kill -9 of the poster ${tally.kills}, Redis restarts ${tally.redisRestarts}`,
    );
    expect([...perArticle.keys()].toSorted()).toEqual(["Story 2", "Story 3", "Story 4", "story-1"]);
    expect(duplicates).toBe(0);
    expect(handledTwice).toBe(0);
    expect(lost).toBe(0);
    expect(await ledger.get("cis-defense-ministers-baku-2019")).toMatchObject({ state: "posted" });
    expect(readdirSync(dataDir)).toEqual([]);
    expect(standIn.violations).toEqual([]);

    // And both stop cleanly: the poster lets its lease go, the connections close.
    for (const bot of bots) bot.signal("SIGTERM");
    expect(await Promise.all(bots.map((bot) => bot.exited))).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    expect(await ledgerConnection.client.exists(`briefing:${e2eToken.split(":")[0]}:poster`)).toBe(0);
  });
}, { ownServer: true });
