/**
 * A model runtime runs one of the model folder's ONNX graphs (see wasm/CONTRACT.md). Backends: onnxruntime-web
 * inside workerd, onnxruntime-web under Node, onnxruntime-node. Sessions are created once and reused.
 */
export type GraphName = "schema_encoder" | "model";

export interface TensorData {
  type: "float32" | "int64";
  data: Float32Array | BigInt64Array;
  dims: readonly number[];
}

export type Feeds = Record<string, TensorData>;

export interface ModelRuntime {
  readonly backend: "ort-web-workerd" | "ort-web-node" | "ort-node";
  run(graph: GraphName, feeds: Feeds): Promise<Record<string, TensorData>>;
}
