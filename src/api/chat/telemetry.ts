/** The chat-completions route's outcome as the monitoring event reads it (src/telemetry): names and counts only. */
import type { ToolCallRequest } from "../../caller/types.js";
import type { ModelOutcome } from "../../telemetry/index.js";
import type { Served } from "./routed.js";

/** Router reasons that mean an origin answer failed the edge's validators. */
const ORIGIN_INVALID = new Set(["origin_retry_forced_tool", "origin_invalid_tool_call", "origin_invalid_tool_call_dropped"]);

/** The edge's second guard names the tool whose arguments failed (src/model/caller.ts). */
const EDGE_INVALID = /^(.+?): arguments failed validation/;

function originOutcome(route: ModelOutcome["route"], reasons: readonly string[]): string {
  if (route === "edge") return "not_asked";
  if (route === "origin") return reasons.includes("origin_invalid_tool_call_dropped") ? "origin_invalid_tool_call_dropped" : "ok";
  const failure = [...reasons].reverse().find((reason) => reason.startsWith("origin_") && reason !== "origin_retry_forced_tool");
  return failure ?? "origin_error";
}

function missingTools(extensions: Record<string, unknown>): string[] {
  const missing = extensions["x_missing_arguments"];
  return Array.isArray(missing)
    ? missing.map((item: { name?: unknown }) => (typeof item.name === "string" ? item.name : "")).filter((name) => name !== "")
    : [];
}

/** Read when the request ends, so a streamed origin answer is described as it finished. */
export function chatOutcome(request: ToolCallRequest, served: Served, backend: string, validateMs: number): () => ModelOutcome {
  return () => {
    const outcome = served.outcome;
    const offered = request.tools.map((tool) => tool.function.name);
    const answer = served.kind === "answer" ? served.answer : undefined;
    const notExpressible = answer?.extensions["x_not_expressible"] as { reason?: unknown } | undefined;
    const edgeInvalid = typeof notExpressible?.reason === "string" ? EDGE_INVALID.exec(notExpressible.reason)?.[1] : undefined;
    const invalid = edgeInvalid !== undefined && offered.includes(edgeInvalid) ? [edgeInvalid] : [];
    const originInvalid = outcome.reasons.filter((reason) => ORIGIN_INVALID.has(reason)).length;
    return {
      route: outcome.route,
      route_reasons: outcome.reasons,
      backend: outcome.route === "origin" ? "origin" : backend,
      result: outcome.result,
      tools_offered: offered,
      tools_called: answer?.tool_calls.map((call) => call.function.name) ?? [],
      tools_missing: answer === undefined ? [] : missingTools(answer.extensions),
      tools_invalid: invalid,
      confidence: outcome.confidence,
      validation_failures: invalid.length + originInvalid,
      origin: originOutcome(outcome.route, outcome.reasons),
      timings_ms: { validate: validateMs, model: outcome.modelMs, origin: outcome.route === "edge" ? null : outcome.originMs },
    };
  };
}
