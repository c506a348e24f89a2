/**
 * The model-backed ToolCaller: compile (cached) -> serialise the conversation -> matching features -> one forward
 * pass -> type-aware decoding -> validation of every call. Same code in the worker, the eval CLI and the benches.
 */
import type { ToolCaller, ToolCallRequest, ToolCallResult, ToolDefinition } from "../caller/types.js";
import { createCalibrator } from "../calibrate/calibrator.js";
import { calibrationFeatures, toolWordsOf, type ToolWords } from "../calibrate/features.js";
import { decodeContextOf } from "../caller/context.js";
import { decodeHeads } from "../decode/decode.js";
import { answerWithoutModel } from "../decode/enforce/constraints.js";
import { passesWithout } from "../decode/passes.js";
import type { DecodeSettings } from "../decode/settings.js";
import type { Heads } from "../decode/read/heads.js";
import type { ModelRuntime, TensorData } from "../engine/types.js";
import type { CompiledToolSet } from "../tools/types.js";
import { validateCall } from "../validate/calls.js";
import type { ModelConfig } from "./config.js";
import { elementMatch } from "./features.js";
import { messageMemory } from "./memory.js";
import { serializeConversation } from "./serialize.js";
import { ToolSetStore, type SharedEncodings } from "./tool-sets.js";
import { WordMatcher } from "./words.js";

export interface ModelToolCallerOptions {
  /** Model id reported in responses; defaults to config.model_id or "edgecall-edge". */
  id?: string;
  /** Default attention window W of the lower layers; defaults to config.window.default. */
  window?: number;
  /** How many compiled tool sets to keep per isolate (default 64). */
  toolSetCacheSize?: number;
  /** Decoding passes turned off (src/decode/passes.ts ids): `npm run eval -- --without`. */
  without?: readonly string[];
  /** Tool-set encodings shared between isolates (Workers KV): read before the schema encoder runs. */
  encodings?: SharedEncodings;
}

export interface CallSettings {
  /** Attention window W for this request (clamped to config.window.min..max). */
  window?: number;
}

export interface ModelToolCaller extends ToolCaller {
  /** The answer, its confidence calibrated (the probability that it is right) when the model folder ships a calibration. */
  call(request: ToolCallRequest, settings?: CallSettings): Promise<ToolCallResult>;
  /** The same answer, and the calibration features of the decoder's own answer (null where the model did not run). */
  callWithFeatures(request: ToolCallRequest, settings?: CallSettings): Promise<{ result: ToolCallResult; features: number[] | null }>;
  /** Whether the model folder ships a calibration (else `confidence` is the decoder's own score). */
  readonly calibrated: boolean;
}

function float32(outputs: Record<string, TensorData>, name: string): Float32Array {
  const tensor = outputs[name];
  if (!tensor || !(tensor.data instanceof Float32Array)) throw new Error(`model output ${name} is missing or not float32`);
  return tensor.data;
}

/** The decoder's view of model_int8.onnx's outputs for E elements and T conversation positions (wasm/CONTRACT.md). */
export function headsOf(outputs: Record<string, TensorData>, elements: number, positions: number, config: ModelConfig): Heads {
  return {
    elements,
    positions,
    count: float32(outputs, "count_logits"),
    countClasses: config.max_calls_per_tool + 1,
    action: float32(outputs, "action_logits"),
    start: float32(outputs, "start_logits"),
    end: float32(outputs, "end_logits"),
    bool: float32(outputs, "bool_logits"),
    option: float32(outputs, "option_logits"),
  };
}

/** The id a caller made without `options.id` reports and keys its tool sets by (scripts/build-registry.ts keys with it too). */
export function defaultModelId(config: ModelConfig): string {
  return config.model_id ?? "edgecall-edge";
}

export function createModelToolCaller(runtime: ModelRuntime, config: ModelConfig, options: ModelToolCallerOptions = {}): ModelToolCaller {
  const id = options.id ?? defaultModelId(config);
  const matcher = new WordMatcher(config.match);
  const store = new ToolSetStore(runtime, config, matcher, id, options.toolSetCacheSize ?? 64, undefined, options.encodings);
  const clampWindow = (w: number): number => Math.max(config.window.min, Math.min(config.window.max, Math.round(w)));
  const defaultWindow = clampWindow(options.window ?? config.window.default);
  const calibrator = createCalibrator(config.calibration);
  const decodeSettings: DecodeSettings = { config: config.decode, without: passesWithout(options.without ?? []) };

  /** The words calibration reads, once per compiled tool set (the store hands back the same set for the same tools). */
  const toolWords = new WeakMap<CompiledToolSet, Map<string, ToolWords>>();
  function wordsOf(set: CompiledToolSet, tools: readonly ToolDefinition[]): Map<string, ToolWords> {
    let words = toolWords.get(set);
    if (!words) toolWords.set(set, (words = toolWordsOf(tools)));
    return words;
  }

  /** The decoder's answer, and the tool set's words for calibration (null when no model ran: no tools, or "none"). */
  async function callRaw(
    request: ToolCallRequest,
    settings: CallSettings,
  ): Promise<{ result: ToolCallResult; words: Map<string, ToolWords> | null }> {
    const prepared = await store.get(request.tools);
    const context = decodeContextOf(request);
    const withoutModel = answerWithoutModel(context, prepared.set.tools);
    if (withoutModel) return { result: withoutModel, words: null };

    const set = prepared.set;
    const words = wordsOf(set, request.tools);
    const conversation = serializeConversation(request.messages, config.tokenizer.special, config.max_conversation_tokens);
    const E = set.elements.length;
    const T = conversation.ids.length;
    const match = elementMatch(set.elements, conversation.ids, matcher, config.match.prefix_len);
    const window = settings.window === undefined ? defaultWindow : clampWindow(settings.window);
    const outputs = await runtime.run("model", {
      input_ids: { type: "int64", data: BigInt64Array.from(conversation.ids, (v) => BigInt(v)), dims: [1, T] },
      window: { type: "int64", data: BigInt64Array.of(BigInt(window)), dims: [1] },
      elem_vecs: await prepared.vectors(),
      elem_kind: { type: "int64", data: set.tensors.elemKind, dims: [E] },
      elem_parent: { type: "int64", data: set.tensors.elemParent, dims: [E] },
      elem_match: { type: "float32", data: match, dims: [E, T, 2] },
    });
    const decoded = decodeHeads(set, headsOf(outputs, E, T, config), conversation, context, decodeSettings);
    const memory = messageMemory(outputs, conversation, request.messages.length, config.memory_dim);
    const result: ToolCallResult = { ...decoded, notes: { ...decoded.notes, memory } };
    if (result.kind !== "calls") return { result, words };
    for (const call of result.calls) {
      const outcome = validateCall(set, call);
      if (!outcome.valid) {
        const reason = `${call.name}: arguments failed validation (${outcome.errors.join("; ")})`;
        return { result: { kind: "not_expressible", reason, confidence: result.confidence }, words };
      }
    }
    return { result, words };
  }

  async function callWithFeatures(
    request: ToolCallRequest,
    settings: CallSettings = {},
  ): Promise<{ result: ToolCallResult; features: number[] | null }> {
    const { result: raw, words } = await callRaw(request, settings);
    if (words === null) return { result: raw, features: null }; // no call by construction: nothing to judge
    const features = calibrationFeatures(request, raw, words);
    return { result: { ...raw, confidence: calibrator.confidence(features, raw.confidence) }, features };
  }

  return {
    id,
    calibrated: calibrator.calibrated,
    callWithFeatures,
    async call(request: ToolCallRequest, settings: CallSettings = {}): Promise<ToolCallResult> {
      return (await callWithFeatures(request, settings)).result;
    },
  };
}
