/**
 * Compiled tool sets with their schema-encoder vectors, cached per isolate by a hash of the tools and the model id:
 * a repeated tool set costs a hash and a lookup; only the conversation is encoded per request.
 */
import type { ToolDefinition } from "../caller/types.js";
import type { ModelRuntime, TensorData } from "../engine/types.js";
import { encodingId, type EncodingCache, type EncodingId } from "../memory/encodings.js";
import { registeredToolSet, toolSetKey } from "../registry/index.js";
import { LruCache } from "../tools/cache.js";
import { compileToolSet } from "../tools/compile.js";
import type { CompiledToolSet } from "../tools/types.js";
import type { ModelConfig } from "./config.js";
import type { WordMatcher } from "./words.js";

export interface PreparedToolSet {
  set: CompiledToolSet;
  /** elem_vecs [E, D], computed once per tool set. */
  vectors(): Promise<TensorData>;
}

/**
 * Elements per schema-encoder run. The encoder reads each element on its own, so a tool set is encoded in runs of
 * this many and the runs' WebAssembly memory is reused: peak memory no longer grows with the tool count (100 tools
 * in one run: 141 MB; in runs of 64: 33 MB, docs/limits.md). Sets of up to 64 elements are one run, as before.
 */
export const ENCODER_CHUNK = 64;

/** Encodings kept outside the isolate (src/memory/encodings.ts, Workers KV), read before the encoder runs. */
export interface SharedEncodings {
  cache: EncodingCache;
  /** SHA-256 of the schema encoder's weights file: part of every entry's key. */
  encoderFingerprint: string;
}

export class ToolSetStore {
  private readonly cache: LruCache<PreparedToolSet>;

  constructor(
    private readonly runtime: ModelRuntime,
    private readonly config: ModelConfig,
    private readonly words: WordMatcher,
    private readonly modelId: string,
    capacity: number,
    /** Elements per schema-encoder run (ENCODER_CHUNK by default). */
    private readonly encoderChunk: number = ENCODER_CHUNK,
    /** Shared encodings: read on a set's first use in this isolate; what the encoder computes is written back. */
    private readonly shared?: SharedEncodings,
  ) {
    this.cache = new LruCache(capacity);
  }

  async get(tools: readonly ToolDefinition[]): Promise<PreparedToolSet> {
    const key = await toolSetKey(this.modelId, tools);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const set = compileToolSet(
      tools,
      {
        words: this.words,
        maxElementTokens: this.config.max_element_tokens,
        pad: this.config.tokenizer.special.pad,
      },
      key,
    );
    // A registered set (src/registry): vectors precomputed at build time, AJV standalone validators.
    const registered = registeredToolSet(key);
    if (registered !== undefined && registered.vectors().dims[0] === set.elements.length) {
      const prepared: PreparedToolSet = { set: { ...set, validators: registered.validators }, vectors: () => Promise.resolve(registered.vectors()) };
      this.cache.set(key, prepared);
      return prepared;
    }
    let pending: Promise<TensorData> | undefined;
    const prepared: PreparedToolSet = {
      set,
      vectors: () => {
        pending ??= this.vectorsOf(set).catch((error: unknown) => {
          pending = undefined;
          throw error;
        });
        return pending;
      },
    };
    this.cache.set(key, prepared);
    return prepared;
  }

  /**
   * elem_vecs [E, D]: from the shared encodings when they hold this set's (then the encoder's session is never even
   * created in this isolate), else from the encoder, and written back for the next isolate.
   */
  private async vectorsOf(set: CompiledToolSet): Promise<TensorData> {
    const shared = this.shared;
    if (shared === undefined) return this.encode(set);
    const width = this.config.element_dim;
    const id: EncodingId = await encodingId(shared.encoderFingerprint, this.config.max_element_tokens, set.tensors.elemIds, width);
    const stored = await shared.cache.read(id);
    if (stored !== undefined) return { type: "float32", data: stored, dims: [set.elements.length, width] };
    const computed = await this.encode(set);
    if (computed.dims[1] === width) shared.cache.write(id, computed.data as Float32Array);
    return computed;
  }

  /** elem_vecs [E, D], the encoder run on ENCODER_CHUNK elements at a time. */
  private async encode(set: CompiledToolSet): Promise<TensorData> {
    const E = set.elements.length;
    const L = this.config.max_element_tokens;
    const chunk = this.encoderChunk;
    const parts: Float32Array[] = [];
    let width = 0;
    for (let from = 0; from < E; from += chunk) {
      const n = Math.min(chunk, E - from);
      const outputs = await this.runtime.run("schema_encoder", {
        elem_ids: { type: "int64", data: set.tensors.elemIds.subarray(from * L, (from + n) * L), dims: [n, L] },
      });
      const vectors = outputs["elem_vecs"];
      if (!vectors || vectors.type !== "float32" || vectors.dims[0] !== n) throw new Error(`schema encoder returned no elem_vecs [${n}, D]`);
      width = vectors.dims[1] ?? 0;
      parts.push(vectors.data as Float32Array);
    }
    const data = new Float32Array(E * width);
    let at = 0;
    for (const part of parts) {
      data.set(part, at);
      at += part.length;
    }
    return { type: "float32", data, dims: [E, width] };
  }
}
