import { describe, expect, it } from "vitest";
import { checkCommands, checkDeepLink, checkInlineAnswer, checkMessageText, checkReplyMarkup, parseTelegramHtml } from "./telegram-checks";
import { commandList } from "../../src/render/command-list";

/** The stand-in is only as good as its checks: they must refuse what Telegram refuses, and accept what it accepts. */
describe("the stand-in's checks", () => {
  it("read Telegram HTML into the text and entities a reader gets", () => {
    expect(parseTelegramHtml('<b>Shoigu</b> said &quot;hi&quot; &amp; <a href="https://x.az/?a=1&amp;b=2">left</a>')).toEqual({
      text: 'Shoigu said "hi" & left',
      entities: [
        { type: "bold", offset: 0, length: 6 },
        { type: "text_link", offset: 19, length: 4, url: "https://x.az/?a=1&b=2" },
      ],
    });
    expect(parseTelegramHtml('<pre><code class="language-ts">x</code></pre>')).toMatchObject({ entities: [{ type: "pre", language: "ts" }, { type: "pre" }] });
  });

  it.each([
    ["an unknown tag", "<script>x</script>"],
    ["a tag left open", "<b>x"],
    ["tags closed out of order", "<b><i>x</b></i>"],
    ["a bare <", "a < b"],
    ["a bare >", "a > b"],
    ["a bare &", "fish & chips"],
    ["an unsupported named entity", "&nbsp;"],
    ["a link without href", "<a>x</a>"],
    ["an unknown attribute", '<b class="x">y</b>'],
    ["a tag inside code", "<code><b>x</b></code>"],
  ])("refuse %s", (_, html) => {
    expect(parseTelegramHtml(html)).toHaveProperty("error");
  });

  it("count a message's length after entity parsing, and refuse an empty one", () => {
    expect(checkMessageText(`<b>${"a".repeat(4096)}</b>`, "HTML", "sendMessage").problems).toEqual([]);
    expect(checkMessageText(`${"a".repeat(4096)}&amp;`, "HTML", "sendMessage").problems).toEqual([expect.stringContaining("message is too long (4097")]);
    expect(checkMessageText("<b> </b>", "HTML", "sendMessage").problems).toEqual(["sendMessage: message text is empty"]);
  });

  it("hold buttons to 64 bytes of callback_data and deep links to valid payloads for this bot", () => {
    const ok = { inline_keyboard: [[{ text: "Agenda", callback_data: "topic:agenda" }, { text: "More", url: "https://t.me/briefingbot?start=summary_x-1" }]] };
    expect(checkReplyMarkup(ok, "briefingbot", "m")).toEqual([]);
    const bad = { inline_keyboard: [[{ text: "A", callback_data: "é".repeat(33) }, { text: "B", url: "https://t.me/briefingbot?start=has space" }, { text: "", callback_data: "x", url: "https://a.b" }]] };
    expect(checkReplyMarkup(bad, "briefingbot", "m")).toHaveLength(4);
    expect(checkDeepLink("https://t.me/otherbot?start=x", "briefingbot", "m")).toHaveLength(1);
  });

  it("hold inline answers to 50 results with unique ids of at most 64 bytes", () => {
    const result = (id: string) => ({ type: "article", id, title: "T", input_message_content: { message_text: "<b>x</b>", parse_mode: "HTML" } });
    expect(checkInlineAnswer({ results: [result("a"), result("b")], next_offset: "50", button: { text: "Open", start_parameter: "summary" } }, "briefingbot")).toEqual([]);
    const problems = checkInlineAnswer({ results: [...Array.from({ length: 50 }, (_, i) => result(`r${i}`)), result("r1"), result("x".repeat(65))], next_offset: "9".repeat(65) }, "briefingbot");
    expect(problems.map((p) => p.replace(/^answerInlineQuery: (result \d+: )?/, "").split(" ")[0])).toEqual(["RESULTS_TOO_MUCH", "RESULT_ID_DUPLICATE", "RESULT_ID_INVALID", "next_offset"]);
  });

  it("accept the bot's command menu and refuse bad command names", () => {
    expect(checkCommands(commandList)).toEqual([]);
    expect(checkCommands([{ command: "Attendees", description: "x" }, { command: "a", description: "" }])).toHaveLength(2);
  });
});
