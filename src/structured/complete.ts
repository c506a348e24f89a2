/**
 * The reader's partial reading completed into the whole answer the schema asks for, in the schema's property order.
 * A property the reader left out becomes null where the schema admits null; a nested object is completed inside; a
 * required string with no constraint on its text becomes "" (not stated) and is listed in `unstated`; any other
 * required value cannot be filled at the edge (a number, a boolean, an enum, a constrained string): the answer goes
 * to the origin or is refused.
 */
import { pointerGet } from "../tools/pointer.js";
import { admitsNull } from "./synthetic.js";
import { isObject } from "./is-object.js";

export type Completion = { kind: "complete"; value: Record<string, unknown>; unstated: string[] } | { kind: "unfillable"; path: string };

function resolved(root: unknown, schema: unknown, depth = 0): Record<string, unknown> {
  if (!isObject(schema)) return {};
  if (typeof schema.$ref === "string" && schema.$ref.startsWith("#") && depth < 16) {
    const target = pointerGet(root, schema.$ref.slice(1));
    return target.found ? resolved(root, target.value, depth + 1) : {};
  }
  return schema;
}

function isObjectSchema(schema: Record<string, unknown>): boolean {
  const type = schema.type;
  return type === "object" || (Array.isArray(type) && type.includes("object")) || isObject(schema.properties);
}

/** A string whose text the schema does not constrain: "" is a valid value for it. */
function freeString(schema: Record<string, unknown>): boolean {
  const type = schema.type;
  const isString = type === "string" || (Array.isArray(type) && type.includes("string"));
  const constrained = ["enum", "const", "pattern", "format", "anyOf", "oneOf", "allOf"].some((k) => schema[k] !== undefined);
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  return isString && !constrained && minLength === 0;
}

function setOwn(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

export function completeAnswer(root: Record<string, unknown>, read: Record<string, unknown>): Completion {
  const unstated: string[] = [];
  let unfillable: string | undefined;
  const fill = (schema: Record<string, unknown>, given: Record<string, unknown>, path: string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const [key, raw] of Object.entries(properties)) {
      const sub = resolved(root, raw);
      const here = [...path, key];
      const value = Object.hasOwn(given, key) ? given[key] : undefined;
      if (value !== undefined) {
        setOwn(out, key, isObject(value) && isObjectSchema(sub) ? fill(sub, value, here) : value);
      } else if (!required.includes(key)) {
        continue;
      } else if (admitsNull(raw) || admitsNull(sub)) {
        setOwn(out, key, null);
      } else if (isObjectSchema(sub)) {
        setOwn(out, key, fill(sub, {}, here));
      } else if (freeString(sub)) {
        setOwn(out, key, "");
        unstated.push(here.join("."));
      } else {
        unfillable ??= here.join(".");
      }
    }
    return out;
  };
  const value = fill(resolved(root, root), read, []);
  return unfillable === undefined ? { kind: "complete", value, unstated } : { kind: "unfillable", path: unfillable };
}
