/** The parts of a conversation the guards read: the user's latest words, the system text, the calls already made. */
import type { ChatMessage } from "../caller/types.js";

const text = (message: ChatMessage): string => message.content ?? "";

export function lastUserIndex(messages: readonly ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return i;
  return -1;
}

/** The last user message, and the one before it when the assistant answered in between without a call (a question). */
export function latestUserText(messages: readonly ChatMessage[]): string {
  const last = lastUserIndex(messages);
  if (last < 0) return "";
  const before = messages.slice(0, last);
  const previous = lastUserIndex(before);
  const asked = previous >= 0 && before.slice(previous + 1).some((m) => m.role === "assistant" && (m.tool_calls ?? []).length === 0);
  return asked ? `${text(messages[previous] as ChatMessage)}\n${text(messages[last] as ChatMessage)}` : text(messages[last] as ChatMessage);
}

/** Text the instructions come from (system, developer): never a source of argument values. */
export function instructionText(messages: readonly ChatMessage[]): string {
  return messages
    .filter((m) => m.role === "system" || m.role === "developer")
    .map(text)
    .join("\n");
}

/** Text values may come from: what the user wrote, tool results, the assistant's earlier calls. */
export function valueText(messages: readonly ChatMessage[]): string {
  return messages
    .filter((m) => m.role !== "system" && m.role !== "developer")
    .map((m) => [text(m), ...(m.tool_calls ?? []).map((c) => c.function.arguments)].join("\n"))
    .join("\n");
}

export interface PastCall {
  name: string;
  /** Canonical JSON of the arguments (keys sorted). */
  key: string;
}

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function parsed(raw: string): unknown {
  try {
    return JSON.parse(raw || "{}");
  } catch {
    return raw;
  }
}

/** Calls the assistant already made, and which of them were made (and answered) since the user last spoke. */
export function pastCalls(messages: readonly ChatMessage[]): { all: PastCall[]; answeredThisTurn: PastCall[] } {
  const last = lastUserIndex(messages);
  const answered = new Set(messages.filter((m) => m.role === "tool").map((m) => m.tool_call_id));
  const all: PastCall[] = [];
  const answeredThisTurn: PastCall[] = [];
  messages.forEach((message, i) => {
    for (const call of message.role === "assistant" ? (message.tool_calls ?? []) : []) {
      const past = { name: call.function.name, key: canonical(parsed(call.function.arguments)) };
      all.push(past);
      if (i > last && answered.has(call.id)) answeredThisTurn.push(past);
    }
  });
  return { all, answeredThisTurn };
}

/** Case- and space-insensitive containment. */
export function mentions(haystack: string, value: string): boolean {
  const fold = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
  const needle = fold(value);
  return needle !== "" && fold(haystack).includes(needle);
}
