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
    sessionOptions: { executionProviders: ["wasm"], graphOptimizationLevel: "all" },
  });
}
