/**
 * The cost of the monitoring event (issue 33's target: at most 0.2 ms added to a warm request), events on against
 * events off in the same run, rounds interleaved so both see the same machine load:
 * - the app with a test-double caller (what the event costs apart from the model): on / off per request;
 * - the app with the shipped model (onnxruntime-web under Node, one tool set, warm): on / off per request, as a ratio;
 * - `Telemetry.record` alone (event built, counters and histograms, Analytics Engine rows, log line) per event.
 * "On" is the worker's setup: the middleware, the tenant hash, the log line (written to a no-op sink here instead
 * of the console) and an Analytics Engine binding (a no-op writeDataPoint). The deferred work runs in the same
 * thread after each answer (handed to a stand-in ExecutionContext's waitUntil), and the CPU figure waits for it.
 * Run: `npx tsx bench/telemetry.ts [--rounds N] [--requests N] [--model-requests N]`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../src/api/app.js";
import type { ToolCaller } from "../src/caller/types.js";
import { createNodeRuntime } from "../src/engine/node.js";
import { createModelToolCaller } from "../src/model/caller.js";
import { parseModelConfig } from "../src/model/config.js";
import { Telemetry, type AnalyticsSink } from "../src/telemetry/index.js";
import { chatBody } from "../test/support/requests.js";
import { scriptedCaller } from "../test/support/scripted-caller.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    requests: { type: "string", default: "300" },
    "model-requests": { type: "string", default: "20" },
  },
});
const rounds = Number(values.rounds);
const requests = Number(values.requests);
const modelRequests = Number(values["model-requests"]);

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

let written = 0;
const dataset: AnalyticsSink = { writeDataPoint: () => void written++ };
const env = { EDGECALL_API_KEYS: "sk-bench-key", EDGECALL_EVENTS: dataset };
/** As in workerd: an ExecutionContext whose waitUntil lets the deferred work run on its own. */
const executionCtx = { waitUntil: (work: Promise<unknown>) => void work, passThroughOnException: () => undefined, props: {} };
const init = {
  method: "POST",
  headers: { "content-type": "application/json", authorization: "Bearer sk-bench-key" },
  body: JSON.stringify(chatBody({ messages: [{ role: "user", content: "What is the weather in Paris in celsius?" }] })),
};

function apps(caller: ToolCaller) {
  const telemetry = new Telemetry({ source: "edge", log: (line) => void line.length });
  return { on: createApp({ caller, backend: "bench", telemetry }), off: createApp({ caller, backend: "bench", telemetry: false }) };
}

interface Timing {
  /** Mean ms until the client has the whole answer. */
  answerMs: number;
  /** Mean CPU ms per request (user + system, all threads), the deferred event writes included. */
  cpuMs: number;
}

async function perRequest(app: ReturnType<typeof createApp>, n: number, events: boolean): Promise<Timing> {
  const before = written;
  const cpu = process.cpuUsage();
  let answer = 0;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const response = await app.request("/v1/chat/completions", init, env, executionCtx);
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    await response.text();
    answer += performance.now() - started;
  }
  // Each request writes two Analytics Engine rows (the request and its called tool) at the end of its event.
  while (events && written - before < 2 * n) await new Promise((resolve) => setImmediate(resolve));
  const used = process.cpuUsage(cpu);
  return { answerMs: answer / n, cpuMs: (used.user + used.system) / 1000 / n };
}

async function compare(name: string, caller: ToolCaller, n: number): Promise<void> {
  const { on, off } = apps(caller);
  await perRequest(on, Math.min(n, 20), true);
  await perRequest(off, Math.min(n, 20), false);
  const onRuns: Timing[] = [];
  const offRuns: Timing[] = [];
  for (let round = 0; round < rounds; round++) {
    onRuns.push(await perRequest(on, n, true));
    offRuns.push(await perRequest(off, n, false));
  }
  console.log(`${name}: ${n} requests x ${rounds} rounds, medians of the rounds' means`);
  for (const key of ["answerMs", "cpuMs"] as const) {
    const a = median(onRuns.map((t) => t[key]));
    const b = median(offRuns.map((t) => t[key]));
    const what = key === "answerMs" ? "answer latency" : "CPU per request";
    console.log(
      `  ${what}: events on ${a.toFixed(3)} ms, off ${b.toFixed(3)} ms, added ${(a - b).toFixed(3)} ms, ratio on/off ${(a / b).toFixed(3)}`,
    );
  }
}

function recordAlone(): void {
  const telemetry = new Telemetry({ source: "edge", log: (line) => void line.length });
  const facts = {
    endpoint: "/v1/chat/completions",
    method: "POST",
    status: 200,
    error: null,
    stream: false,
    totalMs: 12.5,
    requestBytes: 420,
    responseBytes: 610,
    tenant: "0123456789abcdef",
  };
  const outcome = {
    route: "edge" as const,
    route_reasons: ["no_origin"],
    backend: "ort-web-workerd",
    result: "calls" as const,
    tools_offered: ["get_weather", "search_products", "get_order_status"],
    tools_called: ["get_weather"],
    tools_missing: [],
    tools_invalid: [],
    confidence: 0.93,
    validation_failures: 0,
    origin: "not_asked",
    timings_ms: { validate: 0.4, model: 11.2, origin: null },
  };
  const n = 20_000;
  for (let i = 0; i < 2000; i++) telemetry.record(facts, outcome, dataset);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < n; i++) telemetry.record(facts, outcome, dataset);
    times.push(((performance.now() - started) / n) * 1000);
  }
  console.log(`Telemetry.record alone: ${median(times).toFixed(1)} us per event (median of ${rounds} rounds of ${n})`);
}

recordAlone();
await compare(
  "app, test-double caller",
  scriptedCaller(() => ({
    kind: "calls",
    confidence: 0.9,
    calls: [{ name: "get_weather", arguments: { city: "Paris" }, confidence: 0.9, argument_confidence: {} }],
  })),
  requests,
);
const modelDir = join(import.meta.dirname, "../wasm");
const config = parseModelConfig(JSON.parse(readFileSync(join(modelDir, "config.json"), "utf8")));
await compare(
  "app, shipped model (ort-web, warm)",
  createModelToolCaller(createNodeRuntime({ backend: "ort-web", modelDir }), config),
  modelRequests,
);
