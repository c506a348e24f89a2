/**
 * The engine test's contract-shaped forward pass (src/engine/node.test.ts) on one runtime, every output written as
 * JSON: compare two dumps to see how far two runtimes or two CPUs disagree (wasm/MODEL_CARD.md "int8 scheme").
 * usage: npx tsx scripts/forward-dump.ts <ort-web|ort-node> <model dir> <out.json>
 * On an emulated CPU: qemu-x86_64 -cpu EPYC-Rome $(which node) --import tsx scripts/forward-dump.ts ...
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createNodeRuntime, type NodeBackend } from "../src/engine/node.js";
import { parseModelConfig } from "../src/model/config.js";
import { contractModelFeeds } from "../test/support/contract-feeds.js";

const [backend, modelDir, out] = process.argv.slice(2);
if ((backend !== "ort-web" && backend !== "ort-node") || !modelDir || !out) {
  console.error("usage: npx tsx scripts/forward-dump.ts <ort-web|ort-node> <model dir> <out.json>");
  process.exit(2);
}
const config = parseModelConfig(JSON.parse(readFileSync(join(modelDir, "config.json"), "utf8")));
const runtime = createNodeRuntime({ backend: backend as NodeBackend, modelDir });
const shape = { tools: 2, paramsPerTool: 3, tokens: 48, elementTokens: config.max_element_tokens, window: 16 };
const outputs = await runtime.run("model", await contractModelFeeds(runtime, shape, config.tokenizer.special.cls));
writeFileSync(out, JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, Array.from(t.data, Number)]))));
