import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderChannelPost } from "../../src/channel/channel-post";
import type { Article } from "../../src/content/article-schema";
import { loadContent } from "../../src/content/load-content";
import { checkMessageText, parseTelegramHtml } from "../support/telegram-checks";
import { createTestBot, inlineQuery, textMessage } from "../support/test-bot";

const realText = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");
const hostileDir = "test/fixtures/hostile-content";

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folderWith(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "briefing-data-only-"));
  tempDirs.push(dir);
  await writeFile(join(dir, name), text);
  return dir;
}

describe("an article file is data only", () => {
  it.each([
    ["!!js/function", `!!js/function "function () { globalThis.pwned = 'headline'; return 'x'; }"`, "tag:yaml.org,2002:js/function"],
    ["!!js/undefined", "!!js/undefined ''", "tag:yaml.org,2002:js/undefined"],
    ["!!python/object/apply", "!!python/object/apply:os.system ['touch /tmp/pwned']", "tag:yaml.org,2002:python/object/apply:os.system"],
  ])("a %s tag is refused with its place, and nothing in it runs", async (_, value, tag) => {
    const text = realText.replace(/^headline: .*$/m, `headline: ${value}`);
    const dir = await folderWith("tagged.yaml", text);
    const result = await loadContent(dir);
    expect(result).toEqual({ ok: false, problems: [`${join(dir, "tagged.yaml")}:5:11: cannot be parsed: Unresolved tag: ${tag}: an article file holds plain data only`] });
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it("a file of aliases that would expand a billion-fold is refused, not expanded", async () => {
    const names = "abcdefghij";
    const laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < names.length; i++) laughs.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(", ")}]`);
    const dir = await folderWith("laughs.yaml", laughs.join("\n"));
    const result = await loadContent(dir);
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(new RegExp(`^${join(dir, "laughs\\.yaml")}:\\d+:\\d+: cannot be parsed: .*[Aa]lias`))] });
  });
});

describe("text in an article that looks like markup is shown as written", () => {
  let hostile: Article;
  beforeAll(async () => {
    const result = await loadContent(hostileDir);
    if (!result.ok) expect.fail(result.problems.join("\n"));
    [hostile] = result.articles as [Article];
  });

  it("loads: markup in an article's text is just text", () => {
    expect(hostile.headline).toBe('<b>Editors</b> & <script>alert("headline")</script> meet &amp; talk');
  });

  /** What a reader sees of each HTML message, after Telegram parses it; each must be one Telegram accepts. */
  const visible = (html: string) => {
    expect(checkMessageText(html, "HTML", "message").problems).toEqual([]);
    const parsed = parseTelegramHtml(html);
    if ("error" in parsed) return expect.fail(parsed.error);
    return parsed.text;
  };

  it("in every answer, the inline results and the channel post: visible exactly, never as tags", async () => {
    const { send } = await createTestBot([hostile]);
    const texts: string[] = [];
    for (const command of ["/summary", "/attendees", "/agenda", "/quotes", "/who Ada", "/source", "/start quotes_hostile-markup"]) {
      const calls = await send(textMessage(command));
      texts.push(...calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text)));
    }
    const [inline] = await send(inlineQuery("markup"));
    const results = inline?.payload.results as Array<{ input_message_content: { message_text: string } }>;
    texts.push(...results.map((r) => r.input_message_content.message_text));
    texts.push(renderChannelPost(hostile, "briefingbot").text);

    const seen = texts.map(visible).join("\n");
    for (const written of [
      hostile.headline,
      "Never trust <script>alert(1)</script> or </b> or &amp; in a quote.",
      "Ada <tg-spoiler>Secret</tg-spoiler> Lovelace",
      'editor <a href="javascript:alert(1)">click</a>',
      "Jo &amp; Co",
      "<u>Nowhere</u> & Everywhere",
      "The <i>Markup</i> Times & Co",
    ]) {
      expect(seen).toContain(written);
    }
    // Not one of the article's tags reached Telegram as a tag.
    for (const html of texts) expect(html).not.toMatch(/<(script|tg-spoiler|u|pre)>|<i>Markup|<a href="javascript/);
  });
});
