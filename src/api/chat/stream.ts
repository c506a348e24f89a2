/**
 * The same answer as Server-Sent Events in OpenAI's `chat.completion.chunk` format: a role chunk, the content or
 * the tool calls (name first, then the arguments in pieces), a finish chunk, an optional usage chunk, `[DONE]`.
 */
import type { CompletionContext } from "./completion.js";

const ARGUMENT_PIECE = 32;

function pieces(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += ARGUMENT_PIECE) out.push(text.slice(i, i + ARGUMENT_PIECE));
  return out;
}

export function streamChunks(context: CompletionContext, includeUsage: boolean): Record<string, unknown>[] {
  const { answer } = context;
  const base = { id: context.id, object: "chat.completion.chunk", created: context.created, model: context.model };
  const usageField = includeUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> => ({
    ...base,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...usageField,
  });

  const chunks: Record<string, unknown>[] = [];
  if (answer.tool_calls.length > 0) {
    chunks.push(chunk({ role: "assistant", content: null, refusal: null }));
    answer.tool_calls.forEach((call, index) => {
      chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] }));
      for (const piece of pieces(call.function.arguments)) {
        chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
      }
    });
  } else {
    chunks.push(chunk({ role: "assistant", content: "", refusal: null }));
    chunks.push(chunk({ content: answer.content ?? "", ...answer.extensions }));
  }
  chunks.push({ ...chunk({}, answer.finish_reason), x_edgecall: context.metadata });
  if (includeUsage) chunks.push({ ...base, system_fingerprint: null, choices: [], usage: context.usage });
  return chunks;
}

export function sseBody(chunks: readonly Record<string, unknown>[]): string {
  return chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("") + "data: [DONE]\n\n";
}
