/** POST /v1/chat/completions: read, validate, normalise, ask the tool caller, answer as JSON or SSE. */
import type { Handler } from "hono";
import { checkBounds, readLimits } from "../../bounds/index.js";
import type { ToolCaller, ToolCallRequest, ToolCallResult } from "../../caller/types.js";
import type { Env } from "../settings.js";
import { validateChatRequest } from "../validation/validate-request.js";
import { answerFor } from "./answer.js";
import { completionBody, type CompletionContext } from "./completion.js";
import { completionId } from "./ids.js";
import { startStopwatch } from "./metadata.js";
import { toToolCallRequest } from "./normalize.js";
import { readJsonBody } from "./read-json.js";
import { sseBody, streamChunks } from "./stream.js";
import { usageOf } from "./usage.js";

export interface ChatDependencies {
  caller: ToolCaller;
  backend: string;
}

/** With no tools, or tool_choice "none", there is nothing to decide: the model is not run. */
function needsModel(request: ToolCallRequest): boolean {
  return request.tools.length > 0 && request.tool_choice !== "none";
}

export function chatCompletions(deps: ChatDependencies): Handler<{ Bindings: Env }> {
  return async (c) => {
    const watch = startStopwatch();
    const body = validateChatRequest(await readJsonBody(c));
    checkBounds(body.tools ?? [], readLimits(c.env));
    const request = toToolCallRequest(body);
    const validate = watch.mark();
    const result: ToolCallResult = needsModel(request)
      ? await deps.caller.call(request)
      : { kind: "no_call", confidence: 1 };
    const model = watch.mark();
    const answer = answerFor(result);
    const context: CompletionContext = {
      id: completionId(),
      created: Math.floor(Date.now() / 1000),
      model: deps.caller.id,
      answer,
      usage: usageOf(request, answer),
      metadata: {
        route: "edge",
        backend: deps.backend,
        result: result.kind,
        confidence: result.confidence,
        timings_ms: { validate, model, total: Math.round((performance.now() - watch.start) * 1000) / 1000 },
      },
    };
    if (body.stream === true) {
      const chunks = streamChunks(context, body.stream_options?.include_usage === true);
      return c.body(sseBody(chunks), 200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache",
      });
    }
    return c.json(completionBody(context));
  };
}
