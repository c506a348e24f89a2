/**
 * An origin answer streamed as the origin streams it, re-framed as our own `chat.completion.chunk`s: the content
 * deltas pass through as they come; tool calls are held until the origin's stream ends, validated, and only then
 * sent (an invalid call is dropped and flagged, since prose has already gone out). A failure after the first
 * chunk ends the stream with an error event in OpenAI's shape (the openai client raises it) and no `[DONE]`.
 */
import { checkOriginAnswer, isOriginError, type OriginCompletion } from "../../origin/index.js";
import type { AssistantAnswer } from "./answer.js";
import { toolCallId } from "./ids.js";
import { elapsed, type EdgecallMetadata } from "./metadata.js";
import type { RouteOutcome, Served } from "./routed.js";
import { usageOf, type Usage } from "./usage.js";

export interface ChunkFrame {
  id: string;
  created: number;
  model: string;
}

const encoder = new TextEncoder();

function toAnswer(completion: OriginCompletion, valid: boolean): AssistantAnswer {
  const calls = valid
    ? completion.tool_calls.map((call) => ({
        id: toolCallId(),
        type: "function" as const,
        function: { name: call.name, arguments: JSON.stringify(JSON.parse(call.arguments)) },
      }))
    : [];
  return { content: completion.content, tool_calls: calls, finish_reason: calls.length > 0 ? "tool_calls" : "stop", extensions: {} };
}

export function originSse(
  served: Extract<Served, { kind: "origin_stream" }>,
  frame: ChunkFrame,
  includeUsage: boolean,
  metadata: (outcome: RouteOutcome) => EdgecallMetadata,
): ReadableStream<Uint8Array> {
  const usageField = includeUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> => ({
    ...frame,
    object: "chat.completion.chunk",
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...usageField,
  });
  const started = performance.now();

  async function* events(): AsyncGenerator<Record<string, unknown> | "[DONE]", void, void> {
    yield chunk({ role: "assistant", content: "", refusal: null });
    yield chunk({ content: served.first });
    let completion: OriginCompletion | undefined;
    try {
      for await (const event of served.rest) {
        if (event.type === "content") yield chunk({ content: event.text });
        else completion = event.completion;
      }
    } catch (error) {
      const code = isOriginError(error) ? error.reason : "origin_error";
      yield { error: { message: "The origin model's stream failed before its answer was complete.", type: "server_error", param: null, code } };
      return;
    } finally {
      served.deadline.dispose();
    }
    if (completion === undefined) return;
    const outcome = served.outcome;
    const hasCalls = completion.tool_calls.length > 0;
    const valid = !hasCalls || checkOriginAnswer(completion, served.request).valid;
    if (!valid) outcome.reasons.push("origin_invalid_tool_call_dropped");
    else served.onAnswer?.(completion, outcome.reasons);
    const answer = toAnswer(completion, valid);
    for (const [index, call] of answer.tool_calls.entries()) {
      yield chunk({
        tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: call.function.arguments } }],
      });
    }
    outcome.result = answer.tool_calls.length > 0 ? "calls" : "text";
    outcome.originMs += elapsed(started);
    if (completion.model !== null) outcome.originModel = completion.model;
    yield { ...chunk({}, answer.finish_reason), x_edgecall: metadata(outcome) };
    const usage: Usage = completion.usage ?? usageOf(served.request, answer);
    if (includeUsage) yield { ...frame, object: "chat.completion.chunk", system_fingerprint: null, choices: [], usage };
    yield "[DONE]";
  }
  const iterator = events();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(`data: ${value === "[DONE]" ? value : JSON.stringify(value)}\n\n`));
    },
    async cancel() {
      await iterator.return();
    },
  });
}
