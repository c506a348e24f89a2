/**
 * BFCL's AST-checker rules (../shared/bfcl/README.md): name matches; every required parameter present; no parameter
 * outside the spec or the answer; types as specified, with only int -> float coercion; strings compared lower-cased
 * with spaces and `,./-_*^` removed; lists element-wise; dicts key by key; `""` among the acceptable values means
 * the parameter may be omitted. `simple`/`multiple` need exactly one call, `parallel*` the same calls in any order.
 */
import type { DecodedCall } from "../caller/types.js";
import type { ExpectedCall } from "./dataset.js";
import type { GorillaFunction } from "./gorilla.js";

export type Check = { ok: true } | { ok: false; reason: string };

const OK: Check = { ok: true };
const fail = (reason: string): Check => ({ ok: false, reason });

export function standardise(text: string): string {
  return text.toLowerCase().replace(/[\s,./\-_*^]/g, "");
}

interface ParamSpec {
  type?: string;
  items?: ParamSpec;
  properties?: Record<string, ParamSpec>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeMatches(value: unknown, type: string | undefined): boolean {
  switch (type) {
    case undefined:
    case "any":
      return true;
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "float":
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
    case "tuple":
      return Array.isArray(value);
    case "dict":
    case "object":
      return isPlainObject(value);
    default:
      return true;
  }
}

function valueEquals(actual: unknown, acceptable: unknown, spec: ParamSpec | undefined): boolean {
  if (typeof actual === "string" && typeof acceptable === "string") return standardise(actual) === standardise(acceptable);
  if (typeof actual === "number" && typeof acceptable === "number") return actual === acceptable;
  if (Array.isArray(actual) && Array.isArray(acceptable)) {
    return actual.length === acceptable.length && actual.every((item, i) => valueEquals(item, acceptable[i], spec?.items));
  }
  if (isPlainObject(actual) && isPlainObject(acceptable)) return dictMatches(actual, acceptable, spec).ok;
  return actual === acceptable;
}

/** A dict against one acceptable dict whose entries are lists of acceptable values. */
function dictMatches(actual: Record<string, unknown>, acceptable: Record<string, unknown>, spec: ParamSpec | undefined): Check {
  for (const [key, value] of Object.entries(actual)) {
    const options = acceptable[key];
    if (options === undefined) return fail(`unexpected key '${key}' in dict`);
    const list = Array.isArray(options) ? options : [options];
    if (!list.some((option) => valueEquals(value, option, spec?.properties?.[key])))
      return fail(`dict key '${key}': ${JSON.stringify(value)} not in ${JSON.stringify(list)}`);
  }
  for (const [key, options] of Object.entries(acceptable)) {
    if (key in actual) continue;
    const list = Array.isArray(options) ? options : [options];
    if (!list.includes("")) return fail(`dict key '${key}' missing`);
  }
  return OK;
}

export function checkCall(call: DecodedCall, expected: ExpectedCall, functions: readonly GorillaFunction[]): Check {
  const [name, answer] = Object.entries(expected)[0] ?? ["", {}];
  if (call.name !== name) return fail(`wrong function: ${call.name}, expected ${name}`);
  const spec = functions.find((fn) => fn.name === name);
  const parameters = (spec?.parameters ?? {}) as { properties?: Record<string, ParamSpec>; required?: string[] };
  const properties = parameters.properties ?? {};
  for (const required of parameters.required ?? []) {
    if (!(required in call.arguments)) return fail(`missing required parameter '${required}'`);
  }
  for (const [param, value] of Object.entries(call.arguments)) {
    const paramSpec = properties[param];
    if (!paramSpec) return fail(`parameter '${param}' is not in the function spec`);
    const acceptable = answer[param];
    if (!acceptable) return fail(`parameter '${param}' is not in the answer`);
    if (!typeMatches(value, paramSpec.type)) return fail(`parameter '${param}': ${JSON.stringify(value)} is not of type ${paramSpec.type}`);
    if (!acceptable.some((option) => option !== "" && valueEquals(value, option, paramSpec))) {
      return fail(`parameter '${param}': ${JSON.stringify(value)} not in ${JSON.stringify(acceptable)}`);
    }
  }
  for (const [param, acceptable] of Object.entries(answer)) {
    if (!(param in call.arguments) && !acceptable.includes("")) return fail(`parameter '${param}' missing`);
  }
  return OK;
}

/** Exactly these calls, in any order (each expected call matched to a different produced call). */
export function checkCallSet(calls: readonly DecodedCall[], expected: readonly ExpectedCall[], functions: readonly GorillaFunction[]): Check {
  if (calls.length !== expected.length) return fail(`${calls.length} calls, expected ${expected.length}`);
  const used = new Array<boolean>(calls.length).fill(false);
  let firstReason = "";
  const match = (i: number): boolean => {
    if (i === expected.length) return true;
    for (let j = 0; j < calls.length; j++) {
      if (used[j]) continue;
      const check = checkCall(calls[j] as DecodedCall, expected[i] as ExpectedCall, functions);
      if (!check.ok) {
        firstReason ||= check.reason;
        continue;
      }
      used[j] = true;
      if (match(i + 1)) return true;
      used[j] = false;
    }
    return false;
  };
  return match(0) ? OK : fail(firstReason || "calls do not match");
}
