import { describe, expect, it } from "vitest";
import type { ToolCallRequest } from "../caller/types.js";
import { ROUTER_DEFAULTS } from "../router/index.js";
import { formatRouting, originResult, reasonCounts, riskCoverage, routeOf, summariseRouting, type RoutedCase } from "./routing.js";

const request: ToolCallRequest = {
  messages: [{ role: "user", content: "Track order A-1" }],
  tools: [
    { type: "function", function: { name: "track", parameters: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } } },
  ],
  tool_choice: "auto",
  parallel_tool_calls: true,
};

describe("routeOf", () => {
  it("keeps confident answers, escalates unsure ones and complex requests", () => {
    expect(routeOf(request, { kind: "no_call", confidence: 0.9 }, ROUTER_DEFAULTS)).toEqual({ route: "edge", reasons: ["confident"] });
    expect(routeOf(request, { kind: "no_call", confidence: 0.1 }, ROUTER_DEFAULTS)).toEqual({ route: "origin", reasons: ["low_confidence"] });
    const twoActions = { ...request, messages: [{ role: "user" as const, content: "Track order A-1 and then cancel it" }] };
    expect(routeOf(twoActions, { kind: "no_call", confidence: 0.9 }, ROUTER_DEFAULTS)).toEqual({ route: "origin", reasons: ["multiple_actions"] });
  });
});

describe("originResult", () => {
  it("turns a valid origin call into a result the judge reads, and rejects invalid ones", () => {
    const ok = originResult(
      { content: null, tool_calls: [{ id: "c", name: "track", arguments: '{"id":"A-1"}' }], finish_reason: "tool_calls", model: null, usage: null },
      request,
    );
    expect(ok).toMatchObject({ kind: "calls", calls: [{ name: "track", arguments: { id: "A-1" } }] });
    const bad = originResult(
      { content: null, tool_calls: [{ id: "c", name: "track", arguments: '{"id":1}' }], finish_reason: "tool_calls", model: null, usage: null },
      request,
    );
    expect(bad.kind).toBe("not_expressible");
    expect(originResult({ content: "none applies", tool_calls: [], finish_reason: "stop", model: null, usage: null }, request).kind).toBe("no_call");
  });
});

describe("routing summary", () => {
  const cases: RoutedCase[] = [
    { category: "a", route: "edge", reasons: [], edgePassed: true, confidence: 0.9 },
    { category: "a", route: "edge", reasons: [], edgePassed: false, confidence: 0.8 },
    { category: "a", route: "origin", reasons: [], edgePassed: false, originPassed: true, confidence: 0.2 },
    { category: "b", route: "origin", reasons: [], edgePassed: true, originPassed: false, confidence: null },
  ];

  it("counts kept, edge right, origin right per set and overall", () => {
    const rows = summariseRouting(cases);
    expect(rows).toEqual([
      { category: "a", total: 3, kept: 2, keptPassed: 1, routed: 1, routedPassed: 1 },
      { category: "b", total: 1, kept: 0, keptPassed: 0, routed: 1, routedPassed: 0 },
      { category: "all", total: 4, kept: 2, keptPassed: 1, routed: 2, routedPassed: 1 },
    ]);
    expect(formatRouting(rows, "oracle", riskCoverage(cases, 3))).toContain("2/4 (50.0%)");
    expect(
      reasonCounts([
        { ...cases[2]!, reasons: ["low_confidence"] },
        { ...cases[3]!, reasons: ["low_confidence", "window"] },
      ]),
    ).toEqual([
      ["low_confidence", 2],
      ["window", 1],
    ]);
  });

  it("risk-coverage keeps the most confident first", () => {
    expect(riskCoverage(cases, 3)).toEqual([
      { coverage: 1 / 3, threshold: 0.9, kept: 1, passed: 1 },
      { coverage: 2 / 3, threshold: 0.8, kept: 2, passed: 1 },
      { coverage: 1, threshold: 0.2, kept: 3, passed: 1 },
    ]);
  });
});
