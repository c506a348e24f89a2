/** POST /v1/chat/completions: read, validate, normalise, the shared pipeline (src/api/pipeline.ts), answer as JSON or SSE. */
import type { Handler } from "hono";
import type { ToolCaller } from "../../caller/types.js";
import type { OriginLookup } from "../../origin/registry.js";
import { responseFormatOf } from "../../structured/format.js";
import { runPipeline } from "../pipeline.js";
import type { Env } from "../settings.js";
import { validateChatRequest } from "../validation/validate-request.js";
import { completionBody, type CompletionContext } from "./completion.js";
import { completionId } from "./ids.js";
import { startStopwatch } from "./metadata.js";
import { toToolCallRequest } from "./normalize.js";
import { originSse } from "./origin-stream.js";
import { readJsonBody } from "./read-json.js";
import { samplingFields } from "./routed.js";
import { sseBody, streamChunks } from "./stream.js";
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
    const request = toToolCallRequest(body);
    const format = responseFormatOf(body as { response_format?: unknown });
    const { served, metadata } = await runPipeline(c, deps, {
      request,
      model: body.model,
      stream: body.stream === true,
      extra: samplingFields(body),
      watch,
      format,
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
