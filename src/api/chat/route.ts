/** POST /v1/chat/completions: read, validate, normalise, route (edge / origin), answer as JSON or SSE. */
import type { Handler } from "hono";
import { checkBounds, readLimits } from "../../bounds/index.js";
import type { ToolCaller } from "../../caller/types.js";
import { guardCaller, readRiskSettings } from "../../risk/index.js";
import type { OriginLookup } from "../../origin/registry.js";
import { readRouterThresholds } from "../../router/thresholds.js";
import { responseFormatOf } from "../../structured/format.js";
import { watchToolSets } from "../../registry/watch.js";
import { reportOutcome } from "../../telemetry/index.js";
import type { Env } from "../settings.js";
import { serveStructured } from "../structured/serve.js";
import { validateChatRequest } from "../validation/validate-request.js";
import { completionBody, type CompletionContext } from "./completion.js";
import { distillHook } from "./distill.js";
import { completionId } from "./ids.js";
import { noteFields, startStopwatch, type EdgecallMetadata } from "./metadata.js";
import { toToolCallRequest } from "./normalize.js";
import { originSse } from "./origin-stream.js";
import { readJsonBody } from "./read-json.js";
import { samplingFields, serveRouted, type RouteOutcome } from "./routed.js";
import { sseBody, streamChunks } from "./stream.js";
import { chatOutcome } from "./telemetry.js";
import { usageOf } from "./usage.js";

export interface ChatDependencies {
  caller: ToolCaller;
  backend: string;
  origins?: OriginLookup;
}

const SSE_HEADERS = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" };

export function chatCompletions(deps: ChatDependencies): Handler<{ Bindings: Env }> {
  return async (c) => {
    const watch = startStopwatch();
    const body = validateChatRequest(await readJsonBody(c));
    const limits = readLimits(c.env);
    checkBounds(body.tools ?? [], limits);
    const request = toToolCallRequest(body);
    const format = responseFormatOf(body as { response_format?: unknown });
    const validate = watch.mark();
    const watched = watchToolSets(deps.caller);
    const routing = { origin: deps.origins?.(c.env), thresholds: readRouterThresholds(c.env), request, model: body.model, extra: samplingFields(body) };
    const served =
      format.kind === "text"
        ? await serveRouted({
            ...routing,
            caller: guardCaller(watched.caller, readRiskSettings(c.env, c.req.header("authorization"))),
            stream: body.stream === true,
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
        total: Math.round((performance.now() - watch.start) * 1000) / 1000,
      },
    });
    const frame = { id: completionId(), created: Math.floor(Date.now() / 1000), model: deps.caller.id };
    const includeUsage = body.stream_options?.include_usage === true;
    if (served.kind === "origin_stream") return c.body(originSse(served, frame, includeUsage, metadata), 200, SSE_HEADERS);
    const context: CompletionContext = {
      ...frame,
      answer: served.answer,
      usage: served.usage ?? usageOf(request, served.answer),
      metadata: metadata(served.outcome),
    };
    if (body.stream === true) return c.body(sseBody(streamChunks(context, includeUsage)), 200, SSE_HEADERS);
    return c.json(completionBody(context));
  };
}
