/**
 * Deterministic inputs of the shapes wasm/CONTRACT.md defines, for engine tests and the engine benchmark: a tool
 * set of `tools` tools with `paramsPerTool` parameters each, and a conversation of `tokens` byte ids.
 */
import type { Feeds, ModelRuntime, TensorData } from "../../src/engine/types.js";

export interface ContractShape {
  tools: number;
  paramsPerTool: number;
  tokens: number;
  elementTokens: number;
  window: number;
}

/** A small linear congruential generator: the same seed gives the same inputs on every run and backend. */
function bytesFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return 97 + (state % 26);
  };
}

export function elementStructure(shape: ContractShape): { kind: bigint[]; parent: bigint[] } {
  const kind: bigint[] = [];
  const parent: bigint[] = [];
  for (let t = 0; t < shape.tools; t += 1) {
    const toolIndex = kind.length;
    kind.push(0n);
    parent.push(BigInt(toolIndex));
    for (let p = 0; p < shape.paramsPerTool; p += 1) {
      kind.push(1n);
      parent.push(BigInt(toolIndex));
    }
  }
  return { kind, parent };
}

export function schemaEncoderFeeds(shape: ContractShape, seed = 1): Feeds {
  const elements = shape.tools * (1 + shape.paramsPerTool);
  const next = bytesFrom(seed);
  const ids = new BigInt64Array(elements * shape.elementTokens);
  for (let i = 0; i < ids.length; i += 1) ids[i] = BigInt(next());
  return { elem_ids: { type: "int64", data: ids, dims: [elements, shape.elementTokens] } };
}

export function modelFeeds(shape: ContractShape, elemVecs: TensorData | undefined, clsId: number, seed = 2): Feeds {
  const { kind, parent } = elementStructure(shape);
  const elements = kind.length;
  const next = bytesFrom(seed);
  const ids = new BigInt64Array(shape.tokens);
  ids[0] = BigInt(clsId);
  for (let i = 1; i < ids.length; i += 1) ids[i] = BigInt(next());
  const match = new Float32Array(elements * shape.tokens * 2);
  for (let i = 0; i < match.length; i += 7) match[i] = 1;
  if (elemVecs === undefined) throw new Error("elem_vecs missing");
  return {
    input_ids: { type: "int64", data: ids, dims: [1, shape.tokens] },
    window: { type: "int64", data: BigInt64Array.from([BigInt(shape.window)]), dims: [1] },
    elem_vecs: elemVecs,
    elem_kind: { type: "int64", data: BigInt64Array.from(kind), dims: [elements] },
    elem_parent: { type: "int64", data: BigInt64Array.from(parent), dims: [elements] },
    elem_match: { type: "float32", data: match, dims: [elements, shape.tokens, 2] },
  };
}

/** Runs the schema encoder, then returns the feeds of the main graph for `shape`. */
export async function contractModelFeeds(runtime: ModelRuntime, shape: ContractShape, clsId: number): Promise<Feeds> {
  const encoded = await runtime.run("schema_encoder", schemaEncoderFeeds(shape));
  return modelFeeds(shape, encoded.elem_vecs, clsId);
}
