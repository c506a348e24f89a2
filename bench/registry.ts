/**
 * Registered vs unregistered tool set (issue 34): the first request of the 20-tool shop set of
 * registry/tool-sets.json in a new caller, onnxruntime-web (the worker's engine) under Node. "new isolate": a fresh
 * runtime per request (sessions created, as in a new isolate); "warm runtime": sessions already open, a fresh
 * tool-set cache. Unregistered = the same tools under another model id, so the registry does not match and the schema
 * encoder runs. Medians of RUNS alternating runs; the figure that matters is the ratio.
 *   npx tsx bench/registry.ts [runs]
 */
import { readFileSync } from "node:fs";
import type { ToolCallRequest, ToolDefinition } from "../src/caller/types.js";
import { createNodeRuntime } from "../src/engine/node.js";
import { createModelToolCaller } from "../src/model/caller.js";
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

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function firstRequest(id: string, runtime = createNodeRuntime({ backend: "ort-web", modelDir: MODEL_DIR })): Promise<number> {
  const caller = createModelToolCaller(runtime, config, { id });
  const started = performance.now();
  await caller.call(request);
  return performance.now() - started;
}

const cold = { registered: [] as number[], unregistered: [] as number[] };
const warm = { registered: [] as number[], unregistered: [] as number[] };
const shared = createNodeRuntime({ backend: "ort-web", modelDir: MODEL_DIR });
await firstRequest("warm-up", shared);
for (let i = 0; i < runs; i++) {
  cold.registered.push(await firstRequest(modelId));
  cold.unregistered.push(await firstRequest(`${modelId}-unregistered`));
  warm.registered.push(await firstRequest(modelId, shared));
  warm.unregistered.push(await firstRequest(`${modelId}-unregistered-${i}`, shared));
}
for (const [name, t] of [
  ["new isolate", cold],
  ["warm runtime", warm],
] as const) {
  const r = median(t.registered);
  const u = median(t.unregistered);
  console.log(
    `${name}: registered ${r.toFixed(1)} ms, unregistered ${u.toFixed(1)} ms, ratio ${(u / r).toFixed(2)}x (${tools.length} tools, median of ${runs})`,
  );
}
