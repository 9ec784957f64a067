import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const baku = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");

/** Runs `npm run check`'s command (`node --import tsx scripts/check-content.ts`) with only the given environment. */
function check(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const options = { timeout: 30_000, env: { PATH: process.env.PATH ?? "", ...env } };
    execFile(process.execPath, ["--import", "tsx", "scripts/check-content.ts", ...args], options, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "briefing-check-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** A second article, with its own id, as an editor adds one. */
const second = (id: string) => baku.replace("id: cis-defense-ministers-baku-2019", `id: ${id}`);

describe("npm run check", () => {
  it("passes a good folder: exit 0 and a summary", async () => {
    expect(await check(["test/fixtures/baku"])).toEqual({ code: 0, stdout: "1 file checked: 1 good\n", stderr: "" });
  });

  it("lists every problem as file:line:column: field: message, in the order of the file, a draft accepted and said to be one", async () => {
    const broken = second("broken")
      .replace("text: a meeting of CIS heads of government October 25 in Moscow", "text: a meeting in Moscow")
      .replace("    place: baku\n    paragraph: 1", "    place: bakku\n    paragraph: 1")
      .replace("  - speaker: lebedev", "  - speaker: lebedv")
      .replace("paragraph: 12", "paragraph: 13");
    const draft = second("embargoed").replace(/^(event: .*)$/m, "$1\nstatus: draft");
    const dir = await folderWith({ "a-baku.yaml": baku, "b-broken.yaml": broken, "c-embargoed.yaml": draft });
    const file = join(dir, "b-broken.yaml");
    expect(await check([dir])).toEqual({
      code: 1,
      stdout: [
        `${file}:94:12: happenings[1].place: "bakku" is not among the article's places; did you mean "baku"?`,
        `${file}:121:11: places[moscow].text: does not appear verbatim in paragraph 10`,
        `${file}:130:14: statements[2].speaker: "lebedv" is not among the article's people; did you mean "lebedev"?`,
        `${file}:163:16: statements[8].paragraph: paragraph 13 does not exist (the body has 12)`,
        `${join(dir, "c-embargoed.yaml")}: a draft (status: draft): good, but not served until it is made live`,
        "3 files checked: 2 good (1 draft), 1 with 4 problems",
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  it("prints a hint under a YAML trap", async () => {
    const result = await check(["test/fixtures/content/yaml-syntax-error"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "test/fixtures/content/yaml-syntax-error/unquoted-colon.yaml:3:11: cannot be parsed: Nested mappings are not allowed in compact mappings\n" +
        '  hint: a value containing ": " must be quoted: headline: "CIS: defense ministers meet in Baku"\n' +
        "1 file checked: 0 good, 1 with 1 problem\n",
    );
  });

  it("checks CONTENT_DIR when no folder is given", async () => {
    const dir = await folderWith({ "baku.yaml": baku, "second.yaml": second("second-story") });
    expect(await check([], { CONTENT_DIR: dir })).toEqual({ code: 0, stdout: "2 files checked: 2 good\n", stderr: "" });
  });

  it("exits 2 for a folder that does not exist", async () => {
    expect(await check(["test/fixtures/no-such-folder"])).toEqual({ code: 2, stdout: "", stderr: "test/fixtures/no-such-folder: the folder does not exist\n" });
  });

  it("accepts an empty folder, saying the bot would have nothing to serve", async () => {
    const dir = await folderWith({});
    expect(await check([dir])).toEqual({
      code: 0,
      stdout: `${dir}: no article files (.yaml, .yml or .json): nothing to check (the bot starts on it, and tells readers there is no article yet)\n0 files checked: 0 good\n`,
      stderr: "",
    });
  });
});
