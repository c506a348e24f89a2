/**
 * Tool-set encodings in KV (issue 32) inside workerd, with the pool's real KV namespace and the shipped model: a
 * caller in a new isolate (its own runtime, sessions and LRU) that meets a tool set another isolate encoded reads
 * the vectors from KV, never runs the schema encoder, and answers exactly as the uncached path does. The worker
 * entry writes its encodings there too.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ToolCallRequest, ToolDefinition } from "../../src/caller/types.js";
import type { ModelRuntime } from "../../src/engine/types.js";
import { createWorkerdRuntime } from "../../src/engine/workerd.js";
import { workerdModelAssets } from "../../src/engine/workerd-assets.js";
import worker from "../../src/index.js";
import { ENCODING_KEY_PREFIX, KvEncodingCache, type EncodingEvent } from "../../src/memory/encodings.js";
import { createModelToolCaller } from "../../src/model/caller.js";
import { parseModelConfig } from "../../src/model/config.js";
import modelConfig from "../../wasm/config.json";
import type { JSONSchema } from "../../src/tools/schema-types.js";
import { chatBody, postJson } from "../support/requests.js";

const config = parseModelConfig(modelConfig);
const kv = (env as { MEMORY: KVNamespace }).MEMORY;

const tool = (name: string, description: string, properties: Record<string, JSONSchema>, required: string[]): ToolDefinition => ({
  type: "function",
  function: { name, description, parameters: { type: "object", properties, required } },
});
const tools: ToolDefinition[] = [
  tool("get_order_status", "Look up the status of an order", { order_id: { type: "string", description: "The order number" } }, ["order_id"]),
  tool("cancel_order", "Cancel an order", { order_id: { type: "string" }, reason: { type: "string" } }, ["order_id"]),
  tool("track_parcel", "Where a parcel is", { tracking_number: { type: "string" }, carrier: { type: "string", enum: ["dhl", "ups", "fedex"] } }, [
    "tracking_number",
  ]),
];
const request = (content: string): ToolCallRequest => ({
  messages: [{ role: "user", content }],
  tools,
  tool_choice: "auto",
  parallel_tool_calls: true,
});

/** A new isolate's caller: its own sessions (created on first use), a counter of schema-encoder runs. */
function isolate(shared: boolean) {
  const inner = createWorkerdRuntime(workerdModelAssets);
  const counts = { encoder: 0, model: 0 };
  const runtime: ModelRuntime = {
    backend: inner.backend,
    run(graph, feeds) {
      counts[graph === "schema_encoder" ? "encoder" : "model"] += 1;
      return inner.run(graph, feeds);
    },
  };
  const events: EncodingEvent[] = [];
  const writes: Array<Promise<unknown>> = [];
  const cache = new KvEncodingCache(kv, { defer: (work) => writes.push(work), onEvent: (event) => events.push(event) });
  const encoderFingerprint = workerdModelAssets.fingerprints!.schema_encoder;
  const caller = createModelToolCaller(runtime, config, shared ? { encodings: { cache, encoderFingerprint } } : {});
  return { caller, counts, events, settled: () => Promise.all(writes) };
}

describe("tool-set encodings in KV", () => {
  it("a new isolate reads a known tool set's vectors from KV and answers as without them", async () => {
    const asks = ["Where is order A-1042?", "Please cancel order B-77, it is late", "Track parcel 1Z999 with ups"];
    const uncached = isolate(false);
    const expected = [];
    for (const ask of asks) expected.push(await uncached.caller.call(request(ask)));

    const first = isolate(true);
    expect(await first.caller.call(request(asks[0]!))).toEqual(expected[0]);
    expect(first.counts.encoder).toBeGreaterThan(0);
    await first.settled();
    expect(first.events).toEqual(["miss", "stored"]);

    const second = isolate(true);
    for (const [i, ask] of asks.entries()) expect(await second.caller.call(request(ask))).toEqual(expected[i]);
    expect(second.counts).toEqual({ encoder: 0, model: asks.length });
    expect(second.events).toEqual(["hit"]);
  }, 60_000);

  it("the worker entry stores the encodings of a tool set it encoded", async () => {
    const before = (await kv.list({ prefix: ENCODING_KEY_PREFIX })).keys.length;
    const body = chatBody({ tools: [tool("find_store", "Find the nearest store", { city: { type: "string" } }, ["city"])] });
    const response = await worker.fetch(new Request("http://edgecall.test/v1/chat/completions", postJson(body)), env);
    expect(response.status).toBe(200);
    await expect.poll(async () => (await kv.list({ prefix: ENCODING_KEY_PREFIX })).keys.length).toBe(before + 1);
  }, 60_000);
});
