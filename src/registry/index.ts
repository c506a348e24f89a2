/**
 * The registered tool sets built into the bundle by `npm run build` (scripts/build-registry.ts from the file
 * wrangler.toml names in TOOL_REGISTRY): per set its schema-encoder vectors and an AJV standalone validator per
 * tool, keyed by the tool-set cache's key (sha256 of the model id and the normalised tools); per response schema its
 * AJV standalone validator, keyed by the schema's JSON text. Nothing here compiles code at request time.
 */
import type { ToolDefinition } from "../caller/types.js";
import type { TensorData } from "../engine/types.js";
import { sha256Hex } from "../tools/hash.js";
import type { ValidationOutcome } from "../validate/validator.js";
import { modelId, responseSchemas, toolSets, type GeneratedValidator } from "./generated/registry.js";

export type StandaloneCheck = (value: unknown) => ValidationOutcome;

export interface RegisteredToolSet {
  name: string;
  /** elem_vecs [E, D] as the build computed them (decoded once per isolate). */
  vectors(): TensorData;
  /** AJV standalone validators by tool name. */
  validators: Record<string, StandaloneCheck>;
}

function outcome(validate: GeneratedValidator): StandaloneCheck {
  return (value) => {
    const valid = validate(value);
    return { valid, errors: valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "#"}: ${e.message ?? e.keyword}`) };
  };
}

function floats(base64: string): Float32Array {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

const sets = new Map<string, RegisteredToolSet>();

/** The registered set with this tool-set key, if any. */
export function registeredToolSet(key: string): RegisteredToolSet | undefined {
  const cached = sets.get(key);
  if (cached !== undefined) return cached;
  const built = Object.hasOwn(toolSets, key) ? toolSets[key] : undefined;
  if (built === undefined) return undefined;
  let tensor: TensorData | undefined;
  const validators: Record<string, StandaloneCheck> = {};
  for (const [name, validate] of Object.entries(built.validators)) validators[name] = outcome(validate);
  const set: RegisteredToolSet = {
    name: built.name,
    vectors: () => (tensor ??= { type: "float32", data: floats(built.vectors), dims: built.dims }),
    validators,
  };
  sets.set(key, set);
  return set;
}

/**
 * Keys already computed, by tools list and model id: a request's list is hashed by the tool-set store and again by
 * the tool-set watcher (src/registry/watch.ts), and a request's tools are never changed after parsing.
 */
const keys = new WeakMap<readonly ToolDefinition[], Map<string, Promise<string>>>();

/** The tool-set cache's key for these tools (src/model/tool-sets.ts): sha256 of the model id and the tools' JSON. */
export function toolSetKey(id: string, tools: readonly ToolDefinition[]): Promise<string> {
  let byId = keys.get(tools);
  if (byId === undefined) keys.set(tools, (byId = new Map()));
  let key = byId.get(id);
  if (key === undefined) byId.set(id, (key = sha256Hex(`${id}\n${JSON.stringify(tools)}`)));
  return key;
}

/** "registered": built into the bundle by `npm run build`; "compiled": at request time. */
export type ToolSetKind = "registered" | "compiled";

export async function toolSetKind(tools: readonly ToolDefinition[]): Promise<ToolSetKind> {
  return registeredToolSet(await toolSetKey(modelId, tools)) === undefined ? "compiled" : "registered";
}

/** The AJV standalone validator of a registered response schema, if this exact schema is registered. */
export function registeredResponseCheck(schema: unknown): StandaloneCheck | undefined {
  const key = JSON.stringify(schema);
  const validate = Object.hasOwn(responseSchemas, key) ? responseSchemas[key] : undefined;
  return validate === undefined ? undefined : outcome(validate);
}
