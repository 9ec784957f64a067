/**
 * Sets `key` to `value` in `map` as its newest entry (a `Map` keeps insertion order) and, once
 * the map holds more than `capacity`, drops its oldest: the one rule of the bounded caches.
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > capacity) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
}

/**
 * A cache of values by owner object and key: a value is made once by `make`, and forgotten with
 * its owner (a `WeakMap` of `Map`s). An owner's values are all dropped when it holds `capacity`
 * and a new one is made. @default capacity unbounded
 */
export function createOwnedCache<O extends object, K, V>(capacity = Number.POSITIVE_INFINITY): (owner: O, key: K, make: () => V) => V {
  const byOwner = new WeakMap<O, Map<K, V>>();
  return (owner, key, make) => {
    let values = byOwner.get(owner);
    if (values === undefined) {
      values = new Map();
      byOwner.set(owner, values);
    }
    let value = values.get(key);
    if (value === undefined) {
      value = make();
      if (values.size >= capacity) values.clear();
      values.set(key, value);
    }
    return value;
  };
}
