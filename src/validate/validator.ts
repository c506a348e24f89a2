/**
 * The second guard: every call is validated against its tool's parameters schema before it leaves. Uses
 * @cfworker/json-schema, which needs no code generation (AJV's compile is refused inside workerd at request time).
 * That library runs `pattern` with JavaScript's backtracking RegExp, so the schema it sees has each `pattern`
 * replaced by a format that RE2JS checks in linear time (./patterns.ts), and no `patternProperties` (a keyword the
 * edge never fills under: such calls go to the origin; its pattern keys are checked by the bounds).
 */
import { format, Validator } from "@cfworker/json-schema";
import type { JSONSchema } from "../tools/schema-types.js";
import { compileLinear } from "./patterns.js";

export interface ValidationOutcome {
  valid: boolean;
  /** Human-readable problems, `instanceLocation: message`. */
  errors: string[];
}

const PATTERN_FORMAT = "x-edgecall-pattern:";

interface LinearValidator {
  validator: Validator;
  /** The patterns its formats stand for. */
  patterns: string[];
}

const validators = new WeakMap<object, LinearValidator>();

/** A copy of a schema whose `pattern`s are formats checked by the linear-time engine. */
export function withLinearPatterns(schema: unknown, patterns: Set<string>): unknown {
  if (Array.isArray(schema)) return schema.map((item) => withLinearPatterns(item, patterns));
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "pattern" || key === "patternProperties") continue;
    const copied = key === "enum" || key === "const" || key === "default" || key === "examples" ? value : withLinearPatterns(value, patterns);
    Object.defineProperty(out, key, { value: copied, writable: true, enumerable: true, configurable: true });
  }
  const pattern = (schema as Record<string, unknown>)["pattern"];
  if (typeof pattern === "string") {
    patterns.add(pattern);
    const allOf = Array.isArray(out["allOf"]) ? out["allOf"] : [];
    out["allOf"] = [...allOf, { format: `${PATTERN_FORMAT}${pattern}` }];
  }
  return out;
}

function validatorFor(schema: JSONSchema): LinearValidator {
  let entry = validators.get(schema);
  if (!entry) {
    const patterns = new Set<string>();
    const linear = withLinearPatterns(schema, patterns);
    entry = { validator: new Validator(linear as never, "2020-12", false), patterns: [...patterns] };
    validators.set(schema, entry);
  }
  return entry;
}

/**
 * Validates a value against a schema; validators are cached per schema object. The pattern formats exist only
 * while this synchronous call runs, so no other schema's validation can see them.
 */
export function validateAgainst(schema: JSONSchema, value: unknown): ValidationOutcome {
  const { validator, patterns } = validatorFor(schema);
  const formats = format as Record<string, (value: string) => boolean>;
  for (const source of patterns) {
    const compiled = compileLinear(source);
    formats[`${PATTERN_FORMAT}${source}`] = typeof compiled === "string" ? () => false : (text) => compiled.test(text);
  }
  try {
    const result = validator.validate(value);
    return {
      valid: result.valid,
      errors: result.errors.map((error) => `${error.instanceLocation || "#"}: ${error.error.replace(`format "${PATTERN_FORMAT}`, 'pattern "')}`),
    };
  } finally {
    // cfworker reads formats from this shared object by name; the pattern formats must leave it after this call.
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
    for (const source of patterns) delete formats[`${PATTERN_FORMAT}${source}`];
  }
}
