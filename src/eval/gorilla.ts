/**
 * Gorilla (BFCL) function specs to OpenAI tools: Gorilla type names become JSON Schema types
 * (dict -> object, float -> number, tuple -> array, any -> no type).
 */
import type { ToolDefinition } from "../caller/types.js";
import type { JSONSchema } from "../tools/schema-types.js";

const TYPE_NAMES: Record<string, string | undefined> = {
  dict: "object",
  float: "number",
  tuple: "array",
  any: undefined,
  list: "array",
  str: "string",
  int: "integer",
  bool: "boolean",
};

export interface GorillaFunction {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

function convertType(type: unknown): unknown {
  if (typeof type === "string") return type in TYPE_NAMES ? TYPE_NAMES[type] : type;
  if (Array.isArray(type)) return type.map(convertType).filter((t) => t !== undefined);
  return type;
}

export function convertSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(convertSchema);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "type") {
      const converted = convertType(value);
      if (converted !== undefined) out[key] = converted;
    } else if (key === "properties" || key === "$defs" || key === "definitions") {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, convertSchema(sub)]));
    } else if (key === "items" || key === "additionalProperties" || key === "anyOf" || key === "oneOf" || key === "allOf" || key === "not") {
      out[key] = convertSchema(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function toTool(fn: GorillaFunction): ToolDefinition {
  const definition: ToolDefinition = {
    type: "function",
    function: { name: fn.name, parameters: convertSchema(fn.parameters ?? { type: "dict", properties: {} }) as JSONSchema },
  };
  if (fn.description !== undefined) definition.function.description = fn.description;
  return definition;
}
