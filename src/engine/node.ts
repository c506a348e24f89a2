/**
 * Model runtimes for Node (tests, evaluation, benchmarks): onnxruntime-web on its WASM backend and onnxruntime-node,
 * both on one thread, reading the graphs from the model folder on disk.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { GENERATED_DIR, GRAPH_FILES } from "./optimize-graphs.js";
import type { OrtModule } from "./ort-like.js";
import { createSessionRuntime } from "./session-runtime.js";
import type { GraphName, ModelRuntime } from "./types.js";

export type NodeBackend = "ort-web" | "ort-node";

export interface NodeRuntimeOptions {
  backend: NodeBackend;
  /** The model folder (the one holding config.json and onnx/). */
  modelDir: string;
  /** Graph files relative to modelDir; defaults to the contract's names. */
  files?: Partial<Record<GraphName, string>>;
  /**
   * Load the build's optimised copies of the shipped graphs (src/engine/optimize-graphs.ts, what the worker bundles)
   * with optimisation off, instead of modelDir's graphs; same outputs, faster session creation. Needs `npm run build`.
   */
  optimized?: boolean;
}

const DEFAULT_FILES: Record<GraphName, string> = {
  schema_encoder: join("onnx", GRAPH_FILES.schema_encoder),
  model: join("onnx", GRAPH_FILES.model),
};

async function loadOrtWeb(): Promise<OrtModule> {
  const ort = await import("onnxruntime-web/wasm");
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  return ort as unknown as OrtModule;
}

async function loadOrtNode(): Promise<OrtModule> {
  const ort = await import("onnxruntime-node");
  return ort as unknown as OrtModule;
}

export function createNodeRuntime(options: NodeRuntimeOptions): ModelRuntime {
  const files = { ...DEFAULT_FILES, ...options.files };
  const web = options.backend === "ort-web";
  const optimized = options.optimized === true;
  const path = (graph: GraphName): string => (optimized ? join(GENERATED_DIR, GRAPH_FILES[graph]) : join(options.modelDir, files[graph]));
  return createSessionRuntime({
    backend: web ? "ort-web-node" : "ort-node",
    loadOrt: web ? loadOrtWeb : loadOrtNode,
    loadGraph: async (graph) => new Uint8Array(await readFile(path(graph))),
    sessionOptions: web
      ? { executionProviders: ["wasm"], graphOptimizationLevel: optimized ? "disabled" : "all" }
      : {
          executionProviders: ["cpu"],
          graphOptimizationLevel: optimized ? "disabled" : "all",
          intraOpNumThreads: 1,
          interOpNumThreads: 1,
          executionMode: "sequential",
        },
  });
}
