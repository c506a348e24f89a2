/**
 * A json_schema response format as one forced extraction: the schema becomes the parameters of a synthetic tool,
 * marked `x-edgecall-extract` (the reader fills every required value it can point at and answers with what it read,
 * tools/compile.ts), and that tool is forced. Nullable properties are left out of `required` for the reader, so a
 * value the text does not state stays absent and becomes null.
 */
import type { ToolCallRequest, ToolDefinition } from "../caller/types.js";
import { EXTRACT_KEYWORD } from "../tools/compile.js";
import type { JSONSchema } from "../tools/schema-types.js";
import { isObject } from "./is-object.js";

/** Whether a schema admits null (a type union with "null", `nullable: true`, an enum with null, or an anyOf branch). */
export function admitsNull(schema: unknown): boolean {
  if (!isObject(schema)) return schema === true;
  if (schema.nullable === true) return true;
  const type = schema.type;
  if (type === "null" || (Array.isArray(type) && type.includes("null"))) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : [];
  return branches.some(admitsNull);
}

/** The reader's copy of an object schema: nullable properties not required, at every level. */
function readerSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(readerSchema);
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === "enum" || key === "const" || key === "default" || key === "examples" ? value : readerSchema(value);
  }
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  if (properties !== undefined && Array.isArray(schema.required)) {
    out.required = schema.required.filter((key) => typeof key === "string" && !admitsNull(properties[key]));
  }
  return out;
}

/** Words of a schema name: `shipping_address` -> "shipping address". */
function words(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
}

export function extractionTool(name: string, description: string | undefined, schema: JSONSchema): ToolDefinition {
  const parameters = { ...(readerSchema(schema) as JSONSchema), [EXTRACT_KEYWORD]: true };
  return { type: "function", function: { name, description: description ?? `Extract the ${words(name)}`, parameters } };
}

/**
 * The turns the reader extracts values from: the conversation without its instructions (system and developer
 * messages), which say what to extract, not the values (the reader would otherwise point into "Extract the order
 * number the customer gives" for an order number). A conversation of instructions only is read whole.
 */
export function extractionMessages(messages: ToolCallRequest["messages"]): ToolCallRequest["messages"] {
  const turns = messages.filter((message) => message.role !== "system" && message.role !== "developer");
  return turns.some((message) => message.role === "user" && typeof message.content === "string" && message.content.trim() !== "") ? turns : messages;
}

/** The forced extraction for a conversation: one call of the synthetic tool over its turns (extractionMessages). */
export function extractionRequest(messages: ToolCallRequest["messages"], tool: ToolDefinition): ToolCallRequest {
  return {
    messages: extractionMessages(messages),
    tools: [tool],
    tool_choice: { type: "function", function: { name: tool.function.name } },
    parallel_tool_calls: false,
  };
}
