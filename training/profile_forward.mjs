// Where the main graph's time goes in onnxruntime-web (WASM SIMD, 1 thread, under Node): the runtime's own profiler
// (enableProfiling; it prints its events through the log), summed per operator type over 10 runs of a T-byte request.
// Profiling slows every kernel a little: read the shares, not the milliseconds.
// usage: node training/profile_forward.mjs [model dir (default wasm)] [T (default 400)]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { syntheticFeeds } from "./forward_inputs.mjs";

const [dir = "wasm", T = "400"] = process.argv.slice(2);
const t = Number(T),
  e = 24,
  runs = 10;

if (process.env.PROFILE_CHILD) {
  const ort = await import("onnxruntime-web/wasm");
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  const enc = await ort.InferenceSession.create(readFileSync(join(dir, "onnx/schema_encoder_int8.onnx")));
  const main = await ort.InferenceSession.create(readFileSync(join(dir, "onnx/model_int8.onnx")), { enableProfiling: true, logSeverityLevel: 0 });
  const inputs = syntheticFeeds(ort, t, e, 16);
  const { elem_vecs } = await enc.run(inputs.encoder);
  const feeds = inputs.main(elem_vecs);
  for (let i = 0; i < runs; i++) await main.run(feeds);
  main.endProfiling();
} else {
  const log = execFileSync(process.execPath, [fileURLToPath(import.meta.url), dir, T], {
    env: { ...process.env, PROFILE_CHILD: "1" },
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const byOp = new Map();
  for (const line of log.split("\n")) {
    const at = line.indexOf('{"cat"');
    if (at < 0) continue;
    const event = JSON.parse(line.slice(at).trim().replace(/,$/, ""));
    if (event.cat !== "Node" || !event.name.endsWith("_kernel_time")) continue;
    const op = event.args.op_name;
    const entry = byOp.get(op) ?? { us: 0, nodes: 0 };
    entry.us += event.dur;
    entry.nodes += 1;
    byOp.set(op, entry);
  }
  const total = [...byOp.values()].reduce((sum, x) => sum + x.us, 0);
  console.log(`T=${t}, ${runs} runs, kernels ${(total / runs / 1000).toFixed(1)} ms per run (profiled)`);
  for (const [op, x] of [...byOp].sort((p, q) => q[1].us - p[1].us).slice(0, 14)) {
    console.log(`${op.padEnd(24)} ${((100 * x.us) / total).toFixed(1).padStart(5)}%  ${String(x.nodes / runs).padStart(4)} nodes`);
  }
}
