/**
 * Clothing sizes: an enum of size codes (XS, S, M, L, XL, XXL) takes the size the last message spells out ("extra
 * large", "a small", "medium"), which the option heads read badly from letters that short.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import type { SlotFill } from "../../tools/types.js";
import { lastMessage } from "./assigned.js";
import { perCompiled } from "../per-tool.js";

/** Size codes and how they are written out; the longer words first, so that "extra large" is not read as "large". */
const SPELLED: [code: string, pattern: string][] = [
  ["XXL", "(?:extra[- ]extra[- ]large|xx[- ]large|double[- ]extra[- ]large|2xl)"],
  ["XXS", "(?:extra[- ]extra[- ]small|xx[- ]small)"],
  ["XL", "(?:extra[- ]large|x[- ]large)"],
  ["XS", "(?:extra[- ]small|x[- ]small)"],
  ["L", "large"],
  ["M", "medium"],
  ["S", "small"],
];
const WRITTEN = new RegExp(SPELLED.map(([, p]) => `\\b(${p})\\b`).join("|"), "gi");

/** The size codes the text spells out, each once. */
function spelledSizes(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(WRITTEN)) found.add((SPELLED[m.slice(1).findIndex((g) => g !== undefined)] as [string, string])[0]);
  return [...found];
}

/** Each enum's options as size codes (null for one that is none), read once per compiled tool set. */
const sizeCodes = perCompiled((fill: Extract<SlotFill, { kind: "enum" }>): (string | null)[] =>
  fill.options.map((o) => (typeof o === "string" && SPELLED.some(([c]) => c === o.toUpperCase()) ? o.toUpperCase() : null)),
);

/** The one allowed option of an enum of size codes (three or more of them) that the last message spells out, or null. */
export function sizedOption(conversation: SerializedConversation, fill: Extract<SlotFill, { kind: "enum" }>): number | null {
  const codes = sizeCodes(fill);
  if (codes.filter((c) => c !== null).length < 3) return null;
  const [only, ...more] = spelledSizes(lastMessage(conversation)?.text ?? "");
  if (only === undefined || more.length > 0) return null;
  const k = codes.indexOf(only);
  return k >= 0 && fill.allowed[k] ? k : null;
}
