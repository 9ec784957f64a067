import { describe, expect, it } from "vitest";
import { autopostMaxAgeMs, isAutopostOn, parseConfig } from "../../src/app/config";

const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

describe("channel settings", () => {
  it("are off when unset: no channel, no autopost, no admins", () => {
    const parsed = parseConfig({ BOT_TOKEN });
    if (!parsed.ok) throw new Error(`did not parse: ${parsed.problems.join("; ")}`);
    expect(parsed.config.CHANNEL_ID).toBeUndefined();
    expect(parsed.config.ADMIN_IDS).toBeUndefined();
    expect(isAutopostOn(parsed.config)).toBe(false);
  });

  it("accept a channel by @username or -100 id, autopost on by default, admins as a list", () => {
    for (const CHANNEL_ID of ["@newsroom", "-1001234567890"]) {
      const parsed = parseConfig({ BOT_TOKEN, CHANNEL_ID, ADMIN_IDS: " 12345678, 87654321,12345678 " });
      if (!parsed.ok) throw new Error(`did not parse: ${parsed.problems.join("; ")}`);
      expect(parsed.config.CHANNEL_ID).toBe(CHANNEL_ID);
      expect(parsed.config.ADMIN_IDS).toEqual([12345678, 87654321]);
      expect(isAutopostOn(parsed.config)).toBe(true);
    }
    const off = parseConfig({ BOT_TOKEN, CHANNEL_ID: "@newsroom", AUTOPOST: "off" });
    if (!off.ok) throw new Error(`did not parse: ${off.problems.join("; ")}`);
    expect(isAutopostOn(off.config)).toBe(false);
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
    const defaults = parseConfig({ BOT_TOKEN, CHANNEL_ID: "@newsroom" });
    expect(defaults.ok && defaults.config.AUTOPOST_MAX_AGE).toBe(48);
    expect(defaults.ok && autopostMaxAgeMs(defaults.config)).toBe(48 * 3_600_000);
    expect(defaults.ok && defaults.config.CHANNEL_CARD).toBe(false);
    const set = parseConfig({ BOT_TOKEN, CHANNEL_ID: "@newsroom", AUTOPOST_MAX_AGE: "0", CHANNEL_CARD: "on" });
    expect(set.ok && autopostMaxAgeMs(set.config)).toBeUndefined();
    expect(set.ok && set.config.CHANNEL_CARD).toBe(true);
    const half = parseConfig({ BOT_TOKEN, AUTOPOST_MAX_AGE: "1.5" });
    expect(half.ok && autopostMaxAgeMs(half.config)).toBe(5_400_000);
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
