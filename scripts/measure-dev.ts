/**
 * Measures the worker under `wrangler dev` (real workerd): time of the first chat request after wrangler reports
 * ready, with no request sent before (cold: isolate start, module evaluation, ORT start, session creation, schema
 * encoding, first forward pass), of the following warm requests, the onnxruntime-web WebAssembly
 * memory (reported by /healthz from the live WebAssembly.Memory), and the isolate's JS heap (V8's
 * Runtime.getHeapUsage through wrangler's DevTools inspector). Run: `npm run measure:dev`.
 */
import { startWranglerDev } from "../test/support/wrangler-dev.js";
import { chatBody } from "../test/support/requests.js";

interface HeapUsage {
  usedSize: number;
  totalSize: number;
}

async function jsHeapUsage(inspectorPort: number): Promise<HeapUsage> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (url === undefined) throw new Error("no inspector target");
  // Node's WebSocket (undici) accepts headers; wrangler's inspector proxy requires a local Origin.
  const Socket = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket;
  const socket = new Socket(url, { headers: { Origin: "http://127.0.0.1" } });
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve);
    socket.addEventListener("error", reject);
  });
  const reply = new Promise<HeapUsage>((resolve) => {
    socket.addEventListener("message", (event: MessageEvent) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: HeapUsage };
      if (message.id === 1 && message.result !== undefined) resolve(message.result);
    });
  });
  socket.send(JSON.stringify({ id: 1, method: "Runtime.getHeapUsage" }));
  const usage = await reply;
  socket.close();
  return usage;
}

const request = chatBody({ messages: [{ role: "user", content: "What's the weather in Paris in celsius?" }] });

async function timedPost(baseUrl: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
  await response.text();
  if (!response.ok) throw new Error(`chat request failed with ${response.status}`);
  return performance.now() - start;
}

const entry = process.argv[2];
const dev = await startWranglerDev(entry === undefined ? { waitFor: "ready-line" } : { entry, waitFor: "ready-line" });
try {
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const cold = await timedPost(dev.baseUrl);
  const warm: number[] = [];
  for (let i = 0; i < 10; i += 1) warm.push(await timedPost(dev.baseUrl));
  warm.sort((a, b) => a - b);
  const health = (await (await fetch(`${dev.baseUrl}/healthz`)).json()) as { wasm_memory_bytes: number | null };
  const heapAfter = await jsHeapUsage(dev.inspectorPort);
  console.log(
    JSON.stringify(
      {
        first_request_ms: Math.round(cold),
        warm_request_median_ms: Math.round(warm[Math.floor(warm.length / 2)] ?? 0),
        wasm_memory_mb: health.wasm_memory_bytes === null ? null : mb(health.wasm_memory_bytes),
        js_heap_used_mb_after_requests: mb(heapAfter.usedSize),
        js_heap_total_mb_after_requests: mb(heapAfter.totalSize),
      },
      null,
      2,
    ),
  );
} finally {
  await dev.stop();
}
