/** The model's head outputs for one request (wasm/CONTRACT.md, model_int8.onnx outputs), flattened row-major. */
export interface Heads {
  /** Number of elements E. */
  elements: number;
  /** Conversation length T. */
  positions: number;
  /** [E, countClasses] */
  count: Float32Array;
  countClasses: number;
  /** [E, 3] absent / value / implicit */
  action: Float32Array;
  /** [E, T] */
  start: Float32Array;
  /** [E, T] */
  end: Float32Array;
  /** [E, 2] false / true */
  bool: Float32Array;
  /** [E] */
  option: Float32Array;
}

/** Softmax of `length` logits from `offset`; NaN counts as -Infinity, all -Infinity gives a uniform distribution. */
export function softmax(values: ArrayLike<number>, offset: number, length: number): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const v = values[offset + i] as number;
    if (!Number.isNaN(v) && v > max) max = v;
  }
  if (max === Number.NEGATIVE_INFINITY) return Array.from({ length }, () => 1 / length);
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const v = values[offset + i] as number;
    let e: number;
    if (Number.isNaN(v)) e = 0;
    else if (max === Number.POSITIVE_INFINITY) e = v === Number.POSITIVE_INFINITY ? 1 : 0;
    else e = Math.exp(v - max);
    out.push(e);
    sum += e;
  }
  return out.map((e) => e / sum);
}

export function argmax(values: readonly number[], from = 0): number {
  let best = from;
  for (let i = from + 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}
