/**
 * Slot memory: the values earlier calls and tool outputs carried (ids, numbers, short codes), kept with each turn so
 * that when a long chain's turn is not read again, its values still are ("cancel it" still finds the order). The
 * values of turns left out are read as one short tool message at the start of the history.
 */
import type { ChatMessage } from "../caller/types.js";
import type { SlotValue } from "./record.js";

/** Values kept per turn, and the longest value kept. */
export const MAX_SLOTS_PER_TURN = 8;
const MAX_VALUE_CHARS = 48;

function leaves(value: unknown, name: string, out: SlotValue[]): void {
  if (out.length >= MAX_SLOTS_PER_TURN * 4) return;
  if (typeof value === "string") {
    if (value !== "" && value.length <= MAX_VALUE_CHARS) out.push({ name, value });
  } else if (typeof value === "number" || typeof value === "boolean") {
    if (typeof value !== "number" || Number.isFinite(value)) out.push({ name, value });
  } else if (Array.isArray(value)) {
    value.slice(0, 4).forEach((item) => leaves(item, name, out));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) leaves(item, key, out);
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Id-like values first (names ending in id, number, code), then the rest, newest message first; at most 8. */
export function slotsOf(messages: readonly ChatMessage[]): SlotValue[] {
  const found: SlotValue[] = [];
  for (const message of [...messages].reverse()) {
    for (const call of message.tool_calls ?? []) leaves(parsed(call.function.arguments), call.function.name, found);
    if (message.role === "tool" && message.content !== null) leaves(parsed(message.content), "result", found);
  }
  const idLike = (slot: SlotValue): boolean => /(id|number|code|ref)$/i.test(slot.name);
  const seen = new Set<string>();
  const unique = [...found.filter(idLike), ...found.filter((slot) => !idLike(slot))].filter((slot) => {
    const key = `${slot.name}=${String(slot.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.slice(0, MAX_SLOTS_PER_TURN);
}

/** The values of turns not read, newest first, as one tool message of at most `maxBytes` bytes of text. */
export function slotMessage(slots: readonly SlotValue[], maxBytes: number): ChatMessage | undefined {
  const parts: string[] = [];
  const seen = new Set<string>();
  let bytes = "Earlier values: ".length;
  for (const slot of slots) {
    const part = `${slot.name}=${JSON.stringify(slot.value)}`;
    if (seen.has(part)) continue;
    const cost = new TextEncoder().encode(part).byteLength + 2;
    if (bytes + cost > maxBytes) break;
    seen.add(part);
    parts.push(part);
    bytes += cost;
  }
  return parts.length === 0 ? undefined : { role: "tool", tool_call_id: "memory", content: `Earlier values: ${parts.join(", ")}` };
}
