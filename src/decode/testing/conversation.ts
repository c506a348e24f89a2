/**
 * Test helper: user messages serialised as the model reads them, spans named by the text they cover, and spans read
 * back as text.
 */
import { serializeConversation, spanText } from "../../model/serialize.js";
import type { Span } from "../read/spans.js";

export const SPECIAL_IDS = { pad: 256, cls: 257, user: 258, assistant: 259, tool: 260, system: 261, sep: 262 };

export function userConversation(...texts: string[]) {
  const conversation = serializeConversation(
    texts.map((content) => ({ role: "user" as const, content })),
    SPECIAL_IDS,
    512,
  );
  /** The span over the first occurrence of `text` in message `message`. */
  const at = (message: number, text: string, probability = 0.9): Span => {
    const bytes = new TextEncoder().encode(text);
    const offset = new TextEncoder().encode(texts[message] as string).findIndex((_, i, all) => bytes.every((b, j) => all[i + j] === b));
    const start = conversation.offset.findIndex((o, t) => o === offset && conversation.message[t] === message);
    return { start, end: start + bytes.length - 1, probability, score: 4 };
  };
  const read = (spans: Span[]) => spans.map((s) => spanText(conversation, s.start, s.end));
  return { conversation, at, read };
}
