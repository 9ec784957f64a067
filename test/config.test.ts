import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config";

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
