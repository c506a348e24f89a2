/**
 * Which tools are called and how many times, from the count head, under tool_choice and parallel_tool_calls.
 */
import type { ToolChoice } from "../caller/types.js";
import type { CompiledTool, CompiledToolSet } from "../tools/types.js";
import { argmax, softmax, type Heads } from "./heads.js";

export interface PlannedCalls {
  tool: CompiledTool;
  count: number;
  /** Probability of the chosen count. */
  probability: number;
}

export interface CallPlan {
  calls: PlannedCalls[];
  /** Product of the count decisions of every allowed tool. */
  probability: number;
}

function allowedTools(set: CompiledToolSet, choice: ToolChoice): CompiledTool[] {
  if (choice === "none") return [];
  if (typeof choice === "object") return set.tools.filter((tool) => tool.name === choice.function.name);
  return set.tools;
}

export function planCalls(set: CompiledToolSet, heads: Heads, choice: ToolChoice, parallel: boolean): CallPlan {
  const tools = allowedTools(set, choice);
  const classes = heads.countClasses;
  const decisions = tools.map((tool) => {
    const probs = softmax(heads.count, tool.element * classes, classes);
    return { tool, probs, count: argmax(probs) };
  });
  const forced = choice === "required" || typeof choice === "object";
  if (forced && decisions.length > 0 && decisions.every((d) => d.count === 0)) {
    let best = decisions[0] as (typeof decisions)[number];
    for (const d of decisions) if (1 - (d.probs[0] as number) > 1 - (best.probs[0] as number)) best = d;
    best.count = argmax(best.probs, 1);
  }
  let called = decisions.filter((d) => d.count > 0);
  if (!parallel && called.length > 0) {
    let best = called[0] as (typeof called)[number];
    for (const d of called) if ((d.probs[0] as number) < (best.probs[0] as number)) best = d;
    called = [best];
  }
  const probability = decisions.reduce((p, d) => p * (d.probs[d.count] as number), 1);
  return {
    calls: called.map((d) => ({ tool: d.tool, count: parallel ? d.count : 1, probability: d.probs[d.count] as number })),
    probability,
  };
}
