import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/base/metrics";
import { measureUpdates } from "../../src/runtime/instrument";

describe("measureUpdates", () => {
  it("counts each update by type and times its handling, a failed one included", async () => {
    const metrics = createMetrics();
    const measure = measureUpdates(metrics);
    const ctx = (update: object) => ({ update }) as unknown as Context;
    await measure(ctx({ update_id: 1, message: {} }), async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    await measure(ctx({ update_id: 2, message: {} }), async () => {});
    await expect(measure(ctx({ update_id: 3, inline_query: {} }), async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");

    const text = await metrics.registry.metrics();
    expect(text).toContain('briefing_updates_total{type="message"} 2');
    expect(text).toContain('briefing_updates_total{type="inline_query"} 1');
    expect(text).toContain('briefing_update_duration_seconds_count{type="message"} 2');
    expect(text).toContain('briefing_update_duration_seconds_count{type="inline_query"} 1');
    // The 5 ms message falls in the first bucket (10 ms) at the latest; every one in +Inf.
    expect(text).toContain('briefing_update_duration_seconds_bucket{le="+Inf",type="message"} 2');
    expect(Number(/briefing_update_duration_seconds_bucket\{le="30",type="inline_query"\} (\S+)/.exec(text)?.[1])).toBe(1);
    expect(Number(/briefing_update_duration_seconds_sum\{type="message"\} (\S+)/.exec(text)?.[1])).toBeGreaterThan(0);
  });
});
