/**
 * Where the two validators can differ, the stricter verdict wins (issue 34). The AJV standalone code of a
 * registered schema (draft-07) ignores the 2019/2020 keywords that @cfworker/json-schema (run as 2020-12)
 * applies, and ./validator.ts drops patternProperties, which AJV checks. Every other keyword gets one verdict from
 * both (./differential.test.ts); a registered schema that uses one of these is checked by both, and a value passes
 * only if both accept it. The edge never fills under these keywords (they are origin-only), so this costs a
 * request-time validator only for origin answers under such schemas.
 */
import type { JSONSchema } from "../tools/schema-types.js";
import { validateAgainst, type ValidationOutcome } from "./validator.js";

export const DRAFT_DIVERGENT_KEYWORDS = new Set([
  "prefixItems",
  "dependentRequired",
  "dependentSchemas",
  "unevaluatedProperties",
  "unevaluatedItems",
  "minContains",
  "maxContains",
  "patternProperties",
]);

const divergence = new WeakMap<object, boolean>();

/** Whether a schema uses a keyword the two validators judge differently (keys of `properties`/`$defs` are names, not keywords). */
export function usesDivergentKeyword(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const known = divergence.get(schema);
  if (known !== undefined) return known;
  let found = false;
  if (Array.isArray(schema)) found = schema.some(usesDivergentKeyword);
  else {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "enum" || key === "const" || key === "default" || key === "examples") continue;
      const named = key === "properties" || key === "$defs" || key === "definitions";
      if (
        (!named && DRAFT_DIVERGENT_KEYWORDS.has(key)) ||
        (named ? Object.values(value ?? {}).some(usesDivergentKeyword) : usesDivergentKeyword(value))
      ) {
        found = true;
        break;
      }
    }
  }
  divergence.set(schema, found);
  return found;
}

export type Check = (value: unknown) => ValidationOutcome;

/**
 * The registered (AJV standalone) check, joined with the request-time one where the schema uses a divergent
 * keyword. `schema` is the one the request-time validator takes (nullable folded, no $schema).
 */
export function strictest(registered: Check, schema: JSONSchema, requestTime: Check = (value) => validateAgainst(schema, value)): Check {
  if (!usesDivergentKeyword(schema)) return registered;
  return (value) => {
    const first = registered(value);
    if (!first.valid) return first;
    return requestTime(value);
  };
}
