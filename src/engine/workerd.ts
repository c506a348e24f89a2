/**
 * onnxruntime-web (WASM SIMD, one thread) inside workerd. The ORT binary and the model graphs arrive as modules
 * that wrangler bundled (see src/engine/workerd-assets.ts); the sessions are created once per isolate.
 */
import type { OrtModule } from "./ort-like.js";
import { answerMarkerWithPrecompiledModule, PRECOMPILED_WASM_MARKER } from "./precompiled-wasm.js";
import { createSessionRuntime } from "./session-runtime.js";
import type { GraphName, ModelRuntime } from "./types.js";

export interface WorkerdModelAssets {
  /** `onnxruntime-web/ort-wasm-simd-threaded.wasm`, compiled by wrangler. */
  ortWasm: WebAssembly.Module;
  graphs: Record<GraphName, ArrayBuffer>;
  /** The graphs were saved already optimised (src/engine/optimize-graphs.ts): sessions load them with optimisation off. */
  optimized?: boolean;
  /** SHA-256 of each source graph (the weights' identity). */
  fingerprints?: Record<GraphName, string>;
}

export function createWorkerdRuntime(assets: WorkerdModelAssets): ModelRuntime {
  return createSessionRuntime({
    backend: "ort-web-workerd",
    async loadOrt() {
      answerMarkerWithPrecompiledModule(assets.ortWasm);
      const ort = await import("onnxruntime-web/wasm");
      ort.env.wasm.numThreads = 1;
      ort.env.wasm.proxy = false;
      ort.env.wasm.wasmBinary = PRECOMPILED_WASM_MARKER;
      return ort as unknown as OrtModule;
    },
    loadGraph: async (graph) => new Uint8Array(assets.graphs[graph]),
    sessionOptions: { executionProviders: ["wasm"], graphOptimizationLevel: assets.optimized === true ? "disabled" : "all" },
  });
}
