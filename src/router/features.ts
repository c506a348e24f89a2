/**
 * What the router knows before the model runs, computed from the request alone in well under a millisecond:
 * size, turns, tools, parameters the edge cannot point at, how many actions the last user turn asks for, the
 * attention window it needs, and whether the turn wants prose rather than a call.
 */
import type { ChatMessage, ToolCallRequest, ToolDefinition } from "../caller/types.js";

export type TextOnlyKind = "no_tools" | "after_tool_result" | "chit_chat";

export interface RouteFeatures {
  /** UTF-8 bytes of the conversation text (what the edge model reads, before its own truncation). */
  bytes: number;
  /** User turns. */
  turns: number;
  tools: number;
  /** Parameters, at any depth, whose value is an object without listed properties or an array of objects. */
  nested_parameters: number;
  /** Actions the last user turn asks for (clauses joined by "and then", "also", ";", "and <verb>", ...). */
  actions: number;
  /** Bytes of the longest sentence of the last user turn, rounded up to a power of two (at least 8). */
  window: number;
  /** Set when the turn wants prose: no tools (or tool_choice "none"), the answer after a tool result, chit-chat. */
  text_only: TextOnlyKind | null;
}

const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).byteLength;

const ACTION_VERBS =
  "add|book|buy|calculate|call|cancel|change|check|compare|compute|convert|create|delete|email|fetch|find|get|give|list|look|make|notify|order|play|post|remove|reserve|retrieve|schedule|search|send|set|show|tell|track|update|upload";
const JOINERS = new RegExp(
  `\\band then\\b|\\bafter that\\b|\\bafterwards\\b|\\badditionally\\b|\\balso\\b|\\bthen\\b|;|\\band (?:please |also )?(?:${ACTION_VERBS})\\b`,
  "gi",
);

/** A whole turn that is only a greeting, thanks, a farewell or small talk. */
const CHIT_CHAT =
  /^(?:hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening|night)|thanks?(?: you)?|thx|cheers|ok(?:ay)?|cool|great|nice|awesome|bye|goodbye|see you|how are you(?: doing)?|who are you|what can you do)(?:[\s,]+(?:there|so much|a lot|again|everyone|all|very much|today|bot|friend))*[\s!.,?:)(]*$/i;

function lastUser(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === "user") return message.content ?? "";
  }
  return "";
}

function isObjectLike(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const type = (schema as { type?: unknown }).type;
  return type === "object" || (Array.isArray(type) && type.includes("object"));
}

/** Counts values the edge cannot point at: free-form objects and arrays of objects. */
function nestedCount(schema: unknown, depth = 0): number {
  if (typeof schema !== "object" || schema === null || depth > 8) return 0;
  const node = schema as { properties?: unknown; items?: unknown };
  let count = 0;
  const properties = typeof node.properties === "object" && node.properties !== null ? Object.values(node.properties) : [];
  for (const sub of properties) {
    const items = typeof sub === "object" && sub !== null ? (sub as { items?: unknown }).items : undefined;
    if (isObjectLike(items)) count++;
    else if (isObjectLike(sub) && !hasProperties(sub)) count++;
    count += nestedCount(sub, depth + 1);
  }
  return count;
}

function hasProperties(schema: unknown): boolean {
  const properties = (schema as { properties?: unknown }).properties;
  return typeof properties === "object" && properties !== null && Object.keys(properties).length > 0;
}

function textOnly(request: ToolCallRequest, last: string): TextOnlyKind | null {
  if (request.tools.length === 0 || request.tool_choice === "none") return "no_tools";
  if (request.messages[request.messages.length - 1]?.role === "tool") return "after_tool_result";
  if (typeof request.tool_choice === "object" || request.tool_choice === "required") return null;
  return CHIT_CHAT.test(last.trim()) ? "chit_chat" : null;
}

function windowFor(text: string): number {
  let longest = 0;
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) longest = Math.max(longest, byteLength(sentence));
  let window = 8;
  while (window < longest) window *= 2;
  return window;
}

export function routeFeatures(request: ToolCallRequest): RouteFeatures {
  let bytes = 0;
  let turns = 0;
  for (const message of request.messages) {
    bytes += byteLength(message.content ?? "");
    if (message.role === "user") turns++;
  }
  const last = lastUser(request.messages);
  return {
    bytes,
    turns,
    tools: request.tools.length,
    nested_parameters: request.tools.reduce((sum, tool: ToolDefinition) => sum + nestedCount(tool.function.parameters), 0),
    actions: 1 + (last.match(JOINERS)?.length ?? 0),
    window: windowFor(last),
    text_only: textOnly(request, last),
  };
}
