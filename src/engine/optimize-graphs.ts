/**
 * Build step (Node, run by `npm run build`): the model folder's graphs saved after onnxruntime's graph optimisations,
 * for the worker to load with optimisation off. A session's creation costs in proportion to the graph's nodes (in the
 * exported graphs mostly shape arithmetic from the export, which fusing and folding removes) and to the rewriting
 * itself, and a new isolate pays it on its first request. Saved optimised, the rewriting is done here.
 *
 * Level "extended": the fusions that onnxruntime's CPU kernels run alike in every build, WebAssembly included
 * (DynamicQuantizeMatMul, MatMulIntegerToFloat, constant folding); "all" would add layout rewrites chosen for the
 * build machine's CPU. src/engine/optimized-graphs.test.ts checks that onnxruntime-web gives the same outputs, bit for
 * bit, from these graphs as from the shipped ones under the worker's former "all".
 *
 * Output (gitignored): src/engine/generated/<graph>.onnx and graphs.js, which names the SHA-256 of each source graph
 * (the identity of the weights, e.g. for keys of cached encoder outputs).
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { GraphName } from "./types.js";

export const GENERATED_DIR = join(import.meta.dirname, "generated");

/** Source graphs in the model folder, and the names the optimised copies get under GENERATED_DIR. */
export const GRAPH_FILES: Record<GraphName, string> = {
  schema_encoder: "schema_encoder_int8.onnx",
  model: "model_int8.onnx",
};

const declaration = `/** SHA-256 (hex) of each source graph in the model folder (src/engine/optimize-graphs.ts). */
export declare const graphFingerprints: { schema_encoder: string; model: string };
`;

/** Writes the optimised graphs of the model folder `modelDir` (holding onnx/) and their fingerprints. */
export async function writeOptimizedGraphs(modelDir: string, outDir: string = GENERATED_DIR): Promise<Record<GraphName, string>> {
  const ort = await import("onnxruntime-node");
  await mkdir(outDir, { recursive: true });
  const fingerprints = {} as Record<GraphName, string>;
  for (const [graph, file] of Object.entries(GRAPH_FILES) as Array<[GraphName, string]>) {
    const source = join(modelDir, "onnx", file);
    fingerprints[graph] = createHash("sha256")
      .update(await readFile(source))
      .digest("hex");
    const session = await ort.InferenceSession.create(source, {
      executionProviders: ["cpu"],
      graphOptimizationLevel: "extended",
      optimizedModelFilePath: join(outDir, file),
      intraOpNumThreads: 1,
    });
    await session.release();
  }
  await writeFile(join(outDir, "graphs.js"), `export const graphFingerprints = ${JSON.stringify(fingerprints, null, 2)};\n`);
  await writeFile(join(outDir, "graphs.d.ts"), declaration);
  return fingerprints;
}
