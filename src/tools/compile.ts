/**
 * The tool-set compiler: tools -> schema elements, their tensors, and each tool's decoding plan (slots).
 */
import type { ToolDefinition } from "../caller/types.js";
import type { WordMatcher } from "../model/words.js";
import { elementTensors, optionElement, paramElement, toolElement } from "./elements.js";
import { InvalidToolsError, UnsupportedSchemaError } from "./errors.js";
import { objectOriginOnly, objectProperties, shapeOf } from "./shape.js";
import { checkKeywords, resolveRef, type Located } from "./resolve.js";
import type { JSONSchema } from "./schema-types.js";
import type { CompiledTool, CompiledToolSet, ObjectNode, SchemaElement, Slot } from "./types.js";

/** The parameters keyword that marks a structured-output extraction (CompiledTool.fillRequired). */
export const EXTRACT_KEYWORD = "x-edgecall-extract";

export interface CompileSettings {
  words: WordMatcher;
  maxElementTokens: number;
  pad: number;
}

/** Keywords whose values are data, not subschemas: copied as they are. */
const LITERAL_KEYWORDS = new Set(["enum", "const", "default", "examples"]);

/** A copy of the schema with `rewrite` applied to every object in it, innermost first (literal values untouched). */
function mapSchema(schema: unknown, rewrite: (node: Record<string, unknown>) => unknown): unknown {
  if (Array.isArray(schema)) return schema.map((item) => mapSchema(item, rewrite));
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = LITERAL_KEYWORDS.has(key) ? value : mapSchema(value, rewrite);
  return rewrite(out);
}

/** A copy of the schema where OpenAPI's `nullable: true` becomes a `null` member of `type` (for validation). */
export function foldNullable(schema: unknown): unknown {
  return mapSchema(schema, foldNode);
}

function foldNode(out: Record<string, unknown>): unknown {
  if (out["nullable"] === true) {
    const type = out["type"];
    // Where widening type and enum would not admit null (anyOf, oneOf, allOf, $ref, const, not, or neither type nor
    // enum), null becomes an alternative of its own; a schema holding $defs stays put so its $refs still resolve.
    const widens =
      ["anyOf", "oneOf", "allOf", "$ref", "const", "not"].every((k) => out[k] === undefined) && (type !== undefined || Array.isArray(out["enum"]));
    if (!widens && out["$defs"] === undefined && out["definitions"] === undefined) {
      delete out["nullable"];
      return { anyOf: [out, { type: "null" }] };
    }
    if (typeof type === "string" && type !== "null") out["type"] = [type, "null"];
    else if (Array.isArray(type) && !type.includes("null")) out["type"] = [...type, "null"];
    if (Array.isArray(out["enum"]) && !out["enum"].includes(null)) out["enum"] = [...out["enum"], null];
    delete out["nullable"];
  }
  return out;
}

/** A copy of the schema with no `required` lists: an extraction's partial reading validates; src/structured checks the whole answer. */
function withoutRequired(schema: unknown): unknown {
  return mapSchema(schema, (node) => {
    // A list: the keyword (a property named "required" holds a schema, and stays).
    if (Array.isArray(node["required"])) delete node["required"];
    return node;
  });
}

function compileTool(tool: ToolDefinition, index: number, elements: SchemaElement[], settings: CompileSettings): CompiledTool {
  const fn = tool.function;
  const param = `tools[${index}].function.parameters`;
  const root: JSONSchema = fn.parameters ?? { type: "object", properties: {} };
  if (typeof root !== "object" || root === null || Array.isArray(root)) {
    throw new UnsupportedSchemaError("parameters", param, "must be a JSON Schema object");
  }
  const toolIndex = elements.length;
  elements.push({ ...toolElement(fn.name, fn.description ?? "", settings.words), parent: toolIndex });

  const top = resolveRef(root, { schema: root, param, refs: [] });
  checkKeywords(top.schema, param);
  const rootType = top.schema.type;
  if (rootType !== undefined && rootType !== "object" && !(Array.isArray(rootType) && rootType.includes("object"))) {
    throw new UnsupportedSchemaError("type", `${param}.type`, "tool parameters must be an object");
  }
  const slots: Slot[] = [];
  const objects: ObjectNode[] = [];
  const walk = (located: Located, path: string[], chain: boolean[], required: readonly string[], depth: number): void => {
    for (const [key, sub] of objectProperties(located)) {
      const slotPath = [...path, key];
      const slotChain = [...chain, required.includes(key)];
      const shape = shapeOf(root, sub, depth);
      if (shape.kind === "object") {
        const node: ObjectNode = { path: slotPath, requiredChain: slotChain };
        if (shape.originOnly) node.unfillable = shape.originOnly;
        objects.push(node);
        walk(shape.located, slotPath, slotChain, shape.required, depth + 1);
        continue;
      }
      const element = elements.length;
      elements.push(paramElement(slotPath, shape.typeText, shape.description, toolIndex, settings.words));
      if (shape.fill.kind === "enum") {
        const optionElements = shape.fill.options.map((option) => {
          elements.push(optionElement(option, element, settings.words));
          return elements.length - 1;
        });
        slots.push({ path: slotPath, requiredChain: slotChain, element, fill: { ...shape.fill, optionElements } });
      } else {
        slots.push({ path: slotPath, requiredChain: slotChain, element, fill: shape.fill });
      }
    }
  };
  walk(top, [], [], top.schema.required ?? [], 0);

  const compiled: CompiledTool = { name: fn.name, index, element: toolIndex, slots, objects, schema: foldNullable(root) as JSONSchema };
  const rootOriginOnly = top.recursive ? "recursive $ref" : (top.originOnly ?? objectOriginOnly(top.schema));
  if (rootOriginOnly) compiled.unfillable = rootOriginOnly;
  if (root[EXTRACT_KEYWORD] === true) {
    compiled.fillRequired = true;
    compiled.schema = withoutRequired(compiled.schema) as JSONSchema;
  }
  return compiled;
}

export function compileToolSet(tools: readonly ToolDefinition[], settings: CompileSettings, key: string): CompiledToolSet {
  const seen = new Set<string>();
  tools.forEach((tool, i) => {
    const name = tool?.function?.name;
    if (typeof name !== "string" || name.length === 0) {
      throw new InvalidToolsError("Every tool needs a function name", `tools[${i}].function.name`, "invalid_tools");
    }
    if (seen.has(name)) throw new InvalidToolsError(`Duplicate tool name '${name}'`, `tools[${i}].function.name`, "invalid_tools");
    seen.add(name);
  });
  const elements: SchemaElement[] = [];
  const compiled = tools.map((tool, i) => compileTool(tool, i, elements, settings));
  return { key, tools: compiled, elements, tensors: elementTensors(elements, settings.maxElementTokens, settings.pad) };
}
