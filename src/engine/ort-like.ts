/**
 * The part of the ONNX Runtime JavaScript API that the engine uses. onnxruntime-web and onnxruntime-node expose the
 * same API (onnxruntime-common) from different module instances, so the engine codes against this shape.
 */
import type { TensorData } from "./types.js";

export interface OrtTensor {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
}

export interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface OrtSessionOptions {
  executionProviders?: string[];
  graphOptimizationLevel?: "disabled" | "basic" | "extended" | "all";
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  executionMode?: "sequential" | "parallel";
}

export interface OrtModule {
  Tensor: new (type: TensorData["type"], data: TensorData["data"], dims: readonly number[]) => OrtTensor;
  InferenceSession: { create(model: Uint8Array, options?: OrtSessionOptions): Promise<OrtSession> };
}
