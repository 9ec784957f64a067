import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkContent, parseArticle } from "../../src/content/load-content";
import { draftArticle } from "../../src/import/draft-article";
import { writeDraftYaml } from "../../src/import/write-draft-yaml";

const raw = await readFile(join(import.meta.dirname, "../fixtures/baku/cis-defense-ministers-baku.txt"), "utf8");
const draft = draftArticle({ text: raw, format: "text", today: "2026-11-27" });
const { article } = draft;
const person = (spelling: string) => article.people.find((p) => [p.name, ...p.aliases].includes(spelling));
const nameOf = (id: string) => article.people.find((p) => p.id === id)?.name;

describe("the Baku article's raw text, drafted", () => {
  it("numbers the twelve paragraphs verbatim, without the repeated headline or the signature", () => {
    expect(article.headline).toBe("Council of CIS Defense Ministers meets in hospitable land of Azerbaijan");
    expect(article.body).toHaveLength(12);
    expect(article.body[0]).toBe("The 77th meeting of the Council of Defense Ministers of the Commonwealth of Independent States was held in Baku today.");
    expect(raw).toContain(article.body[11]);
    expect(article.body.join("\n")).not.toContain("in Telegram");
    expect(article.outlet).toBe("Vestnik Kavkaza");
    expect(article.status).toBe("draft");
  });

  it("has the seven people with their roles and countries", () => {
    const people = article.people.map((p) => [p.name, p.role.toLowerCase(), p.country ?? p.organisation]);
    expect(people).toEqual([
      ["Sergey Shoygu", "defense minister", "Russia"],
      ["Andrei Ravkov", "defense minister", "Belarus"],
      ["Nurlan Yermekbayev", "defense minister", "Kazakhstan"],
      ["Bakhodir Kurbanov", "defense minister", "Uzbekistan"],
      ["Mirzo Sherali", "defense minister", "Tajikistan"],
      ["Rayimberdi Duishenbiev", "chief of the general staff of the kyrgyz armed forces", "Kyrgyzstan"],
      ["Sergey Lebedev", "chairman and executive secretary of the cis executive committee", "CIS Executive Committee"],
    ]);
    expect(person("Kazakh defense minister")).toBeUndefined();
    expect(article.people.find((p) => p.name === "Nurlan Yermekbayev")?.countryAdjective).toBe("Kazakh");
  });

  it("takes Shoygu and Shoigu as one person, and Levedev as Lebedev, and asks the editor to check", () => {
    expect(person("Sergey Shoygu")).toBe(person("Sergei Shoigu"));
    expect(person("Levedev")?.name).toBe("Sergey Lebedev");
    const lebedev = article.people.findIndex((p) => p.name === "Sergey Lebedev");
    expect(draft.checks).toContainEqual({ path: `people.${lebedev}`, note: '"Levedev" (paragraph 11) taken as a misspelling of Sergey Lebedev' });
  });

  it("has the six who attended and Armenia's absence", () => {
    expect(article.attendance.attended.map((a) => [nameOf(a.person), a.paragraph])).toEqual([
      ["Sergey Shoygu", 2],
      ["Andrei Ravkov", 2],
      ["Nurlan Yermekbayev", 2],
      ["Bakhodir Kurbanov", 2],
      ["Mirzo Sherali", 2],
      ["Rayimberdi Duishenbiev", 2],
    ]);
    expect(article.attendance.absent).toEqual([{ who: "Armenia", text: "Armenia refused to attend the Baku summit.", paragraph: 2 }]);
  });

  it("has the three direct quotes with the right speakers", () => {
    const quotes = article.statements.filter((s) => s.kind === "quote").map((s) => [nameOf(s.speaker), s.paragraph, s.text.slice(0, 40)]);
    expect(quotes).toEqual([
      ["Sergey Shoygu", 5, "an invitation to hold a meeting in the h"],
      ["Sergey Lebedev", 9, "It is deplorable that since our last mee"],
      ["Sergey Lebedev", 12, "Each meeting of the defense ministers sh"],
    ]);
    // Quote marks and the comma before the closing mark are left out.
    expect(article.statements.find((s) => s.paragraph === 12)?.text.endsWith("an example of this")).toBe(true);
  });

  it("has the reported statements with their lead-ins", () => {
    const reported = article.statements.filter((s) => s.kind === "reported").map((s) => [nameOf(s.speaker), s.paragraph, s.intro]);
    expect(reported).toEqual([
      ["Sergey Lebedev", 6, "He said that"],
      ["Sergey Lebedev", 7, "According to Lebedev,"],
      ["Sergey Lebedev", 8, "He emphasized that"],
      ["Sergey Lebedev", 10, "He emphasized that"],
      ["Sergey Lebedev", 11, "Levedev said that"],
    ]);
  });

  it("marks what the text cannot give with placeholders the editor is told to fill", () => {
    expect(article.url).toBe("https://example.invalid/fill-in-the-article-url");
    expect(article.date).toBe("2026-11-27");
    expect(draft.checks.map((c) => c.path)).toEqual(expect.arrayContaining(["url", "date", "place", "event", "outlet"]));
  });

  it("round-trips through the YAML writer and the loader with no problem, as a draft", async () => {
    const yaml = writeDraftYaml(article, draft.checks, { schemaPath: "../schema/article.schema.json", source: "cis-defense-ministers-baku.txt" });
    expect(yaml.split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/article.schema.json");
    expect(yaml).toContain("\nstatus: draft\n");
    expect(yaml).toContain('  # CHECK: "Levedev" (paragraph 11) taken as a misspelling of Sergey Lebedev\n  - id: lebedev');
    expect(yaml).toMatch(/# CHECK: no URL in the text: put the article's address here\nurl: https:\/\/example\.invalid\//);
    const parsed = parseArticle(yaml, ".yaml");
    expect(parsed.problems).toEqual([]);
    expect(parsed.article?.status).toBe("draft");
    expect(parsed.article?.statements).toHaveLength(8);

    const dir = await mkdtemp(join(tmpdir(), "draft-"));
    try {
      await writeFile(join(dir, `${article.id}.yaml`), yaml);
      // A folder of drafts only is checked as `npm run check` does: the bot serves nothing from it yet.
      const checked = await checkContent(dir);
      expect(checked.ok && checked.files.map((file) => [file.article?.status, file.problems])).toEqual([["draft", []]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
