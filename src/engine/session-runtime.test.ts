/** The session runtime with a fake ONNX Runtime: what is loaded when, and how tensors cross the boundary. */
import { describe, expect, it } from "vitest";
import type { OrtModule, OrtSession, OrtTensor } from "./ort-like.js";
import { createSessionRuntime } from "./session-runtime.js";
import type { GraphName } from "./types.js";

class FakeTensor implements OrtTensor {
  constructor(
    readonly type: string,
    readonly data: unknown,
    readonly dims: readonly number[],
  ) {}
}

function fakeOrt(created: Uint8Array[]): OrtModule {
  return {
    Tensor: FakeTensor,
    InferenceSession: {
      async create(model: Uint8Array): Promise<OrtSession> {
        created.push(model);
        return {
          async run(feeds) {
            const x = feeds.x;
            const data = Float32Array.from(x?.data as Float32Array, (v) => v + model[0]!);
            return { y: new FakeTensor("float32", data, x?.dims ?? []) };
          },
          async release() {},
        };
      },
    },
  };
}

describe("createSessionRuntime", () => {
  it("creates each graph's session once and runs it with the given feeds", async () => {
    const created: Uint8Array[] = [];
    const loads: GraphName[] = [];
    const runtime = createSessionRuntime({
      backend: "ort-node",
      loadOrt: async () => fakeOrt(created),
      loadGraph: async (graph) => {
        loads.push(graph);
        return Uint8Array.from([graph === "model" ? 10 : 20]);
      },
      sessionOptions: {},
    });
    const feeds = { x: { type: "float32" as const, data: Float32Array.from([1, 2]), dims: [2] } };
    const first = await runtime.run("model", feeds);
    await runtime.run("model", feeds);
    const encoder = await runtime.run("schema_encoder", feeds);
    expect(Array.from(first.y?.data as Float32Array)).toEqual([11, 12]);
    expect(Array.from(encoder.y?.data as Float32Array)).toEqual([21, 22]);
    expect(loads).toEqual(["model", "schema_encoder"]);
    expect(created).toHaveLength(2);
  });

  it("retries a graph whose first load failed", async () => {
    let attempts = 0;
    const runtime = createSessionRuntime({
      backend: "ort-node",
      loadOrt: async () => fakeOrt([]),
      loadGraph: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error("file not ready");
        return Uint8Array.from([0]);
      },
      sessionOptions: {},
    });
    const feeds = { x: { type: "float32" as const, data: Float32Array.from([5]), dims: [1] } };
    await expect(runtime.run("model", feeds)).rejects.toThrow("file not ready");
    await expect(runtime.run("model", feeds)).resolves.toMatchObject({ y: { type: "float32", dims: [1] } });
  });

  it("rejects outputs of a type outside the contract", async () => {
    const ort = fakeOrt([]);
    const strange: OrtModule = {
      ...ort,
      InferenceSession: {
        async create() {
          return { run: async () => ({ y: new FakeTensor("string", ["a"], [1]) }), release: async () => {} };
        },
      },
    };
    const runtime = createSessionRuntime({
      backend: "ort-node",
      loadOrt: async () => strange,
      loadGraph: async () => new Uint8Array(1),
      sessionOptions: {},
    });
    await expect(runtime.run("model", {})).rejects.toThrow(/unsupported type string/);
  });
});
