/**
 * The origin's side of the wire: the request body we send (OpenAI Chat Completions) and what we read back, a whole
 * `chat.completion` or its `chat.completion.chunk` stream, into one OriginCompletion. Anything off-shape is a
 * `bad_response` failure.
 */
import type { ChatMessage, ToolChoice, ToolDefinition } from "../caller/types.js";
import { OriginError } from "./errors.js";

export interface OriginRequest {
  messages: ChatMessage[];
  tools: ToolDefinition[];
  tool_choice: ToolChoice;
  parallel_tool_calls: boolean;
  /** Model name for the origin when ORIGIN_MODEL is unset. */
  model: string;
  /** Sampling fields passed through as the client sent them (temperature, max_tokens, ...). */
  extra?: Record<string, unknown>;
}

export interface OriginToolCall {
  id: string;
  name: string;
  /** The JSON text the origin produced, validated before anything is forwarded. */
  arguments: string;
}

export interface OriginUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface OriginCompletion {
  content: string | null;
  tool_calls: OriginToolCall[];
  finish_reason: string;
  model: string | null;
  usage: OriginUsage | null;
}

function wireMessage(message: ChatMessage): Record<string, unknown> {
  const out: Record<string, unknown> = { role: message.role, content: message.content };
  if (message.tool_calls !== undefined) out.tool_calls = message.tool_calls;
  if (message.tool_call_id !== undefined) out.tool_call_id = message.tool_call_id;
  if (message.name !== undefined) out.name = message.name;
  return out;
}

export function originBody(request: OriginRequest, model: string, stream: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { ...request.extra, model, messages: request.messages.map(wireMessage), stream };
  if (request.tools.length > 0) {
    body.tools = request.tools;
    body.tool_choice = request.tool_choice;
    body.parallel_tool_calls = request.parallel_tool_calls;
  }
  if (stream) body.stream_options = { include_usage: true };
  return body;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function bad(what: string): OriginError {
  return new OriginError("bad_response", `the origin's answer is not an OpenAI chat completion (${what})`);
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bad("not JSON");
  }
}

function usageOf(value: unknown): OriginUsage | null {
  if (!isObject(value)) return null;
  const { prompt_tokens: p, completion_tokens: c, total_tokens: t } = value;
  if (typeof p !== "number" || typeof c !== "number") return null;
  return { prompt_tokens: p, completion_tokens: c, total_tokens: typeof t === "number" ? t : p + c };
}

function upstreamError(value: Record<string, unknown>): OriginError | undefined {
  if (!("error" in value) || value.error === null || value.error === undefined) return undefined;
  const message = isObject(value.error) && typeof value.error.message === "string" ? value.error.message : "no message";
  return new OriginError("bad_response", `the origin answered with an error: ${message.slice(0, 200)}`);
}

function toolCallsOf(value: unknown): OriginToolCall[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw bad("tool_calls is not a list");
  return value.map((item, index) => {
    if (!isObject(item) || !isObject(item.function) || typeof item.function.name !== "string") throw bad(`tool_calls[${index}]`);
    const args = item.function.arguments;
    return {
      id: typeof item.id === "string" ? item.id : `call_${index}`,
      name: item.function.name,
      arguments: typeof args === "string" ? args : JSON.stringify(args ?? {}),
    };
  });
}

/** A whole `chat.completion` body. */
export function parseCompletion(json: unknown): OriginCompletion {
  if (!isObject(json)) throw bad("not an object");
  const error = upstreamError(json);
  if (error) throw error;
  const choice: unknown = Array.isArray(json.choices) ? json.choices[0] : undefined;
  if (!isObject(choice) || !isObject(choice.message)) throw bad("no choices[0].message");
  const { content } = choice.message;
  if (content !== null && content !== undefined && typeof content !== "string") throw bad("content is not text");
  return {
    content: typeof content === "string" ? content : null,
    tool_calls: toolCallsOf(choice.message.tool_calls),
    finish_reason: typeof choice.finish_reason === "string" ? choice.finish_reason : "stop",
    model: typeof json.model === "string" ? json.model : null,
    usage: usageOf(json.usage),
  };
}

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

/** Folds `chat.completion.chunk`s into one completion; `add` returns the content text a chunk carries. */
export class ChunkAccumulator {
  private content: string[] = [];
  private readonly calls = new Map<number, PartialCall>();
  private finish: string | null = null;
  private model: string | null = null;
  private usage: OriginUsage | null = null;

  get finished(): boolean {
    return this.finish !== null;
  }

  add(chunk: unknown): string {
    if (!isObject(chunk)) throw bad("a chunk is not an object");
    const error = upstreamError(chunk);
    if (error) throw error;
    if (typeof chunk.model === "string") this.model = chunk.model;
    const usage = usageOf(chunk.usage);
    if (usage) this.usage = usage;
    if (!Array.isArray(chunk.choices)) throw bad("a chunk has no choices");
    const choice: unknown = chunk.choices[0];
    if (choice === undefined) return "";
    if (!isObject(choice)) throw bad("a chunk's choice is not an object");
    if (typeof choice.finish_reason === "string") this.finish = choice.finish_reason;
    const delta = choice.delta;
    if (delta === undefined || delta === null) return "";
    if (!isObject(delta)) throw bad("a chunk's delta is not an object");
    if (Array.isArray(delta.tool_calls)) for (const piece of delta.tool_calls) this.addCall(piece);
    if (typeof delta.content === "string" && delta.content !== "") {
      this.content.push(delta.content);
      return delta.content;
    }
    return "";
  }

  private addCall(piece: unknown): void {
    if (!isObject(piece)) throw bad("a tool-call delta is not an object");
    const index = typeof piece.index === "number" ? piece.index : this.calls.size;
    const call = this.calls.get(index) ?? { id: `call_${index}`, name: "", arguments: "" };
    if (typeof piece.id === "string") call.id = piece.id;
    if (isObject(piece.function)) {
      if (typeof piece.function.name === "string") call.name += piece.function.name;
      if (typeof piece.function.arguments === "string") call.arguments += piece.function.arguments;
    }
    this.calls.set(index, call);
  }

  result(): OriginCompletion {
    const text = this.content.join("");
    return {
      content: text === "" && this.calls.size > 0 ? null : text,
      tool_calls: [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call),
      finish_reason: this.finish ?? "stop",
      model: this.model,
      usage: this.usage,
    };
  }
}
