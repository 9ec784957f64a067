/**
 * What is rendered from an article (an answer, an inline result) depends on that article
 * only, so it is rendered once and then reused: a burst of readers asking the same thing
 * costs one rendering, not one each.
 *
 * Entries are keyed by an object that stands for one version of the article (the `Article`
 * itself, or its `ArticleSummary`, which lives as long as the library and lets a hit be found
 * without reading the article), in `WeakMap`s, never by its id: a content reload makes new
 * objects, so an edited article is rendered afresh and the old renderings go with the old objects. The cache is bounded by two generations: entries
 * go into the young one; when it is full, it becomes the old one and the previous old one
 * is dropped; an entry found in the old one moves back into the young. So at most
 * `capacity` entries are held, and the ones in use stay.
 */
export interface RenderCache {
  /**
   * The value cached for `key` of `article`, or `render()`'s, cached. A key is a string
   * (`topic:attendees`) or an object that stands for a part of the article, such as a
   * search hit's `target`, which is the same object for as long as the index is.
   */
  get<T extends object>(article: object, key: RenderKey, render: () => T): T;
}

export type RenderKey = string | object;

export function createRenderCache(capacity: number): RenderCache {
  const generationSize = Math.max(1, Math.floor(capacity / 2));
  let young = new WeakMap<object, Map<RenderKey, object>>();
  let old = new WeakMap<object, Map<RenderKey, object>>();
  let youngSize = 0;
  return {
    get<T extends object>(article: object, key: RenderKey, render: () => T): T {
      let entries = young.get(article);
      const cached = entries?.get(key);
      if (cached !== undefined) return cached as T;
      const value = (old.get(article)?.get(key) as T | undefined) ?? render();
      if (youngSize >= generationSize) {
        old = young;
        young = new WeakMap();
        youngSize = 0;
        entries = undefined;
      }
      if (entries === undefined) {
        entries = new Map();
        young.set(article, entries);
      }
      entries.set(key, value);
      youngSize++;
      return value;
    },
  };
}
