/**
 * Which tools are called and how many times, from the count head (and the span starts of required single-value
 * slots), under tool_choice and parallel_tool_calls.
 */
import type { DecodeContext } from "../../caller/types.js";
import type { SerializedConversation } from "../../model/serialize.js";
import type { CompiledTool, CompiledToolSet } from "../../tools/types.js";
import { argmax, softmax, type Heads } from "./heads.js";
import { markedStarts } from "./spans.js";

import { allowedTools, callsOfTool, forceCall, oneToolAtMost } from "../enforce/constraints.js";
import { runs, thresholds } from "../settings.js";

/** The most spans that one required single-value slot of the tool points at. */
export function spanCount(tool: CompiledTool, heads: Heads, conversation: SerializedConversation): number {
  let most = 0;
  for (const slot of tool.slots) {
    if (slot.fill.kind !== "span" || !slot.requiredChain.every((required) => required)) continue;
    most = Math.max(most, markedStarts(conversation, heads.start, slot.element));
  }
  return most;
}

export interface PlannedCalls {
  tool: CompiledTool;
  count: number;
  /** Probability of the chosen count. */
  probability: number;
  /** Probability that the tool is called at all (a count above zero). */
  called: number;
  /** tool_choice names the tool and the count head called none (enforce/constraints.ts forceCall called it). */
  unasked: boolean;
}

export interface CallPlan {
  calls: PlannedCalls[];
  /** Product of the count decisions of every allowed tool. */
  probability: number;
}

/** A tool's count head as probabilities: index k is k calls. */
export function countProbabilities(heads: Heads, tool: CompiledTool): number[] {
  return softmax(heads.count, tool.element * heads.countClasses, heads.countClasses);
}

/** The probability that the count head calls a tool at all (a count above zero). */
export function calledProbability(heads: Heads, tool: CompiledTool): number {
  return 1 - (countProbabilities(heads, tool)[0] as number);
}

/**
 * The calls the count head plans: for each tool the request allows, its likeliest count; the enforce stage
 * (enforce/constraints.ts) forces a call when one is due and keeps one tool without parallel calls.
 */
export function planCalls(set: CompiledToolSet, heads: Heads, conversation: SerializedConversation, context: DecodeContext): CallPlan {
  const tools = allowedTools(set.tools, context);
  const classes = heads.countClasses;
  const decisions = tools.map((tool) => {
    const probs = countProbabilities(heads, tool);
    return { tool, probs, count: argmax(probs) };
  });
  forceCall(decisions, context);
  const called = decisions.filter((d) => d.count > 0);
  // span-count: a called tool is called once per value when one of its required single-value slots points at
  // span_count_min spans or more and the count head said fewer ("delete A, B and C from my cart" is three calls); two
  // spans are left to the count head (a second span is as often a stray start as a second call).
  if (runs("span-count")) {
    const least = thresholds().span_count_min;
    for (const d of called) {
      const spans = Math.min(spanCount(d.tool, heads, conversation), classes - 1);
      if (spans >= least && spans > d.count) d.count = spans;
    }
  }
  const probability = decisions.reduce((p, d) => p * (d.probs[d.count] as number), 1);
  return {
    calls: oneToolAtMost(called, context).map((d) => ({
      tool: d.tool,
      count: callsOfTool(d.count, context),
      probability: d.probs[d.count] as number,
      called: 1 - (d.probs[0] as number),
      unasked: context.forcedTool !== null && argmax(d.probs) === 0,
    })),
    probability,
  };
}
