/**
 * One slot's decision for the calls of one tool: absent, filled (a value per call), or not expressible at the edge.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import { messageTextBefore, spanText } from "../../model/serialize.js";
import { domainAllows } from "../../tools/domain.js";
import type { SchemaElement, Slot, SlotFill, ValueDomain } from "../../tools/types.js";
import { argmax, softmax, type Heads } from "../read/heads.js";
import { continueNumberList, isNumeric, wholeNameList, withNumberSuffix } from "../parse/lists.js";
import type { AssignedSpan } from "./assigned.js";
import { bestSpans, onWordBoundaries, thresholdSpans, type Span } from "../read/spans.js";
import { readValue } from "../parse/value.js";
import { asWholeValue } from "../parse/whole.js";
import { en, wordPattern } from "../../lang/en.js";
import { runs, thresholds } from "../settings.js";
import type { Reading, SlotDecision, SpanReading } from "../types.js";
import { ABSENT, repeat, SLOT_RULES, SPAN_FINDERS, type SlotInput } from "./rules.js";

/** The one span a filled decision of one call took its one value from, or null. */
export function singleSource(decision: SlotDecision | undefined): Span | null {
  return decision?.kind === "filled" && decision.sources?.length === 1 && decision.values.length === 1 ? (decision.sources[0] ?? null) : null;
}

/** Words that are never a value on their own: the request's function words ("query: using", "due date: which"). */
const FUNCTION_WORD = wordPattern(en.FUNCTION_WORDS);

/** Words of a comparison ("under 30 minutes", "more than 4") and identifier labels ("ID"), never a value on their own. */
const COMPARATIVE = wordPattern(en.COMPARISON_WORDS);

/** Whether a span's text is only function words, words of a comparison and labels ("using", "more than", "UUID"). */
export function onlyFunctionWords(text: string): boolean {
  return text
    .trim()
    .split(/\s+/)
    .every((w) => FUNCTION_WORD.test(w) || COMPARATIVE.test(w));
}

/**
 * The readings of spans under a domain (numbers with their suffix, words made whole); a span that does not read, or
 * that holds only function words, words of a comparison or labels ("under", "more than",
 * "UUID"), is left out.
 */
export function readSpans(conversation: SerializedConversation, found: readonly Span[], domain: ValueDomain): SpanReading[] {
  const out: SpanReading[] = [];
  const prose = domain.rules.some((rule) => (rule.type !== "string" && rule.type !== "null") || rule.prose === true);
  const numeric = isNumeric(domain);
  const suffix = numeric && runs("number-suffix");
  const whole = !numeric && runs("whole-value");
  const functionWords = runs("function-words");
  const spans = found.map((span) => (suffix ? withNumberSuffix(conversation, span) : whole ? asWholeValue(conversation, span, prose) : span));
  for (const span of spans) {
    const text = spanText(conversation, span.start, span.end);
    if (text === null || (functionWords && onlyFunctionWords(text))) continue;
    const read = readValue(text, domain);
    if (read) out.push({ value: read.value, probability: span.probability, span });
  }
  return out;
}

/**
 * Whether a span starts at a message's first byte and runs over several words, or is the word a request opens with:
 * most often the request's own wording ("Find the highest grossing bank in the U.S", "Find" as a substance), where
 * the model points when it is unsure of the value's start. Almost no string value opens a message with several words;
 * another word at the start ("Tokyo weather?") may be a value.
 */
function opensMessageWithWords(conversation: SerializedConversation, span: Span): boolean {
  if (conversation.offset[span.start] !== 0) return false;
  const text = spanText(conversation, span.start, span.end) ?? "";
  return text.includes(" ") || REQUEST_OPENERS.test(text);
}

/** Words a request opens with ("Find the boiling point of water"), never the value it asks about. */
const REQUEST_OPENERS = wordPattern(en.REQUEST_OPENERS);

/**
 * The spans that read under the domain, best first: those on word boundaries, then those that open a message with
 * several words (opensMessageWithWords), then those that cut a word or number ("0" out of "10"), which a value
 * never does.
 */
export function readableSpans(conversation: SerializedConversation, heads: Heads, row: number, domain: ValueDomain): readonly SpanReading[] {
  return remembered(heads, "best", row, () => {
    const spans = bestSpans(conversation, heads.start, heads.end, row, thresholds().candidate_spans);
    const numeric = isNumeric(domain);
    const ranked = runs("weak-spans-last");
    const rank = (s: Span) => (!ranked ? 0 : !onWordBoundaries(conversation, s, numeric) ? 2 : opensMessageWithWords(conversation, s) ? 1 : 0);
    const byRank = spans.map((s) => ({ s, r: rank(s) }));
    return [0, 1, 2].flatMap((r) => {
      const readings = readSpans(
        conversation,
        byRank.filter((x) => x.r === r).map(({ s }) => s),
        domain,
      );
      return r === 0 ? readings : readings.map((reading): SpanReading => ({ ...reading, weak: true }));
    });
  });
}

/**
 * The spans a slot points at (starts above 0.5), read under its domain, in text order; none that opens the request
 * or one of its parts ("List all cases ... Also list cases ...": opensRequest), where the model marks when unsure how many values there are.
 */
function markedSpans(conversation: SerializedConversation, heads: Heads, row: number, domain: ValueDomain): readonly SpanReading[] {
  return remembered(heads, "marked", row, () => {
    const spans = thresholdSpans(conversation, heads.start, heads.end, row);
    return readSpans(conversation, runs("request-openers") ? spans.filter((s) => !opensRequest(conversation, s)) : spans, domain);
  });
}

/** Words that open a request or one of its parts ("Also list ...", "Lastly, ..."), never a value's first word. */
const PART_OPENERS = wordPattern(en.PART_OPENERS);

/**
 * Words a message may greet or ask politely with before its request ("hey, trace shipment 83f5bb04a, MGE-7587 ...":
 * "trace" is no tracking number).
 */
const GREETING_ONLY = new RegExp(String.raw`^(?:(?:${en.GREETING_WORDS.join("|")})[\s,!.:]*)+$`, "i");

/**
 * Whether a span opens the message with the request's words, follows nothing but a greeting, or starts with a word
 * that opens a request or a part.
 */
export function opensRequest(conversation: SerializedConversation, span: Span): boolean {
  if (opensMessageWithWords(conversation, span)) return true;
  if (GREETING_ONLY.test(messageTextBefore(conversation, span.start) ?? "")) return true;
  const first = (spanText(conversation, span.start, span.end) ?? "").split(/[\s,]/)[0] ?? "";
  return /^[A-Z]/.test(first) && (REQUEST_OPENERS.test(first) || PART_OPENERS.test(first));
}

/** Readings already made for one request's heads, by kind and element row (a slot is decided for one and two calls). */
const readingsMade = new WeakMap<Heads, Map<string, readonly SpanReading[]>>();

function remembered(heads: Heads, kind: string, row: number, read: () => SpanReading[]): readonly SpanReading[] {
  let made = readingsMade.get(heads);
  if (!made) readingsMade.set(heads, (made = new Map()));
  const key = `${kind}:${row}`;
  let readings = made.get(key);
  if (!readings) made.set(key, (readings = read()));
  return readings;
}

export function decideEnum(fill: Extract<SlotFill, { kind: "enum" }>, heads: Heads, n: number, actionP: number, required: boolean): SlotDecision {
  const logits = fill.optionElements.map((e) => heads.option[e] as number);
  const probs = softmax(logits, 0, logits.length);
  let best = -1;
  probs.forEach((p, i) => {
    if (fill.allowed[i] && (best < 0 || p > (probs[best] as number))) best = i;
  });
  if (best < 0) return { kind: "not_expressible", reason: "no allowed enum option" };
  const { optional_option_floor: floor, optional_option_stated: sure } = thresholds();
  if (runs("optional-option-floor") && !required && (probs[best] as number) < floor && actionP < sure)
    return { kind: "absent", probability: 1 - actionP * (probs[best] as number) };
  return { kind: "filled", values: repeat(fill.options[best], n), probabilities: repeat(actionP * (probs[best] as number), n) };
}

function decideBool(domain: ValueDomain, heads: Heads, row: number, n: number, actionP: number): SlotDecision {
  const probs = softmax(heads.bool, row * 2, 2);
  const choice = argmax(probs) === 1;
  for (const value of [choice, !choice]) {
    if (domainAllows(domain, value)) {
      return { kind: "filled", values: repeat(value, n), probabilities: repeat(actionP * (probs[value ? 1 : 0] as number), n) };
    }
  }
  return { kind: "not_expressible", reason: "no boolean value fits the schema" };
}

/** Values for `n` calls from readings in text order: one each while they last, the last one after that. */
export function spreadOverCalls(readings: readonly Reading[], n: number): { values: unknown[]; probabilities: number[] } {
  const picks = Array.from({ length: n }, (_, i) => readings[Math.min(i, readings.length - 1)] as Reading);
  return { values: picks.map((r) => r.value), probabilities: picks.map((r) => r.probability) };
}

function decideSpan(
  domain: ValueDomain,
  conversation: SerializedConversation,
  heads: Heads,
  row: number,
  n: number,
  actionP: number,
  assigned: AssignedSpan | null,
  element: SchemaElement,
): SlotDecision {
  const several = n > 1 ? markedSpans(conversation, heads, row, domain) : [];
  if (several.length > 0) {
    const perCall = several.map((r) => ({ ...r, probability: actionP * r.probability }));
    return { kind: "filled", ...spreadOverCalls(perCall, n), perCall, sources: perCall.map((r) => r.span) };
  }
  const trim = runs("own-name-trim");
  const candidates = readableSpans(conversation, heads, row, domain).map((r) => (trim ? withoutOwnName(conversation, r, element, domain) : r));
  if (assigned) {
    const [reading] = readSpans(conversation, [{ ...assigned, probability: 1, score: Number.POSITIVE_INFINITY }], domain);
    if (reading) candidates.unshift(reading);
  }
  const best = candidates[0];
  if (!best) return unreadable(actionP);
  const filled: SlotDecision = {
    kind: "filled",
    values: repeat(best.value, n),
    probabilities: repeat(actionP * best.probability, n),
    sources: [best.span],
  };
  if (n === 1) filled.readings = candidates.map((r) => ({ ...r, probability: actionP * r.probability }));
  return filled;
}

/**
 * A string reading without the parameter's own name after it, written in lower case ("Playstation platform" for
 * platform, "personal_data table" for table; "Salt Lake City" keeps its capital).
 */
export function withoutOwnName(conversation: SerializedConversation, reading: SpanReading, element: SchemaElement, domain: ValueDomain): SpanReading {
  const last = element.nameWords[element.nameWords.length - 1];
  if (!last || !/^[a-z]{3,}$/.test(last) || typeof reading.value !== "string") return reading;
  const text = spanText(conversation, reading.span.start, reading.span.end) ?? "";
  if (!text.endsWith(" " + last)) return reading;
  const end = reading.span.end - last.length - 1;
  const [trimmed] = readSpans(conversation, [{ ...reading.span, end }], domain);
  return trimmed ? { ...reading, value: trimmed.value, span: trimmed.span } : reading;
}

function decideArray(
  fill: Extract<SlotFill, { kind: "array" }>,
  conversation: SerializedConversation,
  heads: Heads,
  row: number,
  n: number,
  actionP: number,
): SlotDecision {
  let readings: readonly SpanReading[] = markedSpans(conversation, heads, row, fill.items);
  if (readings.length === 0) {
    readings = readableSpans(conversation, heads, row, fill.items).slice(0, 1);
  }
  if (readings.length > 0 && isNumeric(fill.items) && runs("number-list")) {
    readings = readSpans(
      conversation,
      continueNumberList(
        conversation,
        readings.map((r) => r.span),
        fill.maxItems,
      ),
      fill.items,
    );
  }
  if (readings.length > 0 && !isNumeric(fill.items) && runs("name-list")) {
    const whole = readSpans(
      conversation,
      wholeNameList(
        conversation,
        readings.map((r) => r.span),
        fill.maxItems,
      ),
      fill.items,
    );
    if (whole.length > readings.length) readings = whole;
  }
  if (fill.uniqueItems) {
    const seen = new Set<unknown>();
    readings = readings.filter((r) => (seen.has(r.value) ? false : (seen.add(r.value), true)));
  }
  readings = readings.slice(0, fill.maxItems);
  if (readings.length < fill.minItems || readings.length === 0) {
    return { kind: "unreadable", probability: actionP, reason: `fewer than ${Math.max(1, fill.minItems)} items read from the conversation` };
  }
  const probability = readings.reduce((p, r) => p * r.probability, actionP);
  const values = readings.map((r) => r.value);
  return {
    kind: "filled",
    values: repeat(values, n).map((v) => [...v]),
    probabilities: repeat(probability, n),
    sources: readings.map((r) => r.span),
  };
}

/**
 * Decides one slot (its schema element `element`) for `n` calls of its tool: the decide passes (decide/rules.ts) in
 * their declared order, the first that decides wins; the last reads the heads.
 */
export function decideSlot(
  slot: Slot,
  element: SchemaElement,
  heads: Heads,
  conversation: SerializedConversation,
  n: number,
  { fillRequired = false, unasked = false }: { fillRequired?: boolean; unasked?: boolean } = {},
): SlotDecision {
  const row = slot.element;
  const actions = softmax(heads.action, row * 3, 3);
  const required = slot.requiredChain[slot.requiredChain.length - 1] === true;
  const margin = slot.requiredChain.every((r) => r) ? 0 : thresholds().optional_absent_margin;
  const action = argmax(actions.map((p, i) => Math.log(p) + (i === ABSENT ? margin : 0)));
  const actionP = actions[action] as number;
  const fill = slot.fill;
  const domain = fill.kind === "span" ? fill.domain : null;
  let assigned: AssignedSpan | null | undefined;
  const input: SlotInput = {
    slot,
    element,
    fill,
    heads,
    conversation,
    n,
    required,
    margin,
    action,
    actionP,
    fillRequired,
    unasked,
    assigned() {
      if (assigned === undefined) {
        assigned = null;
        for (const finder of SPAN_FINDERS) {
          if (!runs(finder.id)) continue;
          assigned = finder.run(input);
          if (assigned) break;
        }
      }
      return assigned;
    },
    readable: () => (domain ? readableSpans(conversation, heads, row, domain) : []),
    decideSpan: (calls, p, written) => (domain ? decideSpan(domain, conversation, heads, row, calls, p, written, element) : unreadable(p)),
    fromHeads() {
      switch (fill.kind) {
        case "enum":
          return decideEnum(fill, heads, n, actionP, required);
        case "bool":
          return decideBool(fill.domain, heads, row, n, actionP);
        case "span":
          return decideSpan(fill.domain, conversation, heads, row, n, actionP, input.assigned(), element);
        case "array":
          return decideArray(fill, conversation, heads, row, n, actionP);
        default:
          return { kind: "not_expressible", reason: "no value the heads can give" };
      }
    },
  };
  for (const rule of SLOT_RULES) {
    if (!runs(rule.id)) continue;
    const decision = rule.run(input);
    if (decision) return decision;
  }
  return input.fromHeads();
}

function unreadable(probability: number): SlotDecision {
  return { kind: "unreadable", probability, reason: "no span of the conversation reads as the slot's type" };
}
