/**
 * Conversation serialisation (wasm/CONTRACT.md): [cls] then, per message, its role id and the UTF-8 bytes of its
 * text; truncated to the last T_max - 1 ids after cls. Every position maps back to (message, byte offset).
 */
import type { ChatMessage, Role, Truncation } from "../caller/types.js";
import type { SpecialTokenIds } from "./config.js";

export interface SerializedConversation {
  ids: Int32Array;
  /** Message index per position; -1 for cls. */
  message: Int32Array;
  /** Byte offset in the message text per position; -1 for cls and role ids. */
  offset: Int32Array;
  /** UTF-8 bytes of each message's text, for mapping spans back to substrings. */
  texts: Uint8Array[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

function roleId(role: Role, special: SpecialTokenIds): number {
  switch (role) {
    case "system":
    case "developer":
      return special.system;
    case "user":
      return special.user;
    case "assistant":
      return special.assistant;
    case "tool":
      return special.tool;
  }
}

function argumentsText(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw || "{}");
  } catch {
    return raw;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return raw;
  return Object.entries(parsed)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(", ");
}

/** The text a message contributes: its content, then its tool calls as `name(arg=value, ...)` joined by `; `. */
export function messageText(message: ChatMessage): string {
  const content = message.content ?? "";
  const calls = (message.tool_calls ?? []).map((call) => `${call.function.name}(${argumentsText(call.function.arguments)})`);
  if (calls.length === 0) return content;
  return (content ? `${content} ` : "") + calls.join("; ");
}

export function serializeConversation(messages: readonly ChatMessage[], special: SpecialTokenIds, maxTokens: number): SerializedConversation {
  const texts = messages.map((message) => encoder.encode(messageText(message)));
  const total = 1 + texts.reduce((sum, bytes) => sum + 1 + bytes.length, 0);
  const length = Math.min(total, maxTokens);
  const ids = new Int32Array(length);
  const message = new Int32Array(length);
  const offset = new Int32Array(length);
  ids[0] = special.cls;
  message[0] = -1;
  offset[0] = -1;
  // Positions of the full sequence before `skip` are dropped (all but cls), so that the last maxTokens-1 remain.
  const skip = total - length;
  let full = 1;
  let t = 1;
  const put = (id: number, mi: number, off: number): void => {
    if (full++ < skip + 1) return;
    ids[t] = id;
    message[t] = mi;
    offset[t] = off;
    t++;
  };
  messages.forEach((msg, mi) => {
    const bytes = texts[mi] as Uint8Array;
    if (full + 1 + bytes.length <= skip + 1) {
      full += 1 + bytes.length;
      return;
    }
    put(roleId(msg.role, special), mi, -1);
    for (let b = 0; b < bytes.length; b++) put(bytes[b] as number, mi, b);
  });
  return { ids, message, offset, texts };
}

/**
 * What serializeConversation leaves out of `messages` at `maxTokens` positions: bytes of message text read and
 * there, and the earliest messages not read at all; null when every byte of text is read (a dropped role id
 * alone is not reported).
 */
export function conversationTruncation(messages: readonly ChatMessage[], maxTokens: number): Truncation | null {
  const lengths = messages.map((message) => encoder.encode(messageText(message)).length);
  const totalBytes = lengths.reduce((sum, length) => sum + length, 0);
  const skip = 1 + messages.length + totalBytes - Math.min(1 + messages.length + totalBytes, maxTokens);
  if (skip === 0) return null;
  // Positions 1..skip of the full sequence are dropped; a message starts with its role id at `start`.
  let start = 1;
  let readBytes = 0;
  let dropped = 0;
  for (const length of lengths) {
    if (start + length <= skip) dropped++;
    readBytes += Math.min(length, Math.max(0, start + length - skip));
    start += 1 + length;
  }
  return readBytes === totalBytes ? null : { read_bytes: readBytes, total_bytes: totalBytes, dropped_messages: dropped };
}

/** The text of the conversation's last message (whole characters, unlike a message view's ASCII), or null. */
export function lastMessageText(conversation: SerializedConversation): string | null {
  const mi = conversation.message[conversation.ids.length - 1] ?? -1;
  return mi < 0 ? null : decoder.decode(conversation.texts[mi] as Uint8Array);
}

/** The text of a position's message before that position; null for cls and role ids. */
export function messageTextBefore(conversation: SerializedConversation, position: number): string | null {
  const mi = conversation.message[position] ?? -1;
  const offset = conversation.offset[position] ?? -1;
  if (mi < 0 || offset < 0) return null;
  return decoder.decode((conversation.texts[mi] as Uint8Array).subarray(0, offset));
}

/**
 * The substring of positions start..end (inclusive), or null if they are not inside one message's text.
 * A span cut inside a multi-byte character is widened to whole characters.
 */
export function spanText(conversation: SerializedConversation, start: number, end: number): string | null {
  if (start < 0 || end < start || end >= conversation.ids.length) return null;
  const mi = conversation.message[start] as number;
  if (mi < 0 || conversation.message[end] !== mi) return null;
  let from = conversation.offset[start] as number;
  let to = (conversation.offset[end] as number) + 1;
  if (from < 0) return null;
  const bytes = conversation.texts[mi] as Uint8Array;
  while (from > 0 && ((bytes[from] as number) & 0xc0) === 0x80) from--;
  while (to < bytes.length && ((bytes[to] as number) & 0xc0) === 0x80) to++;
  return decoder.decode(bytes.subarray(from, to));
}
