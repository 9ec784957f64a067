import { describe, expect, it } from "vitest";
import type { Article } from "../../src/content/article-schema";
import { createRenderCache } from "../../src/render/render-cache";

/** Stand-ins for articles: the cache only cares which object it is given. */
const article = (id: string) => ({ id }) as unknown as Article;

describe("createRenderCache", () => {
  it("renders once per article and key, and keeps each key's own value", () => {
    const cache = createRenderCache(100);
    const baku = article("baku");
    let renders = 0;
    const render = (text: string) => () => {
      renders += 1;
      return { text };
    };
    const first = cache.get(baku, "topic:attendees", render("attendees"));
    expect(cache.get(baku, "topic:attendees", render("other"))).toBe(first);
    expect(cache.get(baku, "topic:agenda", render("agenda"))).toEqual({ text: "agenda" });
    const target = { kind: "person" };
    expect(cache.get(baku, target, render("person"))).toEqual({ text: "person" });
    expect(cache.get(baku, target, render("other"))).toEqual({ text: "person" });
    expect(renders).toBe(3);
  });

  it("renders afresh for another Article object with the same id, as after a content reload", () => {
    const cache = createRenderCache(100);
    expect(cache.get(article("baku"), "topic:attendees", () => ({ text: "before" }))).toEqual({ text: "before" });
    expect(cache.get(article("baku"), "topic:attendees", () => ({ text: "after the edit" }))).toEqual({ text: "after the edit" });
  });

  it("holds at most its capacity, keeping the entries in use", () => {
    const cache = createRenderCache(10);
    const baku = article("baku");
    let renders = 0;
    const render = () => {
      renders += 1;
      return {};
    };
    cache.get(baku, "popular", render);
    for (let i = 0; i < 100; i++) {
      cache.get(baku, `once-${i}`, render);
      cache.get(baku, "popular", render);
    }
    expect(renders).toBe(101);
    // The first of the one-off entries is long gone.
    cache.get(baku, "once-0", render);
    expect(renders).toBe(102);
  });
});
