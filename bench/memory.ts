/**
 * Peak onnxruntime-web WebAssembly memory of one tool set, in a fresh process (the memory never shrinks): the real
 * tool caller answers one request twice. Run: `npx tsx bench/memory.ts TOOLS BYTES [ENUM_OPTIONS]` (docs/limits.md).
 */
import { readFileSync } from "node:fs";
import type { ToolDefinition } from "../src/caller/types.js";

let memory: WebAssembly.Memory | undefined;
const original = WebAssembly.instantiate.bind(WebAssembly) as (source: unknown, imports?: WebAssembly.Imports) => Promise<unknown>;
function remember(values: Iterable<unknown>): void {
  for (const value of values) if (value instanceof WebAssembly.Memory) memory = value;
}
// The wrapper only records the Memory that onnxruntime-web's instance exports or imports.
(WebAssembly as { instantiate: unknown }).instantiate = async (source: unknown, imports?: WebAssembly.Imports) => {
  const result = await original(source, imports);
  const instance = result instanceof WebAssembly.Instance ? result : (result as { instance: WebAssembly.Instance }).instance;
  remember(Object.values(instance.exports));
  for (const namespace of Object.values(imports ?? {})) remember(Object.values(namespace));
  return result;
};

const { createNodeRuntime } = await import("../src/engine/node.js");
const { createModelToolCaller } = await import("../src/model/caller.js");
const { parseModelConfig } = await import("../src/model/config.js");

const [tools = 30, bytes = 60, options = 0] = process.argv.slice(2).map(Number);
const config = parseModelConfig(JSON.parse(readFileSync("wasm/config.json", "utf8")));
const caller = createModelToolCaller(createNodeRuntime({ backend: "ort-web", modelDir: "wasm" }), config);
const nouns = ["order", "product", "invoice", "coupon", "review", "address", "cart", "wishlist", "shipment", "refund"];
const str = (description: string) => ({ type: "string" as const, description });
const set: ToolDefinition[] = Array.from({ length: tools }, (_, i) => ({
  type: "function",
  function: {
    name: `update_${nouns[i % 10]}_${i}`,
    description: `update the ${nouns[i % 10]} record number ${i} of the shop`,
    parameters: {
      type: "object",
      properties: {
        id: str(`The ${nouns[i % 10]} id`),
        quantity: { type: "integer", description: "How many" },
        note: str("A free-text note"),
        ...(options > 0 ? { option: { type: "string", enum: Array.from({ length: options }, (_, k) => `option number ${k} of ${i}`) } } : {}),
      },
      required: ["id"],
    },
  },
}));
const content = "Update the product record number 7 of the shop: id P-77, quantity 3. ".repeat(Math.ceil(bytes / 70)).slice(0, bytes);
const request = { messages: [{ role: "user" as const, content }], tools: set, tool_choice: "auto" as const, parallel_tool_calls: true };
const mb = () => Math.round(((memory?.buffer.byteLength ?? 0) / 2 ** 20) * 10) / 10;
const t0 = performance.now();
await caller.call(request);
const t1 = performance.now();
await caller.call(request);
const t2 = performance.now();
console.log(JSON.stringify({ tools, bytes, options, wasm_mb: mb(), first_ms: Math.round(t1 - t0), again_ms: Math.round(t2 - t1) }));
