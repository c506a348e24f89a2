/**
 * Compiled tool sets with their schema-encoder vectors, cached per isolate by a hash of the tools and the model id:
 * a repeated tool set costs a hash and a lookup; only the conversation is encoded per request.
 */
import type { ToolDefinition } from "../caller/types.js";
import type { ModelRuntime, TensorData } from "../engine/types.js";
import { LruCache } from "../tools/cache.js";
import { compileToolSet } from "../tools/compile.js";
import { sha256Hex } from "../tools/hash.js";
import type { CompiledToolSet } from "../tools/types.js";
import type { ModelConfig } from "./config.js";
import type { WordMatcher } from "./words.js";

export interface PreparedToolSet {
  set: CompiledToolSet;
  /** elem_vecs [E, D], computed once per tool set. */
  vectors(): Promise<TensorData>;
}

export class ToolSetStore {
  private readonly cache: LruCache<PreparedToolSet>;

  constructor(
    private readonly runtime: ModelRuntime,
    private readonly config: ModelConfig,
    private readonly words: WordMatcher,
    private readonly modelId: string,
    capacity: number,
  ) {
    this.cache = new LruCache(capacity);
  }

  async get(tools: readonly ToolDefinition[]): Promise<PreparedToolSet> {
    const key = await sha256Hex(`${this.modelId}\n${JSON.stringify(tools)}`);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const set = compileToolSet(tools, {
      words: this.words,
      maxElementTokens: this.config.max_element_tokens,
      pad: this.config.tokenizer.special.pad,
    }, key);
    let pending: Promise<TensorData> | undefined;
    const prepared: PreparedToolSet = {
      set,
      vectors: () => {
        pending ??= this.encode(set).catch((error: unknown) => {
          pending = undefined;
          throw error;
        });
        return pending;
      },
    };
    this.cache.set(key, prepared);
    return prepared;
  }

  private async encode(set: CompiledToolSet): Promise<TensorData> {
    const E = set.elements.length;
    const outputs = await this.runtime.run("schema_encoder", {
      elem_ids: { type: "int64", data: set.tensors.elemIds, dims: [E, this.config.max_element_tokens] },
    });
    const vectors = outputs["elem_vecs"];
    if (!vectors || vectors.type !== "float32" || vectors.dims[0] !== E) {
      throw new Error(`schema encoder returned no elem_vecs [${E}, D]`);
    }
    return vectors;
  }
}
