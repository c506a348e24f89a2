/**
 * Whether two runs of the tool caller gave the same answers, case by case: an int8 model against the fp32 graphs it
 * was exported from (issue 4's "decoded calls equal fp32's"), or any two models on one split. Calls are compared as
 * a multiset of (name, arguments), arguments by value whatever their key order; missing arguments as a set of (tool,
 * parameters); no_call and not_expressible by kind. Confidences are not compared.
 */
import type { ToolCallResult } from "../caller/types.js";
import type { CaseOutcome } from "./report.js";

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function answerKey(result: ToolCallResult | undefined): string {
  if (!result) return "error";
  switch (result.kind) {
    case "calls":
      return `calls ${canonical(result.calls.map((call) => canonical([call.name, call.arguments])).sort())}`;
    case "missing":
      return `missing ${canonical(result.missing.map((m) => canonical([m.name, [...m.parameters].sort()])).sort())}`;
    case "no_call":
    case "not_expressible":
      return result.kind;
  }
}

export function sameAnswer(a: ToolCallResult | undefined, b: ToolCallResult | undefined): boolean {
  return answerKey(a) === answerKey(b);
}

export interface Agreement {
  /** Cases present in both runs. */
  cases: number;
  same: number;
  /** Ids of the cases answered differently, in the first run's order. */
  differing: string[];
  /** Ids present in one run only (not counted in `cases`). */
  unmatched: string[];
}

export function agreement(first: readonly CaseOutcome[], second: readonly CaseOutcome[]): Agreement {
  const byId = new Map(second.map((outcome) => [outcome.id, outcome]));
  const seen = new Set<string>();
  const differing: string[] = [];
  const unmatched: string[] = [];
  let cases = 0;
  for (const outcome of first) {
    const other = byId.get(outcome.id);
    if (!other) {
      unmatched.push(outcome.id);
      continue;
    }
    seen.add(outcome.id);
    cases++;
    if (!sameAnswer(outcome.result, other.result)) differing.push(outcome.id);
  }
  for (const outcome of second) if (!seen.has(outcome.id)) unmatched.push(outcome.id);
  return { cases, same: cases - differing.length, differing, unmatched };
}
