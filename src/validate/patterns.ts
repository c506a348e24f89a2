/**
 * `pattern` and `patternProperties` run on RE2JS, a linear-time port of RE2: matching never backtracks, so no
 * pattern and no value makes validation super-linear. Patterns RE2 cannot run (backreferences, lookaround) are refused.
 * JSON Schema patterns are unanchored searches, as RE2's `find`.
 */
import { RE2JS } from "re2js";
import { LruCache } from "../tools/cache.js";

export interface LinearPattern {
  test(value: string): boolean;
}

const compiled = new LruCache<LinearPattern | string>(256);

/** The compiled pattern, or the reason it cannot be compiled. */
export function compileLinear(source: string): LinearPattern | string {
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  let result: LinearPattern | string;
  try {
    const re = RE2JS.compile(source);
    result = { test: (value) => re.matcher(value).find() };
  } catch (error) {
    result = error instanceof Error ? error.message.replace(/^error parsing regexp: /, "") : "not a regular expression";
  }
  compiled.set(source, result);
  return result;
}

/** The compiled pattern; throws for one that was not checked by the bounds first. */
export function linearPattern(source: string): LinearPattern {
  const pattern = compileLinear(source);
  if (typeof pattern === "string") throw new Error("pattern was not checked before use");
  return pattern;
}
