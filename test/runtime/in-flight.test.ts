import { describe, expect, it } from "vitest";
import { createInFlight } from "../../src/runtime/in-flight";

describe("work in flight", () => {
  it("is drained at once when there is none", async () => {
    await expect(createInFlight().drained()).resolves.toBeUndefined();
  });

  it("is drained once every tracked piece has settled, failures included", async () => {
    const inFlight = createInFlight();
    const settle: Array<() => void> = [];
    inFlight.track(new Promise<void>((resolve) => settle.push(resolve)));
    inFlight.track(new Promise<void>((_, reject) => settle.push(() => reject(new Error("failed"))))).catch(() => {});
    let drained = false;
    const waiting = inFlight.drained().then(() => (drained = true));
    expect(inFlight.size).toBe(2);
    settle[0]?.();
    await Promise.resolve();
    expect(drained).toBe(false);
    settle[1]?.();
    await waiting;
    expect(inFlight.size).toBe(0);
  });
});
