import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const validToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

/** Runs `npm start`'s command (`node --import tsx src/main.ts`) with only the given environment; resolves with its exit code and output. */
async function start(env: Record<string, string>) {
  try {
    await run(process.execPath, ["--import", "tsx", "src/main.ts"], { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 30_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe("npm start", () => {
  it("without a token exits 2 with one clear sentence", async () => {
    const result = await start({ BOT_TOKEN: "" });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      "BOT_TOKEN is missing or malformed: get a token from @BotFather in Telegram (it looks like 123456789:AA...), put it in .env as BOT_TOKEN=..., or try the bot without one: npm run demo.",
    );
  });

  it("with a malformed token exits 2 and never echoes it", async () => {
    const result = await start({ BOT_TOKEN: "not-a-token-secret-value" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("BOT_TOKEN is missing or malformed");
    expect(result.stderr).not.toContain("secret-value");
  });

  it("with broken content stops before contacting Telegram, listing every problem", async () => {
    const dir = await mkdtemp(join(tmpdir(), "briefing-content-"));
    const real = await readFile("test/fixtures/baku/cis-defense-ministers-baku.yaml", "utf8");
    await writeFile(join(dir, "a.yaml"), real.replace("speaker: shoigu", "speaker: putin"));
    await writeFile(join(dir, "b.yaml"), real.replace("id: cis-defense-ministers-baku-2019", "id: other").replace("paragraph: 12", "paragraph: 13"));
    await writeFile(join(dir, "c.yaml"), real.replace("id: cis-defense-ministers-baku-2019", "id: third").replace("headline: Council of CIS", "headline: CIS: Council of"));
    const result = await start({ BOT_TOKEN: validToken, CONTENT_DIR: dir, BOT_API_ROOT: "http://127.0.0.1:9" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot start: the content in ${dir} has problems:`);
    expect(result.stderr).toContain(`${join(dir, "a.yaml")}:125:14: statements[1].speaker: "putin" is not among the article's people`);
    expect(result.stderr).toContain(`${join(dir, "b.yaml")}:163:16: statements[8].paragraph: paragraph 13 does not exist (the body has 12)`);
    // The same lines as `npm run check`, the hint indented under its problem.
    expect(result.stderr).toContain(
      `  ${join(dir, "c.yaml")}:5:11: cannot be parsed: Nested mappings are not allowed in compact mappings\n` +
        '    hint: a value containing ": " must be quoted: headline: "CIS: Council of Defense Ministers meets in hospitable land of Azerbaijan"\n',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
