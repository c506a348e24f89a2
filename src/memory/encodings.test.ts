/** Tool-set encodings in KV: identity, the stored format, and every way an entry or the KV can be wrong. */
import { describe, expect, it, vi } from "vitest";
import {
  decodeEncoding,
  encodeEncoding,
  encodingId,
  ENCODING_KEY_PREFIX,
  KvEncodingCache,
  type EncodingEvent,
  type EncodingKv,
} from "./encodings.js";

/** A binary KV double: values by key, the TTLs written, and switches that make it fail or hang. */
class BinaryKv implements EncodingKv {
  readonly values = new Map<string, ArrayBuffer>();
  readonly ttls: number[] = [];
  mode: "ok" | "fail" | "hang" | "fail-writes" = "ok";

  async get(key: string): Promise<ArrayBuffer | null> {
    if (this.mode === "fail") throw new Error("KV is down");
    if (this.mode === "hang") await new Promise<never>(() => undefined);
    return this.values.get(key) ?? null;
  }

  async put(key: string, value: ArrayBuffer, options: { expirationTtl: number }): Promise<void> {
    if (this.mode !== "ok") throw new Error("KV is down");
    this.ttls.push(options.expirationTtl);
    this.values.set(key, value);
  }
}

const L = 4;
const W = 3;
const ids = (...tokens: number[]): BigInt64Array => BigInt64Array.from(tokens, (t) => BigInt(t));
const vectorsFor = (elements: number): Float32Array => Float32Array.from({ length: elements * W }, (_, i) => Math.sin(i + 1) * 3);

function cacheOn(kv: EncodingKv, options: { timeoutMs?: number; maxBytes?: number } = {}) {
  const events: EncodingEvent[] = [];
  const deferred: Array<Promise<unknown>> = [];
  const cache = new KvEncodingCache(kv, { defer: (work) => deferred.push(work), onEvent: (e) => events.push(e), ttlSeconds: 3600, ...options });
  return { cache, events, settle: () => Promise.all(deferred) };
}

describe("encodingId", () => {
  it("depends on the encoder fingerprint and every input token, and counts elements", async () => {
    const a = await encodingId("f1", L, ids(1, 2, 3, 4, 5, 6, 7, 8), W);
    expect(a.key.startsWith(ENCODING_KEY_PREFIX)).toBe(true);
    expect(a.elements).toBe(2);
    expect((await encodingId("f1", L, ids(1, 2, 3, 4, 5, 6, 7, 8), W)).key).toBe(a.key);
    expect((await encodingId("f2", L, ids(1, 2, 3, 4, 5, 6, 7, 8), W)).key).not.toBe(a.key);
    expect((await encodingId("f1", L, ids(1, 2, 3, 4, 5, 6, 7, 9), W)).key).not.toBe(a.key);
    expect((await encodingId("f1", 8, ids(1, 2, 3, 4, 5, 6, 7, 8), W)).key).not.toBe(a.key);
  });
});

describe("stored format", () => {
  it("reads back exactly the vectors written", async () => {
    const id = await encodingId("f", L, ids(1, 2, 3, 4, 5, 6, 7, 8), W);
    const vectors = vectorsFor(2);
    const decoded = await decodeEncoding(id, await encodeEncoding(id, vectors));
    expect(decoded).toEqual({ ok: true, vectors });
  });

  it("refuses a damaged, cut, resized or foreign entry", async () => {
    const id = await encodingId("f", L, ids(1, 2, 3, 4, 5, 6, 7, 8), W);
    const other = await encodingId("f", L, ids(9, 9, 9, 9, 5, 6, 7, 8), W);
    const value = new Uint8Array(await encodeEncoding(id, vectorsFor(2)));
    const flipped = value.slice();
    flipped[flipped.length - 1]! ^= 1;
    expect(await decodeEncoding(id, flipped.buffer)).toEqual({ ok: false, reason: "corrupt" });
    expect(await decodeEncoding(id, value.slice(0, value.length - 4).buffer)).toEqual({ ok: false, reason: "corrupt" });
    expect(await decodeEncoding(id, value.slice(0, 10).buffer)).toEqual({ ok: false, reason: "corrupt" });
    const badMagic = value.slice();
    badMagic[0] = 0;
    expect(await decodeEncoding(id, badMagic.buffer)).toEqual({ ok: false, reason: "corrupt" });
    expect(await decodeEncoding({ ...id, elements: 3 }, value.slice().buffer)).toEqual({ ok: false, reason: "corrupt" });
    expect(await decodeEncoding(other, value.slice().buffer)).toEqual({ ok: false, reason: "foreign" });
  });

  it("refuses non-finite vectors even with a matching checksum", async () => {
    const id = await encodingId("f", L, ids(1, 2, 3, 4), W);
    const value = await encodeEncoding(id, Float32Array.of(1, Number.NaN, 2));
    expect(await decodeEncoding(id, value)).toEqual({ ok: false, reason: "corrupt" });
  });
});

describe("KvEncodingCache", () => {
  it("misses, then hits what it wrote under waitUntil with the TTL", async () => {
    const kv = new BinaryKv();
    const { cache, events, settle } = cacheOn(kv);
    const id = await encodingId("f", L, ids(1, 2, 3, 4, 5, 6, 7, 8), W);
    expect(await cache.read(id)).toBeUndefined();
    cache.write(id, vectorsFor(2));
    expect(kv.values.size).toBe(0); // nothing before the deferred work runs to its end
    await settle();
    expect(kv.ttls).toEqual([3600]);
    expect(await cache.read(id)).toEqual(vectorsFor(2));
    expect(events).toEqual(["miss", "stored", "hit"]);
  });

  it("treats a foreign entry under its key as absent", async () => {
    const kv = new BinaryKv();
    const { cache, events } = cacheOn(kv);
    const id = await encodingId("f", L, ids(1, 2, 3, 4), W);
    const other = await encodingId("f", L, ids(5, 6, 7, 8), W);
    kv.values.set(id.key, await encodeEncoding(other, vectorsFor(1)));
    expect(await cache.read(id)).toBeUndefined();
    expect(events).toEqual(["foreign"]);
  });

  it("does not write over the size bound", async () => {
    const kv = new BinaryKv();
    const { cache, events, settle } = cacheOn(kv, { maxBytes: 100 });
    cache.write(await encodingId("f", L, ids(...Array.from({ length: 40 }, (_, i) => i)), W), vectorsFor(10));
    await settle();
    expect(kv.values.size).toBe(0);
    expect(events).toEqual(["too_large"]);
  });

  it("answers undefined when KV fails or is slow, and swallows a failed write", async () => {
    const kv = new BinaryKv();
    const { cache, events, settle } = cacheOn(kv, { timeoutMs: 20 });
    const id = await encodingId("f", L, ids(1, 2, 3, 4), W);
    kv.mode = "fail";
    expect(await cache.read(id)).toBeUndefined();
    kv.mode = "hang";
    expect(await cache.read(id)).toBeUndefined();
    kv.mode = "fail-writes";
    cache.write(id, vectorsFor(1));
    await settle();
    expect(events).toEqual(["kv_error", "kv_timeout", "write_failed"]);
  });

  it("still writes when there is no request to extend", async () => {
    const kv = new BinaryKv();
    const cache = new KvEncodingCache(kv, {
      defer: () => {
        throw new Error("no request context");
      },
    });
    const id = await encodingId("f", L, ids(1, 2, 3, 4), W);
    expect(() => cache.write(id, vectorsFor(1))).not.toThrow();
    await vi.waitFor(() => expect(kv.values.has(id.key)).toBe(true));
  });
});
