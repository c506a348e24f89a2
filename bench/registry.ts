/**
 * A new isolate's first request for a known 20-tool set (issues 32, 34): the shop set of registry/tool-sets.json,
 * onnxruntime-web (the worker's engine) under Node. Each first request gets a fresh runtime (sessions created on
 * first use, as in a new isolate; the ORT WebAssembly instance itself is shared by the process) and a fresh caller:
 *   registered: the set is in the bundle's registry (precomputed vectors, no schema encoder);
 *   KV:         the set's encodings are in KV (src/memory/encodings.ts; an in-memory KV, so no network time);
 *   compiled:   neither, the schema encoder's session is created and run (the same tools under another model id).
 * Each under the worker's graphs (the build's optimised copies, loaded with optimisation off) and the shipped graphs
 * (optimised at session creation, as the worker did before). "warm runtime": sessions already open, a fresh
 * tool-set cache. Medians of RUNS interleaved runs; the figures that matter are the ratios, from the same run.
 *   npm run -s build && npx tsx bench/registry.ts [runs]
 */
import { readFileSync } from "node:fs";
import type { ToolCallRequest, ToolDefinition } from "../src/caller/types.js";
import { graphFingerprints } from "../src/engine/generated/graphs.js";
import { createNodeRuntime } from "../src/engine/node.js";
import type { ModelRuntime } from "../src/engine/types.js";
import { KvEncodingCache, type EncodingKv } from "../src/memory/encodings.js";
import { createModelToolCaller, type ModelToolCallerOptions } from "../src/model/caller.js";
import { loadShippedConfig, MODEL_DIR } from "../src/model/testing/load-config.js";
import { modelId } from "../src/registry/generated/registry.js";

const runs = Number(process.argv[2] ?? 5);
const file = JSON.parse(readFileSync("registry/tool-sets.json", "utf8")) as { tool_sets: Array<{ name: string; tools: ToolDefinition[] }> };
const tools = file.tool_sets.find((s) => s.name === "shop")?.tools ?? [];
const config = loadShippedConfig();
const request: ToolCallRequest = {
  messages: [{ role: "user", content: "Where is my order A-1042? It should have arrived yesterday." }],
  tools,
  tool_choice: "auto",
  parallel_tool_calls: true,
};

const values = new Map<string, ArrayBuffer>();
const kv: EncodingKv = {
  get: async (key) => values.get(key) ?? null,
  put: async (key, value) => void values.set(key, value),
};
const writes: Array<Promise<unknown>> = [];
const encodings = { cache: new KvEncodingCache(kv, { defer: (work) => writes.push(work) }), encoderFingerprint: graphFingerprints.schema_encoder };
const unregistered = `${modelId}-unregistered`;

type Path = "registered" | "KV" | "compiled";
const settings: Record<Path, ModelToolCallerOptions> = {
  registered: { id: modelId },
  KV: { id: unregistered, encodings },
  compiled: { id: unregistered },
};
const graphs = { "worker's graphs": true, "shipped graphs": false } as const;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fresh = (optimized: boolean): ModelRuntime => createNodeRuntime({ backend: "ort-web", modelDir: MODEL_DIR, optimized });

async function firstRequest(runtime: ModelRuntime, options: ModelToolCallerOptions): Promise<number> {
  const caller = createModelToolCaller(runtime, config, options);
  const started = performance.now();
  await caller.call(request);
  return performance.now() - started;
}

// Warm-up: loads the ORT WebAssembly once and writes the set's encodings to KV.
await firstRequest(fresh(true), settings.KV);
await Promise.all(writes);
const warmRuntime = fresh(true);
await firstRequest(warmRuntime, { id: "warm-up" });

const cold = new Map<string, number[]>();
const warm = new Map<string, number[]>();
const add = (into: Map<string, number[]>, key: string, ms: number): void => void into.set(key, [...(into.get(key) ?? []), ms]);
for (let i = 0; i < runs; i++) {
  for (const [name, optimized] of Object.entries(graphs)) {
    for (const path of Object.keys(settings) as Path[]) add(cold, `${name} ${path}`, await firstRequest(fresh(optimized), settings[path]));
  }
  add(warm, "registered", await firstRequest(warmRuntime, { id: modelId }));
  add(warm, "compiled", await firstRequest(warmRuntime, { id: `${unregistered}-${i}` }));
}

const ms = (into: Map<string, number[]>, key: string): number => median(into.get(key) ?? []);
console.log(`${tools.length} tools, median of ${runs} runs`);
for (const name of Object.keys(graphs)) {
  const [r, k, c] = (["registered", "KV", "compiled"] as const).map((path) => ms(cold, `${name} ${path}`)) as [number, number, number];
  console.log(
    `new isolate, ${name}: registered ${r.toFixed(1)} ms, KV ${k.toFixed(1)} ms, compiled ${c.toFixed(1)} ms; ` +
      `compiled/registered ${(c / r).toFixed(2)}x, compiled/KV ${(c / k).toFixed(2)}x`,
  );
}
const [wr, wc] = [ms(warm, "registered"), ms(warm, "compiled")];
console.log(`warm runtime: registered ${wr.toFixed(1)} ms, compiled ${wc.toFixed(1)} ms, ratio ${(wc / wr).toFixed(2)}x`);
