import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/app/config";

const BOT_TOKEN = "123456789:AAbbccddeeffgghhiijjkkllmmnnooppqq";

describe("BOT_POLLING, a diagnostic for the benchmarks", () => {
  it("is concurrent unless set", () => {
    const parsed = parseConfig({ BOT_TOKEN });
    expect(parsed.ok && parsed.config.BOT_MODE === "polling" && parsed.config.BOT_POLLING).toBe("concurrent");
  });

  it("can be sequential", () => {
    const parsed = parseConfig({ BOT_TOKEN, BOT_POLLING: "sequential" });
    expect(parsed.ok && parsed.config.BOT_MODE === "polling" && parsed.config.BOT_POLLING).toBe("sequential");
  });

  it("refuses anything else, saying what it may be", () => {
    expect(parseConfig({ BOT_TOKEN, BOT_POLLING: "parallel" })).toEqual({ ok: false, problems: ["BOT_POLLING: BOT_POLLING must be concurrent or sequential"] });
  });
});

describe("FEED_URLS and FEED_INTERVAL, the newsroom's feeds", () => {
  it("are none, and every 300 s, unless set", () => {
    const parsed = parseConfig({ BOT_TOKEN });
    expect(parsed.ok && [parsed.config.FEED_URLS, parsed.config.FEED_INTERVAL]).toEqual([undefined, 300]);
  });

  it("take http(s) and file:// URLs separated by commas, spaces and repeats dropped", () => {
    const parsed = parseConfig({ BOT_TOKEN, FEED_URLS: " https://outlet.example/rss.xml, file:///srv/feed.xml,https://outlet.example/rss.xml,", FEED_INTERVAL: "60" });
    expect(parsed.ok && [parsed.config.FEED_URLS, parsed.config.FEED_INTERVAL]).toEqual([["https://outlet.example/rss.xml", "file:///srv/feed.xml"], 60]);
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
