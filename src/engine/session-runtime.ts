/**
 * A ModelRuntime over any ONNX Runtime flavour: one session per graph, created on first use and reused, runs queued.
 */
import { lazyOnce } from "./once.js";
import type { OrtModule, OrtSessionOptions, OrtTensor } from "./ort-like.js";
import { createSerialQueue } from "./serial.js";
import type { Feeds, GraphName, ModelRuntime, TensorData } from "./types.js";

export const GRAPH_NAMES: readonly GraphName[] = ["schema_encoder", "model"];

export interface SessionRuntimeOptions {
  backend: ModelRuntime["backend"];
  /** Loads the ONNX runtime module, already configured. Called once (again only after a failure). */
  loadOrt: () => Promise<OrtModule>;
  /** Loads the bytes of one graph. */
  loadGraph: (graph: GraphName) => Promise<Uint8Array>;
  sessionOptions: OrtSessionOptions;
}

export class ModelRuntimeError extends Error {
  override readonly name = "ModelRuntimeError";
}

function toTensorData(name: string, tensor: OrtTensor): TensorData {
  if (tensor.type === "float32" && tensor.data instanceof Float32Array) {
    return { type: "float32", data: tensor.data, dims: [...tensor.dims] };
  }
  if (tensor.type === "int64" && tensor.data instanceof BigInt64Array) {
    return { type: "int64", data: tensor.data, dims: [...tensor.dims] };
  }
  throw new ModelRuntimeError(`output ${name} has unsupported type ${tensor.type}`);
}

export function createSessionRuntime(options: SessionRuntimeOptions): ModelRuntime {
  const ort = lazyOnce(options.loadOrt);
  const sessions = new Map(
    GRAPH_NAMES.map((graph) => [
      graph,
      lazyOnce(async () => {
        const [runtime, bytes] = await Promise.all([ort(), options.loadGraph(graph)]);
        return runtime.InferenceSession.create(bytes, options.sessionOptions);
      }),
    ]),
  );
  const serial = createSerialQueue();

  return {
    backend: options.backend,
    async run(graph: GraphName, feeds: Feeds): Promise<Record<string, TensorData>> {
      const session = sessions.get(graph);
      if (session === undefined) throw new ModelRuntimeError(`unknown graph ${String(graph)}`);
      const [runtime, ready] = await Promise.all([ort(), session()]);
      const inputs: Record<string, OrtTensor> = {};
      for (const [name, tensor] of Object.entries(feeds)) {
        inputs[name] = new runtime.Tensor(tensor.type, tensor.data, tensor.dims);
      }
      const outputs = await serial(() => ready.run(inputs));
      const result: Record<string, TensorData> = {};
      for (const [name, tensor] of Object.entries(outputs)) result[name] = toTensorData(name, tensor);
      return result;
    },
  };
}
