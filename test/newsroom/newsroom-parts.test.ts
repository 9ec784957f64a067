import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFileArticleStore, findFileOfId } from "../../src/newsroom/article-store";
import { checkDocument, screenDocument } from "../../src/newsroom/check-document";
import { draftChecks, withStatus } from "../../src/newsroom/draft-file";
import { backoffDelay } from "../../src/newsroom/feed-poller";
import { FeedError, parseFeed } from "../../src/newsroom/parse-feed";
import { parseArticle } from "../../src/content/load-content";

const baku = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");

describe("parseFeed", () => {
  it("reads RSS 2.0 items, oldest first, by guid, with their link and text", () => {
    const items = parseFeed(`<?xml version="1.0"?>
      <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Outlet</title>
        <item><title>Newer &amp; better</title><link>https://outlet.example/b</link><guid isPermaLink="false">id-b</guid>
          <pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate><content:encoded><![CDATA[<p>Body <b>B</b></p>]]></content:encoded></item>
        <item><title>Older</title><link>https://outlet.example/a</link><pubDate>Mon, 09 Jun 2025 04:00:00 GMT</pubDate></item>
      </channel></rss>`);
    expect(items).toEqual([
      { key: "https://outlet.example/a", link: "https://outlet.example/a", title: "Older", published: Date.parse("2025-06-09T04:00:00Z") },
      { key: "id-b", link: "https://outlet.example/b", title: "Newer & better", content: "<p>Body <b>B</b></p>", published: Date.parse("2025-06-10T04:00:00Z") },
    ]);
  });

  it("reads Atom entries by id, with their alternate link, and RSS 1.0 (RDF) items", () => {
    const atom = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
      <entry><id>urn:uuid:1</id><title>Atom</title><link rel="self" href="https://outlet.example/self"/><link href="https://outlet.example/atom"/><updated>2025-01-01T00:00:00Z</updated><summary>S</summary></entry></feed>`);
    expect(atom).toEqual([{ key: "urn:uuid:1", link: "https://outlet.example/atom", title: "Atom", content: "S", published: Date.parse("2025-01-01T00:00:00Z") }]);
    const rdf = parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>R</title><link>https://outlet.example/r</link></item></rdf:RDF>`);
    expect(rdf.map((item) => item.key)).toEqual(["https://outlet.example/r"]);
  });

  it("refuses malformed XML and documents that are not feeds; skips items with neither guid nor link", () => {
    expect(() => parseFeed("<rss><channel><item></rss>")).toThrow(FeedError);
    expect(() => parseFeed("<html><body>Not a feed</body></html>")).toThrow("not an RSS or Atom feed");
    expect(() => parseFeed("")).toThrow(FeedError);
    expect(parseFeed("<rss><channel><item><title>No key</title></item></channel></rss>")).toEqual([]);
  });

  it("does not expand a document type's own entities (no billion laughs)", () => {
    const items = parseFeed(`<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><guid>&b;</guid></item></channel></rss>`);
    expect(items.every((item) => item.key.length < 100)).toBe(true);
  });
});

describe("backoffDelay", () => {
  it("is the interval while a feed works, doubled per failure in a row, capped", () => {
    expect([0, 1, 2, 3, 10].map((failures) => backoffDelay(300_000, failures, 3_600_000))).toEqual([300_000, 600_000, 1_200_000, 2_400_000, 3_600_000]);
    // An interval above the cap is never shortened.
    expect(backoffDelay(7_200_000, 5, 3_600_000)).toBe(7_200_000);
  });
});

describe("documents", () => {
  it("are screened before they are downloaded: YAML or JSON only, 1 MB at most", () => {
    expect(screenDocument("a.yaml", 10)).toEqual({ ok: true, extension: ".yaml" });
    expect(screenDocument("A.JSON", 10)).toEqual({ ok: true, extension: ".json" });
    expect(screenDocument("a.pdf", 10)).toEqual({ ok: false, sentence: "I only read article files in YAML or JSON (.yaml, .yml or .json); nothing was changed." });
    expect(screenDocument(undefined, 10)).toMatchObject({ ok: false });
    expect(screenDocument("a.yaml", 1024 * 1024 + 1)).toEqual({ ok: false, sentence: "That file is over 1 MB, too big for an article file; nothing was changed." });
  });

  it("are checked as the loader checks a file: an article, its problems with line and column, or a sentence", () => {
    const good = checkDocument("mine.yaml", Buffer.from(baku));
    expect(good).toMatchObject({ ok: true, name: "cis-defense-ministers-baku-2019.yaml" });
    expect(checkDocument("mine.yaml", Buffer.from(baku.replace("speaker: shoigu", "speaker: shoygu")))).toEqual({
      ok: false,
      problems: ['mine.yaml:125:14: statements[1].speaker: "shoygu" is not among the article\'s people; did you mean "shoigu"?'],
    });
    expect(checkDocument("compose.yaml", Buffer.from("services:\n  web: {}\n"))).toMatchObject({ ok: false, sentence: expect.stringContaining("is not an article") });
    expect(checkDocument("list.json", Buffer.from("[1, 2]"))).toMatchObject({ ok: false, sentence: expect.stringContaining("is not an article") });
    expect(checkDocument("bin.yaml", Buffer.from([0xff, 0xfe, 0xc3, 0x28]))).toMatchObject({ ok: false, sentence: expect.stringContaining("not text") });
    const broken = checkDocument("broken.yaml", Buffer.from("id: x\nheadline: [unclosed\n"));
    expect(broken).toMatchObject({ ok: false, problems: [expect.stringMatching(/^broken\.yaml:\d+:\d+: /)] });
  });
});

describe("a draft's file", () => {
  it("made live keeps its comments and stays valid; made a draft again says so", () => {
    const draft = baku.replace(/^(event: .*)$/m, "$1\n# CHECK: is this the event?\nstatus: draft");
    expect(draftChecks(draft)).toEqual(["is this the event?"]);
    const live = withStatus(draft, "x.yaml", "live");
    expect(live).not.toMatch(/^status:/m);
    expect(live).toContain("# CHECK: is this the event?");
    expect(parseArticle(live, ".yaml")).toMatchObject({ problems: [], article: { status: "live" } });
    expect(parseArticle(withStatus(live, "x.yaml", "draft"), ".yaml").article?.status).toBe("draft");
    const json = withStatus(JSON.stringify({ id: "x", status: "draft" }), "x.json", "live");
    expect(JSON.parse(json)).toEqual({ id: "x" });
  });
});

describe("the file article store", () => {
  it("writes atomically (no temporary file left), reads, removes, and finds the file that holds an id", async () => {
    const dir = await mkdtemp(join(tmpdir(), "briefing-store-"));
    const store = createFileArticleStore(dir);
    await store.put("a-1.yaml", "id: a-1\n");
    await writeFile(join(dir, "hand-named.yaml"), baku);
    expect((await readdir(dir)).sort()).toEqual(["a-1.yaml", "hand-named.yaml"]);
    expect(await store.read("a-1.yaml")).toBe("id: a-1\n");
    expect(await findFileOfId(dir, "a-1")).toBe("a-1.yaml");
    expect(await findFileOfId(dir, "cis-defense-ministers-baku-2019")).toBe("hand-named.yaml");
    expect(await findFileOfId(dir, "nowhere")).toBeUndefined();
    await store.remove("a-1.yaml");
    expect(await store.read("a-1.yaml")).toBeUndefined();
    await expect(store.put("../escape.yaml", "x")).rejects.toThrow("not an article file name");
  });
});

describe("fetchLimited", () => {
  it("reads a file: URL only when allowed (a configured local feed), and nothing but http(s) otherwise", async () => {
    const { fetchLimited } = await import("../../src/newsroom/fetch-limited");
    const url = `file://${process.cwd()}/test/fixtures/baku/cis-defense-ministers-baku.yaml`;
    expect(await fetchLimited(url, { maxBytes: 1_000_000, timeoutMs: 1000 })).toEqual({ status: "failed", reason: "a file: URL is not fetched here" });
    expect(await fetchLimited(url, { maxBytes: 1_000_000, timeoutMs: 1000, allowFile: true })).toMatchObject({ status: "ok", text: baku });
    expect(await fetchLimited(url, { maxBytes: 100, timeoutMs: 1000, allowFile: true })).toEqual({ status: "failed", reason: "the file is over 100 bytes" });
    expect(await fetchLimited("javascript:alert(1)", { maxBytes: 100, timeoutMs: 1000 })).toEqual({ status: "failed", reason: "not an http(s) URL" });
  });
});
