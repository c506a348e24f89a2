/** The types the decoding stages hand each other. */
import type { Span } from "./read/spans.js";

export type SlotDecision =
  | { kind: "absent"; probability: number }
  /**
   * `automatic`: a required const filled without the model saying so; it does not make its parent object present.
   * `readings`: for a single-span slot of one call, every span that reads under its type, best first (values[0] is
   * the first), so that the call's slots can be given distinct spans. `values[c]` undefined: call c leaves the slot
   * out (an optional slot some of several calls have no value for).
   */
  | {
      kind: "filled";
      values: unknown[];
      probabilities: number[];
      automatic?: true;
      readings?: SpanReading[];
      /**
       * A slot the model calls absent, filled only from a span no other slot of the call takes and at least `floor`
       * likely (required_rescue_span_floor when unset: a required slot).
       */
      tentative?: { absentProbability: number; floor?: number };
      /** For a single-span slot of several calls: the spans it points at (starts above 0.5), read, in text order. */
      perCall?: SpanReading[];
      /** The spans the values were read from (none for options, booleans and consts). */
      sources?: Span[];
    }
  /** The model says a value is there but no span reads as the slot's type. */
  | { kind: "unreadable"; probability: number; reason: string }
  | { kind: "not_expressible"; reason: string };

export interface Reading {
  value: unknown;
  probability: number;
}

/** A value read from a span, with the span it came from. */
export interface SpanReading extends Reading {
  span: Span;
  /** The span opens a message with the request's own words or cuts a word: the model's guess when it is unsure. */
  weak?: true;
}

/**
 * The decoding stages, in the order a request goes through them: read the heads (which tools, how many calls, which
 * spans), decide each slot, parse span text as typed values, assemble a tool's calls and the answer, and enforce the
 * request's constraints (tool_choice, parallel_tool_calls).
 */
export type Stage = "read" | "decide" | "parse" | "assemble" | "enforce";

/**
 * One rule of the decoder. `example`: the request that motivated it, and what it changes there (src/decode/*\/passes.test.ts
 * turns each into a test). `core`: the pipeline's own step, not a heuristic; `--without` cannot turn it off.
 */
export interface Pass<Run> {
  id: string;
  stage: Stage;
  example: string;
  core?: true;
  run: Run;
}
