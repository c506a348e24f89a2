/**
 * The bundled model assets of the worker: wrangler compiles the ORT binary to a WebAssembly.Module (CompiledWasm
 * rule) and embeds the graphs as ArrayBuffers (Data rule for `*.onnx` in wrangler.toml). The graphs are the build's
 * optimised copies of wasm/onnx/ (src/engine/optimize-graphs.ts), loaded with optimisation off.
 */
import ortWasm from "onnxruntime-web/ort-wasm-simd-threaded.wasm";
import { graphFingerprints } from "./generated/graphs.js";
import model from "./generated/model_int8.onnx";
import schemaEncoder from "./generated/schema_encoder_int8.onnx";
import type { WorkerdModelAssets } from "./workerd.js";

export const workerdModelAssets: WorkerdModelAssets = {
  ortWasm,
  graphs: { schema_encoder: schemaEncoder, model },
  optimized: true,
  fingerprints: graphFingerprints,
};
