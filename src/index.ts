/**
 * The worker: the shipped model (wasm/) run by onnxruntime-web inside workerd, behind the OpenAI-compatible API.
 * Everything here is created once per isolate; the ONNX sessions start lazily on the first request that needs them
 * (the schema encoder's only for a tool set that is neither registered nor in the shared encodings in KV).
 */
import modelConfig from "../wasm/config.json";
import { createApp } from "./api/app.js";
import { ortWasmMemoryBytes } from "./engine/precompiled-wasm.js";
import { createWorkerdRuntime } from "./engine/workerd.js";
import { workerdModelAssets } from "./engine/workerd-assets.js";
import { workerEncodingCache } from "./memory/worker-encodings.js";
import { createModelToolCaller } from "./model/caller.js";
import { parseModelConfig } from "./model/config.js";
import { reportTruncation } from "./model/truncation.js";

const runtime = createWorkerdRuntime(workerdModelAssets);
const config = parseModelConfig(modelConfig);
const cache = workerEncodingCache();
const encoderFingerprint = workerdModelAssets.fingerprints?.schema_encoder;
const encodings = cache && encoderFingerprint !== undefined ? { encodings: { cache, encoderFingerprint } } : {};
const caller = reportTruncation(createModelToolCaller(runtime, config, encodings), config.max_conversation_tokens);

export default createApp({ caller, backend: runtime.backend, wasmMemoryBytes: ortWasmMemoryBytes });
