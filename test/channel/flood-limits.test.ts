import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Article } from "../../src/content/article-schema";
import { advanceUntil, createChannelHarness, createFloodLimitedApi, manyArticles, useChannelClock } from "../support/channel-fixtures";
import { loadRealArticles } from "../support/test-bot";

let real: Article;
beforeAll(async () => {
  [real] = (await loadRealArticles()) as [Article];
});
useChannelClock("2025-01-01T09:00:00Z");

describe("a backlog of 100 new articles", () => {
  it("all go out, in order, at 20 a minute, with no 429 from a server that enforces it", async () => {
    const articles = manyArticles(real, 100);
    const server = createFloodLimitedApi(20);
    const { publisher, channelSends, ledger } = createChannelHarness({ articles, respond: (call) => server.respond(call) });
    const start = Date.now();
    await publisher.start();
    await advanceUntil(vi, () => channelSends().length >= 100, 15 * 60_000);
    await publisher.stop();

    const sends = channelSends();
    expect(sends).toHaveLength(100);
    expect(server.tooMany).toBe(0);
    expect(sends.map((s) => String(s.payload.text).match(/Story (\d+):/)?.[1])).toEqual(articles.map((_, i) => String(i + 1)));
    expect((await ledger.all()).filter((r) => r.state === "posted")).toHaveLength(100);

    // Posts per minute: in any 60 s window at most 20, and the limit is used (100 posts in just over 4 minutes).
    const times = server.accepted.map((a) => a.at - start);
    const busiestWindow = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
    expect(busiestWindow).toBe(20);
    const perMinute = [0, 1, 2, 3, 4].map((m) => times.filter((t) => t >= m * 60_000 && t < (m + 1) * 60_000).length);
    expect(perMinute).toEqual([20, 20, 20, 20, 20]);
    // And no burst: about one a second, as Telegram asks of any chat.
    times.slice(1).forEach((t, i) => expect(t - (times[i] ?? 0)).toBeGreaterThanOrEqual(1000));
    console.log(`backlog: ${sends.length} posts, per minute ${perMinute.join("/")}, busiest 60 s window ${busiestWindow}, last post at ${(times.at(-1) ?? 0) / 1000} s, 429s seen ${server.tooMany}`);
  });
});
