/**
 * The tool-caller interface: the one seam between the HTTP worker, the eval CLI and the benchmarks on one side,
 * and whatever model answers on the other (the edge model, the GPU origin, a test double).
 */
import type { JSONSchema } from "../tools/schema-types.js";

export type Role = "system" | "developer" | "user" | "assistant" | "tool";

export interface ToolCallMessage {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: Role;
  /** Text content; content-part arrays are flattened to text by the API layer before they reach a caller. */
  content: string | null;
  tool_calls?: ToolCallMessage[];
  tool_call_id?: string;
  name?: string;
}

export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: JSONSchema;
  strict?: boolean;
}

export interface ToolDefinition {
  type: "function";
  function: FunctionDefinition;
}

export type ToolChoice = "auto" | "none" | "required" | { type: "function"; function: { name: string } };

export interface ToolCallRequest {
  messages: ChatMessage[];
  tools: ToolDefinition[];
  tool_choice: ToolChoice;
  parallel_tool_calls: boolean;
}

/**
 * What tool_choice and parallel_tool_calls allow, resolved once per request (decodeContextOf in src/caller/context.ts)
 * and read by the model caller and the decoder's enforce stage (src/decode/enforce/constraints.ts), the one place
 * that applies it.
 */
export interface DecodeContext {
  /** Names of the tools a call may name: every tool of the request, the one tool_choice names, none for "none" (no call). */
  allowedTools: ReadonlySet<string>;
  /** The tool tool_choice names (it alone may be called, and it is called), or null. */
  forcedTool: string | null;
  /** tool_choice "required" or a named function: the answer calls a tool. */
  mustCall: boolean;
  /** tool_choice "auto": the decoder may call a tool its count head doubts (no-call rescue, calls beside the plan). */
  modelChooses: boolean;
  /** parallel_tool_calls: several calls in one answer (without it, at most one). */
  parallel: boolean;
}

export interface DecodedCall {
  name: string;
  arguments: Record<string, unknown>;
  /** Product of the probabilities of every decision behind this call, in [0, 1]. */
  confidence: number;
  /** Confidence of each argument value, by slot path (`address.city`). */
  argument_confidence: Record<string, number>;
}

export interface MissingArguments {
  name: string;
  parameters: string[];
}

/** What the guards (src/risk) and the reader add to an answer, beyond its kind. */
export interface ResultNotes {
  /** Tools whose results came back since the user last spoke, when nothing is left to call: the agent loop ends. */
  tool_results_ready?: string[];
  /** High-risk tools not called for lack of evidence in the request. */
  held_back?: string[];
  /** High-risk tools not called because the tenant is over its rate limit for them. */
  rate_limited?: string[];
  /** The reader read only the last part of the conversation. */
  truncated?: Truncation;
  /** The reader's memory vector of each request message (null where it did not read the message): src/model/memory.ts. */
  memory?: Array<Float32Array | null>;
}

export interface Truncation {
  /** Bytes of conversation text the reader read, and how many there were. */
  read_bytes: number;
  total_bytes: number;
  /** Messages the reader did not read at all (the earliest ones). */
  dropped_messages: number;
}

/** What a tool caller answers. `not_expressible` means: this caller cannot answer it; route it elsewhere. */
export type ToolCallResult = (
  | { kind: "calls"; calls: DecodedCall[]; confidence: number }
  | { kind: "missing"; missing: MissingArguments[]; confidence: number }
  | { kind: "no_call"; confidence: number }
  | { kind: "not_expressible"; reason: string; confidence: number }
) & { notes?: ResultNotes };

export interface ToolCaller {
  /** Model id reported in responses and /v1/models. */
  readonly id: string;
  call(request: ToolCallRequest): Promise<ToolCallResult>;
}
