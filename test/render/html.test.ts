import { describe, expect, it } from "vitest";
import { bold, escapeHtml, html, htmlToText, link, MESSAGE_LIMIT, packMessages, SafeHtml } from "../../src/render/html";

/** Telegram's HTML: only its tags, each closed in order. */
function expectWellFormed(value: string): void {
  const stack: string[] = [];
  for (const [, closing, name] of value.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
    if (!name) continue;
    expect(["b", "i", "a", "blockquote", "code", "pre", "u", "s"]).toContain(name);
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
  expect(value.replace(/<\/?[a-z-]+[^>]*>/g, "")).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;)/);
}

describe("the formatting path", () => {
  it("escapes everything interpolated, keeps what is already safe", () => {
    const user = `<b>bold</b> & <script>alert("x")</script>`;
    const out = html`${bold(user)} said ${user}`.value;
    expect(out).toBe(
      "<b>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</b> said &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;",
    );
    expect(htmlToText(out)).toBe(`${user} said ${user}`);
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });

  it("escapes link addresses", () => {
    expect(link("x", 'https://a.b/?q="><script>').value).toBe('<a href="https://a.b/?q=&quot;&gt;&lt;script&gt;">x</a>');
  });

  it("splits a 5000-character string into messages within the limit, losing nothing", () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${i}&<`).join(" ");
    const messages = packMessages([html`${words}`]);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(htmlToText(message).length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expectWellFormed(message);
    }
    expect(messages.map(htmlToText).join(" ")).toBe(words);
  });

  it("splits an unbroken 5000-character string, never inside a surrogate pair", () => {
    const text = "😀".repeat(2500);
    const messages = packMessages([html`${text}`]);
    expect(messages.map((m) => htmlToText(m).length).every((n) => n <= MESSAGE_LIMIT)).toBe(true);
    expect(messages.join("")).toBe(text);
  });

  it("packs formatted blocks on block boundaries, each message well-formed", () => {
    const blocks = Array.from({ length: 60 }, (_, i) => html`${bold(`Block ${i}`)}\n${"text ".repeat(30)}`);
    const messages = packMessages(blocks);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(htmlToText(message).length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expectWellFormed(message);
    }
    expect(messages.join("\n\n")).toBe(blocks.map((b) => b.value).join("\n\n"));
  });

  it("drops empty blocks and sends nothing for nothing", () => {
    expect(packMessages([new SafeHtml(""), html`  `])).toEqual([]);
  });
});
