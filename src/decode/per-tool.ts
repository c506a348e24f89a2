/** Facts about a tool's slots that decoding needs on every request, computed once per compiled tool. */
import type { Slot } from "../tools/types.js";

/**
 * `of`, cached per slots array: a compiled tool keeps its slots array for as long as its tool set is cached, so each
 * fact ("which slots are unit slots") is found once per tool set, not per request.
 */
export function perTool<T>(of: (slots: readonly Slot[]) => T): (slots: readonly Slot[]) => T {
  const cache = new WeakMap<readonly Slot[], T>();
  return (slots) => {
    let value = cache.get(slots);
    if (value === undefined) cache.set(slots, (value = of(slots)));
    return value;
  };
}
