import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { createMemorySpamCounters, SPAM_NOTICE, type SpamCounterStore, type SpamLimitOptions } from "../../src/bot/spam-limit";
import type { Article } from "../../src/content/article-schema";
import type { ApiCall } from "../../src/demo/local-bot-api";
import { createRuntimeTestBot } from "../support/runtime-bot";
import { createRecordedBotApi, loadRealArticles, userChat } from "../support/test-bot";

let articles: Article[];
beforeAll(async () => {
  articles = await loadRealArticles();
});

const flooder = { id: 5001, is_bot: false, first_name: "Flooder" } as const;
const bystander = { id: 5002, is_bot: false, first_name: "Bystander" } as const;

/** The bot as npm start builds it, over a recorded local Bot API, its limiter's clock in the test's hands. */
function floodableBot(spam: Omit<SpamLimitOptions, "store"> = {}) {
  let now = 1_000_000;
  const store = createMemorySpamCounters({ now: () => now });
  const { calls, fetch } = createRecordedBotApi();
  const { bot } = createRuntimeTestBot({ articles, client: { fetch }, logger: pino({ level: "silent" }), spam: { store, ...spam } });
  return {
    calls,
    send: (update: Parameters<typeof bot.handleUpdate>[0]) => bot.handleUpdate(update),
    advance(ms: number) {
      now += ms;
    },
  };
}

const to = (calls: ApiCall[], chatId: number) => calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId);
const notices = (calls: ApiCall[]) => calls.filter((c) => c.payload.text === SPAM_NOTICE);

describe("a user flooding the bot", () => {
  it("gets 20 answers in 10 s, then one polite notice, and nothing more; another user is still answered", async () => {
    const t = floodableBot();
    const flood = userChat(flooder);
    for (let i = 0; i < 100; i++) await t.send(flood.message("/summary"));
    expect(to(t.calls, flooder.id)).toHaveLength(21);
    expect(notices(t.calls)).toEqual([{ method: "sendMessage", payload: { chat_id: flooder.id, text: SPAM_NOTICE } }]);
    // The 79 dropped updates cost no Bot API call at all.
    expect(t.calls).toHaveLength(21);

    await t.send(userChat(bystander).message("/summary"));
    expect(to(t.calls, bystander.id)).toHaveLength(1);
    expect(String(to(t.calls, bystander.id)[0]?.payload.text)).toContain("Council of CIS Defense Ministers");
  });

  it("is answered again once the window has passed, and not told again for 10 minutes", async () => {
    const t = floodableBot();
    const flood = userChat(flooder);
    for (let i = 0; i < 30; i++) await t.send(flood.message("/source"));
    t.advance(10_001);
    for (let i = 0; i < 30; i++) await t.send(flood.message("/source"));
    expect(to(t.calls, flooder.id).length).toBe(20 + 1 + 20);
    expect(notices(t.calls)).toHaveLength(1);

    t.advance(600_001);
    for (let i = 0; i < 25; i++) await t.send(flood.message("/source"));
    expect(notices(t.calls)).toHaveLength(2);
  });

  it("pressing buttons: past the limit each press is answered (the spinner stops), the first with the notice", async () => {
    const t = floodableBot({ limit: 3 });
    const flood = userChat(flooder);
    for (let i = 0; i < 6; i++) await t.send(flood.press("topic:attendees"));
    const answers = t.calls.filter((c) => c.method === "answerCallbackQuery");
    expect(answers).toHaveLength(6);
    expect(answers.slice(3).map((c) => c.payload.text ?? null)).toEqual([SPAM_NOTICE, null, null]);
    expect(answers[3]?.payload.show_alert).toBe(true);
    expect(to(t.calls, flooder.id)).toHaveLength(3);
  });

  it("typing inline queries has its own budget; past it, queries go unanswered without a word", async () => {
    const t = floodableBot({ inlineLimit: 5 });
    for (let i = 0; i < 8; i++) {
      await t.send({ update_id: 900 + i, inline_query: { id: `q${i}`, from: flooder, query: "shoigu".slice(0, (i % 6) + 1), offset: "" } });
    }
    expect(t.calls.filter((c) => c.method === "answerInlineQuery")).toHaveLength(5);
    expect(t.calls).toHaveLength(5);
    // Messages are counted apart: the same user is still answered.
    await t.send(userChat(flooder).message("/source"));
    expect(to(t.calls, flooder.id)).toHaveLength(1);
  });
});

describe("the limiter's counters", () => {
  it("count up from 1 until they expire, with Redis's semantics", async () => {
    let now = 0;
    const counters = createMemorySpamCounters({ now: () => now });
    expect(await counters.incr("a")).toBe(1);
    expect(await counters.pexpire("a", 1000)).toBe(1);
    expect(await counters.incr("a")).toBe(2);
    expect(await counters.pexpire("missing", 1000)).toBe(0);
    now = 1000;
    expect(await counters.incr("a")).toBe(1);
  });

  it("keep at most `capacity` keys, so many distinct users cannot grow memory without bound", async () => {
    const counters = createMemorySpamCounters({ capacity: 100 });
    for (let id = 0; id < 1000; id++) await counters.incr(`user:${id}`);
    // The oldest were dropped: counting the first again starts afresh; the newest kept their count.
    expect(await counters.incr("user:0")).toBe(1);
    expect(await counters.incr("user:999")).toBe(2);
  });

  it("can live elsewhere: any client with incr and pexpire (an ioredis client) is used as given", async () => {
    const keys: string[] = [];
    const memory = createMemorySpamCounters();
    const redisLike: SpamCounterStore = {
      incr: (key) => {
        keys.push(key);
        return memory.incr(key);
      },
      pexpire: (key, ms) => memory.pexpire(key, ms),
    };
    const { fetch } = createRecordedBotApi();
    const { bot } = createRuntimeTestBot({ articles, client: { fetch }, logger: pino({ level: "silent" }), spam: { store: redisLike } });
    await bot.handleUpdate(userChat(flooder).message("/source"));
    expect(keys).toEqual([`briefing:spam:chat:${flooder.id}`]);
  });
});
