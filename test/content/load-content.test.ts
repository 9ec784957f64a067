import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml, parseDocument, stringify as stringifyYaml, type Document } from "yaml";
import { generateArticles } from "../../bench/generate-articles";
import { articleSchema, type Article } from "../../src/content/article-schema";
import { loadContent, parseArticle } from "../../src/content/load-content";

const here = dirname(fileURLToPath(import.meta.url));
// The Baku article as the tests know it; never content/, which editors change.
const contentDir = join(here, "../fixtures/baku");
const fixtures = join(here, "../fixtures/content");
const realFile = join(contentDir, "cis-defense-ministers-baku.yaml");
const realText = await readFile(realFile, "utf8");

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary content folder holding `files` (name → text). */
async function contentFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "briefing-content-"));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** The real article's YAML with one targeted change, comments and layout kept. */
function realArticleWith(change: (doc: Document) => void): string {
  const doc = parseDocument(realText);
  change(doc);
  return doc.toString();
}

/** The problems of a content folder, each file named relative to it; fails the test if the folder loaded. */
async function problemsOf(dir: string): Promise<string[]> {
  const result = await loadContent(dir);
  if (result.ok) expect.fail(`expected ${dir} to have problems, but it loaded`);
  return result.problems.map((problem) => problem.replace(`${dir}/`, ""));
}

/** The articles of a content folder; fails the test, showing the problems, if it did not load. */
async function articlesOf(dir: string): Promise<Article[]> {
  const result = await loadContent(dir);
  if (!result.ok) expect.fail(`expected ${dir} to load, but:\n${result.problems.join("\n")}`);
  return result.articles;
}

describe("loadContent on the Baku fixture", () => {
  it("loads the Baku article", async () => {
    const articles = await articlesOf(contentDir);
    expect(articles.map((a) => a.id)).toEqual(["cis-defense-ministers-baku-2019"]);
  });

  it("knows the seven people: the six named in paragraph 2, and Lebedev", async () => {
    const [article] = await articlesOf(contentDir);
    const attended = article?.attendance.attended ?? [];
    expect(article?.people.map((p) => p.name)).toEqual([
      "Sergei Shoigu",
      "Andrei Ravkov",
      "Nurlan Yermekbayev",
      "Bakhodir Kurbanov",
      "Mirzo Sherali",
      "Rayimberdi Duishenbiev",
      "Sergey Lebedev",
    ]);
    expect(attended.filter((a) => a.paragraph === 2).map((a) => a.person)).toEqual([
      "shoigu",
      "ravkov",
      "yermekbayev",
      "kurbanov",
      "sherali",
      "duishenbiev",
    ]);
    expect(attended.filter((a) => a.paragraph !== 2)).toEqual([{ person: "lebedev", paragraph: 6 }]);
  });

  it("records Armenia as absent", async () => {
    const [article] = await articlesOf(contentDir);
    expect(article?.attendance.absent).toEqual([
      { who: "Armenia", text: "Armenia refused to attend the Baku summit.", paragraph: 2 },
    ]);
  });

  it("has eight statements, three of them direct quotes, Lebedev's 'It is deplorable...' the key one", async () => {
    const [article] = await articlesOf(contentDir);
    const statements = article?.statements ?? [];
    expect(statements).toHaveLength(8);
    expect(statements.filter((s) => s.kind === "quote").map((s) => s.speaker)).toEqual(["shoigu", "lebedev", "lebedev"]);
    const key = statements.filter((s) => s.key);
    expect(key).toHaveLength(1);
    expect(key[0]).toMatchObject({ speaker: "lebedev", kind: "quote", paragraph: 9 });
    expect(key[0]?.text).toMatch(/^It is deplorable that since our last meeting in Anapa city/);
  });

  it("marks the 2025 Concept as the key agenda item", async () => {
    const [article] = await articlesOf(contentDir);
    expect(article?.agenda.filter((item) => item.key).map((item) => item.text)).toEqual([
      "the Concept of Military Cooperation of the CIS Member States until 2025",
    ]);
  });
});

describe("loadContent reports each problem with its file, line, column and field", () => {
  it("a direct quote that is not verbatim in its paragraph", async () => {
    const dir = await contentFolder({
      "bad-quote.yaml": realArticleWith((doc) =>
        doc.setIn(
          ["statements", 4, "text"],
          "It is regrettable that since our last meeting in Anapa city, the situation in the world hasn't changed for the better.",
        ),
      ),
    });
    expect(await problemsOf(dir)).toEqual(["bad-quote.yaml:199:11: statements[5].text: does not appear verbatim in paragraph 9"]);
  });

  it("a statement pointing at a paragraph that does not exist, once even with an intro", async () => {
    const dir = await contentFolder({
      "no-paragraph.yaml": realArticleWith((doc) => doc.setIn(["statements", 1, "paragraph"], 13)),
    });
    expect(await problemsOf(dir)).toEqual([
      "no-paragraph.yaml:181:16: statements[2].paragraph: paragraph 13 does not exist (the body has 12)",
    ]);
  });

  it("a speaker who is not among the people", async () => {
    const dir = await contentFolder({
      "unknown-speaker.yaml": realArticleWith((doc) => doc.setIn(["statements", 0, "speaker"], "aliyev")),
    });
    expect(await problemsOf(dir)).toEqual([
      `unknown-speaker.yaml:168:14: statements[1].speaker: "aliyev" is not among the article's people`,
    ]);
  });

  it("an attendee who is not among the people", async () => {
    // The host's own minister is not named in the article, so he cannot be listed as attending.
    const dir = await contentFolder({
      "unknown-attendee.yaml": realArticleWith((doc) => doc.setIn(["attendance", "attended", 1, "person"], "hasanov")),
    });
    expect(await problemsOf(dir)).toEqual([
      `unknown-attendee.yaml:105:17: attendance.attended[2].person: "hasanov" is not among the article's people`,
    ]);
  });

  it("the same article id in two files, naming the file that has it first", async () => {
    const dir = await contentFolder({ "first.yaml": realText, "second.yaml": realText });
    expect(await problemsOf(dir)).toEqual([
      `second.yaml:4:5: id: "cis-defense-ministers-baku-2019" is already the id of first.yaml`,
    ]);
  });

  it("a YAML syntax error, with its line and column", async () => {
    expect(await problemsOf(join(fixtures, "yaml-syntax-error"))).toEqual([
      "unquoted-colon.yaml:3:11: cannot be parsed: Nested mappings are not allowed in compact mappings\n" +
        '  hint: a value containing ": " must be quoted: headline: "CIS: defense ministers meet in Baku"',
    ]);
  });

  it("a missing required field", async () => {
    const dir = await contentFolder({ "no-headline.yaml": realArticleWith((doc) => doc.deleteIn(["headline"])) });
    expect(await problemsOf(dir)).toEqual(["no-headline.yaml:4:1: headline: is required"]);
  });

  it("an alias the body does not use", async () => {
    const dir = await contentFolder({
      "bad-alias.yaml": realArticleWith((doc) => doc.setIn(["people", 0, "aliases"], ["Sergey Shoygu", "Sergei Shoygu"])),
    });
    expect(await problemsOf(dir)).toEqual([`bad-alias.yaml:70:9: people[shoigu].aliases[2]: "Sergei Shoygu" does not appear in the body`]);
  });

  it("two key agenda items", async () => {
    const dir = await contentFolder({
      "two-keys.yaml": realArticleWith((doc) => doc.setIn(["agenda", 0, "key"], true)),
    });
    expect(await problemsOf(dir)).toEqual(["two-keys.yaml:122:10: agenda[2].key: at most one item may be marked key, and item 1 already is"]);
  });

  it("a key statement that is reported speech, not a quote", async () => {
    const dir = await contentFolder({
      "reported-key.yaml": realArticleWith((doc) => {
        doc.setIn(["statements", 4, "key"], false);
        doc.setIn(["statements", 1, "key"], true);
      }),
    });
    expect(await problemsOf(dir)).toEqual(["reported-key.yaml:182:10: statements[2].key: the key statement must be a direct quote"]);
  });

  it("a file that cannot be read", async () => {
    const dir = await contentFolder({ "baku.yaml": realText });
    await mkdir(join(dir, "drafts.yaml"));
    expect(await problemsOf(dir)).toEqual(["drafts.yaml: cannot be read: EISDIR"]);
  });

  it("every problem of every file in one result, a README left alone", async () => {
    expect(await problemsOf(join(fixtures, "several-broken-files"))).toEqual([
      `bad-references.yaml:20:17: attendance.attended[2].person: "hasanov" is not among the article's people`,
      `bad-references.yaml:22:14: statements[1].speaker: "lebedev" is not among the article's people`,
      "bad-references.yaml:26:11: statements[1].text: does not appear verbatim in paragraph 2",
      "bad-references.yaml:31:16: statements[2].paragraph: paragraph 3 does not exist (the body has 2)",
      `bad-yaml.yaml:3:11: cannot be parsed: Missing closing "quote\n  hint: a quoted value must end with the quote it starts with; inside "…" write \\" for a quote, inside '…' write ''`,
      // In the order of the file; a field missing is placed at the start of the mapping it is missing from.
      "missing-fields.yaml:3:1: outlet: is required",
      "missing-fields.yaml:3:1: url: is required",
      "missing-fields.yaml:3:5: id: must be lower-case letters, digits and single dashes",
      "missing-fields.yaml:5:7: date: must be a date written YYYY-MM-DD",
      "missing-fields.yaml:8:7: body: must have at least one paragraph",
      // Caught although bad-references.yaml has problems of its own; JSON files are placed too.
      `same-id.json:2:9: id: "baku-summit-short" is already the id of bad-references.yaml`,
    ]);
  });
});

describe("loadContent compares excerpts after normalising quotes and spaces", () => {
  it("accepts curly quotes where the body has straight ones, and the other way round", async () => {
    const dir = await contentFolder({
      "quotes.yaml": realArticleWith((doc) => {
        // Paragraph 5 has straight double quotes around Shoigu's words.
        doc.setIn(["statements", 0, "intro"], "thanked the leadership of the Republic of Azerbaijan for \u201Can invitation");
        // Paragraph 12 writes "today’s" with a curly apostrophe.
        doc.setIn(
          ["statements", 7, "text"],
          "The inclusion of more than 20 issues on the agenda of today's meeting is an example of this",
        );
      }),
    });
    const [article] = await articlesOf(dir);
    expect(article?.statements[7]?.text).toContain("today's meeting");
  });

  it("accepts non-breaking spaces in a quote", async () => {
    const dir = await contentFolder({
      "nbsp.yaml": realArticleWith((doc) =>
        doc.setIn(["statements", 4, "text"], "It is deplorable that since our last meeting in Anapa\u00A0city, the situation in the world hasn\u2019t\u00A0changed"),
      ),
    });
    const [article] = await articlesOf(dir);
    expect(article?.statements[4]?.text).toContain("Anapa\u00A0city");
  });

  it("still rejects a quote with a word changed", async () => {
    const dir = await contentFolder({
      "changed-word.yaml": realArticleWith((doc) =>
        doc.setIn(["statements", 4, "text"], "It is deplorable that since our last meeting in Anapa\u00A0city, the situation in the world hasn\u2019t\u00A0improved"),
      ),
    });
    expect(await problemsOf(dir)).toEqual(["changed-word.yaml:199:11: statements[5].text: does not appear verbatim in paragraph 9"]);
  });
});

describe("loadContent on a folder without articles", () => {
  it("takes an empty folder as a valid start: no articles, no problem", async () => {
    const dir = await contentFolder({});
    expect(await loadContent(dir)).toEqual({ ok: true, articles: [] });
  });

  it("takes a folder of other files (a README, a hidden draft) as holding no articles", async () => {
    const dir = join(fixtures, "no-article-files");
    expect(await loadContent(dir)).toEqual({ ok: true, articles: [] });
  });

  it("reports a missing folder once", async () => {
    const dir = join(fixtures, "no-such-folder");
    expect(await problemsOf(dir)).toEqual([`${dir}: the folder does not exist`]);
  });
});

describe("parseArticle reads YAML as the yaml library does", () => {
  /** What `yaml` (YAML 1.2, core schema) reads from `text`, through the schema. */
  const byYamlLibrary = (text: string) => articleSchema.parse(parseYaml(text));

  it("reads the real article and generated ones, in the layouts YAML writers use, to the same data", () => {
    const texts = [
      realText,
      ...generateArticles(20, 7).flatMap((article) => [
        stringifyYaml(article),
        stringifyYaml(article, { defaultStringType: "QUOTE_DOUBLE", lineWidth: 40 }),
        stringifyYaml(article, { defaultStringType: "BLOCK_FOLDED" }),
        stringifyYaml(article, { collectionStyle: "flow" }),
      ]),
    ];
    for (const text of texts) expect(parseArticle(text, ".yaml").article).toEqual(byYamlLibrary(text));
  });

  it("keeps dates and numbers-looking strings as the core schema does: an ISO date stays a string", () => {
    const text = realArticleWith((doc) => doc.set("date", "2019-10-30"));
    expect(parseArticle(text, ".yaml").article?.date).toBe("2019-10-30");
    expect(parseArticle(text.replace("date: ", "date: !!str "), ".yaml").article?.date).toBe("2019-10-30");
  });

  it("reads anchors, aliases and block scalars", () => {
    const text = realText.replace(/^headline: .*$/m, "headline: &h |-\n  Council of CIS Defense Ministers\n  meets in Baku").replace(/^event: .*$/m, "event: *h");
    const article = parseArticle(text, ".yaml").article;
    expect(article?.headline).toBe("Council of CIS Defense Ministers\nmeets in Baku");
    expect(article?.event).toBe(article?.headline);
    expect(article).toEqual(byYamlLibrary(text));
  });
});
