/**
 * The model folder's config.json (see wasm/CONTRACT.md), as a type and a checked parse.
 * A config that does not follow the contract fails here, at load, with a message naming the field.
 */
import { CalibrationConfigError, parseCalibration, type CalibrationConfig } from "../calibrate/calibrator.js";
import { DecodeConfigError, parseDecodeConfig, type DecodeConfig } from "../decode/config.js";

export interface SpecialTokenIds {
  pad: number;
  cls: number;
  user: number;
  assistant: number;
  tool: number;
  system: number;
  sep: number;
}

export interface MatchConfig {
  stopwords: string[];
  synonyms: string[][];
  min_word_len: number;
  prefix_len: number;
  /** Chinese words stand for their English glosses (wasm/CONTRACT.md, "Chinese glosses"); absent: off. */
  zh_glosses?: boolean;
}

export interface GraphConfig {
  file: string;
  /** Input name -> description (shape/dtype) as written by the training code. */
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

export interface ModelConfig {
  contract_version: number;
  model_kind: "schema-guided-tool-caller";
  /** Identifies the weights (hash or run name); part of the tool-set cache key. Optional in config.json. */
  model_id?: string;
  tokenizer: { kind: "bytes"; vocab_size: number; special: SpecialTokenIds };
  max_conversation_tokens: number;
  max_element_tokens: number;
  window: { min: number; max: number; default: number; trained: number[] };
  max_calls_per_tool: number;
  labels: {
    element_kind: string[];
    count: number[];
    action: string[];
    bool: string[];
  };
  match: MatchConfig;
  memory_dim: number;
  /** Width of the schema encoder's element vectors (elem_vecs [E, element_dim]). */
  element_dim: number;
  /** Free-form facts about the training run (parameters, note), as written by the exporter. */
  training?: Record<string, unknown>;
  /** Confidence calibration fitted on held-out real requests (training/calibrate.py); absent until fitted. */
  calibration?: CalibrationConfig;
  /** The decoder's thresholds (src/decode/config.ts). */
  decode: DecodeConfig;
  schema_encoder: GraphConfig;
  model: GraphConfig;
}

export const SUPPORTED_CONTRACT_VERSION = 1;

const SCHEMA_ENCODER_INPUTS = ["elem_ids"];
const SCHEMA_ENCODER_OUTPUTS = ["elem_vecs"];
const MODEL_INPUTS = ["input_ids", "window", "elem_vecs", "elem_kind", "elem_parent", "elem_match"];
const MODEL_OUTPUTS = ["count_logits", "action_logits", "start_logits", "end_logits", "bool_logits", "option_logits", "memory_states"];

export class ModelConfigError extends Error {
  override readonly name = "ModelConfigError";
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`wasm/config.json: ${field} ${problem}`);
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectAt(parent: Json, key: string, field: string): Json {
  const value = parent[key];
  if (!isObject(value)) throw new ModelConfigError(field, "must be an object");
  return value;
}

function integerAt(parent: Json, key: string, field: string, min = 0): number {
  const value = parent[key];
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new ModelConfigError(field, `must be an integer >= ${min}`);
  }
  return value;
}

function booleanAt(parent: Json, key: string, field: string, absent: boolean): boolean {
  const value = parent[key];
  if (value === undefined) return absent;
  if (typeof value !== "boolean") throw new ModelConfigError(field, "must be true or false");
  return value;
}

function stringListAt(parent: Json, key: string, field: string): string[] {
  const value = parent[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new ModelConfigError(field, "must be a list of strings");
  }
  return value;
}

function expectLabels(actual: unknown[], expected: readonly unknown[], field: string): void {
  if (actual.length !== expected.length || actual.some((label, i) => label !== expected[i])) {
    throw new ModelConfigError(field, `must be ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function graphAt(parent: Json, key: string, inputs: string[], outputs: string[]): GraphConfig {
  const graph = objectAt(parent, key, key);
  const file = graph["file"];
  if (typeof file !== "string" || file.length === 0) throw new ModelConfigError(`${key}.file`, "must be a path");
  const names = (value: unknown, field: string): Record<string, unknown> => {
    if (Array.isArray(value) && value.every((name) => typeof name === "string")) {
      return Object.fromEntries(value.map((name: string) => [name, {}]));
    }
    if (isObject(value)) return value;
    throw new ModelConfigError(field, "must list the graph's tensor names");
  };
  const graphInputs = names(graph["inputs"], `${key}.inputs`);
  const graphOutputs = names(graph["outputs"], `${key}.outputs`);
  for (const name of inputs) {
    if (!(name in graphInputs)) throw new ModelConfigError(`${key}.inputs`, `lacks "${name}"`);
  }
  for (const name of outputs) {
    if (!(name in graphOutputs)) throw new ModelConfigError(`${key}.outputs`, `lacks "${name}"`);
  }
  return { file, inputs: graphInputs, outputs: graphOutputs };
}

function decodeConfigAt(raw: Json): DecodeConfig {
  try {
    return parseDecodeConfig(raw["decode"]);
  } catch (error) {
    if (error instanceof DecodeConfigError) throw new ModelConfigError(`decode.${error.field}`, error.message.slice(`decode.${error.field} `.length));
    throw error;
  }
}

/** Checks a parsed config.json against the contract and returns it typed; throws ModelConfigError naming the field. */
export function parseModelConfig(raw: unknown): ModelConfig {
  if (!isObject(raw)) throw new ModelConfigError("(root)", "must be a JSON object");
  const version = integerAt(raw, "contract_version", "contract_version", 1);
  if (version !== SUPPORTED_CONTRACT_VERSION) {
    throw new ModelConfigError("contract_version", `is ${version}; this code reads version ${SUPPORTED_CONTRACT_VERSION}`);
  }
  if (raw["model_kind"] !== "schema-guided-tool-caller") {
    throw new ModelConfigError("model_kind", `must be "schema-guided-tool-caller", got ${JSON.stringify(raw["model_kind"])}`);
  }
  const modelId = raw["model_id"];
  if (modelId !== undefined && typeof modelId !== "string") throw new ModelConfigError("model_id", "must be a string");

  const tokenizer = objectAt(raw, "tokenizer", "tokenizer");
  if (tokenizer["kind"] !== "bytes") throw new ModelConfigError("tokenizer.kind", `must be "bytes"`);
  const vocabSize = integerAt(tokenizer, "vocab_size", "tokenizer.vocab_size", 257);
  const specialRaw = objectAt(tokenizer, "special", "tokenizer.special");
  const specialNames = ["pad", "cls", "user", "assistant", "tool", "system", "sep"] as const;
  const special = {} as SpecialTokenIds;
  for (const name of specialNames) {
    const id = integerAt(specialRaw, name, `tokenizer.special.${name}`, 256);
    if (id >= vocabSize) throw new ModelConfigError(`tokenizer.special.${name}`, `must be below vocab_size ${vocabSize}`);
    special[name] = id;
  }

  const windowRaw = objectAt(raw, "window", "window");
  const window = {
    min: integerAt(windowRaw, "min", "window.min", 1),
    max: integerAt(windowRaw, "max", "window.max", 1),
    default: integerAt(windowRaw, "default", "window.default", 1),
    trained: Array.isArray(windowRaw["trained"]) ? windowRaw["trained"].map((w, i) => integerAt({ w }, "w", `window.trained[${i}]`, 1)) : [],
  };
  if (window.min > window.default || window.default > window.max) {
    throw new ModelConfigError("window", "must satisfy min <= default <= max");
  }

  const maxCalls = integerAt(raw, "max_calls_per_tool", "max_calls_per_tool", 1);
  const labelsRaw = objectAt(raw, "labels", "labels");
  const labels = {
    element_kind: stringListAt(labelsRaw, "element_kind", "labels.element_kind"),
    count: Array.isArray(labelsRaw["count"]) ? (labelsRaw["count"] as unknown[]).map(Number) : [],
    action: stringListAt(labelsRaw, "action", "labels.action"),
    bool: stringListAt(labelsRaw, "bool", "labels.bool"),
  };
  expectLabels(labels.element_kind, ["tool", "param", "option"], "labels.element_kind");
  expectLabels(labels.action, ["absent", "value", "implicit"], "labels.action");
  expectLabels(labels.bool, ["false", "true"], "labels.bool");
  expectLabels(
    labels.count,
    Array.from({ length: maxCalls + 1 }, (_, i) => i),
    "labels.count",
  );

  const matchRaw = objectAt(raw, "match", "match");
  const synonymsRaw = matchRaw["synonyms"];
  if (!Array.isArray(synonymsRaw) || !synonymsRaw.every((g) => Array.isArray(g) && g.every((w) => typeof w === "string"))) {
    throw new ModelConfigError("match.synonyms", "must be a list of lists of words");
  }
  const match: MatchConfig = {
    stopwords: stringListAt(matchRaw, "stopwords", "match.stopwords"),
    synonyms: synonymsRaw as string[][],
    min_word_len: integerAt(matchRaw, "min_word_len", "match.min_word_len", 1),
    prefix_len: integerAt(matchRaw, "prefix_len", "match.prefix_len", 1),
    zh_glosses: booleanAt(matchRaw, "zh_glosses", "match.zh_glosses", false),
  };

  const config: ModelConfig = {
    contract_version: version,
    model_kind: "schema-guided-tool-caller",
    tokenizer: { kind: "bytes", vocab_size: vocabSize, special },
    max_conversation_tokens: integerAt(raw, "max_conversation_tokens", "max_conversation_tokens", 2),
    max_element_tokens: integerAt(raw, "max_element_tokens", "max_element_tokens", 1),
    window,
    max_calls_per_tool: maxCalls,
    labels,
    match,
    memory_dim: integerAt(raw, "memory_dim", "memory_dim", 1),
    element_dim: integerAt(raw, "element_dim", "element_dim", 1),
    schema_encoder: graphAt(raw, "schema_encoder", SCHEMA_ENCODER_INPUTS, SCHEMA_ENCODER_OUTPUTS),
    model: graphAt(raw, "model", MODEL_INPUTS, MODEL_OUTPUTS),
    decode: decodeConfigAt(raw),
  };
  if (typeof modelId === "string") config.model_id = modelId;
  if (isObject(raw["training"])) config.training = raw["training"];
  try {
    const calibration = parseCalibration(raw["calibration"]);
    if (calibration) config.calibration = calibration;
  } catch (error) {
    if (error instanceof CalibrationConfigError) throw new ModelConfigError("calibration", error.message);
    throw error;
  }
  return config;
}
