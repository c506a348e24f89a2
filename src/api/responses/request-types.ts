/** The request shape that request.schema.json accepts (kept in step with the schema). */
import type { JSONSchema } from "../../tools/schema-types.js";

export interface ContentPart {
  type: "input_text" | "output_text" | "refusal" | "input_image" | "input_file" | "input_audio";
  text?: string;
  refusal?: string;
  [other: string]: unknown;
}

export type ItemContent = string | ContentPart[];

export interface MessageItem {
  type?: "message";
  id?: string;
  status?: string;
  role: "user" | "assistant" | "system" | "developer";
  content: ItemContent;
}

export interface FunctionCallItem {
  type: "function_call";
  id?: string;
  status?: string;
  call_id: string;
  name: string;
  arguments: string;
}

export interface FunctionCallOutputItem {
  type: "function_call_output";
  id?: string | null;
  status?: string | null;
  call_id: string;
  output: ItemContent;
}

export interface ItemReference {
  type: "item_reference";
  id: string;
}

export type InputItem = MessageItem | FunctionCallItem | FunctionCallOutputItem | ItemReference;

export interface ResponsesTool {
  type: "function";
  name: string;
  description?: string | null;
  parameters?: JSONSchema | null;
  strict?: boolean | null;
}

export type ResponsesToolChoice = "none" | "auto" | "required" | { type: "function"; name: string };

export interface ResponsesRequest {
  model: string;
  input?: string | InputItem[];
  instructions?: string | null;
  tools?: ResponsesTool[];
  tool_choice?: ResponsesToolChoice;
  parallel_tool_calls?: boolean | null;
  previous_response_id?: string | null;
  store?: boolean | null;
  metadata?: Record<string, string> | null;
  stream?: boolean | null;
  temperature?: number | null;
  top_p?: number | null;
  max_output_tokens?: number | null;
  user?: string;
  background?: boolean | null;
  conversation?: unknown;
  prompt?: unknown;
  [other: string]: unknown;
}
