import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** Every TypeScript file under `dir`, fixtures left out (they are data, not code that reads folders). */
async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${join("test", "fixtures")}`))
    .sort();
}

/** A string naming the project's content folder: "content", "./content", "../../content/…", `content/…`. */
const namesContentFolder = /(["'`])(?:\.{1,2}\/)*content(?:\1|\/)/;

/** The one allowed mention: the default of CONTENT_DIR, in parseConfig's expected result (the config tests); nothing is read there. */
const allowed = [{ file: join("test", "app", "config.test.ts"), line: 'CONTENT_DIR: "content",' }];

describe("the tests", () => {
  it("never name content/, so an editor's new article there cannot turn npm test red (they use test/fixtures/)", async () => {
    const mentions: string[] = [];
    const self = relative(process.cwd(), fileURLToPath(import.meta.url));
    for (const file of await sourceFiles("test")) {
      if (file === self) continue;
      const lines = (await readFile(file, "utf8")).split("\n");
      lines.forEach((line, i) => {
        if (!namesContentFolder.test(line)) return;
        if (allowed.some((allow) => allow.file === file && line.trim() === allow.line)) return;
        mentions.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(mentions).toEqual([]);
  });

  it("would notice one that did", () => {
    expect(namesContentFolder.test('const contentDir = join(here, "../../content");')).toBe(true);
    expect(namesContentFolder.test('await loadContent("content")')).toBe(true);
    expect(namesContentFolder.test("readFile(`content/baku.yaml`)")).toBe(true);
    expect(namesContentFolder.test('loadContent("test/fixtures/baku")')).toBe(false);
    expect(namesContentFolder.test('join(fixtures, "hostile-content")')).toBe(false);
  });
});
