import { describe, expect, it } from "vitest";
import type { ToolCallResult } from "../caller/types.js";
import { afterEdge, planRoute } from "./decide.js";
import type { RouteFeatures } from "./features.js";
import { readRouterThresholds, ROUTER_DEFAULTS } from "./thresholds.js";

const simple: RouteFeatures = { bytes: 40, turns: 1, tools: 2, nested_parameters: 0, actions: 1, window: 64, text_only: null };

describe("planRoute", () => {
  it("runs simple requests at the edge, checked afterwards when an origin is configured", () => {
    expect(planRoute(simple, ROUTER_DEFAULTS, true)).toEqual({ decision: "edge_then_origin", reasons: [] });
    expect(planRoute(simple, ROUTER_DEFAULTS, false)).toEqual({ decision: "edge", reasons: ["no_origin"] });
  });

  it("sends text-only turns to the origin, or labels them at the edge without one", () => {
    expect(planRoute({ ...simple, text_only: "no_tools" }, ROUTER_DEFAULTS, true)).toEqual({ decision: "origin", reasons: ["no_tools"] });
    expect(planRoute({ ...simple, text_only: "after_tool_result" }, ROUTER_DEFAULTS, false)).toEqual({
      decision: "edge",
      reasons: ["after_tool_result", "no_origin"],
    });
    const off = { ...ROUTER_DEFAULTS, textToOrigin: false };
    expect(planRoute({ ...simple, text_only: "chit_chat" }, off, true)).toEqual({ decision: "edge_then_origin", reasons: [] });
  });

  it("sends requests above any complexity threshold to the origin, with every reason", () => {
    const complex = { ...simple, bytes: 5000, turns: 9, tools: 40, nested_parameters: 1, actions: 3, window: 512 };
    expect(planRoute(complex, ROUTER_DEFAULTS, true)).toEqual({
      decision: "origin",
      reasons: ["long_conversation", "many_turns", "many_tools", "nested_parameters", "multiple_actions", "window"],
    });
  });
});

describe("afterEdge", () => {
  const result = (confidence: number): ToolCallResult => ({ kind: "no_call", confidence });
  it("keeps confident answers and escalates unsure or inexpressible ones", () => {
    expect(afterEdge(result(0.9), ROUTER_DEFAULTS)).toEqual({ keep: true, reason: "confident" });
    expect(afterEdge(result(0.1), ROUTER_DEFAULTS)).toEqual({ keep: false, reason: "low_confidence" });
    expect(afterEdge({ kind: "not_expressible", reason: "x", confidence: 1 }, ROUTER_DEFAULTS)).toEqual({ keep: false, reason: "not_expressible" });
  });
});

describe("readRouterThresholds", () => {
  it("reads vars and keeps defaults for unset or invalid ones", () => {
    const t = readRouterThresholds({ ROUTER_MIN_CONFIDENCE: "0.8", ROUTER_MAX_TOOLS: "x", ROUTER_TEXT_TO_ORIGIN: "false" });
    expect(t).toEqual({ ...ROUTER_DEFAULTS, minConfidence: 0.8, textToOrigin: false });
    expect(readRouterThresholds({ ROUTER_MIN_CONFIDENCE: "2" }).minConfidence).toBe(ROUTER_DEFAULTS.minConfidence);
  });
});
