import { describe, expect, it } from "vitest";
import type { ToolCallRequest } from "../caller/types.js";
import type { OriginCompletion } from "../origin/wire.js";
import { DistillLog, distillLogFor, distillRecord, tenantHash, type DistillBucket } from "./log.js";

function memoryBucket(): DistillBucket & { objects: Map<string, string> } {
  const objects = new Map<string, string>();
  return {
    objects,
    async put(key, value) {
      objects.set(key, value);
    },
  };
}

const request: ToolCallRequest = {
  messages: [{ role: "user", content: "Track order A-1" }],
  tools: [{ type: "function", function: { name: "track", parameters: { type: "object", properties: { id: { type: "string" } } } } }],
  tool_choice: "auto",
  parallel_tool_calls: true,
};
const completion: OriginCompletion = {
  content: null,
  tool_calls: [{ id: "c1", name: "track", arguments: '{"id":"A-1"}' }],
  finish_reason: "tool_calls",
  model: "big",
  usage: null,
};

describe("distillation log", () => {
  it("writes a record with the request and the answer in OpenAI's response shape", () => {
    const record = distillRecord(request, completion, "abc", ["low_confidence"], new Date(0));
    expect(record).toEqual({
      v: 1,
      ts: "1970-01-01T00:00:00.000Z",
      tenant: "abc",
      origin_model: "big",
      route_reasons: ["low_confidence"],
      request,
      response: {
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: null,
              tool_calls: [{ id: "c1", type: "function", function: { name: "track", arguments: '{"id":"A-1"}' } }],
            },
            finish_reason: "tool_calls",
          },
        ],
      },
    });
  });

  it("batches records into one JSONL object per batch", async () => {
    const bucket = memoryBucket();
    const log = new DistillLog(bucket, { batch: 2, maxAgeMs: 60_000, now: () => 0, isolate: "iso" });
    expect(log.add(distillRecord(request, completion, "t", []))).toBeUndefined();
    await log.add(distillRecord(request, completion, "t", []));
    expect([...bucket.objects.keys()]).toEqual(["distill/1970-01-01/iso-000000.jsonl"]);
    const lines = bucket.objects.get("distill/1970-01-01/iso-000000.jsonl")?.trim().split("\n") ?? [];
    expect(lines.map((line) => (JSON.parse(line) as { tenant: string }).tenant)).toEqual(["t", "t"]);
    expect(log.pending).toBe(0);
  });

  it("writes a batch that waited too long on the next record", async () => {
    let now = 0;
    const bucket = memoryBucket();
    const log = new DistillLog(bucket, { batch: 50, maxAgeMs: 1000, now: () => now, isolate: "iso" });
    expect(log.add(distillRecord(request, completion, "t", []))).toBeUndefined();
    now = 1000;
    await log.add(distillRecord(request, completion, "t", []));
    expect(bucket.objects.size).toBe(1);
  });

  it("keeps a failed write from throwing", async () => {
    const log = new DistillLog({ put: () => Promise.reject(new Error("r2 down")) }, { batch: 1, maxAgeMs: 1, isolate: "iso" });
    await expect(log.add(distillRecord(request, completion, "t", []))).resolves.toBeUndefined();
  });

  it("hashes the tenant one way and is off without a bucket", async () => {
    const tenant = await tenantHash("Bearer sk-secret-key");
    expect(tenant).toMatch(/^[0-9a-f]{16}$/);
    expect(tenant).toBe(await tenantHash("Bearer sk-secret-key"));
    expect(tenant).not.toBe(await tenantHash("Bearer sk-other"));
    expect(await tenantHash(undefined)).toBe("anonymous");
    expect(distillLogFor({})).toBeUndefined();
    const bucket = memoryBucket();
    expect(distillLogFor({ DISTILL_LOG: bucket })).toBe(distillLogFor({ DISTILL_LOG: bucket }));
  });
});
