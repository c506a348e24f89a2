/**
 * The reader's memory vectors (wasm/CONTRACT.md, `memory_states` [1, T, M]): mean-pooled per message over every
 * position of that message (its role id included), so a conversation's messages can be compared by cosine
 * similarity. Messages the reader did not read (cut by the length limit) have none.
 */
import type { TensorData } from "../engine/types.js";
import type { SerializedConversation } from "./serialize.js";

export function messageMemory(
  outputs: Record<string, TensorData>,
  conversation: SerializedConversation,
  messages: number,
  dim: number,
): Array<Float32Array | null> {
  const states = outputs["memory_states"];
  const vectors: Array<Float32Array | null> = Array.from({ length: messages }, () => null);
  if (states === undefined || !(states.data instanceof Float32Array) || states.dims[2] !== dim) return vectors;
  const data = states.data;
  const counts = new Array<number>(messages).fill(0);
  for (let t = 0; t < conversation.ids.length; t++) {
    const mi = conversation.message[t] ?? -1;
    if (mi < 0 || mi >= messages) continue;
    const vector = (vectors[mi] ??= new Float32Array(dim));
    for (let k = 0; k < dim; k++) vector[k] = (vector[k] ?? 0) + (data[t * dim + k] ?? 0);
    counts[mi] = (counts[mi] ?? 0) + 1;
  }
  vectors.forEach((vector, mi) => {
    const n = counts[mi] ?? 0;
    if (vector !== null && n > 0) for (let k = 0; k < dim; k++) vector[k] = (vector[k] ?? 0) / n;
  });
  return vectors;
}
