/**
 * What chat completions and the Responses API share after parsing (one pipeline, two wire formats): the cost bounds
 * of the tools, the destructive-call guard around the caller, the router (edge / origin), the distillation hook, and
 * the `x_edgecall` block. Each route reads and validates its own wire format into a ToolCallRequest, calls this,
 * and frames the answer its own way.
 */
import type { Context } from "hono";
import { checkBounds, readLimits } from "../bounds/index.js";
import type { ToolCaller, ToolCallRequest } from "../caller/types.js";
import type { OriginLookup } from "../origin/registry.js";
import { guardCaller, readRiskSettings } from "../risk/index.js";
import { readRouterThresholds } from "../router/thresholds.js";
import { reportOutcome } from "../telemetry/index.js";
import { distillHook } from "./chat/distill.js";
import { noteFields, type EdgecallMetadata, type Stopwatch } from "./chat/metadata.js";
import { serveRouted, type RouteOutcome, type Served } from "./chat/routed.js";
import { chatOutcome } from "./chat/telemetry.js";
import type { Env } from "./settings.js";

export interface PipelineDependencies {
  caller: ToolCaller;
  backend: string;
  origins?: OriginLookup;
}

export interface PipelineInput {
  request: ToolCallRequest;
  /** The model the client asked for (sent to the origin when ORIGIN_MODEL is unset). */
  model: string;
  /** Whether the origin may stream prose back (`origin_stream`); false: a whole answer. */
  stream: boolean;
  /** Sampling fields passed to the origin as sent. */
  extra: Record<string, unknown>;
  /** Started when the request arrived; its first mark is the time spent reading and validating. */
  watch: Stopwatch;
}

export interface PipelineResult {
  served: Served;
  /** The `x_edgecall` block for an outcome (origin streams settle theirs at the end of the stream). */
  metadata(outcome: RouteOutcome): EdgecallMetadata;
}

export async function runPipeline(c: Context<{ Bindings: Env }>, deps: PipelineDependencies, input: PipelineInput): Promise<PipelineResult> {
  const { request, watch } = input;
  checkBounds(request.tools, readLimits(c.env));
  const validate = watch.mark();
  const served = await serveRouted({
    caller: guardCaller(deps.caller, readRiskSettings(c.env, c.req.header("authorization"))),
    origin: deps.origins?.(c.env),
    thresholds: readRouterThresholds(c.env),
    request,
    model: input.model,
    stream: input.stream,
    extra: input.extra,
    onOriginAnswer: distillHook(c, request),
  });
  reportOutcome(c, chatOutcome(request, served, deps.backend, validate));
  const metadata = (outcome: RouteOutcome): EdgecallMetadata => ({
    route: outcome.route,
    route_reasons: outcome.reasons,
    backend: outcome.route === "origin" ? "origin" : deps.backend,
    result: outcome.result,
    confidence: outcome.confidence,
    ...(outcome.originModel === undefined ? {} : { origin_model: outcome.originModel }),
    ...noteFields(outcome.notes),
    timings_ms: {
      validate,
      model: outcome.modelMs,
      ...(outcome.originMs > 0 ? { origin: outcome.originMs } : {}),
      total: Math.round((performance.now() - watch.start) * 1000) / 1000,
    },
  });
  return { served, metadata };
}
