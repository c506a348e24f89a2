/**
 * One decision per request. Before the model: text-only turns and requests above a complexity threshold go to the
 * origin; the rest run at the edge, and, when an origin is configured, are checked after the edge pass (edge then
 * origin): an answer the edge cannot express, or one below the confidence threshold, goes to the origin.
 * Without an origin everything stays at the edge, with the reasons it would have gone labelled.
 */
import type { ToolCallResult } from "../caller/types.js";
import type { RouteFeatures } from "./features.js";
import type { RouterThresholds } from "./thresholds.js";

export type RouteDecision = "edge" | "origin" | "edge_then_origin";

export interface RoutePlan {
  decision: RouteDecision;
  /** Short codes, e.g. `no_tools`, `many_tools`, `no_origin`. */
  reasons: string[];
}

export function complexityReasons(features: RouteFeatures, t: RouterThresholds): string[] {
  const reasons: string[] = [];
  if (features.bytes > t.maxBytes) reasons.push("long_conversation");
  if (features.turns > t.maxTurns) reasons.push("many_turns");
  if (features.tools > t.maxTools) reasons.push("many_tools");
  if (features.nested_parameters > t.maxNested) reasons.push("nested_parameters");
  if (features.actions > t.maxActions) reasons.push("multiple_actions");
  if (features.window > t.maxWindow) reasons.push("window");
  return reasons;
}

export function planRoute(features: RouteFeatures, thresholds: RouterThresholds, originConfigured: boolean): RoutePlan {
  const reasons: string[] = [];
  if (features.text_only !== null && thresholds.textToOrigin) reasons.push(features.text_only);
  const complex = features.text_only === null ? complexityReasons(features, thresholds) : [];
  reasons.push(...complex);
  if (!originConfigured) return { decision: "edge", reasons: [...reasons, "no_origin"] };
  if (reasons.length > 0) return { decision: "origin", reasons };
  return { decision: "edge_then_origin", reasons: [] };
}

export interface AfterEdge {
  keep: boolean;
  reason: string;
}

/** After the edge pass: keep what the edge can say and is sure of. */
export function afterEdge(result: ToolCallResult, thresholds: RouterThresholds): AfterEdge {
  if (result.kind === "not_expressible") return { keep: false, reason: "not_expressible" };
  if (result.confidence < thresholds.minConfidence) return { keep: false, reason: "low_confidence" };
  return { keep: true, reason: "confident" };
}
