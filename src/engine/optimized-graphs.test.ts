/**
 * The worker loads the build's optimised graphs with optimisation off (src/engine/optimize-graphs.ts). Under
 * onnxruntime-web they must give exactly what the shipped graphs give under the worker's former setting ("all"):
 * every output of both graphs, bit for bit, on the feeds the caller builds for real requests. Needs `npm run build`.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ToolDefinition } from "../caller/types.js";
import { createModelToolCaller } from "../model/caller.js";
import { loadShippedConfig, MODEL_DIR } from "../model/testing/load-config.js";
import { createNodeRuntime } from "./node.js";
import type { Feeds, GraphName, ModelRuntime } from "./types.js";

interface RegistryFile {
  tool_sets: Array<{ name: string; tools: ToolDefinition[] }>;
}

const registry = JSON.parse(readFileSync(new URL("../../registry/tool-sets.json", import.meta.url), "utf8")) as RegistryFile;
const requests = [
  "Where is my order A-1042? It should have arrived yesterday.",
  "Cancel order B-77 please, it is late",
  "add 2 red shoes in size 42 to my cart",
  "what is the weather like tomorrow?",
];

function recording(inner: ModelRuntime, runs: Array<{ graph: GraphName; feeds: Feeds }>): ModelRuntime {
  return {
    backend: inner.backend,
    run(graph, feeds) {
      runs.push({ graph, feeds });
      return inner.run(graph, feeds);
    },
  };
}

describe("optimised graphs", () => {
  it("give the shipped graphs' outputs bit for bit under onnxruntime-web", async () => {
    const shipped = createNodeRuntime({ backend: "ort-web", modelDir: MODEL_DIR });
    const optimized = createNodeRuntime({ backend: "ort-web", modelDir: MODEL_DIR, optimized: true });
    const runs: Array<{ graph: GraphName; feeds: Feeds }> = [];
    const caller = createModelToolCaller(recording(shipped, runs), loadShippedConfig(), { id: "optimised-graphs-test" });
    for (const set of registry.tool_sets) {
      for (const content of requests)
        await caller.call({ messages: [{ role: "user", content }], tools: set.tools, tool_choice: "auto", parallel_tool_calls: true });
    }
    expect(new Set(runs.map((run) => run.graph))).toEqual(new Set(["schema_encoder", "model"]));
    for (const { graph, feeds } of runs) {
      const [expected, actual] = [await shipped.run(graph, feeds), await optimized.run(graph, feeds)];
      expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
      for (const [name, tensor] of Object.entries(expected)) {
        expect(actual[name]?.dims, `${graph}.${name}`).toEqual(tensor.dims);
        expect(actual[name]?.data, `${graph}.${name}`).toEqual(tensor.data);
      }
    }
  });
});
