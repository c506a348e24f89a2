/**
 * The bundled model assets of the worker: wrangler compiles the ORT binary to a WebAssembly.Module (CompiledWasm
 * rule) and embeds the graphs as ArrayBuffers (Data rule for `*.onnx` in wrangler.toml).
 */
import ortWasm from "onnxruntime-web/ort-wasm-simd-threaded.wasm";
import model from "../../wasm/onnx/model_int8.onnx";
import schemaEncoder from "../../wasm/onnx/schema_encoder_int8.onnx";
import type { WorkerdModelAssets } from "./workerd.js";

export const workerdModelAssets: WorkerdModelAssets = {
  ortWasm,
  graphs: { schema_encoder: schemaEncoder, model },
};
