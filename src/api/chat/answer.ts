/**
 * The OpenAI-facing assistant message for each kind of tool-caller result. Calls become `tool_calls`; everything
 * else is plain assistant text, with the machine-readable detail in `x_`-prefixed fields.
 */
import type { ToolCallResult } from "../../caller/types.js";
import { toolCallId } from "./ids.js";

export interface AnswerToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface AssistantAnswer {
  content: string | null;
  tool_calls: AnswerToolCall[];
  finish_reason: "stop" | "tool_calls";
  /** `x_` fields added to the message. */
  extensions: Record<string, unknown>;
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1] ?? ""}`;
}

export function answerFor(result: ToolCallResult): AssistantAnswer {
  switch (result.kind) {
    case "calls":
      return {
        content: null,
        tool_calls: result.calls.map((call) => ({
          id: toolCallId(),
          type: "function",
          function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        })),
        finish_reason: "tool_calls",
        extensions: {},
      };
    case "missing": {
      const asks = result.missing.map((item) => `${listWords(item.parameters)} (for ${item.name})`);
      return {
        content: `I need a bit more information to do that: please tell me the ${listWords(asks)}.`,
        tool_calls: [],
        finish_reason: "stop",
        extensions: {
          x_missing_arguments: result.missing.map((item) => ({ name: item.name, parameters: item.parameters })),
          ...(result.notes?.held_back ? { x_held_back: result.notes.held_back } : {}),
        },
      };
    }
    case "no_call": {
      const ready = result.notes?.tool_results_ready ?? [];
      const limited = result.notes?.rate_limited ?? [];
      return {
        content:
          limited.length > 0
            ? `Not calling ${listWords(limited)}: the limit on such calls for this API key is reached. Please try again later.`
            : ready.length > 0
              ? `The result of ${listWords(ready)} is ready.`
              : "None of the available tools applies to this request.",
        tool_calls: [],
        finish_reason: "stop",
        extensions: result.notes?.held_back ? { x_held_back: result.notes.held_back } : {},
      };
    }
    case "not_expressible":
      return {
        content: "I can't answer this request with a tool call here: a value it needs cannot be taken from the conversation.",
        tool_calls: [],
        finish_reason: "stop",
        extensions: { x_not_expressible: { reason: result.reason } },
      };
  }
}
