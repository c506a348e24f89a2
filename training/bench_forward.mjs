// Forward-pass latency of the shipped int8 graphs for a ~400-byte request, onnxruntime-web (WASM SIMD, 1 thread,
// under Node) and onnxruntime-node (1 thread). usage: node training/bench_forward.mjs [modelDir] [T] [E] [reps] [W (default: config's)]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(new URL("../package.json", import.meta.url));
const [dir = "wasm", T = "400", E = "24", reps = "30", windowArg] = process.argv.slice(2);
const t = Number(T), e = Number(E), n = Number(reps);
const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
const W = windowArg ?? String(config.window.default);

function feeds(ort) {
  const ids = BigInt64Array.from({ length: t }, (_, i) => BigInt(i === 0 ? 257 : i === 1 ? 258 : 97 + (i % 26)));
  const kinds = BigInt64Array.from({ length: e }, (_, i) => BigInt(i === 0 ? 0 : i % 4 === 3 ? 2 : 1));
  const parents = BigInt64Array.from({ length: e }, (_, i) => BigInt(i % 4 === 3 ? i - 1 : 0));
  const match = new Float32Array(e * t * 2).map((_, i) => (i % 37 === 0 ? 1 : 0));
  return {
    enc: { elem_ids: new ort.Tensor("int64", BigInt64Array.from({ length: e * 64 }, (_, i) => BigInt(i % 64 < 40 ? 97 + (i % 26) : 256)), [e, 64]) },
    main: (vecs) => ({
      input_ids: new ort.Tensor("int64", ids, [1, t]), window: new ort.Tensor("int64", BigInt64Array.from([BigInt(W)]), [1]),
      elem_vecs: vecs, elem_kind: new ort.Tensor("int64", kinds, [e]), elem_parent: new ort.Tensor("int64", parents, [e]),
      elem_match: new ort.Tensor("float32", match, [e, t, 2]),
    }),
  };
}

async function bench(name, ort, opts) {
  const enc = await ort.InferenceSession.create(readFileSync(join(dir, "onnx/schema_encoder_int8.onnx")), opts);
  const main = await ort.InferenceSession.create(readFileSync(join(dir, "onnx/model_int8.onnx")), opts);
  const f = feeds(ort);
  const { elem_vecs } = await enc.run(f.enc);
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
    await enc.run(f.enc);
    encTimes.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  encTimes.sort((a, b) => a - b);
  console.log(JSON.stringify({ backend: name, T: t, E: e, W: Number(W), model_median_ms: +times[n >> 1].toFixed(2),
    model_p90_ms: +times[Math.floor(n * 0.9)].toFixed(2), schema_encoder_median_ms: +encTimes[2].toFixed(2) }));
}

const web = await import("onnxruntime-web/wasm");
web.env.wasm.numThreads = 1;
web.env.wasm.proxy = false;
await bench("onnxruntime-web wasm simd 1 thread (Node)", web, { executionProviders: ["wasm"] });
await bench("onnxruntime-node 1 thread", require("onnxruntime-node"), { intraOpNumThreads: 1 });
