/**
 * What one property of a tool's parameters becomes: a nested object (flattened into its own slots) or a slot with a
 * fill plan. Also the type text the model reads, mirroring training/features.py.
 */
import { alternatives, domainAllows } from "./domain.js";
import { originOnlyKeyword } from "./keywords.js";
import { asSchema, resolveRef, type Located } from "./resolve.js";
import type { JSONSchema } from "./schema-types.js";
import type { SlotFill, ValueDomain } from "./types.js";

/** A slot's fill before element indices are known (enum option elements are assigned by the compiler). */
export type DraftFill = Exclude<SlotFill, { kind: "enum" }> | { kind: "enum"; options: unknown[]; allowed: boolean[] };

export type Shape =
  | { kind: "object"; located: Located; properties: Array<[string, Located]>; required: string[]; originOnly?: string }
  | { kind: "slot"; fill: DraftFill; typeText: string; description: string };

/** The slot's type as the model reads it: `string`, `integer|null`, anyOf branch types, or `any`. */
export function typeText(schema: JSONSchema): string {
  if (Array.isArray(schema.type)) return schema.type.join("|");
  if (typeof schema.type === "string") return schema.type;
  const seen: string[] = [];
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const t = typeof branch === "object" && branch !== null ? branch.type : undefined;
    for (const name of Array.isArray(t) ? t : t ? [t] : []) if (!seen.includes(name)) seen.push(name);
  }
  return seen.length > 0 ? seen.join("|") : "any";
}

export function objectProperties(located: Located): Array<[string, Located]> {
  return Object.entries(located.schema.properties ?? {}).map(([key, sub]) => [
    key,
    { schema: asSchema(sub), param: `${located.param}.properties.${key}`, refs: located.refs },
  ]);
}

/** Why an object cannot be guaranteed by the edge even when all its slots are filled. */
export function objectOriginOnly(schema: JSONSchema): string | undefined {
  const keyword = originOnlyKeyword(schema);
  if (keyword) return `keyword '${keyword}'`;
  const declared = schema.properties ?? {};
  const undeclared = (schema.required ?? []).find((name) => !Object.hasOwn(declared, name));
  if (undeclared !== undefined) return `required property '${undeclared}' is not declared`;
  return undefined;
}

function unfillable(reason: string): DraftFill {
  return { kind: "unfillable", reason };
}

function fillOf(root: JSONSchema, located: Located): DraftFill {
  const schema = located.schema;
  const alts = alternatives(root, located);
  if (alts.originOnly) return unfillable(alts.originOnly);
  const domain: ValueDomain = { rules: alts.rules, exclusive: alts.exclusive };

  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const allowed = schema.enum.map((option) => domainAllows(domain, option));
    return allowed.some(Boolean) ? { kind: "enum", options: [...schema.enum], allowed } : unfillable("no enum option fits the type");
  }
  if ("const" in schema) {
    return domainAllows(domain, schema.const) ? { kind: "fixed", value: schema.const } : unfillable("const does not fit the type");
  }
  if (alts.rules.length > 0) {
    const types = new Set(alts.rules.map((rule) => rule.type));
    if (types.size === 1 && types.has("null")) return { kind: "fixed", value: null };
    if (types.has("boolean") && [...types].every((t) => t === "boolean" || t === "null")) return { kind: "bool", domain };
    return { kind: "span", domain };
  }
  if (alts.arrays.length === 1 && alts.objects.length === 0) {
    const array = alts.arrays[0] as Located;
    const items = alternatives(root, { schema: asSchema(array.schema.items), param: `${array.param}.items`, refs: array.refs });
    if (items.originOnly) return unfillable(`array items: ${items.originOnly}`);
    if (items.objects.length > 0 || items.arrays.length > 0 || items.rules.length === 0) return unfillable("array of objects or arrays");
    const minItems = array.schema.minItems ?? 0;
    const maxItems = array.schema.maxItems ?? Number.POSITIVE_INFINITY;
    if (minItems > maxItems) return unfillable("minItems above maxItems");
    return {
      kind: "array",
      items: { rules: items.rules, exclusive: items.exclusive },
      minItems,
      maxItems,
      uniqueItems: array.schema["uniqueItems"] === true,
    };
  }
  if (alts.objects.length > 0) return unfillable("object value");
  if (alts.arrays.length > 0) return unfillable("array value");
  return unfillable("no value fits the schema");
}

export function shapeOf(root: JSONSchema, located: Located, depth: number): Shape {
  const resolved = resolveRef(root, located);
  const schema = resolved.schema;
  const text = typeText(schema);
  const description = typeof schema.description === "string" ? schema.description : "";
  if (resolved.recursive) return { kind: "slot", fill: unfillable("recursive $ref"), typeText: text, description };
  const props = schema.properties;
  if (text === "object" && props && Object.keys(props).length > 0) {
    if (depth > 16) return { kind: "slot", fill: unfillable("objects nested too deep"), typeText: text, description };
    const originOnly = resolved.originOnly ?? objectOriginOnly(schema);
    const shape: Shape = { kind: "object", located: resolved, properties: objectProperties(resolved), required: schema.required ?? [] };
    if (originOnly) shape.originOnly = originOnly;
    return shape;
  }
  const fill = resolved.originOnly ? unfillable(resolved.originOnly) : fillOf(root, resolved);
  return { kind: "slot", fill, typeText: text, description };
}
