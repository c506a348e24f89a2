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
import { watchToolSets } from "../registry/watch.js";
import { readRouterThresholds } from "../router/thresholds.js";
import type { ResponseFormat } from "../structured/format.js";
import { reportOutcome } from "../telemetry/index.js";
import { distillHook } from "./chat/distill.js";
import { elapsed, noteFields, type EdgecallMetadata, type Stopwatch } from "./chat/metadata.js";
import { serveRouted, type RouteOutcome, type Served } from "./chat/routed.js";
import { chatOutcome } from "./chat/telemetry.js";
import type { Env } from "./settings.js";
import { serveStructured } from "./structured/serve.js";

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
  /** Chat's response_format (structured outputs); plain text by default. */
  format?: ResponseFormat;
}

export interface PipelineResult {
  served: Served;
  /** The `x_edgecall` block for an outcome (origin streams settle theirs at the end of the stream). */
  metadata(outcome: RouteOutcome): EdgecallMetadata;
}

export async function runPipeline(c: Context<{ Bindings: Env }>, deps: PipelineDependencies, input: PipelineInput): Promise<PipelineResult> {
  const { request, watch } = input;
  const limits = readLimits(c.env);
  checkBounds(request.tools, limits);
  const validate = watch.mark();
  const format = input.format ?? { kind: "text" };
  const watched = watchToolSets(deps.caller);
  const routing = { origin: deps.origins?.(c.env), thresholds: readRouterThresholds(c.env), request, model: input.model, extra: input.extra };
  const served =
    format.kind === "text"
      ? await serveRouted({
          ...routing,
          caller: guardCaller(watched.caller, readRiskSettings(c.env, c.req.header("authorization"))),
          stream: input.stream,
          onOriginAnswer: distillHook(c, request),
        })
      : await serveStructured({ ...routing, caller: watched.caller, limits, format });
  const toolSet = await watched.toolSet();
  reportOutcome(c, chatOutcome(request, served, deps.backend, validate));
  const metadata = (outcome: RouteOutcome): EdgecallMetadata => ({
    route: outcome.route,
    route_reasons: outcome.reasons,
    backend: outcome.route === "origin" ? "origin" : deps.backend,
    result: outcome.result,
    confidence: outcome.confidence,
    ...(outcome.originModel === undefined ? {} : { origin_model: outcome.originModel }),
    ...(toolSet === undefined ? {} : { tool_set: toolSet }),
    ...noteFields(outcome.notes),
    timings_ms: {
      validate,
      model: outcome.modelMs,
      ...(outcome.originMs > 0 ? { origin: outcome.originMs } : {}),
      total: elapsed(watch.start),
    },
  });
  return { served, metadata };
}
