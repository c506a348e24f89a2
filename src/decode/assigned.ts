/**
 * A value the conversation assigns to a parameter by its name ("a=1, b=-3", "order_id: A-1042"): the user has said
 * which value is which, whatever the pointer heads make of a name too short for the matching features.
 */
import type { SerializedConversation } from "../model/serialize.js";
import { messageView } from "./lists.js";
import type { Span } from "./spans.js";

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Where a value assigned by name lies (no pointer scores: the text says it). */
export type AssignedSpan = Omit<Span, "probability" | "score">;

/**
 * The span of the one-word value assigned to `name` in the conversation's last message, or null. The value must end
 * its clause (a comma, semicolon, closing bracket, the sentence's end or "and" with the next assignment follows), so
 * "city: Dawson Creek" assigns nothing rather than "Dawson", and "b=5 and c=3" assigns 5 to b.
 */
export function assignedSpan(conversation: SerializedConversation, name: string): AssignedSpan | null {
  if (!/^[\w.-]+$/.test(name)) return null;
  const pattern = new RegExp(String.raw`(?<![\w.-])${escape(name)}\s*[=:]\s*(?![\s,;])`, "ig");
  let last = conversation.ids.length - 1;
  while (last >= 0 && (conversation.offset[last] as number) < 0) last--;
  if (last < 0) return null;
  const view = messageView(conversation, last);
  let found: { start: number; end: number } | null = null;
  for (const m of view.text.matchAll(pattern)) {
    const from = (m.index as number) + m[0].length;
    const token = /^([^\s,;]+?)[.)\]'"]*(?=[,;)\]]|\s*[.!?]?\s*$|\.\s|\s+and\s+[\w.-]+\s*[=:])/.exec(view.text.slice(from));
    const value = token?.[1]?.replace(/^['"]/, "") ?? "";
    if (value) {
      const start = from + (view.text[from] === "'" || view.text[from] === '"' ? 1 : 0);
      found = { start: view.first + start, end: view.first + start + value.length - 1 };
    }
  }
  return found;
}
