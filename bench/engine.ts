/**
 * Engine benchmark: forward-pass latency of the shipped model (wasm/) on identical inputs under onnxruntime-web
 * (WASM SIMD, 1 thread) and onnxruntime-node (1 thread), in one process, printed with the web/node ratio.
 * Inputs are built by the real feature code: the model-backed tool caller runs once on a recording runtime, which
 * keeps the exact feeds it passes to each graph. Short = 1 tool and one user turn; long = 20 tools and a longer
 * conversation. Run: `npm run bench:engine` (options: --runs N, --warmup N).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { ChatMessage, ToolDefinition } from "../src/caller/types.js";
import { createNodeRuntime } from "../src/engine/node.js";
import type { Feeds, GraphName, ModelRuntime } from "../src/engine/types.js";
import { createModelToolCaller } from "../src/model/caller.js";
import { parseModelConfig } from "../src/model/config.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "40" }, warmup: { type: "string", default: "5" } } });
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
const MODEL_DIR = "wasm";
const config = parseModelConfig(JSON.parse(readFileSync(`${MODEL_DIR}/config.json`, "utf8")));

const NOUNS = ["order", "product", "cart", "coupon", "review", "address", "payment", "return", "wishlist", "store"];
const VERBS = ["get", "update"];

function shopTool(index: number): ToolDefinition {
  const noun = NOUNS[index % NOUNS.length] ?? "item";
  const verb = VERBS[Math.floor(index / NOUNS.length) % VERBS.length] ?? "get";
  return {
    type: "function",
    function: {
      name: `${verb}_${noun}`,
      description: `${verb === "get" ? "Look up" : "Change"} a customer's ${noun}`,
      parameters: {
        type: "object",
        properties: {
          [`${noun}_id`]: { type: "string", description: `The ${noun} identifier` },
          quantity: { type: "integer", description: "How many" },
          priority: { type: "string", enum: ["low", "normal", "high"] },
          notify: { type: "boolean", description: "Send the customer an email" },
        },
        required: [`${noun}_id`],
      },
    },
  };
}

const cases: { name: string; tools: ToolDefinition[]; messages: ChatMessage[] }[] = [
  {
    name: "short (1 tool)",
    tools: [shopTool(0)],
    messages: [{ role: "user", content: "Where is order A-1042?" }],
  },
  {
    name: "long (20 tools)",
    tools: Array.from({ length: 20 }, (_, i) => shopTool(i)),
    messages: [
      { role: "system", content: "You are the assistant of an online shop. Be brief and call tools when you can." },
      { role: "user", content: "Hi, I ordered two pairs of running shoes last week and the tracking page has not moved since Monday." },
      { role: "assistant", content: "Sorry to hear that. Which order number is it, and should I also notify you by email?" },
      { role: "user", content: "It's order B-77310, and yes please email me when it moves. Mark it high priority, quantity 2." },
    ],
  },
];

/** Records the feeds the tool caller gives each graph (answered by a real runtime). */
function recording(inner: ModelRuntime, feeds: Map<GraphName, Feeds>): ModelRuntime {
  return {
    backend: inner.backend,
    run(graph, given) {
      feeds.set(graph, given);
      return inner.run(graph, given);
    },
  };
}

async function feedsFor(testCase: (typeof cases)[number]): Promise<Map<GraphName, Feeds>> {
  const feeds = new Map<GraphName, Feeds>();
  const caller = createModelToolCaller(recording(createNodeRuntime({ backend: "ort-node", modelDir: MODEL_DIR }), feeds), config);
  await caller.call({ messages: testCase.messages, tools: testCase.tools, tool_choice: "auto", parallel_tool_calls: true });
  return feeds;
}

interface Stats {
  mean: number;
  p99: number;
}

async function measure(runtime: ModelRuntime, graph: GraphName, feeds: Feeds): Promise<Stats> {
  for (let i = 0; i < WARMUP; i += 1) await runtime.run(graph, feeds);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await runtime.run(graph, feeds);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  const p99 = times[Math.min(times.length - 1, Math.ceil(0.99 * times.length) - 1)] ?? Number.NaN;
  return { mean, p99 };
}

const web = createNodeRuntime({ backend: "ort-web", modelDir: MODEL_DIR });
const native = createNodeRuntime({ backend: "ort-node", modelDir: MODEL_DIR });
const ms = (value: number) => value.toFixed(2).padStart(8);

console.log(`engine bench: ${RUNS} runs after ${WARMUP} warm-up runs per cell; times in ms; ratio = ort-web / ort-node`);
console.log(
  `${"input".padEnd(16)} ${"graph".padEnd(15)} ${"shape".padEnd(12)} ${"web mean".padStart(8)} ${"web p99".padStart(8)} ${"node mean".padStart(9)} ${"node p99".padStart(8)}  ratio(mean) ratio(p99)`,
);
for (const testCase of cases) {
  const feeds = await feedsFor(testCase);
  for (const graph of ["schema_encoder", "model"] as const) {
    const graphFeeds = feeds.get(graph);
    if (graphFeeds === undefined) throw new Error(`${testCase.name}: the caller did not run ${graph}`);
    const shape =
      graph === "model"
        ? `E=${graphFeeds.elem_kind?.dims[0]} T=${graphFeeds.input_ids?.dims[1]}`
        : `E=${graphFeeds.elem_ids?.dims[0]} L=${graphFeeds.elem_ids?.dims[1]}`;
    const w = await measure(web, graph, graphFeeds);
    const n = await measure(native, graph, graphFeeds);
    console.log(
      `${testCase.name.padEnd(16)} ${graph.padEnd(15)} ${shape.padEnd(12)} ${ms(w.mean)} ${ms(w.p99)} ${ms(n.mean).padStart(9)} ${ms(n.p99)}  ${(w.mean / n.mean).toFixed(2).padStart(11)} ${(w.p99 / n.p99).toFixed(2).padStart(10)}`,
    );
  }
}
