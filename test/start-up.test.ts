import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/app/config";

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

describe("configuration", () => {
  it("applies the defaults", () => {
    const parsed = parseConfig({ BOT_TOKEN: validToken, LOG_LEVEL: "" });
    expect(parsed).toEqual({
      ok: true,
      config: {
        BOT_TOKEN: validToken,
        BOT_API_ROOT: "https://api.telegram.org",
        CONTENT_DIR: "content",
        DATA_DIR: "data",
        LOG_LEVEL: "info",
        BOT_MODE: "polling",
        BOT_POLLING: "concurrent",
        HOST: "127.0.0.1",
        REDIS_LEASE_MS: 15_000,
        FEED_INTERVAL: 300,
        AUTOPOST_MAX_AGE: 48,
        CHANNEL_CARD: false,
      },
    });
  });

  it("takes REDIS_URL as a redis:// or rediss:// URL, and a lease of at least a second", () => {
    expect(parseConfig({ BOT_TOKEN: validToken, REDIS_URL: "rediss://:pw@redis.internal:6380/2", REDIS_LEASE_MS: "3000" })).toMatchObject({
      ok: true,
      config: { REDIS_URL: "rediss://:pw@redis.internal:6380/2", REDIS_LEASE_MS: 3000 },
    });
    expect(parseConfig({ BOT_TOKEN: validToken, REDIS_URL: "http://redis:6379", REDIS_LEASE_MS: "500" })).toEqual({
      ok: false,
      problems: ["REDIS_URL: REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379", "REDIS_LEASE_MS: REDIS_LEASE_MS must be at least 1000"],
    });
  });

  it("names every bad setting", () => {
    const parsed = parseConfig({ BOT_TOKEN: validToken, BOT_API_ROOT: "ftp://x", LOG_LEVEL: "loud" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems).toHaveLength(2);
      expect(parsed.problems[0]).toBe("BOT_API_ROOT: BOT_API_ROOT must be an http(s) URL");
      expect(parsed.problems[1]).toMatch(/^LOG_LEVEL: /);
    }
  });

  it("requires the webhook settings in webhook mode only", () => {
    const webhookOnly = { WEBHOOK_URL: "https://bot.example.com/telegram", WEBHOOK_SECRET: "s3cret-s3cret-s3cret" };
    expect(parseConfig({ BOT_TOKEN: validToken, PORT: "9100" })).toMatchObject({ ok: true, config: { BOT_MODE: "polling", PORT: 9100 } });
    expect(parseConfig({ BOT_TOKEN: validToken, BOT_MODE: "webhook", ...webhookOnly })).toMatchObject({
      ok: true,
      config: { BOT_MODE: "webhook", PORT: 8080, HOST: "127.0.0.1", ...webhookOnly },
    });
    const missing = parseConfig({ BOT_TOKEN: validToken, BOT_MODE: "webhook" });
    expect(missing.ok || missing.problems.map((p) => p.split(":")[0])).toEqual(["WEBHOOK_URL", "WEBHOOK_SECRET"]);
    const weak = parseConfig({ BOT_TOKEN: validToken, BOT_MODE: "webhook", ...webhookOnly, WEBHOOK_SECRET: "short" });
    expect(weak.ok || weak.problems).toEqual([expect.stringMatching(/^WEBHOOK_SECRET: WEBHOOK_SECRET must be 16 to 256 characters/)]);
    expect(parseConfig({ BOT_TOKEN: validToken, BOT_MODE: "hook" })).toEqual({ ok: false, problems: ["BOT_MODE: BOT_MODE must be polling or webhook"] });
  });
});

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
