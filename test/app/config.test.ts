import { describe, expect, it } from "vitest";
import { autopostMaxAgeMs, isAutopostOn, parseConfig, type Config } from "../../src/app/config";

/** Every test of the settings (`parseConfig`), in one place. */

const validToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";
const BOT_TOKEN = validToken;

/** The configuration `env` parses to; a test that expects it to parse fails, naming the problems, if it does not. */
function configOf(env: Record<string, string>): Config {
  const parsed = parseConfig({ BOT_TOKEN, ...env });
  if (!parsed.ok) throw new Error(`did not parse: ${parsed.problems.join("; ")}`);
  return parsed.config;
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

describe("BOT_POLLING, a diagnostic for the benchmarks", () => {
  it("is concurrent unless set", () => {
    const config = configOf({});
    expect(config.BOT_MODE === "polling" && config.BOT_POLLING).toBe("concurrent");
  });

  it("can be sequential", () => {
    const config = configOf({ BOT_POLLING: "sequential" });
    expect(config.BOT_MODE === "polling" && config.BOT_POLLING).toBe("sequential");
  });

  it("refuses anything else, saying what it may be", () => {
    expect(parseConfig({ BOT_TOKEN, BOT_POLLING: "parallel" })).toEqual({ ok: false, problems: ["BOT_POLLING: BOT_POLLING must be concurrent or sequential"] });
  });
});

describe("FEED_URLS and FEED_INTERVAL, the newsroom's feeds", () => {
  it("are none, and every 300 s, unless set", () => {
    const config = configOf({});
    expect([config.FEED_URLS, config.FEED_INTERVAL]).toEqual([undefined, 300]);
  });

  it("take http(s) and file:// URLs separated by commas, spaces and repeats dropped", () => {
    const config = configOf({ FEED_URLS: " https://outlet.example/rss.xml, file:///srv/feed.xml,https://outlet.example/rss.xml,", FEED_INTERVAL: "60" });
    expect([config.FEED_URLS, config.FEED_INTERVAL]).toEqual([["https://outlet.example/rss.xml", "file:///srv/feed.xml"], 60]);
  });

  it("refuse what is not a feed URL, or an interval out of range, saying which", () => {
    expect(parseConfig({ BOT_TOKEN, FEED_URLS: "ftp://outlet.example/rss,outlet.example" })).toEqual({
      ok: false,
      problems: [
        'FEED_URLS: FEED_URLS must be http(s) URLs separated by commas (a file:// URL for a local feed); "ftp://outlet.example/rss" is not one',
        'FEED_URLS: FEED_URLS must be http(s) URLs separated by commas (a file:// URL for a local feed); "outlet.example" is not one',
      ],
    });
    expect(parseConfig({ BOT_TOKEN, FEED_INTERVAL: "0" })).toEqual({ ok: false, problems: ["FEED_INTERVAL: FEED_INTERVAL must be at least 1 second"] });
    expect(parseConfig({ BOT_TOKEN, FEED_INTERVAL: "5m" })).toEqual({ ok: false, problems: ["FEED_INTERVAL: FEED_INTERVAL must be a number of seconds"] });
  });
});

describe("channel settings", () => {
  it("are off when unset: no channel, no autopost, no admins", () => {
    const config = configOf({});
    expect(config.CHANNEL_ID).toBeUndefined();
    expect(config.ADMIN_IDS).toBeUndefined();
    expect(isAutopostOn(config)).toBe(false);
  });

  it("accept a channel by @username or -100 id, autopost on by default, admins as a list", () => {
    for (const CHANNEL_ID of ["@newsroom", "-1001234567890"]) {
      const config = configOf({ CHANNEL_ID, ADMIN_IDS: " 12345678, 87654321,12345678 " });
      expect(config.CHANNEL_ID).toBe(CHANNEL_ID);
      expect(config.ADMIN_IDS).toEqual([12345678, 87654321]);
      expect(isAutopostOn(config)).toBe(true);
    }
    expect(isAutopostOn(configOf({ CHANNEL_ID: "@newsroom", AUTOPOST: "off" }))).toBe(false);
  });

  it("name every bad channel setting", () => {
    const parsed = parseConfig({ BOT_TOKEN, CHANNEL_ID: "newsroom", AUTOPOST: "sometimes", ADMIN_IDS: "12345678;bob" });
    expect(parsed).toEqual({
      ok: false,
      problems: [
        "CHANNEL_ID: CHANNEL_ID must be the channel's @username or its numeric id starting with -100",
        "AUTOPOST: AUTOPOST must be on or off",
        "ADMIN_IDS: ADMIN_IDS must be Telegram user ids separated by commas, e.g. 12345678,87654321",
      ],
    });
  });

  it("refuse AUTOPOST on without a channel", () => {
    expect(parseConfig({ BOT_TOKEN, AUTOPOST: "on" })).toEqual({
      ok: false,
      problems: ["AUTOPOST: AUTOPOST is on but CHANNEL_ID is not set: set the channel, or leave AUTOPOST out"],
    });
  });

  it("hold AUTOPOST to a 48-hour safety window by default; 0 means no limit; the card is off unless asked for", () => {
    const defaults = configOf({ CHANNEL_ID: "@newsroom" });
    expect(defaults.AUTOPOST_MAX_AGE).toBe(48);
    expect(autopostMaxAgeMs(defaults)).toBe(48 * 3_600_000);
    // Read from a parsed configuration: before, a failed parse (false) passed this check too.
    expect(defaults.CHANNEL_CARD).toBe(false);
    const set = configOf({ CHANNEL_ID: "@newsroom", AUTOPOST_MAX_AGE: "0", CHANNEL_CARD: "on" });
    expect(autopostMaxAgeMs(set)).toBeUndefined();
    expect(set.CHANNEL_CARD).toBe(true);
    expect(autopostMaxAgeMs(configOf({ AUTOPOST_MAX_AGE: "1.5" }))).toBe(5_400_000);
  });

  it("name a bad safety window or card setting", () => {
    expect(parseConfig({ BOT_TOKEN, AUTOPOST_MAX_AGE: "-1", CHANNEL_CARD: "maybe" })).toEqual({
      ok: false,
      problems: ["AUTOPOST_MAX_AGE: AUTOPOST_MAX_AGE must be 0 (no limit) or a number of hours", "CHANNEL_CARD: CHANNEL_CARD must be on or off"],
    });
    expect(parseConfig({ BOT_TOKEN, AUTOPOST_MAX_AGE: "two days" })).toEqual({
      ok: false,
      problems: ["AUTOPOST_MAX_AGE: AUTOPOST_MAX_AGE must be a number of hours (0: no limit)"],
    });
  });
});
