/** Both Node backends load the shipped model folder and agree on the same contract-shaped inputs. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contractModelFeeds, type ContractShape } from "../../test/support/contract-feeds.js";
import { createNodeRuntime } from "./node.js";
import type { TensorData } from "./types.js";

const MODEL_DIR = "wasm";
const config = JSON.parse(readFileSync(`${MODEL_DIR}/config.json`, "utf8")) as {
  tokenizer: { special: { cls: number } };
  max_element_tokens: number;
  model: { outputs: Record<string, unknown> };
};
const shape: ContractShape = { tools: 2, paramsPerTool: 3, tokens: 48, elementTokens: config.max_element_tokens, window: 16 };

function maxAbsDifference(a: TensorData, b: TensorData): number {
  let worst = 0;
  for (let i = 0; i < a.data.length; i += 1) worst = Math.max(worst, Math.abs(Number(a.data[i]) - Number(b.data[i])));
  return worst;
}

function range(t: TensorData): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of t.data) {
    lo = Math.min(lo, Number(v));
    hi = Math.max(hi, Number(v));
  }
  return hi - lo;
}

/**
 * Where the two runtimes may differ, and by how much. The graphs' MatMulIntegers are uint8 x uint8 (export.py
 * WEIGHT_ZERO_POINT), whose integer sums are exact on every CPU (x86 with or without VNNI, ARM, WASM), so the
 * runtimes agree bit for bit there. What remains is float work: DynamicQuantizeLinear may round an activation to the
 * neighbouring step (1/255 of its range), and FastGelu, Softmax and LayerNorm kernels differ in the last bits.
 * Measured on the shipped graphs: at most 0.3% of an output's range (memory_states); int8 weights on an AVX2 host
 * without VNNI, whose pairwise 16-bit sums saturate, gave 7.5% (count_logits) to 33% (option_logits). The tolerance
 * is 1% of the range, the same on every host (wasm/MODEL_CARD.md "int8 scheme").
 */
const QUANTISATION_TOLERANCE = 0.01;

describe("createNodeRuntime", () => {
  const web = createNodeRuntime({ backend: "ort-web", modelDir: MODEL_DIR });
  const native = createNodeRuntime({ backend: "ort-node", modelDir: MODEL_DIR });

  it("reports its backend", () => {
    expect(web.backend).toBe("ort-web-node");
    expect(native.backend).toBe("ort-node");
  });

  it("produces every output the config declares, with contract shapes, on both backends", async () => {
    const elements = shape.tools * (1 + shape.paramsPerTool);
    for (const runtime of [web, native]) {
      const outputs = await runtime.run("model", await contractModelFeeds(runtime, shape, config.tokenizer.special.cls));
      expect(Object.keys(outputs).sort()).toEqual(Object.keys(config.model.outputs).sort());
      expect(outputs.count_logits?.dims).toEqual([elements, 5]);
      expect(outputs.start_logits?.dims).toEqual([elements, shape.tokens]);
      expect(outputs.count_logits?.data.every((v) => Number.isFinite(Number(v)))).toBe(true);
    }
  });

  it("gives the same outputs under onnxruntime-web and onnxruntime-node, within int8 rounding", async () => {
    const feeds = await contractModelFeeds(native, shape, config.tokenizer.special.cls);
    const [a, b] = await Promise.all([web.run("model", feeds), native.run("model", feeds)]);
    for (const name of Object.keys(a)) {
      const left = a[name];
      const right = b[name];
      if (left === undefined || right === undefined) throw new Error(`output ${name} missing`);
      expect(maxAbsDifference(left, right), name).toBeLessThanOrEqual(QUANTISATION_TOLERANCE * range(right) + 1e-4);
    }
  });

  it("fails with an error naming the path when the model folder is missing", async () => {
    const missing = createNodeRuntime({ backend: "ort-node", modelDir: "does-not-exist" });
    await expect(missing.run("schema_encoder", {})).rejects.toThrow(/does-not-exist/);
  });
});
