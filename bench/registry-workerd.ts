/**
 * bench/registry.ts under real workerd: the first request that a fresh `wrangler dev` (a new isolate: module
 * evaluation, ORT WebAssembly instantiation, session creation, the request) answers, for the 20-tool shop set of
 * registry/tool-sets.json as registered, and for the same tools with one description changed per run (neither in the
 * registry nor in the fresh local KV: the schema encoder is created and run). Each twice: the very first request, and
 * the first chat request after a GET /healthz has started the isolate (module evaluation done; ORT not started, no
 * session). Medians of RUNS interleaved starts; the client's time from sending the request to reading the answer.
 *   npm run -s build && npx tsx bench/registry-workerd.ts [runs]
 */
import { readFileSync } from "node:fs";
import type { ToolDefinition } from "../src/caller/types.js";
import { startWranglerDev } from "../test/support/wrangler-dev.js";

const runs = Number(process.argv[2] ?? 3);
const file = JSON.parse(readFileSync("registry/tool-sets.json", "utf8")) as { tool_sets: Array<{ name: string; tools: ToolDefinition[] }> };
const shop = file.tool_sets.find((s) => s.name === "shop")?.tools ?? [];
// The destructive-call guard (src/risk) offers the set's three high-risk tools only when the user asks for their
// actions; this request asks for all three, so the model reads all 20 tools (the lists with fewer are registered too).
const messages = [{ role: "user", content: "Cancel order A-1042, remove the red shoes from my cart, and what is the status of my refund?" }];

function unregistered(run: number): ToolDefinition[] {
  const [first, ...rest] = shop;
  if (first === undefined) throw new Error("registry/tool-sets.json has no shop set");
  return [{ ...first, function: { ...first.function, description: `${first.function.description ?? ""} (run ${run})` } }, ...rest];
}

async function firstRequest(tools: ToolDefinition[], healthzFirst: boolean): Promise<{ ms: number; toolSet: string }> {
  const dev = await startWranglerDev({ waitFor: "ready-line" });
  try {
    if (healthzFirst) await (await fetch(`${dev.baseUrl}/healthz`)).text();
    const started = performance.now();
    const response = await fetch(`${dev.baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ model: "edgecall", messages, tools }),
    });
    const body = (await response.json()) as { x_edgecall?: { tool_set?: string } };
    const ms = performance.now() - started;
    if (!response.ok) throw new Error(`first request failed with ${response.status}`);
    return { ms, toolSet: body.x_edgecall?.tool_set ?? "?" };
  } finally {
    await dev.stop();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const times = new Map<string, number[]>();
for (let i = 0; i < runs; i++) {
  for (const healthzFirst of [false, true]) {
    const registered = await firstRequest(shop, healthzFirst);
    const compiled = await firstRequest(unregistered(2 * i + Number(healthzFirst)), healthzFirst);
    if (registered.toolSet !== "registered" || compiled.toolSet !== "compiled")
      throw new Error(`tool_set ${registered.toolSet} / ${compiled.toolSet}`);
    for (const [path, ms] of [
      ["registered", registered.ms],
      ["compiled", compiled.ms],
    ] as const) {
      const key = `${healthzFirst ? "after /healthz" : "first request"} ${path}`;
      times.set(key, [...(times.get(key) ?? []), ms]);
    }
    console.log(
      `run ${i + 1}${healthzFirst ? " after /healthz" : ""}: registered ${registered.ms.toFixed(0)} ms, compiled ${compiled.ms.toFixed(0)} ms`,
    );
  }
}
for (const when of ["first request", "after /healthz"]) {
  const [r, c] = [median(times.get(`${when} registered`) ?? []), median(times.get(`${when} compiled`) ?? [])];
  console.log(
    `workerd new isolate, ${when}, ${shop.length} tools, median of ${runs}: registered ${r.toFixed(0)} ms, compiled ${c.toFixed(0)} ms, ratio ${(c / r).toFixed(2)}x`,
  );
}
