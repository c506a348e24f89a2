/**
 * Test helper: a pass's motivating example, decoded with every pass and with that pass turned off. The tables
 * (src/decode/<stage>/passes.test.ts) hold one example per pass: the answer with it, and proof it is the pass's doing.
 */
import type { ToolChoice } from "../../caller/types.js";
import type { CompiledToolSet } from "../../tools/types.js";
import { argumentsOf, headsFor, type HeadsBuilder } from "./heads.js";

export interface PassExample {
  pass: string;
  text: string;
  set: CompiledToolSet;
  heads: (builder: HeadsBuilder) => void;
  /** The answer (argumentsOf: the calls' arguments, or the result's kind) with every pass. */
  answer: unknown;
  choice?: ToolChoice;
  parallel?: boolean;
}

/** The example's answer with every pass, and with its pass turned off. */
export function decodeExample(example: PassExample): { withPass: unknown; withoutPass: unknown } {
  // Fresh heads for each run: the decoder remembers its readings per request's heads.
  const run = (without: readonly string[]) => {
    const { builder, decode } = headsFor(example.text, example.set);
    example.heads(builder);
    return argumentsOf(decode(example.choice ?? "auto", example.parallel ?? true, without));
  };
  return { withPass: run([]), withoutPass: run([example.pass]) };
}
