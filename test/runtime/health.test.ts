import { describe, expect, it } from "vitest";
import { createHealth } from "../../src/runtime/health";

describe("health", () => {
  it("is 503 until ready, 200 when ready, and degraded but still 200 while a part is away", () => {
    const health = createHealth();
    health.setProblem("redis", "redis unreachable: connect ECONNREFUSED 127.0.0.1:6379");
    expect(health.report()).toEqual({ statusCode: 503, body: { status: "starting", reason: "loading content" } });
    health.set({ status: "ready", mode: "webhook", username: "briefingbot" });
    expect(health.report()).toEqual({
      statusCode: 200,
      body: { status: "degraded", mode: "webhook", username: "briefingbot", reason: "redis unreachable: connect ECONNREFUSED 127.0.0.1:6379" },
    });
    health.setProblem("redis", undefined);
    expect(health.report()).toEqual({ statusCode: 200, body: { status: "ready", mode: "webhook", username: "briefingbot" } });
    health.setProblem("ledger", "the ledger in Redis is gone");
    health.set({ status: "stopping", reason: "SIGTERM" });
    expect(health.report().statusCode).toBe(503);
  });
});
