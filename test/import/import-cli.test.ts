import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "../../src/content/load-content";

const root = join(import.meta.dirname, "../..");
const bakuText = join(root, "test/fixtures/baku/cis-defense-ministers-baku.txt");
const page = await readFile(join(root, "test/fixtures/import/baku-page.html"), "utf8");

/** Runs `npm run import -- args` as an editor would, with `input` on stdin. */
function runImport(args: string[], input = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(join(root, "node_modules/.bin/tsx"), [join(root, "scripts/import-article.ts"), ...args], { cwd: root, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

let server: Server;
let base: string;
let out: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/baku") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(page);
    } else if (request.url === "/empty") {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html><body><nav><a href='/'>Home</a></nav></body></html>");
    } else {
      response.writeHead(404);
      response.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  out = await mkdtemp(join(tmpdir(), "import-cli-"));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(out, { recursive: true, force: true });
});

describe("npm run import", () => {
  it("drafts the Baku text into a file the loader accepts, and says what to check", async () => {
    const dir = join(out, "txt");
    const { code, stdout } = await runImport([bakuText, "--out", dir]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Wrote ${join(dir, "council-of-cis-defense-ministers-meets.yaml")} (status: draft)`);
    expect(stdout).toContain("12 paragraphs, 7 people, 6 attended, 1 absent");
    expect(stdout).toContain("3 quotes, 5 reported statements");
    expect(stdout).toContain("url: no URL in the text: put the article's address here");
    const checked = await checkContent(dir);
    expect(checked.ok && checked.files.map(({ article, problems }) => [article?.id, article?.status, article?.people.length, problems])).toEqual([
      ["council-of-cis-defense-ministers-meets", "draft", 7, []],
    ]);
    const yaml = await readFile(join(dir, "council-of-cis-defense-ministers-meets.yaml"), "utf8");
    // The schema line points at the repository's schema from wherever the file is.
    expect(yaml.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/article\.schema\.json$/);
  });

  it("does not overwrite a file without --force", async () => {
    const dir = join(out, "force");
    expect((await runImport([bakuText, "--out", dir])).code).toBe(0);
    const again = await runImport([bakuText, "--out", dir]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(`import: ${join(dir, "council-of-cis-defense-ministers-meets.yaml")} already exists; use --force to overwrite it`);
    expect((await runImport([bakuText, "--out", dir, "--force"])).code).toBe(0);
  });

  it("reads standard input with -", async () => {
    const dir = join(out, "stdin");
    const { code } = await runImport(["-", "--out", dir], await readFile(bakuText, "utf8"));
    expect(code).toBe(0);
    expect(await readdir(dir)).toEqual(["council-of-cis-defense-ministers-meets.yaml"]);
  });

  it("fetches a page by URL and takes its metadata", async () => {
    const dir = join(out, "url");
    const { code, stdout } = await runImport([`${base}/baku`, "--out", dir]);
    expect(code).toBe(0);
    expect(stdout).toContain("council-of-cis-defense-ministers-meets.yaml");
    const checked = await checkContent(dir);
    expect(checked.ok && checked.files[0]?.article).toMatchObject({
      url: "https://vestnikkavkaza.net/news/Council-of-CIS-Defense-Ministers-held-in-hospitable-land-of-Azerbaijan.html",
      date: "2019-10-30",
      outlet: "Vestnik Kavkaza",
      status: "draft",
    });
  });

  it("prints the draft as JSON with --json, writing nothing", async () => {
    const { code, stdout } = await runImport([bakuText, "--json", "--out", join(out, "json")]);
    expect(code).toBe(0);
    const { article } = JSON.parse(stdout) as { article: { status: string; people: Array<{ name: string }> } };
    expect(article.status).toBe("draft");
    expect(article.people.map((p) => p.name)).toContain("Sergey Lebedev");
    await expect(readdir(join(out, "json"))).rejects.toThrow();
  });

  // Each case is its own process that mostly waits on start-up: run them side by side.
  it.concurrent.each([
    ["a missing file", ["no-such-article.txt"], "", "import: cannot read no-such-article.txt: no such file"],
    ["empty input", ["-"], "  \n\n", "import: the input is empty"],
    ["a page with no article", ["/empty"], "", "import: the page has no article text"],
    ["a page that is not there", ["/missing"], "", "import: cannot fetch {base}/missing: HTTP 404"],
    ["no input", [], "", "import: usage: npm run import -- <file.txt | file.html | https://… | -> [--out DIR] [--json] [--force]"],
  ])("answers %s with one line and exit code 1", async (_case, args, input, message) => {
    const resolved = args.map((a) => (a.startsWith("/") ? `${base}${a}` : a));
    const { code, stdout, stderr } = await runImport([...resolved, "--out", join(out, "errors")], input);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`${message.replace("{base}", base)}\n`);
  });
});
