// Synthetic inputs of the contract's shapes for timing the graphs: a T-byte conversation (CLS, USER, letters), E
// schema elements (one tool, its parameters, every fourth element an option) and a sparse match feature.
export function syntheticFeeds(ort, t, e, window) {
  const ids = BigInt64Array.from({ length: t }, (_, i) => BigInt(i === 0 ? 257 : i === 1 ? 258 : 97 + (i % 26)));
  const kinds = BigInt64Array.from({ length: e }, (_, i) => BigInt(i === 0 ? 0 : i % 4 === 3 ? 2 : 1));
  const parents = BigInt64Array.from({ length: e }, (_, i) => BigInt(i % 4 === 3 ? i - 1 : 0));
  const match = new Float32Array(e * t * 2).map((_, i) => (i % 37 === 0 ? 1 : 0));
  const elemIds = BigInt64Array.from({ length: e * 64 }, (_, i) => BigInt(i % 64 < 40 ? 97 + (i % 26) : 256));
  return {
    encoder: { elem_ids: new ort.Tensor("int64", elemIds, [e, 64]) },
    main: (elemVecs) => ({
      input_ids: new ort.Tensor("int64", ids, [1, t]),
      window: new ort.Tensor("int64", BigInt64Array.from([BigInt(window)]), [1]),
      elem_vecs: elemVecs,
      elem_kind: new ort.Tensor("int64", kinds, [e]),
      elem_parent: new ort.Tensor("int64", parents, [e]),
      elem_match: new ort.Tensor("float32", match, [e, t, 2]),
    }),
  };
}
