/**
 * Load benchmark of the worker under `wrangler dev` (loopback only, bounded): req/s, p50/p99 latency, errors and
 * onnxruntime-web WebAssembly memory (GET /healthz) for each tool-set size x client concurrency, each cell a fixed
 * number of requests after one warm-up request per tool set; or a soak (--soak SECONDS): mixed traffic (1, 8 and
 * 30 tools, status questions, searches, a hostile schema now and then) with memory sampled over time.
 *
 *   npm run build && npx tsx bench/load.ts [--requests 200] [--tools 1,8,30] [--concurrency 1,8,32] [--json DIR]
 *   npm run build && npx tsx bench/load.ts --soak 600 [--concurrency 8] [--every 30]
 *
 * Without --url it starts its own `wrangler dev` on a free 127.0.0.1 port and stops it at the end; --url must be
 * a loopback address. --json DIR writes one `edgecall-load` result per cell for `npm run report`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startWranglerDev, type WranglerDev } from "../test/support/wrangler-dev.js";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    requests: { type: "string", default: "200" },
    tools: { type: "string", default: "1,8,30" },
    concurrency: { type: "string" },
    soak: { type: "string" },
    every: { type: "string", default: "30" },
    json: { type: "string" },
    timeout: { type: "string", default: "30000" },
  },
});

function integers(text: string, name: string): number[] {
  const list = text.split(",").map((item) => Number(item.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--${name} takes positive integers, not '${text}'`);
  return list;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

// ---- requests -------------------------------------------------------------------------------------------------

const NOUNS = [
  "invoice",
  "shipment",
  "coupon",
  "review",
  "wishlist",
  "address",
  "ticket",
  "subscription",
  "warranty",
  "gift_card",
  "store",
  "return",
  "payment_method",
  "loyalty_points",
  "newsletter",
];
const VERBS = ["get", "list", "find", "update"];

/** A shop-like tool set of `n` tools: order status and product search first, then generated ones of 3 parameters. */
function toolSet(n: number): unknown[] {
  const tools: unknown[] = [
    {
      type: "function",
      function: {
        name: "get_order_status",
        description: "Look up the status of an order",
        parameters: { type: "object", properties: { order_id: { type: "string", description: "The order number" } }, required: ["order_id"] },
      },
    },
    {
      type: "function",
      function: {
        name: "search_products",
        description: "Search the catalogue",
        parameters: {
          type: "object",
          properties: {
            query: { type: "string", description: "What to search for" },
            color: { type: "string", enum: ["red", "green", "blue"] },
            max_price: { type: "number", description: "Highest price" },
          },
          required: ["query"],
        },
      },
    },
  ];
  for (let i = 0; tools.length < n; i++) {
    const noun = NOUNS[i % NOUNS.length] as string;
    const verb = VERBS[Math.floor(i / NOUNS.length) % VERBS.length] as string;
    tools.push({
      type: "function",
      function: {
        name: `${verb}_${noun}`,
        description: `${verb[0]?.toUpperCase()}${verb.slice(1)} a ${noun.replace(/_/g, " ")} of the customer`,
        parameters: {
          type: "object",
          properties: {
            [`${noun}_id`]: { type: "string", description: `The ${noun.replace(/_/g, " ")} id` },
            status: { type: "string", enum: ["open", "closed", "pending"] },
            limit: { type: "integer", description: "How many at most" },
          },
          required: [`${noun}_id`],
        },
      },
    });
  }
  return tools.slice(0, n);
}

const MESSAGES = [
  "Where is order A-1042?",
  "What's the status of order B-7781?",
  "Find red running shoes under 80 dollars",
  "Search for a blue backpack",
  "Show me the invoice INV-2231",
  "List my open tickets",
  "Has shipment SH-5521 left the warehouse?",
  "Update review R-88 to closed",
  "I need green socks, at most 12 dollars",
  "hello there",
  "Track order 99812 for me",
  "Get the warranty W-301 please",
];

const HOSTILE = {
  type: "function",
  function: {
    name: "store",
    parameters: { type: "object", properties: { option: { type: "string", enum: Array.from({ length: 2000 }, (_, i) => `o${i}`) } } },
  },
};

function body(tools: unknown[], i: number): string {
  return JSON.stringify({ model: "edgecall", messages: [{ role: "user", content: MESSAGES[i % MESSAGES.length] }], tools });
}

// ---- measuring ------------------------------------------------------------------------------------------------

interface Sample {
  /** Which request of the run (its payload index). */
  index: number;
  ms: number;
  status: number;
  route?: string;
  result?: string;
}

async function send(baseUrl: string, payload: string, timeoutMs: number, index = 0): Promise<Sample> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await response.json()) as { x_edgecall?: { route?: string; result?: string } };
    const meta = json.x_edgecall;
    return {
      index,
      ms: performance.now() - started,
      status: response.status,
      ...(meta?.route === undefined ? {} : { route: meta.route }),
      ...(meta?.result === undefined ? {} : { result: meta.result }),
    };
  } catch {
    return { index, ms: performance.now() - started, status: 0 };
  }
}

/** `total` requests from `concurrency` clients; `payload(i)` builds the i-th; stops early when `until` says so. */
async function drive(
  total: number,
  concurrency: number,
  payload: (i: number) => string,
  baseUrl: string,
  timeoutMs: number,
  until?: () => boolean,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < total && !(until?.() ?? false)) {
      const i = next++;
      samples.push(await send(baseUrl, payload(i), timeoutMs, i));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return samples;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function wasmMegabytes(baseUrl: string): Promise<number | null> {
  const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as { wasm_memory_bytes: number | null };
  return health.wasm_memory_bytes === null ? null : health.wasm_memory_bytes / 1e6;
}

const fixed = (value: number | null, digits = 1): string => (value === null || Number.isNaN(value) ? "-" : value.toFixed(digits));

function count(samples: Sample[], key: "route" | "result"): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sample of samples) {
    const value = sample[key];
    if (value !== undefined) out[value] = (out[value] ?? 0) + 1;
  }
  return out;
}

// ---- modes ----------------------------------------------------------------------------------------------------

async function grid(baseUrl: string): Promise<void> {
  const requests = integers(values.requests ?? "200", "requests")[0] as number;
  const sizes = integers(values.tools ?? "1,8,30", "tools");
  const levels = integers(values.concurrency ?? "1,8,32", "concurrency");
  const timeoutMs = Number(values.timeout);
  console.log(`${requests} requests per cell after one warm-up request per tool set; wasm memory from /healthz after each cell`);
  console.log("| tools | concurrency | requests | req/s | p50 ms | p99 ms | errors | wasm MB |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const size of sizes) {
    const tools = toolSet(size);
    await send(baseUrl, body(tools, 0), 120_000);
    for (const concurrency of levels) {
      const started = performance.now();
      const samples = await drive(requests, concurrency, (i) => body(tools, i), baseUrl, timeoutMs);
      const seconds = (performance.now() - started) / 1000;
      const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
      const errors = samples.filter((s) => s.status !== 200).length;
      console.log(
        `| ${size} | ${concurrency} | ${samples.length} | ${fixed(samples.length / seconds)} | ${fixed(percentile(latencies, 50))} | ${fixed(percentile(latencies, 99))} | ${errors} | ${fixed(await wasmMegabytes(baseUrl))} |`,
      );
      if (values.json !== undefined) {
        mkdirSync(values.json, { recursive: true });
        const result = {
          kind: "edgecall-load",
          name: `${size} tools, concurrency ${concurrency}`,
          latencies_ms: latencies.map((ms) => Math.round(ms * 10) / 10),
          requests: samples.length,
          errors,
          routes: count(samples, "route"),
          results: count(samples, "result"),
        };
        writeFileSync(join(values.json, `load-${size}-tools-c${concurrency}.json`), JSON.stringify(result));
      }
    }
  }
}

async function soak(baseUrl: string, seconds: number): Promise<void> {
  const concurrency = integers(values.concurrency ?? "8", "concurrency")[0] as number;
  const every = integers(values.every ?? "30", "every")[0] as number;
  const timeoutMs = Number(values.timeout);
  const sets = [toolSet(1), toolSet(8), toolSet(30)];
  for (const tools of sets) await send(baseUrl, body(tools, 0), 120_000);
  /** Mixed traffic: the three tool sets in turn, every 20th request a hostile schema (a 400 by design). */
  const payload = (i: number): string => (i % 20 === 19 ? body([HOSTILE], i) : body(sets[i % 3] as unknown[], i));
  const expected = (i: number): number => (i % 20 === 19 ? 400 : 200);
  console.log(`soak: ${seconds} s at concurrency ${concurrency}, mixed 1/8/30-tool requests and 1 in 20 hostile; wasm memory every ${every} s`);
  console.log("| elapsed s | requests | req/s (interval) | p99 ms (interval) | errors | wasm MB |");
  console.log("|---|---|---|---|---|---|");
  const end = Date.now() + seconds * 1000;
  let sent = 0;
  let errors = 0;
  const unexpected = new Map<number, number>();
  let afterFirst100: number | null = null;
  let highest = 0;
  const started = Date.now();
  while (Date.now() < end) {
    const intervalEnd = Math.min(end, Date.now() + every * 1000);
    const base = sent;
    const t0 = performance.now();
    const samples = await drive(
      Number.MAX_SAFE_INTEGER,
      concurrency,
      (i) => payload(base + i),
      baseUrl,
      timeoutMs,
      () => Date.now() >= intervalEnd,
    );
    const elapsed = (performance.now() - t0) / 1000;
    for (const sample of samples) {
      if (sample.status === expected(base + sample.index)) continue;
      errors++;
      unexpected.set(sample.status, (unexpected.get(sample.status) ?? 0) + 1);
    }
    sent += samples.length;
    // null: a fresh isolate whose model has not run yet (wrangler dev reloads the worker when its files change)
    const memory = await wasmMegabytes(baseUrl);
    if (afterFirst100 === null && sent >= 100) afterFirst100 = memory;
    highest = Math.max(highest, memory ?? 0);
    const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
    console.log(
      `| ${Math.round((Date.now() - started) / 1000)} | ${sent} | ${fixed(samples.length / elapsed)} | ${fixed(percentile(latencies, 99))} | ${errors} | ${fixed(memory)} |`,
    );
  }
  const final = await wasmMegabytes(baseUrl);
  const statuses = [...unexpected].map(([status, n]) => `${n} x ${status === 0 ? "no answer" : status}`).join(", ");
  console.log(
    `wasm MB after the first ${Math.min(sent, 100)}+ requests ${fixed(afterFirst100)}, highest ${fixed(highest)}, at the end ${fixed(final)} (${sent} requests, ${errors} unexpected statuses${statuses === "" ? "" : `: ${statuses}`})`,
  );
}

async function main(): Promise<void> {
  let dev: WranglerDev | undefined;
  let baseUrl = values.url;
  if (baseUrl === undefined) {
    dev = await startWranglerDev();
    baseUrl = dev.baseUrl;
  } else if (!LOOPBACK.has(new URL(baseUrl).hostname)) {
    throw new Error(`--url must be a loopback address (127.0.0.1, localhost, [::1]), not ${new URL(baseUrl).hostname}`);
  }
  try {
    if (values.soak !== undefined) await soak(baseUrl, integers(values.soak, "soak")[0] as number);
    else await grid(baseUrl);
  } finally {
    await dev?.stop();
  }
}

await main();
