/**
 * How the compiler treats each JSON Schema keyword.
 * - filled: the edge model fills values under it (decoding honours it by construction);
 * - annotations: ignored for filling;
 * - origin-only: the validator checks it, the edge cannot guarantee it, so a value under it routes to the origin;
 * - unsupported: nobody here can honour it, the request is refused with a 400 naming it.
 * Keywords outside the vocabulary are ignored, as JSON Schema prescribes for unknown keywords.
 */
export const FILLED_KEYWORDS = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "enum",
  "const",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "anyOf",
  "oneOf",
  "$ref",
  "$defs",
  "definitions",
  "nullable",
]);

export const ANNOTATION_KEYWORDS = new Set([
  "title",
  "description",
  "default",
  "examples",
  "$schema",
  "$id",
  "$anchor",
  "$comment",
  "deprecated",
  "readOnly",
  "writeOnly",
  "contentEncoding",
  "contentMediaType",
  "contentSchema",
]);

export const ORIGIN_ONLY_KEYWORDS = new Set([
  "allOf",
  "not",
  "if",
  "then",
  "else",
  "prefixItems",
  "additionalItems",
  "contains",
  "minContains",
  "maxContains",
  "patternProperties",
  "propertyNames",
  "dependentRequired",
  "dependentSchemas",
  "dependencies",
  "minProperties",
  "maxProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "$recursiveRef",
]);

export const UNSUPPORTED_KEYWORDS = new Set(["$dynamicRef"]);

export const TYPE_NAMES = new Set(["object", "array", "string", "number", "integer", "boolean", "null"]);

/** The first origin-only keyword of a schema, if any. */
export function originOnlyKeyword(schema: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(schema)) if (ORIGIN_ONLY_KEYWORDS.has(key)) return key;
  if (Array.isArray(schema["items"])) return "items";
  return undefined;
}
