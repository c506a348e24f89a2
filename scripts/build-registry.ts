/**
 * Registered tool sets (issue 34): the JSON file wrangler.toml names in `[vars] TOOL_REGISTRY` (tool sets and
 * response schemas a deployment knows in advance) built into the bundle: each tool AJV-compiled into standalone
 * code (nothing is compiled at request time), each set's schema-encoder vectors computed here with onnxruntime-web
 * (the worker's engine) and embedded as base64. A request whose tools hash to a registered set's key (the tool-set
 * cache's key: model id + the normalised tools) uses these. Output: src/registry/generated/ (gitignored).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ToolDefinition } from "../src/caller/types.js";
import type { JSONSchema } from "../src/tools/schema-types.js";
import { standaloneAjv, standaloneModule } from "../src/validate/standalone.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "src/registry/generated");

const declaration = `import type { ErrorObject } from "ajv";
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
export interface GeneratedToolSet {
  name: string;
  dims: number[];
  /** Float32 little-endian, base64. */
  vectors: string;
  validators: Record<string, GeneratedValidator>;
}
export declare const modelId: string;
export declare const toolSets: Record<string, GeneratedToolSet>;
/** By the response schema's JSON text. */
export declare const responseSchemas: Record<string, GeneratedValidator>;
`;

// An empty registry first: the vectors below must come from the schema encoder, never from an earlier build.
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, "registry.js"), `export const modelId = "";\nexport const toolSets = {};\nexport const responseSchemas = {};\n`);
await writeFile(join(outDir, "registry.d.ts"), declaration);
const { createNodeRuntime } = await import("../src/engine/node.js");
const { parseModelConfig } = await import("../src/model/config.js");
const { defaultModelId } = await import("../src/model/caller.js");
const { ToolSetStore } = await import("../src/model/tool-sets.js");
const { WordMatcher } = await import("../src/model/words.js");
const { extractionTool } = await import("../src/structured/synthetic.js");
const { foldNullable } = await import("../src/tools/compile.js");
const { guardVariants } = await import("../src/registry/variants.js");
const { DEFAULT_RISK_SETTINGS, isHighRisk } = await import("../src/risk/policy.js");

interface RegistryFile {
  tool_sets?: Array<{ name: string; tools: ToolDefinition[] }>;
  response_schemas?: Array<{ name: string; description?: string; schema: JSONSchema }>;
}

const toml = await readFile(join(root, "wrangler.toml"), "utf8");
const named = /^\s*TOOL_REGISTRY\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
const file: RegistryFile = named === undefined ? {} : (JSON.parse(await readFile(join(root, named), "utf8")) as RegistryFile);

const config = parseModelConfig(JSON.parse(await readFile(join(root, "wasm/config.json"), "utf8")));
const modelId = defaultModelId(config);
const runtime = createNodeRuntime({ backend: "ort-web", modelDir: join(root, "wasm") });
const store = new ToolSetStore(runtime, config, new WordMatcher(config.match), modelId, 1);

// The one AJV setup whose verdicts equal the request-time validator's (src/validate/standalone.ts, differential.test.ts).
const ajv = standaloneAjv();
const exportNames: Record<string, string> = {};
const bySchema = new Map<string, string>();
const addValidator = (schema: unknown): string => {
  const text = JSON.stringify(schema);
  const known = bySchema.get(text);
  if (known !== undefined) return known;
  const name = `v${Object.keys(exportNames).length}`;
  bySchema.set(text, name);
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
  ajv.addSchema(rest, name);
  exportNames[name] = name;
  return name;
};

const sets: string[] = [];
const responses: string[] = [];
// Each tool set also as the destructive-call guard can hand it to the caller (src/registry/variants.ts).
const variantName = (name: string, heldBack: string[]): string => (heldBack.length === 0 ? name : `${name} without ${heldBack.join(", ")}`);
const entries = [
  ...(file.tool_sets ?? []).flatMap((set) =>
    guardVariants(set.tools, (tool) => isHighRisk(tool, DEFAULT_RISK_SETTINGS)).map((v) => ({
      name: variantName(set.name, v.heldBack),
      tools: v.tools,
    })),
  ),
  ...(file.response_schemas ?? []).map((r) => ({ name: `response:${r.name}`, tools: [extractionTool(r.name, r.description, r.schema)] })),
];
for (const entry of entries) {
  const prepared = await store.get(entry.tools);
  const vectors = await prepared.vectors();
  const data = vectors.data as Float32Array;
  const base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
  const validators = prepared.set.tools.map((tool) => `${JSON.stringify(tool.name)}: ${addValidator(tool.schema)}`);
  sets.push(
    `  ${JSON.stringify(prepared.set.key)}: { name: ${JSON.stringify(entry.name)}, dims: ${JSON.stringify(vectors.dims)}, vectors: "${base64}", validators: { ${validators.join(", ")} } },`,
  );
  console.log(`registry: ${entry.name} (${entry.tools.length} tools, ${vectors.dims.join("x")} encoder vectors)`);
}
for (const r of file.response_schemas ?? []) {
  responses.push(`  ${JSON.stringify(JSON.stringify(r.schema))}: ${addValidator(foldNullable(r.schema))},`);
}

const code = Object.keys(exportNames).length > 0 ? standaloneModule(ajv, exportNames, "../../validate/ajv-runtime.ts") : "";
await writeFile(
  join(outDir, "registry.js"),
  `// Generated by scripts/build-registry.ts from ${named ?? "(no TOOL_REGISTRY in wrangler.toml)"}. Do not edit.\n${code}\n` +
    `export const modelId = ${JSON.stringify(modelId)};\nexport const toolSets = {\n${sets.join("\n")}\n};\nexport const responseSchemas = {\n${responses.join("\n")}\n};\n`,
);
console.log(`registry: ${entries.length} sets, ${Object.keys(exportNames).length} AJV standalone validators (${code.length} bytes)`);
