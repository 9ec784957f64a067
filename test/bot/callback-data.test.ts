import { beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article-schema";
import { admin } from "../support/channel-fixtures";
import { captureLogs, createRuntimeTestBot } from "../support/runtime-bot";
import { checkBotApiCall } from "../support/telegram-checks";
import { createRecordedBotApi, loadRealArticles, reader, userChat } from "../support/test-bot";

let articles: Article[];
beforeAll(async () => {
  articles = await loadRealArticles();
});

const stale = "This button no longer works. Send /help.";
const adminsOnly = "Only the channel's admins can do that.";

/**
 * Button data no button of the bot carries: unknown, oversized (Telegram caps
 * it at 64 bytes, but anyone can post to a webhook), and near misses of every
 * handler's pattern. Each is answered, never acted on.
 */
const forged: Array<[data: string, answer: string]> = [
  ["", stale],
  ["x".repeat(65), stale],
  ["topic:attendees".padEnd(400, "x"), stale],
  ["topic:", stale],
  ["topic:ATTENDEES", stale],
  ["topic:attendees ", stale],
  ["topic:attendees\n", stale],
  ["topic:constructor", stale],
  ["topic:__proto__", stale],
  [`topic:${"a".repeat(21)}`, stale],
  ["\u202Etopic:attendees", stale],
  ["who:", stale],
  ["who:Shoigu", stale],
  ["who:shoigu\u0000", stale],
  ["who:../../etc/passwd", stale],
  ["who:__proto__", stale],
  ["who:nobody", "That person is not in the current article. Send /who with a name."],
  ["article:", stale],
  [`article:${"a".repeat(41)}`, stale],
  ["article:<script>", stale],
  ["article:nope", "That article is no longer here. Send /articles for the current list."],
  ["pub:", stale],
  ["pub:now", stale],
  ["pub:now:", stale],
  [`pub:now:${"a".repeat(41)}`, stale],
  ["pub:delete:cis-defense-ministers-baku-2019", stale],
  ["pub:pick:../x", stale],
  ["pub:cancel:", stale],
  ["pub:now:cis-defense-ministers-baku-2019", adminsOnly],
  ["🙂", stale],
  ["%00", stale],
];

function botWithChannel() {
  const logs = captureLogs();
  const { calls, fetch } = createRecordedBotApi();
  const { bot, channel } = createRuntimeTestBot({ articles, client: { fetch }, logger: logs.logger, channelId: "@newsroom", adminIds: [admin.id] });
  return { bot, calls, logs, close: () => channel?.close() };
}

describe("button data is checked against each handler's strict pattern before use", () => {
  it.each(forged)("%j is answered (%s), never acted on", async (data, answer) => {
    const t = botWithChannel();
    for (const from of [reader, admin]) {
      const before = t.calls.length;
      await t.bot.handleUpdate(userChat(from).press(data));
      const calls = t.calls.slice(before);
      const expected = from === admin && answer === adminsOnly ? "This /publish has ended. Send /publish to start again." : answer;
      expect(calls.map((c) => [c.method, c.payload.text])).toEqual([["answerCallbackQuery", expected]]);
      expect(checkBotApiCall("answerCallbackQuery", calls[0]?.payload ?? {}, "briefingbot")).toEqual([]);
    }
    // Nothing failed or was logged as an error on the way.
    expect(t.logs.parsed().filter((line) => line.level >= 50)).toEqual([]);
    await t.close();
  });

  it("the data the bot's own buttons carry still works", async () => {
    const t = botWithChannel();
    await t.bot.handleUpdate(userChat(reader).press("topic:attendees"));
    expect(t.calls.map((c) => c.method)).toEqual(["answerCallbackQuery", "sendMessage"]);
    expect(String(t.calls[1]?.payload.text)).toContain("Who attended");
    await t.close();
  });
});
