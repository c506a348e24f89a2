import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDiskCachedRuntime } from "./disk-cache.js";
import type { Feeds, ModelRuntime, TensorData } from "./types.js";

/** A runtime whose output depends on the feeds (sum of input_ids, times 1.5) and that counts its runs. */
function countingRuntime(): ModelRuntime & { runs: number } {
  const runtime = {
    backend: "ort-node" as const,
    runs: 0,
    async run(_graph: string, feeds: Feeds): Promise<Record<string, TensorData>> {
      runtime.runs += 1;
      const ids = (feeds.input_ids as TensorData).data as BigInt64Array;
      const total = Number(ids.reduce((a, b) => a + b, 0n));
      return {
        logits: { type: "float32", data: Float32Array.of(total * 1.5, -0.25), dims: [1, 2] },
        index: { type: "int64", data: BigInt64Array.of(BigInt(total)), dims: [1] },
      };
    },
  };
  return runtime;
}

const feeds = (...ids: number[]): Feeds => ({
  input_ids: { type: "int64", data: BigInt64Array.from(ids, (v) => BigInt(v)), dims: [1, ids.length] },
});

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "edgecall-cache-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("createDiskCachedRuntime", () => {
  it("runs the graph once per distinct feeds and returns the same outputs from disk", async () => {
    const dir = freshDir();
    const inner = countingRuntime();
    const cached = createDiskCachedRuntime(inner, dir, "model-a");
    const first = await cached.run("model", feeds(1, 2, 3));
    const again = await cached.run("model", feeds(1, 2, 3));
    const other = await cached.run("model", feeds(1, 2, 4));
    expect(inner.runs).toBe(2);
    expect(Array.from(again.logits?.data as Float32Array)).toEqual([9, -0.25]);
    expect(again.index?.data).toEqual(first.index?.data);
    expect(again.logits?.dims).toEqual([1, 2]);
    expect(Array.from(other.logits?.data as Float32Array)).toEqual([10.5, -0.25]);

    const later = countingRuntime();
    const reopened = createDiskCachedRuntime(later, dir, "model-a");
    expect(Array.from((await reopened.run("model", feeds(1, 2, 3))).logits?.data as Float32Array)).toEqual([9, -0.25]);
    expect(later.runs).toBe(0);
  });

  it("keys by model fingerprint and graph, and treats an unreadable file as a miss", async () => {
    const dir = freshDir();
    const inner = countingRuntime();
    await createDiskCachedRuntime(inner, dir, "model-a").run("model", feeds(5));
    await createDiskCachedRuntime(inner, dir, "model-b").run("model", feeds(5));
    await createDiskCachedRuntime(inner, dir, "model-a").run("schema_encoder", feeds(5));
    expect(inner.runs).toBe(3);

    for (const file of readdirSync(dir)) writeFileSync(join(dir, file), "{not json");
    const out = await createDiskCachedRuntime(inner, dir, "model-a").run("model", feeds(5));
    expect(inner.runs).toBe(4);
    expect(Array.from(out.logits?.data as Float32Array)).toEqual([7.5, -0.25]);
  });
});
