/**
 * Long chained conversations (issue 32, item 3), through the worker's app in Node with the shipped model
 * (onnxruntime-node) and a KV double. Each dialogue asks about an order (a get_order_status round trip), then talks
 * about F other things (product searches, each a call and its output), then asks to track "it". Scored: the last
 * answer calls a tool with that order's id (the memory's part: the id is found), and, stricter, track_package with it.
 * - memory: the turns chained by previous_response_id through POST /v1/responses (memory selection + slot memory);
 * - full history: the same conversation sent whole to POST /v1/chat/completions (the reader reads its last part).
 * Also the forward-pass cost per chained turn (model runs of that request, positions T summed over the passes, ms) at each
 * turn number.
 * `--pad N` adds N bytes of details to each tool output, so that from turn 2 on a turn fills what the
 * reader reads (the cost at turn 2 and turn 30 compared at the same positions).
 * `--repeat R` times each model pass R more times on the same feeds and keeps the median (this machine is shared,
 * single timings are noisy). Run: `npx tsx bench/conversation-memory.ts [--dialogues N] [--fillers 1,5,15,29]
 * [--pad 0] [--repeat 0]`.
 */
import { parseArgs } from "node:util";
import { createApp } from "../src/api/app.js";
import type { ModelRuntime } from "../src/engine/types.js";
import { createNodeRuntime } from "../src/engine/node.js";
import { createModelToolCaller } from "../src/model/caller.js";
import { loadShippedConfig, MODEL_DIR } from "../src/model/testing/load-config.js";
import { MemoryKvDouble } from "../test/support/memory-kv.js";

const { values } = parseArgs({
  options: {
    dialogues: { type: "string", default: "12" },
    fillers: { type: "string", default: "1,5,15,29" },
    pad: { type: "string", default: "0" },
    repeat: { type: "string", default: "0" },
  },
});
const DETAILS = "Lightweight, water-resistant, machine washable; free returns within 30 days; ships in 2-4 days. ".repeat(8);
const details = Number(values.pad) > 0 ? { details: DETAILS.slice(0, Number(values.pad)) } : {};
const config = loadShippedConfig();

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const runs: Array<{ T: number; ms: number }> = [];
const REPEAT = Number(values.repeat);
/** Only the chained turns' passes are timed again. */
let measuring = false;
function timed(inner: ModelRuntime): ModelRuntime {
  return {
    ...inner,
    async run(graph, feeds) {
      let started = performance.now();
      const out = await inner.run(graph, feeds);
      if (graph !== "model") return out;
      const times = [performance.now() - started];
      for (let i = 0; measuring && i < REPEAT; i++) {
        started = performance.now();
        await inner.run(graph, feeds);
        times.push(performance.now() - started);
      }
      runs.push({ T: feeds["input_ids"]?.dims[1] ?? 0, ms: median(times) });
      return out;
    },
  };
}
const caller = createModelToolCaller(timed(createNodeRuntime({ backend: "ort-node", modelDir: MODEL_DIR })), config);
const app = createApp({ caller, backend: "ort-node", telemetry: false });

const str = (description: string) => ({ type: "string", description });
const flat = [
  {
    type: "function",
    name: "get_order_status",
    description: "Look up the status of an order",
    parameters: { type: "object", properties: { order_id: str("The order number") }, required: ["order_id"] },
  },
  {
    type: "function",
    name: "track_package",
    description: "Track the delivery of an order's package",
    parameters: { type: "object", properties: { order_id: str("The order number") }, required: ["order_id"] },
  },
  {
    type: "function",
    name: "search_products",
    description: "Search the catalogue",
    parameters: { type: "object", properties: { query: str("What to search for"), color: str("Colour") }, required: ["query"] },
  },
];
const chatTools = flat.map(({ name, description, parameters }) => ({ type: "function", function: { name, description, parameters } }));

let seed = 7;
const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
const pick = <T>(items: readonly T[]): T => items[rand(items.length)] as T;
const PRODUCTS = ["running shoes", "rain jacket", "coffee grinder", "desk lamp", "yoga mat", "backpack", "water bottle", "wool scarf"];
const COLORS = ["red", "blue", "green", "black", "white"];
const ASKS = ["Where is my order {id}?", "What's the status of order {id}?", "Can you check order {id} for me?"];
const FOLLOW = ["Can you track it for me?", "Track that package please.", "Where is the package now? Track it."];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking response JSON
type Json = Record<string, any>;
async function post(path: string, body: unknown, env: Record<string, unknown>): Promise<Json> {
  const response = await app.request(
    path,
    { method: "POST", headers: { "Content-Type": "application/json", Authorization: "Bearer bench" }, body: JSON.stringify(body) },
    env,
  );
  return (await response.json()) as Json;
}

interface Turn {
  user: string;
  output: (call: Json) => string;
}

function dialogue(fillers: number): { id: string; turns: Turn[]; follow: string } {
  const id = `${pick(["A", "B", "K", "Z"])}-${1000 + rand(9000)}`;
  const turns: Turn[] = [{ user: pick(ASKS).replace("{id}", id), output: () => JSON.stringify({ order_id: id, status: "shipped", ...details }) }];
  for (let i = 0; i < fillers; i++) {
    const product = pick(PRODUCTS);
    turns.push({ user: `Do you have a ${pick(COLORS)} ${product}?`, output: () => JSON.stringify({ results: 3, top: product, ...details }) });
  }
  return { id, turns, follow: pick(FOLLOW) };
}

/** 0: wrong, 1: a call with the order's id, 2: track_package with it. */
function score(calls: Array<{ name: string; arguments: string }>, id: string): number {
  const call = calls[0];
  if (calls.length !== 1 || call === undefined || (JSON.parse(call.arguments) as { order_id?: string }).order_id !== id) return 0;
  return call.name === "track_package" ? 2 : 1;
}

async function runMemory(d: ReturnType<typeof dialogue>, cost: Map<number, Array<{ T: number; ms: number; passes: number }>>): Promise<number> {
  const env = { MEMORY: new MemoryKvDouble() };
  let previous: string | undefined;
  let pending: Json[] = [];
  let turnNo = 0;
  for (const step of [...d.turns.map((t) => t.user), d.follow]) {
    turnNo += 1;
    const before = runs.length;
    measuring = true;
    const body: Json = { model: "edgecall", tools: flat, input: [...pending, { role: "user", content: step }] };
    if (previous !== undefined) body.previous_response_id = previous;
    const response = await post("/v1/responses", body, env);
    measuring = false;
    const mine = runs.slice(before);
    const list = cost.get(turnNo) ?? [];
    list.push({ T: mine.reduce((s, r) => s + r.T, 0), ms: mine.reduce((s, r) => s + r.ms, 0), passes: mine.length });
    cost.set(turnNo, list);
    previous = response.id;
    const calls = (response.output as Json[]).filter((item) => item.type === "function_call");
    if (step === d.follow)
      return score(
        calls.map((c) => ({ name: c.name, arguments: c.arguments })),
        d.id,
      );
    const turn = d.turns[turnNo - 1] as Turn;
    pending = calls.map((call) => ({ type: "function_call_output", call_id: call.call_id, output: turn.output(call) }));
  }
  return 0;
}

async function runFull(d: ReturnType<typeof dialogue>): Promise<number> {
  const messages: Json[] = [];
  let n = 0;
  for (const turn of d.turns) {
    messages.push({ role: "user", content: turn.user });
    const answer = await post("/v1/chat/completions", { model: "edgecall", tools: chatTools, messages }, {});
    const message = answer.choices[0].message as Json;
    const calls = (message.tool_calls ?? []) as Json[];
    messages.push({ role: "assistant", content: message.content, ...(calls.length > 0 ? { tool_calls: calls } : {}) });
    for (const call of calls) messages.push({ role: "tool", tool_call_id: call.id, content: turn.output(call) });
    n++;
  }
  messages.push({ role: "user", content: d.follow });
  const answer = await post("/v1/chat/completions", { model: "edgecall", tools: chatTools, messages }, {});
  const calls = ((answer.choices[0].message.tool_calls ?? []) as Json[]).map((c) => ({ name: c.function.name, arguments: c.function.arguments }));
  return n >= 0 ? score(calls, d.id) : 0;
}

const cost = new Map<number, Array<{ T: number; ms: number; passes: number }>>();
console.log(`| fillers | turns | memory: id found | memory: right call | full history: id found | full history: right call |`);
console.log(`|---|---|---|---|---|---|`);
for (const fillers of values.fillers.split(",").map(Number)) {
  const memory = { id: 0, call: 0 };
  const full = { id: 0, call: 0 };
  const n = Number(values.dialogues);
  for (let i = 0; i < n; i++) {
    const d = dialogue(fillers);
    const m = await runMemory(d, cost);
    const f = await runFull(d);
    memory.id += m >= 1 ? 1 : 0;
    memory.call += m === 2 ? 1 : 0;
    full.id += f >= 1 ? 1 : 0;
    full.call += f === 2 ? 1 : 0;
  }
  console.log(`| ${fillers} | ${fillers + 2} | ${memory.id}/${n} | ${memory.call}/${n} | ${full.id}/${n} | ${full.call}/${n} |`);
}
console.log(`\nforward-pass cost per chained turn (median over dialogues; passes = model runs of that request, positions = summed over them):`);
console.log(`| turn | passes | positions T | model ms |`);
console.log(`|---|---|---|---|`);
for (const turn of [...cost.keys()].sort((a, b) => a - b)) {
  const list = cost.get(turn) ?? [];
  if (![2, 3, 5, 10, 17, 20, 30, 31].includes(turn)) continue;
  console.log(`| ${turn} | ${median(list.map((c) => c.passes))} | ${median(list.map((c) => c.T))} | ${median(list.map((c) => c.ms)).toFixed(1)} |`);
}
