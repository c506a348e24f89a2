/**
 * The Responses object: the answer's output items (a `message` with `output_text` for prose, one `function_call`
 * per call), usage in the Responses naming, the request's settings echoed, and the `x_edgecall` block.
 */
import type { ChatMessage } from "../../caller/types.js";
import type { AssistantAnswer } from "../chat/answer.js";
import type { Usage } from "../chat/usage.js";
import { outputItemId } from "./ids.js";
import type { ResponsesRequest } from "./request-types.js";

export type OutputItem = Record<string, unknown> & { type: "message" | "function_call"; id: string };

export function outputItems(answer: AssistantAnswer, token: string): OutputItem[] {
  const items: OutputItem[] = [];
  if (answer.content !== null && (answer.content !== "" || answer.tool_calls.length === 0)) {
    items.push({
      type: "message",
      id: outputItemId("msg", token, 0),
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: answer.content, annotations: [], logprobs: [] }],
      ...answer.extensions,
    });
  }
  answer.tool_calls.forEach((call, index) => {
    items.push({
      type: "function_call",
      id: outputItemId("fc", token, index),
      call_id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
      status: "completed",
    });
  });
  return items;
}

/** The answer as the chat messages a later turn reads. */
export function answerMessages(answer: AssistantAnswer): ChatMessage[] {
  if (answer.tool_calls.length === 0) return [{ role: "assistant", content: answer.content }];
  return [
    {
      role: "assistant",
      content: answer.content,
      tool_calls: answer.tool_calls.map((call) => ({ id: call.id, type: "function", function: call.function })),
    },
  ];
}

export function responsesUsage(usage: Usage): Record<string, unknown> {
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.total_tokens,
  };
}

export interface ResponseFrame {
  id: string;
  created_at: number;
  model: string;
  request: ResponsesRequest;
}

/** The response object; `status: in_progress` with no output and no usage while streaming starts. */
export function responseObject(
  frame: ResponseFrame,
  output: readonly OutputItem[],
  usage: Record<string, unknown> | null,
  extensions: Record<string, unknown>,
  status: "in_progress" | "completed" = "completed",
): Record<string, unknown> {
  const { request } = frame;
  return {
    id: frame.id,
    object: "response",
    created_at: frame.created_at,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    max_tool_calls: request.max_tool_calls ?? null,
    model: frame.model,
    output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: "default",
    store: request.store !== false,
    temperature: request.temperature ?? 1,
    text: { format: { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: (request.tools ?? []).map((tool) => ({
      type: "function",
      name: tool.name,
      description: tool.description ?? null,
      parameters: tool.parameters ?? null,
      strict: tool.strict ?? false,
    })),
    top_p: request.top_p ?? 1,
    truncation: "disabled",
    usage,
    user: request.user ?? null,
    metadata: request.metadata ?? {},
    ...extensions,
  };
}
