/**
 * Numeric lists: the model may point at only some items of a long list ("85, 90, 88, 92 and 86"); the numbers joined
 * to the items it found by list separators belong to the same array. Mirrored in training/evaluate.py.
 */
import type { SerializedConversation } from "../model/serialize.js";
import type { ValueDomain } from "../tools/types.js";
import type { Span } from "./spans.js";

const NUMBER = String.raw`[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`;
const SEPARATOR = String.raw`(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*)`;
const NEXT = new RegExp(String.raw`^${SEPARATOR}(${NUMBER})(?!\w|\.\d)`);
const PREVIOUS = new RegExp(String.raw`(?<![\w.])(${NUMBER})${SEPARATOR}$`);

/** Whether every value the domain allows is a number. */
export function isNumeric(domain: ValueDomain): boolean {
  return domain.rules.length > 0 && domain.rules.every((rule) => rule.type === "number" || rule.type === "integer");
}

/** The positions of one message's text around position t: [first, last]. */
function messageRange(conversation: SerializedConversation, t: number): [number, number] {
  const inMessage = (p: number): boolean => conversation.message[p] === conversation.message[t] && (conversation.offset[p] as number) >= 0;
  let first = t;
  let last = t;
  while (first > 0 && inMessage(first - 1)) first--;
  while (last + 1 < conversation.ids.length && inMessage(last + 1)) last++;
  return [first, last];
}

/** The text of positions [first, last], one character per byte; bytes outside ASCII become NUL (never a digit). */
function asciiView(conversation: SerializedConversation, first: number, last: number): string {
  let out = "";
  for (let t = first; t <= last; t++) {
    const id = conversation.ids[t] as number;
    out += String.fromCharCode(id < 128 ? id : 0);
  }
  return out;
}

/**
 * The spans (in text order) plus the numbers that continue their list: forward from the last, backward from the
 * first, each joined by a list separator (",", "and", ", and", ";"), up to maxItems spans in all. Added spans take
 * the lowest probability and score of the given ones.
 */
export function continueNumberList(conversation: SerializedConversation, spans: readonly Span[], maxItems: number): Span[] {
  const head = spans[0];
  const tail = spans[spans.length - 1];
  if (!head || !tail) return [];
  const probability = Math.min(...spans.map((s) => s.probability));
  const score = Math.min(...spans.map((s) => s.score));
  const before: Span[] = [];
  const after: Span[] = [];
  const room = (): boolean => spans.length + before.length + after.length < maxItems;

  const [, last] = messageRange(conversation, tail.end);
  let hi = tail.end;
  for (let m = NEXT.exec(asciiView(conversation, hi + 1, last)); m && room(); m = NEXT.exec(asciiView(conversation, hi + 1, last))) {
    const number = m[1] as string;
    const end = hi + m[0].length;
    after.push({ start: end - number.length + 1, end, probability, score });
    hi = end;
  }
  const [first] = messageRange(conversation, head.start);
  let lo = head.start;
  for (let m = PREVIOUS.exec(asciiView(conversation, first, lo - 1)); m && room(); m = PREVIOUS.exec(asciiView(conversation, first, lo - 1))) {
    const start = first + m.index;
    before.unshift({ start, end: start + (m[1] as string).length - 1, probability, score });
    lo = start;
  }
  return [...before, ...spans, ...after];
}
