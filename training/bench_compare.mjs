// Two exports' main graphs timed in alternation (onnxruntime-web WASM SIMD, 1 thread, under Node): the ratio B / A
// is what the comparison reports, since both saw the same machine load.
// usage: node training/bench_compare.mjs <dir A> <dir B> [T (default 400)] [reps (default 40)]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-web/wasm";
import { syntheticFeeds } from "./forward_inputs.mjs";

const [dirA, dirB, T = "400", reps = "40"] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error("usage: node training/bench_compare.mjs <dir A> <dir B> [T] [reps]");
const t = Number(T),
  e = 24,
  n = Number(reps);
ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;

async function load(dir) {
  const enc = await ort.InferenceSession.create(readFileSync(join(dir, "onnx/schema_encoder_int8.onnx")));
  const main = await ort.InferenceSession.create(readFileSync(join(dir, "onnx/model_int8.onnx")));
  const inputs = syntheticFeeds(ort, t, e, 16);
  const { elem_vecs } = await enc.run(inputs.encoder);
  const feeds = inputs.main(elem_vecs);
  for (let i = 0; i < 3; i++) await main.run(feeds);
  return { main, feeds, times: [] };
}

const a = await load(dirA),
  b = await load(dirB);
for (let i = 0; i < n; i++) {
  for (const s of i % 2 ? [a, b] : [b, a]) {
    const start = performance.now();
    await s.main.run(s.feeds);
    s.times.push(performance.now() - start);
  }
}
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const ma = median(a.times),
  mb = median(b.times);
console.log(JSON.stringify({ A: dirA, B: dirB, T: t, A_median_ms: +ma.toFixed(2), B_median_ms: +mb.toFixed(2), B_over_A: +(mb / ma).toFixed(3) }));
