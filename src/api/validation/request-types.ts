/** The request shape that chat-completions-request.schema.json accepts (kept in step with the schema). */
import type { JSONSchema } from "../../tools/schema-types.js";

export interface TextPart {
  type: "text";
  text: string;
}

export type TextContent = string | TextPart[];

export interface RequestToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export type RequestMessage =
  | { role: "system" | "developer" | "user"; content: TextContent; name?: string }
  | { role: "assistant"; content?: TextContent | null; refusal?: string | null; name?: string; tool_calls?: RequestToolCall[] }
  | { role: "tool"; content: TextContent; tool_call_id: string };

export interface RequestTool {
  type: "function";
  function: { name: string; description?: string; parameters?: JSONSchema; strict?: boolean | null };
}

export type RequestToolChoice = "none" | "auto" | "required" | { type: "function"; function: { name: string } };

export interface ChatCompletionsRequest {
  model: string;
  messages: RequestMessage[];
  tools?: RequestTool[];
  tool_choice?: RequestToolChoice;
  parallel_tool_calls?: boolean | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  [other: string]: unknown;
}
