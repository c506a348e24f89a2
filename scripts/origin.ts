/**
 * npm run origin [-- --port N] [--model DIR] [--backend ort-node|ort-web]
 *
 * Serves the local stand-in for the GPU origin on http://127.0.0.1:N/v1 (default 8788): the edge's tool caller on
 * onnxruntime-node at the widest window. Point the worker at it with
 * `wrangler dev --var ORIGIN_URL:http://127.0.0.1:8788/v1` or ORIGIN_URL in .dev.vars. GET /metrics serves its Prometheus
 * text; with ORIGIN_API_KEY set, that and /v1/* need `Authorization: Bearer $ORIGIN_API_KEY`.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createNodeRuntime, type NodeBackend } from "../src/engine/node.js";
import { createModelToolCaller } from "../src/model/caller.js";
import { parseModelConfig } from "../src/model/config.js";
import { startLocalOrigin } from "../src/origin-server/server.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8788" },
    host: { type: "string", default: "127.0.0.1" },
    model: { type: "string", default: join(import.meta.dirname, "../wasm") },
    backend: { type: "string", default: "ort-node" },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${values.port}`);
  process.exit(2);
}
const backend = values.backend as NodeBackend;
if (backend !== "ort-node" && backend !== "ort-web") {
  console.error(`--backend must be ort-node or ort-web, got ${values.backend}`);
  process.exit(2);
}
const modelDir = resolve(values.model);
const config = parseModelConfig(JSON.parse(readFileSync(join(modelDir, "config.json"), "utf8")));
const runtime = createNodeRuntime({ backend, modelDir });
const caller = createModelToolCaller(runtime, config, { id: "edgecall-local-origin", window: config.window.max });
// ORIGIN_API_KEY (the key the worker sends): when set, /v1/* and /metrics need it.
const apiKey = process.env.ORIGIN_API_KEY;
const origin = await startLocalOrigin({ caller, backend, port, host: values.host, ...(apiKey ? { apiKeys: [apiKey] } : {}) });
console.log(`local origin (${backend}, window ${config.window.max}) on ${origin.url}`);

const stop = (): void => {
  void origin.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
