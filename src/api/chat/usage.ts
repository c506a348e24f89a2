/**
 * Token usage. The edge model reads bytes (byte-level tokenizer, see wasm/CONTRACT.md), so prompt tokens are the
 * UTF-8 bytes of the message texts and tool definitions it reads, and completion tokens the bytes of the answer.
 */
import type { ToolCallRequest } from "../../caller/types.js";
import type { AssistantAnswer } from "./answer.js";

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

const encoder = new TextEncoder();
const bytes = (text: string): number => encoder.encode(text).byteLength;

export function usageOf(request: ToolCallRequest, answer: AssistantAnswer): Usage {
  let prompt = 0;
  for (const message of request.messages) {
    prompt += bytes(message.content ?? "");
    for (const call of message.tool_calls ?? []) prompt += bytes(call.function.name) + bytes(call.function.arguments);
  }
  for (const tool of request.tools) prompt += bytes(JSON.stringify(tool.function));
  let completion = bytes(answer.content ?? "");
  for (const call of answer.tool_calls) completion += bytes(call.function.name) + bytes(call.function.arguments);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}
