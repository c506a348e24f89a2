/**
 * Sort orders: an enum whose options carry a direction ("price_asc" / "price_desc", "ascending" / "descending",
 * "PRICE_LOW_TO_HIGH") takes the option whose direction the last message states in words ("cheapest first", "highest
 * price first", "from low to high"), which the option heads tell apart badly (asc and desc read alike to them).
 */
import type { SerializedConversation } from "../../model/serialize.js";
import type { SlotFill } from "../../tools/types.js";
import { lastMessage, nameWords } from "./assigned.js";
import { perCompiled } from "../per-tool.js";

type Direction = "asc" | "desc";

/** Words that say ascending or descending order, and the quantity some of them imply ("cheapest": price). */
const STATED: { direction: Direction; pattern: RegExp; implies?: string }[] = [
  { direction: "asc", pattern: /\b(?:cheapest|least expensive|lowest[- ]priced)\b/i, implies: "price" },
  { direction: "desc", pattern: /\b(?:most expensive|priciest|highest[- ]priced)\b/i, implies: "price" },
  { direction: "asc", pattern: /\b(?:lowest|smallest|fewest|low to high|ascending|increasing)\b/i },
  { direction: "desc", pattern: /\b(?:highest|largest|biggest|high to low|descending|decreasing)\b/i },
];

/** Words of an option's name that say its order, not its quantity. */
const ORDER_WORDS = new Set(["asc", "ascending", "desc", "descending", "low", "to", "high", "increasing", "decreasing", "by", "sort", "order"]);

interface OptionOrder {
  direction: Direction;
  /** The quantity's words ("price"), each as a pattern for the start of a word. */
  words: { word: string; pattern: RegExp }[];
}

/** An option's direction and its other words ("price_asc" -> asc, [price]), or null when it states none. */
function optionOrder(option: unknown): OptionOrder | null {
  if (typeof option !== "string") return null;
  const words = nameWords(option);
  const text = words.join(" ");
  const direction: Direction | null = /\b(?:asc|ascending|low to high|increasing)\b/.test(text)
    ? "asc"
    : /\b(?:desc|descending|high to low|decreasing)\b/.test(text)
      ? "desc"
      : null;
  if (direction === null) return null;
  return { direction, words: words.filter((w) => !ORDER_WORDS.has(w)).map((word) => ({ word, pattern: new RegExp(`\\b${word}`) })) };
}

/** Each enum's options read once per compiled tool set (the fill is cached with it). */
const optionOrders = perCompiled((fill: Extract<SlotFill, { kind: "enum" }>) => fill.options.map(optionOrder));

/**
 * The one allowed option whose direction the last message states; among several with that direction, the one whose
 * quantity the message names or implies ("highest price first" -> price_desc over rating_desc). Null when the
 * message states no direction, both, or the options do not tell.
 */
export function sortedOption(conversation: SerializedConversation, fill: Extract<SlotFill, { kind: "enum" }>): number | null {
  const orders = optionOrders(fill);
  if (!orders.some((o) => o?.direction === "asc") || !orders.some((o) => o?.direction === "desc")) return null;
  const text = lastMessage(conversation)?.text ?? "";
  const stated = STATED.filter((s) => s.pattern.test(text));
  const directions = new Set(stated.map((s) => s.direction));
  if (directions.size !== 1) return null;
  const direction = [...directions][0] as Direction;
  const lower = text.toLowerCase();
  const implied = stated.flatMap((s) => (s.implies ? [s.implies] : []));
  const candidates = orders.flatMap((o, k) => (o?.direction === direction && fill.allowed[k] ? [k] : []));
  if (candidates.length === 1) return candidates[0] as number;
  const named = candidates.filter((k) => (orders[k]?.words ?? []).some((w) => implied.includes(w.word) || w.pattern.test(lower)));
  return named.length === 1 ? (named[0] as number) : null;
}
