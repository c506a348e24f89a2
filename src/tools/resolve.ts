/**
 * `$ref` resolution inside one tool's parameters schema, and the checks that reject schemas nobody can honour.
 */
import { UnsupportedSchemaError } from "./errors.js";
import { pointerGet } from "./pointer.js";
import { ANNOTATION_KEYWORDS, TYPE_NAMES, UNSUPPORTED_KEYWORDS } from "./keywords.js";
import type { JSONSchema } from "./schema-types.js";

export interface Located {
  schema: JSONSchema;
  /** Where it is in the request, for error messages. */
  param: string;
  /** Refs followed to reach it (cycle detection). */
  refs: readonly string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonNegative(schema: JSONSchema, key: string, param: string): void {
  const value = schema[key];
  if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
    throw new UnsupportedSchemaError(key, `${param}.${key}`, "must be a non-negative number");
  }
}

function finite(schema: JSONSchema, key: string, param: string): void {
  const value = schema[key];
  if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value))) {
    throw new UnsupportedSchemaError(key, `${param}.${key}`, "must be a number");
  }
}

/** Rejects keywords and keyword values that cannot be honoured; checks only this level, not subschemas. */
export function checkKeywords(schema: JSONSchema, param: string): void {
  for (const key of Object.keys(schema)) {
    if (UNSUPPORTED_KEYWORDS.has(key)) throw new UnsupportedSchemaError(key, `${param}.${key}`, "not supported");
  }
  const type = schema.type;
  if (type !== undefined) {
    const names = Array.isArray(type) ? type : [type];
    if (names.length === 0) throw new UnsupportedSchemaError("type", `${param}.type`, "must name at least one type");
    for (const name of names) {
      if (typeof name !== "string" || !TYPE_NAMES.has(name)) {
        throw new UnsupportedSchemaError("type", `${param}.type`, `unknown type ${JSON.stringify(name)}`);
      }
    }
  }
  if (schema.properties !== undefined) {
    if (!isObject(schema.properties)) throw new UnsupportedSchemaError("properties", `${param}.properties`, "must be an object");
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (!isObject(sub) && typeof sub !== "boolean") {
        throw new UnsupportedSchemaError("properties", `${param}.properties.${name}`, "must be a schema");
      }
    }
  }
  if (schema.required !== undefined && (!Array.isArray(schema.required) || !schema.required.every((r) => typeof r === "string"))) {
    throw new UnsupportedSchemaError("required", `${param}.required`, "must be a list of property names");
  }
  if (schema.enum !== undefined && !Array.isArray(schema.enum)) {
    throw new UnsupportedSchemaError("enum", `${param}.enum`, "must be a list");
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (
      branches !== undefined &&
      (!Array.isArray(branches) || branches.length === 0 || !branches.every((b) => isObject(b) || typeof b === "boolean"))
    ) {
      throw new UnsupportedSchemaError(key, `${param}.${key}`, "must be a non-empty list of schemas");
    }
  }
  if (schema.items !== undefined && !isObject(schema.items) && typeof schema.items !== "boolean" && !Array.isArray(schema.items)) {
    throw new UnsupportedSchemaError("items", `${param}.items`, "must be a schema");
  }
  for (const key of ["minLength", "maxLength", "minItems", "maxItems"]) nonNegative(schema, key, param);
  for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) finite(schema, key, param);
  if (schema["multipleOf"] !== undefined) {
    const m = schema["multipleOf"];
    if (typeof m !== "number" || !(m > 0)) throw new UnsupportedSchemaError("multipleOf", `${param}.multipleOf`, "must be a positive number");
  }
  if (schema.pattern !== undefined) {
    try {
      new RegExp(String(schema.pattern), "u");
    } catch {
      throw new UnsupportedSchemaError("pattern", `${param}.pattern`, "is not a valid regular expression");
    }
  }
  if (schema.format !== undefined && typeof schema.format !== "string") {
    throw new UnsupportedSchemaError("format", `${param}.format`, "must be a string");
  }
  if (schema.$ref !== undefined && typeof schema.$ref !== "string") {
    throw new UnsupportedSchemaError("$ref", `${param}.$ref`, "must be a string");
  }
}

/** Boolean schemas as objects: `true` accepts anything, `false` nothing. */
export function asSchema(value: unknown): JSONSchema {
  if (value === true || value === undefined) return {};
  if (value === false) return { not: {} };
  return value as JSONSchema;
}

export interface Resolved extends Located {
  /** The reference is part of a cycle: the value cannot be flattened. */
  recursive?: true;
  /** A constraint the edge cannot guarantee came with the reference. */
  originOnly?: string;
}

/**
 * Follows `$ref` (local JSON pointers into the parameters schema) until a schema without one; sibling annotations
 * are kept, sibling constraints make it origin-only. A cycle yields `{ recursive: true }`.
 */
export function resolveRef(root: JSONSchema, located: Located): Resolved {
  let { schema, param, refs } = located;
  let originOnly: string | undefined;
  checkKeywords(schema, param);
  while (typeof schema.$ref === "string") {
    const ref = schema.$ref;
    if (!ref.startsWith("#")) {
      throw new UnsupportedSchemaError("$ref", `${param}.$ref`, `only local references (#/$defs/...) are supported, got ${JSON.stringify(ref)}`);
    }
    if (refs.includes(ref)) return { schema, param, refs, recursive: true };
    const found = pointerGet(root, ref.slice(1));
    const target = found.found ? found.value : undefined;
    if (!isObject(target) && typeof target !== "boolean") {
      const reason = found.found ? "does not resolve to a schema" : found.reason;
      throw new UnsupportedSchemaError("$ref", `${param}.$ref`, `${JSON.stringify(ref.slice(0, 80))}: ${reason}`);
    }
    const siblings = Object.entries(schema).filter(([key]) => key !== "$ref");
    const constraining = siblings.find(([key]) => !ANNOTATION_KEYWORDS.has(key) && key !== "$defs" && key !== "definitions");
    const merged: JSONSchema = { ...asSchema(target) };
    for (const [key, value] of siblings) if (ANNOTATION_KEYWORDS.has(key)) merged[key] = value;
    if (constraining) originOnly = `${constraining[0]} beside $ref`;
    schema = merged;
    param = `${param}.$ref`;
    refs = [...refs, ref];
    checkKeywords(schema, param);
  }
  return originOnly === undefined ? { schema, param, refs } : { schema, param, refs, originOnly };
}
