import { describe, expect, it } from "vitest";
import { createMemoryRecentUpdateIds } from "../../src/runtime/recent-update-ids";

describe("recent update ids", () => {
  it("claims an update_id once", async () => {
    const ids = createMemoryRecentUpdateIds();
    expect(await ids.claim(1)).toBe(true);
    expect(await ids.claim(1)).toBe(false);
    expect(await ids.claim(2)).toBe(true);
  });

  it("forgets the oldest beyond its capacity", async () => {
    const ids = createMemoryRecentUpdateIds(2);
    for (const id of [1, 2, 3]) await ids.claim(id);
    expect(await ids.claim(1)).toBe(true);
    expect(await ids.claim(3)).toBe(false);
  });
});
