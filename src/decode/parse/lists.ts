/**
 * Numbers around the spans the model points at. Numeric lists: the model may point at only some items of a long list
 * ("85, 90, 88, 92 and 86"); the numbers joined to the items it found by list separators belong to the same array
 * (mirrored in training/evaluate.py). Suffixes: "213 million" and "5%" are one number even when the span stops at the
digits.
 */
import { en } from "../../lang/en.js";
import type { SerializedConversation } from "../../model/serialize.js";
import type { ValueDomain } from "../../tools/types.js";
import type { Span } from "../read/spans.js";

/** A number as an item of a list; "56,732" is one number (thousands), as the value reader reads it, "5,10" two. */
const NUMBER = String.raw`[-+]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?`;
const AND = en.LIST_AND;
const SEPARATOR = String.raw`(?:\s*,\s*(?:${AND}\s+)?|\s+${AND}\s+|\s*;\s*)`;
/** Sticky: matched at `lastIndex`, the position just after the last item. */
const NEXT = new RegExp(String.raw`${SEPARATOR}(${NUMBER})(?!\w|\.\d)`, "y");
const PREVIOUS = new RegExp(String.raw`(?<![\w.-])(${NUMBER})${SEPARATOR}$`);
/** Sticky: the rest of a number a span stopped inside ("1" of "1.75", "56" of "56,732"). */
const NUMBER_REST = /(?:,\d{3}(?!\d))*(?:\.\d+)?/y;
/** Sticky: a magnitude word or a percent sign right after a number. */
const NUMBER_SUFFIX = new RegExp(String.raw`\s+(?:${en.MAGNITUDE_WORDS.join("|")})(?![a-z])|\s?%`, "iy");

/** Whether every value the domain allows is a number. */
export function isNumeric(domain: ValueDomain): boolean {
  return domain.rules.length > 0 && domain.rules.every((rule) => rule.type === "number" || rule.type === "integer");
}

/** Whether a domain takes strings only. */
export function isText(domain: ValueDomain): boolean {
  return domain.rules.length > 0 && domain.rules.every((rule) => rule.type === "string");
}

/** Views already built, per conversation and message text (a conversation is read many times while decoding). */
const views = new WeakMap<SerializedConversation, Map<number, { first: number; text: string }>>();

/**
 * One message's text around position t, one character per byte (bytes outside ASCII become NUL, never a digit), and
 * the position of its first character.
 */
export function messageView(conversation: SerializedConversation, t: number): { first: number; text: string } {
  const message = conversation.message[t] as number;
  let byMessage = views.get(conversation);
  if (!byMessage) views.set(conversation, (byMessage = new Map()));
  const cached = byMessage.get(message);
  if (cached && t >= cached.first && t < cached.first + cached.text.length) return cached;
  const inMessage = (p: number): boolean => conversation.message[p] === message && (conversation.offset[p] as number) >= 0;
  let first = t;
  let last = t;
  while (first > 0 && inMessage(first - 1)) first--;
  while (last + 1 < conversation.ids.length && inMessage(last + 1)) last++;
  let text = "";
  for (let p = first; p <= last; p++) {
    const id = conversation.ids[p] as number;
    text += String.fromCharCode(id < 128 ? id : 0);
  }
  const view = { first, text };
  if (inMessage(t)) byMessage.set(message, view);
  return view;
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

  const forward = messageView(conversation, tail.end);
  NEXT.lastIndex = tail.end + 1 - forward.first;
  for (let m = NEXT.exec(forward.text); m && room(); m = NEXT.exec(forward.text)) {
    const end = forward.first + NEXT.lastIndex - 1;
    after.push({ start: end - (m[1] as string).length + 1, end, probability, score });
  }
  const backward = messageView(conversation, head.start);
  let lo = head.start - backward.first;
  for (let m = PREVIOUS.exec(backward.text.slice(0, lo)); m && room(); m = PREVIOUS.exec(backward.text.slice(0, lo))) {
    lo = m.index;
    before.unshift({ start: backward.first + lo, end: backward.first + lo + (m[1] as string).length - 1, probability, score });
  }
  return [...before, ...spans, ...after];
}

/**
 * The span, extended over a magnitude word ("213 million": the number is that big) or a percent sign ("5%": a share,
 * which a fraction slot reads as 0.05) that follows it.
 */
export function withNumberSuffix(conversation: SerializedConversation, span: Span): Span {
  const view = messageView(conversation, span.end);
  let end = span.end;
  if (/\d/.test(view.text[end - view.first] ?? "")) {
    NUMBER_REST.lastIndex = end + 1 - view.first;
    const rest = NUMBER_REST.exec(view.text);
    end += rest?.[0].length ?? 0;
  }
  NUMBER_SUFFIX.lastIndex = end + 1 - view.first;
  const m = NUMBER_SUFFIX.exec(view.text);
  return m ? { ...span, end: end + m[0].length } : end === span.end ? span : { ...span, end };
}

/**
 * A name: capitalised words, with "of", "de", "the" between them ("Abraham Lincoln", "Bank of America"); its first
 * word is a word, not a code ("A-100 and B-200" are left to the count head, span_count_min in config.json "decode").
 */
const NAME = String.raw`[A-Z][a-z][\w.'&-]*(?:\s+(?:(?:${en.NAME_JOINERS.join("|")})\s+)?[A-Z][\w.'&-]*)*`;
/** A whole name, a two-letter code after a comma with it ("Austin, TX"). */
const WHOLE_NAME = new RegExp(String.raw`^${NAME}(?:,\s*[A-Z]{2})?$`);
/** Sticky: the next name of a list, after a separator; a two-letter code after a comma stays with its name. */
const NEXT_NAME = new RegExp(String.raw`(?:\s*,\s*${AND}\s+|\s+${AND}\s+|\s*,\s*(?![A-Z]{2}\b))(${NAME})(?:,\s*[A-Z]{2}\b)?`, "y");

/**
 * The names that continue a name's list ("Abraham Lincoln and George Washington", "Seattle, Boston and Los Angeles",
 * "Austin, TX and Boston, MA"), the given span first, up to maxItems spans in all; just the span when it is no name or
 * no list follows it.
 */
export function continueNameList(conversation: SerializedConversation, span: Span, maxItems: number): Span[] {
  const view = messageView(conversation, span.end);
  const text = view.text.slice(span.start - view.first, span.end - view.first + 1);
  if (!WHOLE_NAME.test(text)) return [span];
  const out: Span[] = [span];
  NEXT_NAME.lastIndex = span.end + 1 - view.first;
  for (let m = NEXT_NAME.exec(view.text); m && out.length < maxItems; m = NEXT_NAME.exec(view.text)) {
    const end = view.first + NEXT_NAME.lastIndex - 1;
    const start = end - m[0].length + 1 + m[0].indexOf(m[1] as string);
    out.push({ ...span, start, end });
  }
  return out;
}

/** What separates the names of a list: ", ", " and ", ", and ", " & " (not the comma before a state code). */
const LIST_SEPARATOR = String.raw`(?:\s*,\s*${AND}\s+|\s+${AND}\s+|\s*&\s*|\s*,\s*(?![A-Z]{2}\b))`;
/** A name, quoted or not ("'Age', 'Income' and 'Education'"). */
const QUOTED_NAME = String.raw`['"]?${NAME}['"]?`;
const NAME_LIST = new RegExp(String.raw`(?<![\w-])${QUOTED_NAME}(?:${LIST_SEPARATOR}${QUOTED_NAME})+`, "g");
const NAME_ITEM = new RegExp(NAME, "g");

/**
 * The names of the list of names that holds one of the spans ("'Age', 'Income' and 'Education'", "Australia, Canada
 * and India"), in order, without a sentence's full stop; [] when none does or it has more than maxItems names. An
 * array of strings whose marked items lie in such a list takes the whole list.
 */
export function wholeNameList(conversation: SerializedConversation, spans: readonly Span[], maxItems: number): Span[] {
  const first = spans[0];
  if (!first) return [];
  const view = messageView(conversation, first.start);
  for (const list of view.text.matchAll(NAME_LIST)) {
    const from = view.first + (list.index as number);
    const to = from + list[0].length - 1;
    if (!spans.some((s) => s.start >= from && s.end <= to)) continue;
    const items = [...list[0].matchAll(NAME_ITEM)].map((m) => {
      const name = m[0].replace(/\.$/, "");
      return { ...first, start: from + (m.index as number), end: from + (m.index as number) + name.length - 1 };
    });
    return items.length <= maxItems ? items : [];
  }
  return [];
}
