/**
 * Held-out SGD dialogues replayed turn by turn (issue 32, item 3), through the worker's app in Node with the shipped
 * model (onnxruntime-node) and a KV double, two ways:
 * - memory: each user turn chained by previous_response_id through POST /v1/responses (memory selection + slot
 *   memory), its input the outputs of the edge's calls, the system's utterance and the user's next utterance;
 * - full history: the same conversation sent whole to POST /v1/chat/completions (the reader reads its last part).
 * After each answer the client carries on as SGD's system did: the edge's calls get the system turn's first service
 * result (or `{}`), then the system's utterance, then the user's next one. Each labelled turn's answer (the caller's
 * result for that request) is scored by `npm run eval`'s judge against convert_sgd.py's labelling; accuracy per way,
 * overall and by user-turn depth. Also the model runs per chained turn (passes, positions T, ms) by turn number.
 * Data (evaluation only, read at run time): `/usr/bin/python3 training/heldout_dialogues.py --out FILE`.
 * Run: `npx tsx bench/dialogue-memory.ts --file FILE [--dialogues 120] [--max-turns 0] [--seed 1]`.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createApp } from "../src/api/app.js";
import type { ToolCaller, ToolCallResult } from "../src/caller/types.js";
import type { ModelRuntime } from "../src/engine/types.js";
import { createNodeRuntime } from "../src/engine/node.js";
import type { EvalCase, Expected, ExpectedCall } from "../src/eval/dataset.js";
import { judge } from "../src/eval/judge.js";
import type { GorillaFunction } from "../src/eval/gorilla.js";
import { createModelToolCaller } from "../src/model/caller.js";
import { loadShippedConfig, MODEL_DIR } from "../src/model/testing/load-config.js";
import { MemoryKvDouble } from "../test/support/memory-kv.js";

const { values } = parseArgs({
  options: {
    file: { type: "string" },
    dialogues: { type: "string", default: "120" },
    "max-turns": { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
  },
});
if (values.file === undefined) throw new Error("--file FILE (from training/heldout_dialogues.py) is required");
const config = loadShippedConfig();

interface Pass {
  T: number;
  ms: number;
}
const passes: Pass[] = [];
function timed(inner: ModelRuntime): ModelRuntime {
  return {
    ...inner,
    async run(graph, feeds) {
      const started = performance.now();
      const out = await inner.run(graph, feeds);
      if (graph === "model") passes.push({ T: feeds["input_ids"]?.dims[1] ?? 0, ms: performance.now() - started });
      return out;
    },
  };
}
/** The caller's last result: the answer the pipeline got for the request just sent (the query pass comes first). */
let last: ToolCallResult | undefined;
const model = createModelToolCaller(timed(createNodeRuntime({ backend: "ort-node", modelDir: MODEL_DIR })), config);
const caller: ToolCaller = {
  id: model.id,
  async call(request) {
    last = await model.call(request);
    return last;
  },
};
const app = createApp({ caller, backend: "ort-node", telemetry: false });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking response JSON
type Json = Record<string, any>;
interface ChatTool {
  type: "function";
  function: GorillaFunction;
}
interface DialogueTurn {
  user: string;
  system: string | null;
  results: Record<string, unknown> | null;
  expected: { ground_truth?: ExpectedCall[]; missing?: Record<string, string[]>; no_call?: boolean } | null;
}
interface Dialogue {
  id: string;
  tools: ChatTool[];
  turns: DialogueTurn[];
}

function expectedOf(raw: DialogueTurn["expected"]): Expected | undefined {
  if (raw === null) return undefined;
  if (raw.ground_truth) return { kind: "calls", calls: raw.ground_truth };
  if (raw.missing) return { kind: "missing", missing: raw.missing };
  return { kind: "no_call" };
}

async function post(path: string, body: unknown, env: Record<string, unknown>): Promise<Json> {
  last = undefined;
  const response = await app.request(
    path,
    { method: "POST", headers: { "Content-Type": "application/json", Authorization: "Bearer bench" }, body: JSON.stringify(body) },
    env,
  );
  const json = (await response.json()) as Json;
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

interface Scored {
  depth: number;
  ok: boolean;
  reason: string;
}

function scored(d: Dialogue, depth: number, turn: DialogueTurn, messages: EvalCase["messages"]): Scored | undefined {
  const expected = expectedOf(turn.expected);
  if (expected === undefined) return undefined;
  if (last === undefined) return { depth, ok: false, reason: "no answer from the caller" };
  const testCase: EvalCase = { id: d.id, category: "sgd_dialogue", messages, tools: [], functions: d.tools.map((t) => t.function) };
  const check = judge(testCase, last, expected);
  return { depth, ok: check.ok, reason: check.ok ? "" : check.reason };
}

const outputOf = (turn: DialogueTurn): string => JSON.stringify(turn.results ?? {});

interface TurnCost extends Pass {
  passes: number;
  selection: string;
  read: number;
}

async function runMemory(d: Dialogue, turns: DialogueTurn[], cost: Map<number, TurnCost[]>): Promise<Scored[]> {
  const env = { MEMORY: new MemoryKvDouble() };
  const flat = d.tools.map((t) => ({ type: "function", ...t.function }));
  const out: Scored[] = [];
  let previous: string | undefined;
  let carried: Json[] = [];
  for (const [index, turn] of turns.entries()) {
    const body: Json = { model: "edgecall", tools: flat, input: [...carried, { role: "user", content: turn.user }] };
    if (previous !== undefined) body.previous_response_id = previous;
    const before = passes.length;
    const response = await post("/v1/responses", body, env);
    const mine = passes.slice(before);
    const chain = (response.x_edgecall?.memory?.chain ?? {}) as Json;
    const list = cost.get(index + 1) ?? [];
    list.push({
      T: mine.reduce((sum, p) => sum + p.T, 0),
      ms: mine.reduce((sum, p) => sum + p.ms, 0),
      passes: mine.length,
      selection: String(chain.selection ?? "none"),
      read: Number(chain.read ?? 0),
    });
    cost.set(index + 1, list);
    const result = scored(d, index + 1, turn, []);
    if (result !== undefined) out.push(result);
    previous = String(response.id);
    const calls = (response.output as Json[]).filter((item) => item.type === "function_call");
    carried = [
      ...calls.map((call) => ({ type: "function_call_output", call_id: call.call_id, output: outputOf(turn) })),
      ...(turn.system === null ? [] : [{ role: "assistant", content: turn.system }]),
    ];
  }
  return out;
}

async function runFull(d: Dialogue, turns: DialogueTurn[]): Promise<Scored[]> {
  const out: Scored[] = [];
  const messages: Json[] = [];
  for (const [index, turn] of turns.entries()) {
    messages.push({ role: "user", content: turn.user });
    const answer = await post("/v1/chat/completions", { model: "edgecall", tools: d.tools, messages }, {});
    const result = scored(d, index + 1, turn, []);
    if (result !== undefined) out.push(result);
    const message = answer.choices[0].message as Json;
    const calls = (message.tool_calls ?? []) as Json[];
    messages.push({ role: "assistant", content: message.content ?? null, ...(calls.length > 0 ? { tool_calls: calls } : {}) });
    for (const call of calls) messages.push({ role: "tool", tool_call_id: call.id, content: outputOf(turn) });
    if (turn.system !== null) messages.push({ role: "assistant", content: turn.system });
  }
  return out;
}

function chosen(all: Dialogue[], n: number, seed: number): Dialogue[] {
  let state = seed;
  const rand = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31), state / 2 ** 31);
  const keyed = all.map((d) => ({ d, key: rand() }));
  return keyed
    .sort((a, b) => a.key - b.key)
    .slice(0, n)
    .map(({ d }) => d);
}

const BUCKETS: Array<[string, number, number]> = [
  ["1-3", 1, 3],
  ["4-8", 4, 8],
  ["9+", 9, Infinity],
];
const pct = (ok: number, n: number): string => (n === 0 ? "-" : `${ok}/${n} (${((100 * ok) / n).toFixed(1)}%)`);
const tally = (list: Scored[], lo = 1, hi = Infinity): string => {
  const inside = list.filter((s) => s.depth >= lo && s.depth <= hi);
  return pct(inside.filter((s) => s.ok).length, inside.length);
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const all = readFileSync(values.file, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as Dialogue);
const maxTurns = Number(values["max-turns"]);
const picked = chosen(all, Number(values.dialogues), Number(values.seed));
const memory: Scored[] = [];
const full: Scored[] = [];
const cost = new Map<number, TurnCost[]>();
const started = performance.now();
for (const d of picked) {
  const turns = maxTurns > 0 ? d.turns.slice(0, maxTurns) : d.turns;
  memory.push(...(await runMemory(d, turns, cost)));
  full.push(...(await runFull(d, turns)));
}
const seconds = ((performance.now() - started) / 1000).toFixed(0);
const turns = picked.reduce((sum, d) => sum + (maxTurns > 0 ? Math.min(maxTurns, d.turns.length) : d.turns.length), 0);
console.log(`${picked.length} dialogues, ${turns} user turns, ${memory.length} labelled; ${seconds} s`);
console.log(`| way | all turns | turns 1-3 | turns 4-8 | turns 9+ |`);
console.log(`|---|---|---|---|---|`);
for (const [name, list] of [
  ["memory (/v1/responses chained)", memory],
  ["full history (/v1/chat/completions)", full],
] as const)
  console.log(`| ${name} | ${[tally(list), ...BUCKETS.map(([, lo, hi]) => tally(list, lo, hi))].join(" | ")} |`);
const differ = memory.filter((m, i) => m.ok !== full[i]?.ok);
console.log(
  `\nturns where the ways differ: ${differ.length} (memory right ${differ.filter((m) => m.ok).length}, full right ${differ.filter((m) => !m.ok).length})`,
);
console.log(`\nchained turns by turn number (median; passes = model runs of the request, T = positions summed over them):`);
console.log(`| turn | requests | passes | positions T | model ms | turns read | selection |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const turn of [...cost.keys()].sort((a, b) => a - b)) {
  const list = cost.get(turn) ?? [];
  const kinds = [...new Set(list.map((c) => c.selection))].map((k) => `${k} ${list.filter((c) => c.selection === k).length}`).join(", ");
  console.log(
    `| ${turn} | ${list.length} | ${median(list.map((c) => c.passes))} | ${median(list.map((c) => c.T))} | ${median(list.map((c) => c.ms)).toFixed(1)} | ${median(list.map((c) => c.read))} | ${kinds} |`,
  );
}
