/** Facts about a compiled tool set that decoding needs on every request, computed once per compiled object. */
import type { Slot } from "../tools/types.js";

/**
 * `of`, cached per key: a compiled tool set keeps its objects (a tool's slots array, an enum slot's fill) for as long
 * as it is cached, so each fact ("which slots are unit slots", "which options are size codes") is found once per tool
 * set, not per request.
 */
export function perCompiled<K extends object, T>(of: (key: K) => T): (key: K) => T {
  const cache = new WeakMap<K, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = of(key)));
    return value;
  };
}

/** `of`, cached per compiled tool (its slots array). */
export function perTool<T>(of: (slots: readonly Slot[]) => T): (slots: readonly Slot[]) => T {
  return perCompiled(of);
}
