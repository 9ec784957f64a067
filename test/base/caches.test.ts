import { describe, expect, it } from "vitest";
import { createOwnedCache, setNewest } from "../../src/base/caches";

describe("setNewest", () => {
  it("keeps the newest entries up to the capacity, a key set again counting as new", () => {
    const map = new Map<string, number>();
    setNewest(map, "a", 1, 2);
    setNewest(map, "b", 2, 2);
    setNewest(map, "a", 3, 2);
    setNewest(map, "c", 4, 2);
    expect([...map]).toEqual([
      ["a", 3],
      ["c", 4],
    ]);
  });
});

describe("createOwnedCache", () => {
  it("makes a value once per owner and key, and drops an owner's values when it is full", () => {
    const cache = createOwnedCache<object, string, string>(2);
    const owner = {};
    let made = 0;
    const make = (value: string) => () => `${value}${++made}`;
    expect(cache(owner, "x", make("x"))).toBe("x1");
    expect(cache(owner, "x", make("x"))).toBe("x1");
    expect(cache({}, "x", make("x"))).toBe("x2");
    expect(cache(owner, "y", make("y"))).toBe("y3");
    // Full: a new key clears the owner's values, so "x" is made again.
    expect(cache(owner, "z", make("z"))).toBe("z4");
    expect(cache(owner, "x", make("x"))).toBe("x5");
  });
});
