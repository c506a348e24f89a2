/**
 * The tool-set store with shared encodings (KV): a store in a new isolate reads a known set's vectors instead of
 * running the schema encoder; what it computes it writes back; a bad entry is recomputed and replaced. The encoder
 * here is a stand-in whose vectors are a function of its input, so a wrong read would show.
 */
import { describe, expect, it } from "vitest";
import type { ToolDefinition } from "../caller/types.js";
import type { Feeds, GraphName, ModelRuntime, TensorData } from "../engine/types.js";
import { KvEncodingCache, type EncodingKv } from "../memory/encodings.js";
import { loadShippedConfig } from "./testing/load-config.js";
import { ToolSetStore, type SharedEncodings } from "./tool-sets.js";
import { WordMatcher } from "./words.js";

const config = loadShippedConfig();
const D = config.element_dim;

/** The encoder stand-in: each element's vector from its token ids; counts runs per graph. */
class FakeEncoder implements ModelRuntime {
  readonly backend = "ort-node";
  readonly runs: GraphName[] = [];

  async run(graph: GraphName, feeds: Feeds): Promise<Record<string, TensorData>> {
    this.runs.push(graph);
    const ids = feeds["elem_ids"]!;
    const [n, L] = ids.dims as [number, number];
    const data = new Float32Array(n * D);
    for (let e = 0; e < n; e++) {
      let sum = 0;
      for (let t = 0; t < L; t++) sum += Number((ids.data as BigInt64Array)[e * L + t]);
      for (let d = 0; d < D; d++) data[e * D + d] = Math.sin(sum + d);
    }
    return { elem_vecs: { type: "float32", data, dims: [n, D] } };
  }
}

class MapKv implements EncodingKv {
  readonly values = new Map<string, ArrayBuffer>();
  async get(key: string): Promise<ArrayBuffer | null> {
    return this.values.get(key) ?? null;
  }
  async put(key: string, value: ArrayBuffer): Promise<void> {
    this.values.set(key, value);
  }
}

const tools: ToolDefinition[] = [
  {
    type: "function",
    function: {
      name: "get_order_status",
      description: "Status of an order",
      parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
    },
  },
  {
    type: "function",
    function: {
      name: "cancel_order",
      description: "Cancel an order",
      parameters: { type: "object", properties: { order_id: { type: "string" }, reason: { type: "string" } }, required: ["order_id"] },
    },
  },
];
/** The same tools with their JSON keys in another order: another request body, the same encoder input. */
const reordered: ToolDefinition[] = tools.map((tool) => ({
  function: { parameters: tool.function.parameters!, description: tool.function.description!, name: tool.function.name },
  type: "function",
}));

/** A store as a new isolate makes it: its own runtime and LRU, the KV shared. */
function isolate(kv: EncodingKv, deferred: Array<Promise<unknown>>, chunk = 64) {
  const runtime = new FakeEncoder();
  const shared: SharedEncodings = { cache: new KvEncodingCache(kv, { defer: (work) => deferred.push(work) }), encoderFingerprint: "encoder-a" };
  const store = new ToolSetStore(runtime, config, new WordMatcher(config.match), "model", 8, chunk, shared);
  return { runtime, store };
}

describe("ToolSetStore with shared encodings", () => {
  it("reads a known set's vectors in a new isolate without running the encoder", async () => {
    const kv = new MapKv();
    const deferred: Array<Promise<unknown>> = [];
    const first = isolate(kv, deferred, 3); // runs of 3 elements: the stored vectors are the runs put together
    const computed = await (await first.store.get(tools)).vectors();
    expect(first.runtime.runs.length).toBeGreaterThan(1);
    await Promise.all(deferred);
    expect(kv.values.size).toBe(1);

    const second = isolate(kv, deferred);
    const read = await (await second.store.get(reordered)).vectors();
    expect(second.runtime.runs).toEqual([]);
    expect(read).toEqual(computed);
    const uncached = await new ToolSetStore(new FakeEncoder(), config, new WordMatcher(config.match), "model", 8).get(tools);
    expect(read).toEqual(await uncached.vectors());
  });

  it("recomputes and replaces a damaged entry", async () => {
    const kv = new MapKv();
    const deferred: Array<Promise<unknown>> = [];
    const first = isolate(kv, deferred);
    const computed = await (await first.store.get(tools)).vectors();
    await Promise.all(deferred);
    const [key, value] = [...kv.values][0]!;
    const damaged = new Uint8Array(value.slice(0));
    damaged[damaged.length - 5]! ^= 0x40;
    kv.values.set(key, damaged.buffer);

    const second = isolate(kv, deferred);
    expect(await (await second.store.get(tools)).vectors()).toEqual(computed);
    expect(second.runtime.runs).toEqual(["schema_encoder"]);
    await Promise.all(deferred);
    const third = isolate(kv, deferred);
    expect(await (await third.store.get(tools)).vectors()).toEqual(computed);
    expect(third.runtime.runs).toEqual([]);
  });

  it("keeps another encoder's entries apart", async () => {
    const kv = new MapKv();
    const deferred: Array<Promise<unknown>> = [];
    await (await isolate(kv, deferred).store.get(tools)).vectors();
    await Promise.all(deferred);
    const runtime = new FakeEncoder();
    const retrained: SharedEncodings = { cache: new KvEncodingCache(kv, { defer: (work) => deferred.push(work) }), encoderFingerprint: "encoder-b" };
    await (await new ToolSetStore(runtime, config, new WordMatcher(config.match), "model", 8, 64, retrained).get(tools)).vectors();
    expect(runtime.runs).toEqual(["schema_encoder"]);
  });
});
