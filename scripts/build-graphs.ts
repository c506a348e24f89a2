/**
 * `npm run build` step: the worker's ONNX graphs saved optimised, with the SHA-256 of each source graph
 * (src/engine/optimize-graphs.ts; output src/engine/generated/, gitignored, bundled by wrangler).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GENERATED_DIR, writeOptimizedGraphs } from "../src/engine/optimize-graphs.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fingerprints = await writeOptimizedGraphs(join(root, "wasm"));
console.log(`graphs: ${Object.keys(fingerprints).join(", ")} optimised into ${GENERATED_DIR}`);
