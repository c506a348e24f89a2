import { describe, expect, it } from "vitest";
import { MemoryKvDouble } from "../../test/support/memory-kv.js";
import { readChain } from "./chain.js";
import { RECORD_VERSION, type TurnRecord } from "./record.js";
import { DEFAULT_MEMORY_SETTINGS, readMemorySettings } from "./settings.js";
import { CACHE_MAX_AGE_MS, MemoryStore, MemoryUnavailableError } from "./store.js";
import { tenantOf } from "./tenant.js";
import { chainIndex } from "./chain.js";
import { encodeVector } from "./vectors.js";

function record(id: string, previous?: TurnRecord, text = `turn ${id}`): TurnRecord {
  return {
    v: RECORD_VERSION,
    id,
    created_at: 1,
    previous_response_id: previous?.id ?? null,
    tool_set: null,
    messages: [{ role: "user", content: text }],
    ancestors: chainIndex(previous),
    memory: null,
    slots: [],
    response: { id },
    input_items: [],
  };
}

describe("MemoryStore", () => {
  it("writes once under the tenant's prefix with the configured expiry, and reads the record back whole", async () => {
    const kv = new MemoryKvDouble();
    const store = new MemoryStore(kv, { ttlSeconds: 120, timeoutMs: 100, readBytes: 512 });
    expect(await store.write("t1", record("resp_a"))).toEqual({ stored: true });
    expect(kv.puts).toEqual([{ key: "resp:t1:resp_a", expirationTtl: 120 }]);
    const fresh = new MemoryStore(kv, { ttlSeconds: 120, timeoutMs: 100, readBytes: 512 });
    expect(await fresh.read("t1", "resp_a")).toEqual(record("resp_a"));
    expect(await fresh.read("t2", "resp_a")).toBeUndefined();
  });

  it("refuses records over the value limit and ids no key can hold, before writing", async () => {
    const kv = new MemoryKvDouble();
    const store = new MemoryStore(kv, DEFAULT_MEMORY_SETTINGS, { maxValueBytes: 300 });
    expect(await store.write("t", record("resp_big", undefined, "x".repeat(400)))).toEqual({ stored: false, reason: "too_large" });
    expect(await store.write("t", record("bad id/../x"))).toEqual({ stored: false, reason: "bad_id" });
    expect(kv.puts).toHaveLength(0);
    expect(await store.read("t", "bad id/../x")).toBeUndefined();
    expect(kv.reads).toBe(0);
  });

  it("treats a record that does not parse whole, or names another id, as absent", async () => {
    const kv = new MemoryKvDouble();
    const text = JSON.stringify(record("resp_a"));
    kv.values.set("resp:t:resp_a", text.slice(0, text.length - 5));
    kv.values.set("resp:t:resp_b", text);
    kv.values.set("resp:t:resp_c", JSON.stringify({ ...record("resp_c"), messages: [{ role: "user" }] }));
    const store = new MemoryStore(kv, DEFAULT_MEMORY_SETTINGS);
    expect(await store.read("t", "resp_a")).toBeUndefined();
    expect(await store.read("t", "resp_b")).toBeUndefined();
    expect(await store.read("t", "resp_c")).toBeUndefined();
  });

  it("serves what it wrote from the isolate cache for a minute, then asks KV again", async () => {
    const kv = new MemoryKvDouble();
    let now = 0;
    const store = new MemoryStore(kv, DEFAULT_MEMORY_SETTINGS, { now: () => now });
    await store.write("t", record("resp_a"));
    kv.values.clear();
    expect(await store.read("t", "resp_a")).toBeDefined();
    now = CACHE_MAX_AGE_MS + 1;
    expect(await store.read("t", "resp_a")).toBeUndefined();
  });

  it("raises MemoryUnavailableError when KV fails or is slower than the deadline", async () => {
    const kv = new MemoryKvDouble();
    const store = new MemoryStore(kv, { ttlSeconds: 60, timeoutMs: 10, readBytes: 512 });
    kv.mode = "fail";
    await expect(store.read("t", "resp_a")).rejects.toEqual(new MemoryUnavailableError("kv_error"));
    kv.mode = "hang";
    await expect(store.read("t", "resp_a")).rejects.toMatchObject({ reason: "kv_timeout" });
    expect(await store.write("t", record("resp_a"))).toEqual({ stored: false, reason: "kv_timeout" });
  });

  it("deletes only the tenant's own record", async () => {
    const kv = new MemoryKvDouble();
    const store = new MemoryStore(kv, DEFAULT_MEMORY_SETTINGS);
    await store.write("t1", record("resp_a"));
    expect(await store.remove("t2", "resp_a")).toBe(false);
    expect(await store.remove("t1", "resp_a")).toBe(true);
    expect(await store.read("t1", "resp_a")).toBeUndefined();
    expect(kv.values.size).toBe(0);
  });
});

describe("readChain", () => {
  const noQuery = async () => {
    throw new Error("a short chain needs no query vector");
  };

  it("reads a chain that fits whole, oldest first, in one round, skipping turns that are gone", async () => {
    const kv = new MemoryKvDouble();
    const store = new MemoryStore(kv, DEFAULT_MEMORY_SETTINGS);
    const a = record("resp_a");
    const b = record("resp_b", a);
    const c = record("resp_c", b);
    for (const r of [a, b, c]) await store.write("t", r);
    const whole = await readChain(store, "t", "resp_c", noQuery);
    expect(whole?.messages.map((m) => m.content)).toEqual(["turn resp_a", "turn resp_b", "turn resp_c"]);
    expect(whole).toMatchObject({ total: 3, read: 3, missing: 0, selection: "all" });
    await store.remove("t", "resp_a");
    const chain = await readChain(store, "t", "resp_c", noQuery);
    expect(chain?.messages.map((m) => m.content)).toEqual(["turn resp_b", "turn resp_c"]);
    expect(chain).toMatchObject({ total: 3, read: 2, missing: 1 });
    expect(await readChain(store, "other", "resp_c", noQuery)).toBeUndefined();
  });

  it("beyond the budget reads the newest turns and the most similar one, with the values of the rest as slot memory", async () => {
    const store = new MemoryStore(new MemoryKvDouble(), DEFAULT_MEMORY_SETTINGS);
    let previous: TurnRecord | undefined;
    for (let i = 0; i < 30; i++) {
      const turn = {
        ...record(`resp_${i}`, previous, `turn ${i} ${"x".repeat(40)}`),
        memory: encodeVector(Float32Array.of(i === 3 ? 1 : 0, i === 3 ? 0 : 1)),
        slots: [{ name: "order_id", value: `A-${1000 + i}` }],
      };
      await store.write("t", turn);
      previous = turn;
    }
    let asked = 0;
    const query = async () => {
      asked += 1;
      return Float32Array.of(1, 0);
    };
    const chain = await readChain(store, "t", "resp_29", query, { budgetBytes: 150, keepNewest: 2, maxTurns: 12 });
    expect(asked).toBe(1);
    expect(chain).toMatchObject({ total: 30, read: 3, missing: 0, selection: "similarity" });
    const texts = chain?.messages.map((m) => m.content ?? "") ?? [];
    expect(texts.slice(1).map((text) => text.split(" ").slice(0, 2).join(" "))).toEqual(["turn 3", "turn 28", "turn 29"]);
    expect(chain?.messages[0]).toMatchObject({ role: "tool", content: expect.stringContaining('order_id="A-1027"') });
    expect(texts[0]).not.toContain("A-1003");
  });

  it("reads the newest turn alone when the one before it would overrun the budget, and asks for no query vector (nothing to choose)", async () => {
    const store = new MemoryStore(new MemoryKvDouble(), DEFAULT_MEMORY_SETTINGS);
    let previous: TurnRecord | undefined;
    for (let i = 0; i < 10; i++) {
      const turn = { ...record(`resp_${i}`, previous, `turn ${i} ${"x".repeat(80)}`), slots: [{ name: "order_id", value: `A-${1000 + i}` }] };
      await store.write("t", turn);
      previous = turn;
    }
    const chain = await readChain(store, "t", "resp_9", noQuery, { budgetBytes: 150, keepNewest: 2, maxTurns: 12 });
    expect(chain).toMatchObject({ total: 10, read: 1, selection: "newest" });
    expect(chain?.messages[0]).toMatchObject({ role: "tool", content: expect.stringContaining('order_id="A-1008"') });
    expect(chain?.messages.slice(1).map((m) => m.content?.slice(0, 6))).toEqual(["turn 9"]);
  });
});

describe("settings and tenants", () => {
  it("reads the expiry and deadline, keeping KV's 60 s minimum", () => {
    expect(readMemorySettings({ MEMORY_TTL_SECONDS: "3600", MEMORY_TIMEOUT_MS: "50" })).toEqual({ ttlSeconds: 3600, timeoutMs: 50, readBytes: 512 });
    expect(readMemorySettings({ MEMORY_TTL_SECONDS: "10" }).ttlSeconds).toBe(DEFAULT_MEMORY_SETTINGS.ttlSeconds);
  });

  it("hashes keys one way, differently per key, and never contains the key", async () => {
    const one = await tenantOf("Bearer sk-secret-one");
    expect(one).toMatch(/^[0-9a-f]{32}$/);
    expect(one).not.toBe(await tenantOf("Bearer sk-secret-two"));
    expect(await tenantOf(undefined)).toBe("anonymous");
  });
});
