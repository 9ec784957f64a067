import { describe, expect, it } from "vitest";
import { createRedactor, defaultLogFormat } from "../../src/runtime/logger";

const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

describe("the log redactor", () => {
  const redact = createRedactor([token, "webhook-secret-0123456789"]);

  it("replaces the token wherever it appears: whole, URL-encoded, its secret half", () => {
    const line = JSON.stringify({
      cause: `request to https://api.telegram.org/bot${token}/sendMessage failed`,
      encoded: `https://x/?t=${encodeURIComponent(token)}`,
      half: `secret ${token.split(":")[1]}`,
    });
    const out = redact(line);
    expect(out).not.toContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0");
    expect(JSON.parse(out)).toEqual({
      cause: "request to https://api.telegram.org/bot[redacted]/sendMessage failed",
      encoded: "https://x/?t=[redacted]",
      half: "secret [redacted]",
    });
  });

  it("replaces the webhook secret, and leaves the bot's id (the token's public half) alone", () => {
    expect(redact("header webhook-secret-0123456789 from bot 123456789")).toBe("header [redacted] from bot 123456789");
  });
});

describe("the log format", () => {
  it("is for people in a terminal or in development, JSON otherwise", () => {
    expect(defaultLogFormat({}, true)).toBe("pretty");
    expect(defaultLogFormat({ NODE_ENV: "development" }, false)).toBe("pretty");
    expect(defaultLogFormat({ NODE_ENV: "production" }, undefined)).toBe("json");
  });
});
