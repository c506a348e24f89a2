// Runs ONNX graphs with onnxruntime-node (Python's onnxruntime is not installed here).
// usage: node training/ort_run.mjs <request.json> <response.json>
// request: {"runs": [{"model": "path.onnx", "feeds": {name: {"type": "float32"|"int64", "dims": [...], "data": [...]}}}]}
// response: {"results": [{name: {"dims": [...], "data": [...]}}]}  (same order as runs)
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../package.json", import.meta.url));
const ort = require("onnxruntime-node");

const [requestPath, responsePath] = process.argv.slice(2);
const request = JSON.parse(readFileSync(requestPath, "utf8"));
const sessions = new Map();
const results = [];
for (const run of request.runs) {
  if (!sessions.has(run.model)) {
    sessions.set(run.model, await ort.InferenceSession.create(run.model, { intraOpNumThreads: 1 }));
  }
  const feeds = {};
  for (const [name, t] of Object.entries(run.feeds)) {
    const data = t.type === "int64" ? BigInt64Array.from(t.data.map((v) => BigInt(v))) : Float32Array.from(t.data);
    feeds[name] = new ort.Tensor(t.type, data, t.dims);
  }
  const out = await sessions.get(run.model).run(feeds);
  const res = {};
  for (const [name, t] of Object.entries(out)) res[name] = { dims: t.dims, data: Array.from(t.data, Number) };
  results.push(res);
}
writeFileSync(responsePath, JSON.stringify({ results }));
