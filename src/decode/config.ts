/**
 * The decoder's thresholds: one object, shipped in the model folder's config.json under "decode" (training/export.py
 * carries it into a new export; training/evaluate.py reads the same block), so that the TypeScript decoder and the
 * Python one never hold copies. Each is a number a pass compares against; docs/decoding.md says what each one does.
 */
export interface DecodeConfig {
  /** Added to an optional slot's absent logit before the action argmax (a value must be e^margin times as likely). */
  optional_absent_margin: number;
  /** An optional enum's best option below this softmax probability is absent (unless the head is sure a value is stated). */
  optional_option_floor: number;
  /** An optional enum whose action head is at least this sure a value is stated takes its best option below the floor. */
  optional_option_stated: number;
  /** A required single-value span slot the head calls absent with at most this probability is tentative, not missing. */
  required_rescue_absent_max: number;
  /** A tentative optional span slot takes a free span at least this likely. */
  optional_rescue_span_floor: number;
  /** An optional slot whose chosen span is less likely than this is absent. */
  optional_span_floor: number;
  /** A tentative required slot takes a free span at least this likely. */
  required_rescue_span_floor: number;
  /** A called tool is called once per value when a required single-value slot points at this many spans or more. */
  span_count_min: number;
  /** A tool the count head calls once is called once per value when at least this many slots agree on the count. */
  agreeing_slots_min: number;
  /** With no call planned, the likeliest tool is still called when at least this likely. */
  no_call_rescue_called: number;
  /** ... and when every argument it reads is at least this sure (also the floor for calls beside the planned ones). */
  no_call_rescue_argument: number;
  /** A tool the count head doubts is called beside the planned ones when at least this likely. */
  beside_called: number;
  /** The most calls one listed slot makes. */
  listed_calls_max: number;
  /** How many words on each side of a value may name its parameter (schema order). */
  naming_distance: number;
  /** How many best spans of a slot are read as candidates. */
  candidate_spans: number;
}

const DECODE_CONFIG_KEYS = [
  "optional_absent_margin",
  "optional_option_floor",
  "optional_option_stated",
  "required_rescue_absent_max",
  "optional_rescue_span_floor",
  "optional_span_floor",
  "required_rescue_span_floor",
  "span_count_min",
  "agreeing_slots_min",
  "no_call_rescue_called",
  "no_call_rescue_argument",
  "beside_called",
  "listed_calls_max",
  "naming_distance",
  "candidate_spans",
] as const satisfies ReadonlyArray<keyof DecodeConfig>;

export class DecodeConfigError extends Error {
  override readonly name = "DecodeConfigError";
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`decode.${field} ${problem}`);
  }
}

/** Checks config.json's "decode" block: every key a finite number, no unknown key. */
export function parseDecodeConfig(raw: unknown): DecodeConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new DecodeConfigError("(block)", "must be an object");
  const block = raw as Record<string, unknown>;
  for (const key of Object.keys(block)) {
    if (!(DECODE_CONFIG_KEYS as readonly string[]).includes(key)) throw new DecodeConfigError(key, "is not a decoder threshold");
  }
  const config = {} as DecodeConfig;
  for (const key of DECODE_CONFIG_KEYS) {
    const value = block[key];
    if (typeof value !== "number" || !Number.isFinite(value)) throw new DecodeConfigError(key, "must be a finite number");
    config[key] = value;
  }
  return config;
}
