/**
 * The enforce stage: everything tool_choice and parallel_tool_calls decide, in one place. The rest of the decoder
 * (and the model caller) asks these functions, never the request's fields: "none" means no call, a named function
 * means only that tool and a call to it, "required" means a call, parallel_tool_calls false means at most one call.
 */
import type { DecodeContext, ToolCallResult } from "../../caller/types.js";
import { InvalidToolsError } from "../../tools/errors.js";
import type { CompiledTool } from "../../tools/types.js";
import { argmax } from "../read/heads.js";

/** The answer when no model needs to run: no tool may be called ("none"), or there is none. Null: run the model. */
export function answerWithoutModel(context: DecodeContext, tools: readonly CompiledTool[]): ToolCallResult | null {
  if (context.forcedTool !== null && !tools.some((tool) => tool.name === context.forcedTool)) {
    throw new InvalidToolsError(`tool_choice names '${context.forcedTool}', which is not in tools`, "tool_choice", "invalid_tool_choice");
  }
  return noCallAllowed(context) || tools.length === 0 ? { kind: "no_call", confidence: 1 } : null;
}

/** Whether the request allows no call at all (tool_choice "none", or no tools). */
export function noCallAllowed(context: DecodeContext): boolean {
  return context.allowedTools.size === 0;
}

/** The tools whose count head is read: those the request allows. */
export function allowedTools(tools: readonly CompiledTool[], context: DecodeContext): CompiledTool[] {
  return tools.filter((tool) => context.allowedTools.has(tool.name));
}

interface CountDecision {
  /** The count head's probabilities (index k: k calls). */
  probs: number[];
  count: number;
}

/** A call is due and the count head calls no allowed tool: the likeliest one is called, at its likeliest count above zero. */
export function forceCall(decisions: readonly CountDecision[], context: DecodeContext): void {
  if (!context.mustCall || decisions.length === 0 || decisions.some((d) => d.count > 0)) return;
  let best = decisions[0] as CountDecision;
  for (const d of decisions) if (1 - (d.probs[0] as number) > 1 - (best.probs[0] as number)) best = d;
  best.count = argmax(best.probs, 1);
}

/** Without parallel calls, only the tool the count head is surest to call is called. */
export function oneToolAtMost<D extends CountDecision>(called: D[], context: DecodeContext): D[] {
  if (context.parallel || called.length === 0) return called;
  let best = called[0] as D;
  for (const d of called) if ((d.probs[0] as number) < (best.probs[0] as number)) best = d;
  return [best];
}

/** How many calls a tool the count head calls `count` times makes: one without parallel calls. */
export function callsOfTool(count: number, context: DecodeContext): number {
  return context.parallel ? count : 1;
}

/** Whether one tool may make several calls from the values the text lists (assemble stage). */
export function callsPerValue(context: DecodeContext): boolean {
  return context.parallel;
}

/** Whether a tool the count head doubts may still be called when none is planned (tool_choice "auto"). */
export function mayRescue(context: DecodeContext): boolean {
  return context.modelChooses;
}

/** Whether tools the count head doubts may be called beside the planned ones (tool_choice "auto", parallel calls). */
export function mayAddBeside(context: DecodeContext): boolean {
  return context.modelChooses && context.parallel;
}
