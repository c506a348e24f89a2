// Forward-pass latency of the shipped int8 graphs for a ~400-byte request, onnxruntime-web (WASM SIMD, 1 thread,
// under Node) and onnxruntime-node (1 thread). usage: node training/bench_forward.mjs [modelDir] [T] [E] [reps] [W (default: config's)]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { syntheticFeeds } from "./forward_inputs.mjs";

const require = createRequire(new URL("../package.json", import.meta.url));
const [dir = "wasm", T = "400", E = "24", reps = "30", windowArg] = process.argv.slice(2);
const t = Number(T),
  e = Number(E),
  n = Number(reps);
const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
const W = windowArg ?? String(config.window.default);

async function bench(name, ort, opts) {
  const enc = await ort.InferenceSession.create(readFileSync(join(dir, "onnx/schema_encoder_int8.onnx")), opts);
  const main = await ort.InferenceSession.create(readFileSync(join(dir, "onnx/model_int8.onnx")), opts);
  const f = syntheticFeeds(ort, t, e, W);
  const { elem_vecs } = await enc.run(f.encoder);
  for (let i = 0; i < 3; i++) await main.run(f.main(elem_vecs));
  const times = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await main.run(f.main(elem_vecs));
    times.push(performance.now() - s);
  }
  const encTimes = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    await enc.run(f.encoder);
    encTimes.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  encTimes.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      backend: name,
      T: t,
      E: e,
      W: Number(W),
      model_median_ms: +times[n >> 1].toFixed(2),
      model_p90_ms: +times[Math.floor(n * 0.9)].toFixed(2),
      schema_encoder_median_ms: +encTimes[2].toFixed(2),
    }),
  );
}

const web = await import("onnxruntime-web/wasm");
web.env.wasm.numThreads = 1;
web.env.wasm.proxy = false;
await bench("onnxruntime-web wasm simd 1 thread (Node)", web, { executionProviders: ["wasm"] });
await bench("onnxruntime-node 1 thread", require("onnxruntime-node"), { intraOpNumThreads: 1 });
