/**
 * Origin and router benchmark (issue 31's two speed targets), on this machine:
 * - router overhead at the edge: what a request that stays at the edge pays for routing (thresholds read from
 *   the env, the origin looked up, pre-model features and plan, the after-edge check), over the real requests of a
 *   BFCL file, as medians and p99 in microseconds and as a share of the 1 ms budget;
 * - deadline overshoot: how far past ORIGIN_TIMEOUT_MS a request to a stalled origin ends (the worker's app in
 *   Node with a test-double edge, a loopback origin that sends no headers or stalls its body), worst of N.
 * Run: `npx tsx bench/origin.ts [--questions FILE] [--runs N] [--timeout-ms MS]`.
 */
import { parseArgs } from "node:util";
import type { ToolCallRequest } from "../src/caller/types.js";
import { createApp } from "../src/api/app.js";
import { readQuestions } from "../src/eval/dataset.js";
import { originRegistry } from "../src/origin/registry.js";
import type { OriginEnv } from "../src/origin/settings.js";
import { afterEdge, planRoute, readRouterThresholds, routeFeatures, type RouterEnv } from "../src/router/index.js";
import { startFaultOrigin, type FaultAnswer } from "../test/support/fault-origin.js";
import { scriptedCaller } from "../test/support/scripted-caller.js";

const { values } = parseArgs({
  options: {
    questions: { type: "string", default: "../shared/bfcl/BFCL_v4_live_multiple.json" },
    runs: { type: "string", default: "10" },
    "timeout-ms": { type: "string", default: "1000" },
  },
});

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function routerOverhead(): void {
  const env: OriginEnv & RouterEnv = { ORIGIN_URL: "http://127.0.0.1:9/v1" };
  const lookup = originRegistry();
  const requests: ToolCallRequest[] = readQuestions(values.questions).map((c) => ({
    messages: c.messages,
    tools: c.tools,
    tool_choice: "auto",
    parallel_tool_calls: true,
  }));
  const times: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    for (const request of requests) {
      const started = performance.now();
      const thresholds = readRouterThresholds(env);
      const origin = lookup(env);
      const plan = planRoute(routeFeatures(request), thresholds, origin !== undefined);
      afterEdge({ kind: "no_call", confidence: 0.9 }, thresholds);
      const elapsed = performance.now() - started;
      if (pass > 0 && plan.decision !== "origin") times.push(elapsed * 1000);
    }
  }
  times.sort((a, b) => a - b);
  const median = quantile(times, 0.5);
  const p99 = quantile(times, 0.99);
  console.log(`router overhead, ${times.length / 2} requests of ${values.questions} kept for the edge, 2 passes:`);
  console.log(
    `  median ${median.toFixed(1)} us (${(median / 1000).toFixed(3)} of the 1 ms budget), p99 ${p99.toFixed(1)} us (${(p99 / 1000).toFixed(3)}), max ${quantile(times, 1).toFixed(1)} us`,
  );
}

async function overshoot(fault: FaultAnswer, edge: "fallback" | "none"): Promise<number[]> {
  const timeoutMs = Number(values["timeout-ms"]);
  const upstream = await startFaultOrigin(() => fault);
  const caller = scriptedCaller(() =>
    edge === "fallback" ? { kind: "no_call", confidence: 0.01 } : { kind: "not_expressible", reason: "bench", confidence: 0.01 },
  );
  const app = createApp({ caller, backend: "bench", origins: originRegistry() });
  const env = { ORIGIN_URL: upstream.url, ORIGIN_TIMEOUT_MS: String(timeoutMs), ORIGIN_TTFB_MS: String(timeoutMs * 10) };
  const body = JSON.stringify({
    model: "edgecall",
    messages: [{ role: "user", content: "Where is order A-1?" }],
    tools: [{ type: "function", function: { name: "get_order", parameters: { type: "object", properties: { id: { type: "string" } } } } }],
  });
  const over: number[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const started = performance.now();
    const response = await app.request("/v1/chat/completions", { method: "POST", headers: { "content-type": "application/json" }, body }, env);
    await response.text();
    over.push(performance.now() - started - timeoutMs);
  }
  await upstream.close();
  return over;
}

routerOverhead();
for (const fault of [{ kind: "slow_headers" }, { kind: "slow_body" }] as const) {
  for (const edge of ["fallback", "none"] as const) {
    const over = (await overshoot(fault, edge)).sort((a, b) => a - b);
    console.log(
      `deadline ${values["timeout-ms"]} ms, origin ${fault.kind}, edge ${edge === "fallback" ? "has an answer (200 edge_fallback)" : "has none (504)"}: ` +
        `past the deadline by median ${quantile(over, 0.5).toFixed(1)} ms, worst ${quantile(over, 1).toFixed(1)} ms of ${over.length}`,
    );
  }
}
