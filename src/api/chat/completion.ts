/** The non-streaming `chat.completion` body. */
import type { AssistantAnswer } from "./answer.js";
import type { EdgecallMetadata } from "./metadata.js";
import type { Usage } from "./usage.js";

export interface CompletionContext {
  id: string;
  created: number;
  model: string;
  answer: AssistantAnswer;
  usage: Usage;
  metadata: EdgecallMetadata;
}

export function completionBody(context: CompletionContext): Record<string, unknown> {
  const { answer } = context;
  const message: Record<string, unknown> = { role: "assistant", content: answer.content, refusal: null };
  if (answer.tool_calls.length > 0) message.tool_calls = answer.tool_calls;
  Object.assign(message, answer.extensions);
  return {
    id: context.id,
    object: "chat.completion",
    created: context.created,
    model: context.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: answer.finish_reason }],
    usage: context.usage,
    system_fingerprint: null,
    x_edgecall: context.metadata,
  };
}
