/**
 * The alternatives of a schema: which primitive values it allows (as rules), and which object / array branches
 * it has. Type unions, nullable, anyOf and oneOf all become a list of alternatives.
 */
import { Validator } from "@cfworker/json-schema";
import { compileLinear } from "../validate/patterns.js";
import { originOnlyKeyword } from "./keywords.js";
import { asSchema, resolveRef, type Located } from "./resolve.js";
import type { JSONSchema } from "./schema-types.js";
import type { PrimitiveType, ValueDomain, ValueRule } from "./types.js";

export interface Alternatives {
  rules: ValueRule[];
  exclusive: boolean;
  objects: Located[];
  arrays: Located[];
  /** Why the edge cannot fill a value here, when it cannot. */
  originOnly?: string;
}

const PRIMITIVE_CONSTRAINTS: Record<PrimitiveType, readonly string[]> = {
  string: ["minLength", "maxLength", "pattern", "format"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  integer: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  boolean: [],
  null: [],
};

export function jsonType(value: unknown): PrimitiveType | "object" | "array" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "boolean":
      return "boolean";
    case "number":
      return Number.isInteger(value) ? "integer" : "number";
    case "string":
      return "string";
    default:
      return "object";
  }
}

export function typeAllows(type: PrimitiveType, value: unknown): boolean {
  const actual = jsonType(value);
  return actual === type || (type === "number" && actual === "integer");
}

/** A date layout named in a slot's words: year, month and day in some order, one separator. */
const DATE_LAYOUT = /\b(?:YYYY([-/.])MM\1DD|MM([-/.])DD\2YYYY|DD([-/.])MM\3YYYY)\b/gi;

/**
 * Parameter names of running text: a query, a message, a statement; the name's last word says it ("search_query",
 * "messageText"; not "search_location" nor "message_id").
 */
const PROSE =
  /(?:^|[^a-z])(?:query|message|text|content|statement|prompt|question|sentence|comment|note|input|search|description|body|instruction|term)s?$/i;

/** Words that say a number is given in percent ("discount_percent", "0-100"), not as a fraction. */
const IN_PERCENT = /percent|pct|%|\b0\s*(?:-|to)\s*100\b/i;

/**
 * Words that say a share is a fraction even where percent is named ("as a decimal. E.g. 5% = 0.05", "in decimal
 * form", "must sum to 1"): "5%" reads 0.05 there (BFCL simple_python +2, multiple +1; the synthetic splits level).
 */
const AS_FRACTION = /\b(?:decimal|fraction)\b|%\s*(?:=|is|->|→|as)\s*0?\.\d|\bsums? to 1\b|\bbetween 0 and 1\b/i;

function makeRule(type: PrimitiveType, schema: JSONSchema, listed: readonly unknown[] | undefined, param: string): ValueRule | null {
  const ruleSchema: JSONSchema = { type };
  for (const key of PRIMITIVE_CONSTRAINTS[type]) if (schema[key] !== undefined) ruleSchema[key] = schema[key];
  let values: unknown[] | undefined;
  if (listed) {
    values = listed.filter((value) => typeAllows(type, value));
    if (values.length === 0) return null;
    ruleSchema.enum = values;
  }
  // The pattern runs on the linear-time engine, never on the validator's backtracking RegExp.
  const source = ruleSchema["pattern"];
  delete ruleSchema["pattern"];
  const pattern = typeof source === "string" ? compileLinear(source) : null;
  const validator = new Validator(ruleSchema as never, "2020-12", true);
  const matches = (value: unknown): boolean => pattern === null || typeof value !== "string" || (typeof pattern !== "string" && pattern.test(value));
  const rule: ValueRule = { type, check: (value) => validator.validate(value).valid && matches(value) };
  if (values) rule.enum = values;
  if (type === "string" && typeof schema.format === "string") rule.format = schema.format;
  const words = [param.split(".").pop(), schema.title, schema.description].filter((w) => typeof w === "string").join(" ");
  if (type === "number" && !values && (!IN_PERCENT.test(words) || AS_FRACTION.test(words))) rule.percentAsFraction = true;
  if ((type === "number" || type === "integer") && /temp|kelvin/i.test(words)) rule.temperature = true;
  if (type === "string" && PROSE.test((param.split(".").pop() ?? "").replace(/([a-z0-9])([A-Z])/g, "$1_$2"))) rule.prose = true;
  const [layout, ...others] = new Set([...words.matchAll(DATE_LAYOUT)].map((m) => m[0].toUpperCase()));
  if (type === "string" && !values && rule.format === undefined && layout !== undefined && others.length === 0) rule.dateLayout = layout;
  return rule;
}

function declaredTypes(schema: JSONSchema): string[] {
  if (Array.isArray(schema.type)) return [...schema.type];
  if (typeof schema.type === "string") return [schema.type];
  if (schema.properties !== undefined) return ["object"];
  if (schema.items !== undefined) return ["array"];
  const listed = Array.isArray(schema.enum) ? schema.enum : "const" in schema ? [schema.const] : undefined;
  if (listed) return [...new Set(listed.map((v) => jsonType(v)).map((t) => (t === "integer" ? "number" : t)))];
  return ["number", "string"];
}

export function alternatives(root: JSONSchema, located: Located): Alternatives {
  const resolved = resolveRef(root, located);
  const schema = resolved.schema;
  const out: Alternatives = { rules: [], exclusive: false, objects: [], arrays: [] };
  const reason =
    (resolved.recursive ? "recursive $ref" : undefined) ??
    resolved.originOnly ??
    (originOnlyKeyword(schema) ? `keyword '${originOnlyKeyword(schema)}'` : undefined) ??
    (schema.anyOf && schema.oneOf ? "anyOf together with oneOf" : undefined);
  if (reason) return { ...out, originOnly: reason };

  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const base: JSONSchema = { ...schema };
    delete base.anyOf;
    delete base.oneOf;
    out.exclusive = schema.oneOf !== undefined;
    branches.forEach((branch, i) => {
      const key = schema.anyOf ? "anyOf" : "oneOf";
      const branchResolved = resolveRef(root, { schema: asSchema(branch), param: `${resolved.param}.${key}[${i}]`, refs: resolved.refs });
      const merged: Located = { schema: { ...base, ...branchResolved.schema }, param: branchResolved.param, refs: branchResolved.refs };
      if (branchResolved.recursive) {
        out.originOnly ??= "recursive $ref";
        return;
      }
      if (branchResolved.originOnly) out.originOnly ??= branchResolved.originOnly;
      const inner = alternatives(root, merged);
      if (inner.originOnly) out.originOnly ??= inner.originOnly;
      if (inner.exclusive) out.exclusive = true;
      out.rules.push(...inner.rules);
      out.objects.push(...inner.objects);
      out.arrays.push(...inner.arrays);
    });
    return out;
  }

  const types = declaredTypes(schema);
  if (schema.nullable === true && !types.includes("null")) types.push("null");
  const listed = Array.isArray(schema.enum) ? schema.enum : "const" in schema ? [schema.const] : undefined;
  for (const type of types) {
    if (type === "object") out.objects.push(resolved);
    else if (type === "array") out.arrays.push(resolved);
    else {
      const rule = makeRule(type as PrimitiveType, schema, listed, resolved.param);
      if (rule) out.rules.push(rule);
    }
  }
  return out;
}

/** Whether a value is allowed by a domain (by one rule; by exactly one rule when exclusive). */
export function domainAllows(domain: ValueDomain, value: unknown): boolean {
  let fits = 0;
  for (const rule of domain.rules) {
    if (rule.check(value)) {
      fits++;
      if (!domain.exclusive) return true;
    }
  }
  return domain.exclusive ? fits === 1 : false;
}
