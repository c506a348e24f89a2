/**
 * `response_format` read once: text (the default), `json_object`, or `json_schema` with its schema. In strict mode
 * the schema must be in OpenAI's subset (an object at the root; every object closed with `additionalProperties:
 * false` and every property listed in `required`; optional values are nullable by a type union or `nullable`),
 * else a 400 as OpenAI gives (a ToolSetError: the API's onError answers it in OpenAI's shape).
 */
import { ToolSetError } from "../tools/errors.js";
import type { JSONSchema } from "../tools/schema-types.js";
import { isObject } from "./is-object.js";

export type ResponseFormat =
  | { kind: "text" }
  | { kind: "json_object" }
  | { kind: "json_schema"; name: string; description?: string; schema: JSONSchema | undefined; strict: boolean };

const PARAM = "response_format.json_schema.schema";

/** The request's response_format, already shape-checked by the request schema. */
export function responseFormatOf(body: { response_format?: unknown }): ResponseFormat {
  const format = body.response_format;
  if (!isObject(format) || format.type === "text") return { kind: "text" };
  if (format.type === "json_object") return { kind: "json_object" };
  const spec = isObject(format.json_schema) ? format.json_schema : {};
  const name = typeof spec.name === "string" ? spec.name : "response";
  const schema = isObject(spec.schema) ? (spec.schema as JSONSchema) : undefined;
  const strict = spec.strict === true;
  if (strict && schema === undefined)
    throw new ToolSetError(`Invalid schema for response_format '${name}': strict mode needs a schema.`, PARAM, "invalid_json_schema");
  if (strict && schema !== undefined) checkStrictSubset(name, schema);
  const described = typeof spec.description === "string" ? { description: spec.description } : {};
  return { kind: "json_schema", name, ...described, schema, strict };
}

function typesOf(schema: Record<string, unknown>): string[] {
  const type = schema.type;
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
}

function strictError(name: string, path: readonly string[], detail: string): never {
  const context = path.map((p) => `'${p}'`).join(", ");
  throw new ToolSetError(
    `Invalid schema for response_format '${name}': In context=(${context}), ${detail}`,
    [PARAM, ...path].join("."),
    "invalid_json_schema",
  );
}

/** OpenAI's structural rules for strict schemas; keywords are judged by the tool-set compiler afterwards. */
export function checkStrictSubset(name: string, root: JSONSchema): void {
  if (!typesOf(root).includes("object") || root.anyOf !== undefined) {
    strictError(name, [], "schema must be a JSON Schema of 'type: \"object\"', got a different root.");
  }
  const walk = (schema: unknown, path: string[]): void => {
    if (Array.isArray(schema)) {
      schema.forEach((item, i) => walk(item, [...path, String(i)]));
      return;
    }
    if (!isObject(schema)) return;
    const properties = isObject(schema.properties) ? schema.properties : undefined;
    if (typesOf(schema).includes("object") || properties !== undefined) {
      if (schema.additionalProperties !== false) {
        strictError(name, path, "'additionalProperties' is required to be supplied and to be false.");
      }
      const keys = Object.keys(properties ?? {});
      const required = Array.isArray(schema.required) ? schema.required : [];
      const absent = keys.filter((key) => !required.includes(key));
      if (absent.length > 0) {
        strictError(
          name,
          path,
          `'required' is required to be supplied and to be an array including every key in properties. Missing '${absent[0]}'.`,
        );
      }
      for (const key of keys) walk(properties?.[key], [...path, "properties", key]);
    }
    for (const keyword of ["items", "anyOf", "$defs", "definitions"]) {
      const sub = schema[keyword];
      if (sub === undefined) continue;
      if (keyword === "$defs" || keyword === "definitions") {
        if (isObject(sub)) for (const [key, def] of Object.entries(sub)) walk(def, [...path, keyword, key]);
      } else walk(sub, [...path, keyword]);
    }
  };
  walk(root, []);
}
