/** Whether a tool caller's answer to one case passes, and why not. */
import type { ToolCallResult } from "../caller/types.js";
import { checkCallSet, type Check } from "./checker.js";
import type { EvalCase, Expected } from "./dataset.js";

export function judge(testCase: EvalCase, result: ToolCallResult, expected: Expected | undefined): Check {
  if (result.kind === "not_expressible") return { ok: false, reason: `not expressible at the edge: ${result.reason}` };
  if (testCase.category.includes("irrelevance")) {
    return result.kind === "calls" ? { ok: false, reason: `made ${result.calls.length} call(s) where none applies` } : { ok: true };
  }
  if (!expected && testCase.category.includes("relevance")) {
    return result.kind === "calls" ? { ok: true } : { ok: false, reason: `no call (${result.kind}) where one applies` };
  }
  if (!expected) return { ok: false, reason: "no answer for this case" };
  switch (expected.kind) {
    case "no_call":
      return result.kind === "no_call" ? { ok: true } : { ok: false, reason: `answered ${result.kind}, expected no call` };
    case "missing": {
      if (result.kind !== "missing") return { ok: false, reason: `answered ${result.kind}, expected missing arguments` };
      const got = Object.fromEntries(result.missing.map((m) => [m.name, [...m.parameters].sort()]));
      const want = Object.fromEntries(Object.entries(expected.missing).map(([fn, params]) => [fn, [...params].sort()]));
      return JSON.stringify(got, Object.keys(got).sort()) === JSON.stringify(want, Object.keys(want).sort()) &&
        Object.keys(got).length === Object.keys(want).length
        ? { ok: true }
        : { ok: false, reason: `missing ${JSON.stringify(got)}, expected ${JSON.stringify(want)}` };
    }
    case "calls":
      if (result.kind !== "calls") return { ok: false, reason: `answered ${result.kind}, expected ${expected.calls.length} call(s)` };
      return checkCallSet(result.calls, expected.calls, testCase.functions);
  }
}
