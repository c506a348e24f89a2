/**
 * Decoding benchmark: everything the tool caller does around the forward pass, each figure as a ratio against the
 * forward pass of the model itself, measured in the same run on the same inputs.
 * - compile: tool-set compile (schema checks, slots, elements, tensors, validators) for 1, 10, 100 tools, uncached;
 *   the cached lookup (hash + LRU); and the schema encoder run (once per tool set);
 * - per request: features (serialisation + matching), decoding of the heads, validation, and the share of a full
 *   `caller.call` (tool set cached) spent outside the forward pass.
 * Run: `npm run bench:decode` (options: --backend ort-web|ort-node, --runs N, --model DIR).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { ChatMessage, ToolCallRequest, ToolDefinition } from "../src/caller/types.js";
import { decodeHeads } from "../src/decode/decode.js";
import type { Heads } from "../src/decode/read/heads.js";
import { createNodeRuntime, type NodeBackend } from "../src/engine/node.js";
import type { Feeds, GraphName, ModelRuntime } from "../src/engine/types.js";
import { createModelToolCaller, headsOf } from "../src/model/caller.js";
import { decodeContextOf } from "../src/caller/context.js";
import type { DecodeSettings } from "../src/decode/settings.js";
import { parseModelConfig } from "../src/model/config.js";
import { elementMatch } from "../src/model/features.js";
import { serializeConversation } from "../src/model/serialize.js";
import { WordMatcher } from "../src/model/words.js";
import { LruCache } from "../src/tools/cache.js";
import { compileToolSet } from "../src/tools/compile.js";
import { sha256Hex } from "../src/tools/hash.js";
import type { CompiledToolSet } from "../src/tools/types.js";
import { validateCall } from "../src/validate/calls.js";

const { values } = parseArgs({
  options: { backend: { type: "string", default: "ort-web" }, runs: { type: "string", default: "30" }, model: { type: "string", default: "wasm" } },
});
const backend = values.backend as NodeBackend;
const RUNS = Number(values.runs);
const MODEL_DIR = values.model;
const config = parseModelConfig(JSON.parse(readFileSync(`${MODEL_DIR}/config.json`, "utf8")));
const words = new WordMatcher(config.match);
const settings = { words, maxElementTokens: config.max_element_tokens, pad: config.tokenizer.special.pad };

const NOUNS = ["order", "product", "cart", "coupon", "review", "address", "payment", "return", "wishlist", "store"];

function shopTool(index: number): ToolDefinition {
  const noun = NOUNS[index % NOUNS.length] ?? "item";
  return {
    type: "function",
    function: {
      name: `manage_${noun}_${index}`,
      description: `Look up or change a customer's ${noun}`,
      parameters: {
        type: "object",
        properties: {
          [`${noun}_id`]: { type: "string", description: `The ${noun} identifier`, minLength: 2 },
          quantity: { type: "integer", minimum: 1, maximum: 99, description: "How many" },
          priority: { type: "string", enum: ["low", "normal", "high"] },
          notify: { type: "boolean", description: "Send the customer an email" },
          when: { type: "string", format: "date" },
          shipping: { type: "object", properties: { city: { type: "string" }, zip: { type: ["string", "null"] } }, required: ["city"] },
          tags: { type: "array", items: { type: "string" }, maxItems: 5 },
        },
        required: [`${noun}_id`],
      },
    },
  };
}

const toolSet = (n: number): ToolDefinition[] => Array.from({ length: n }, (_, i) => shopTool(i));
const messages: ChatMessage[] = [
  { role: "system", content: "You are the assistant of an online shop. Be brief and call tools when you can." },
  { role: "user", content: "Hi, I ordered two pairs of running shoes last week and the tracking page has not moved since Monday." },
  { role: "assistant", content: "Sorry to hear that. Which order number is it?" },
  { role: "user", content: "It's order B-77310, ship to Lyon 69001, mark it high priority and email me on 2026-12-01." },
];

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function time(fn: () => unknown, runs = RUNS, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/**
 * Records the feeds of the last model run (so the forward pass can be replayed alone on the caller's real inputs)
 * and the time spent inside the last forward pass (so a request's time outside it is measured within that request).
 */
function recording(inner: ModelRuntime): ModelRuntime & { last: Partial<Record<GraphName, Feeds>>; lastModelMs: number } {
  const last: Partial<Record<GraphName, Feeds>> = {};
  const runtime = {
    backend: inner.backend,
    last,
    lastModelMs: 0,
    async run(graph: GraphName, feeds: Feeds) {
      last[graph] = feeds;
      const t0 = performance.now();
      const out = await inner.run(graph, feeds);
      if (graph === "model") runtime.lastModelMs = performance.now() - t0;
      return out;
    },
  };
  return runtime;
}

const runtime = recording(createNodeRuntime({ backend, modelDir: MODEL_DIR }));
const caller = createModelToolCaller(runtime, config);
const rows: Array<[string, number]> = [];

const request = (tools: ToolDefinition[]): ToolCallRequest => ({ messages, tools, tool_choice: "auto", parallel_tool_calls: true });

// Forward pass baseline and full request, interleaved so that both see the same machine load: the 10-tool
// request's model feeds are replayed for the forward pass alone. Time outside the forward pass is measured inside
// each request (its duration minus the time its own forward pass took).
const tools10 = toolSet(10);
for (let i = 0; i < 3; i++) await caller.call(request(tools10));
const modelFeeds = runtime.last.model as Feeds;
const forwardSamples: number[] = [];
const fullSamples: number[] = [];
const outsideSamples: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  await caller.call(request(tools10));
  const t1 = performance.now();
  await runtime.run("model", modelFeeds);
  const t2 = performance.now();
  fullSamples.push(t1 - t0);
  forwardSamples.push(t2 - t1);
  outsideSamples.push(t1 - t0 - runtime.lastModelMs);
}
const forward = median(forwardSamples);
const full = median(fullSamples);

for (const n of [1, 10, 100]) {
  const tools = toolSet(n);
  let i = 0;
  rows.push([`compile ${n} tool(s), uncached`, await time(() => compileToolSet(tools, settings, `k${i++}`), n === 100 ? 10 : RUNS)]);
  const json = JSON.stringify(tools);
  const cache = new LruCache<CompiledToolSet>(4);
  cache.set("x", compileToolSet(tools, settings, "x"));
  rows.push([`cached lookup ${n} tool(s) (hash + LRU)`, await time(async () => cache.get((await sha256Hex(json)) === "" ? "" : "x"))]);
  const set = compileToolSet(tools, settings, "enc");
  const E = set.elements.length;
  rows.push([
    `schema encoder ${n} tool(s) (E=${E}, once per tool set)`,
    await time(
      () => runtime.run("schema_encoder", { elem_ids: { type: "int64", data: set.tensors.elemIds, dims: [E, config.max_element_tokens] } }),
      n === 100 ? 5 : 10,
      1,
    ),
  ]);
}

// Per-request work on the 10-tool request.
const set10 = compileToolSet(tools10, settings, "req");
const parallelContext = decodeContextOf({ tools: tools10, tool_choice: "auto", parallel_tool_calls: true });
const singleContext = decodeContextOf({ tools: tools10, tool_choice: "auto", parallel_tool_calls: false });
const decodeSettings: DecodeSettings = { config: config.decode, without: new Set() };
const conversation = serializeConversation(messages, config.tokenizer.special, config.max_conversation_tokens);
rows.push([
  "features (serialise + matching), 10 tools",
  await time(() => {
    const c = serializeConversation(messages, config.tokenizer.special, config.max_conversation_tokens);
    elementMatch(set10.elements, c.ids, words, config.match.prefix_len);
  }),
]);
const outputs = await runtime.run("model", modelFeeds);
const heads = headsOf(outputs, set10.elements.length, conversation.ids.length, config);
rows.push([
  "decode heads (model's own outputs), 10 tools",
  await time(() => decodeHeads(set10, { ...heads }, conversation, parallelContext, decodeSettings)),
]);
// Worst case for the decoder: every tool called once and every slot given a value, so every slot's spans are searched.
// Each run decodes a fresh copy of the heads: the decoder remembers readings per request's heads, as a new request would not.
const busy: Heads = { ...heads, count: heads.count.slice(), action: heads.action.slice() };
for (let e = 0; e < heads.elements; e++) {
  busy.count[e * heads.countClasses + 1] = 50;
  busy.action[e * 3 + 1] = 50;
}
const busyResult = decodeHeads(set10, busy, conversation, parallelContext, decodeSettings);
rows.push([
  "decode heads (every slot filled, parallel_tool_calls false -> one tool)",
  await time(() => decodeHeads(set10, { ...busy }, conversation, singleContext, decodeSettings)),
]);
rows.push([
  `decode heads (all 10 tools called, every slot filled -> ${busyResult.kind})`,
  await time(() => decodeHeads(set10, { ...busy }, conversation, parallelContext, decodeSettings)),
]);
const sampleCall = {
  name: set10.tools[0]?.name ?? "",
  arguments: { order_id: "B-77310", quantity: 2, priority: "high", shipping: { city: "Lyon" } },
  confidence: 1,
  argument_confidence: {},
};
rows.push(["validate one call", await time(() => validateCall(set10, sampleCall))]);

rows.push(["full caller.call, 10 tools (tool set cached)", full]);
const forwardAgain = await time(() => runtime.run("model", modelFeeds));

const T = conversation.ids.length;
console.log(
  `decode bench: backend ${backend}, model ${MODEL_DIR} (${String(config.training?.["note"] ?? `trained, step ${String(config.training?.["step"] ?? "?")}`)}), T=${T}, runs=${RUNS}, median ms`,
);
console.log(`forward pass (baseline, 10 tools, E=${set10.elements.length}): ${forward.toFixed(3)} ms`);
const width = Math.max(...rows.map(([name]) => name.length));
for (const [name, ms] of rows)
  console.log(`${name.padEnd(width)}  ${ms.toFixed(3).padStart(9)} ms  ${(ms / forward).toFixed(3).padStart(8)} x forward`);
const outside = median(outsideSamples);
console.log(
  `share of a request outside the forward pass: ${((100 * outside) / full).toFixed(1)}% (median ${outside.toFixed(3)} ms of ${full.toFixed(3)} ms per request; ${(outside / forward).toFixed(3)} x forward)`,
);
console.log(
  `forward pass re-measured at the end: ${forwardAgain.toFixed(3)} ms (${(forwardAgain / forward).toFixed(3)} x the baseline; drift check)`,
);
