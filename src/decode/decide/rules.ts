/**
 * The decide stage's passes: how one slot's value is decided, tried in this order; the first that decides wins.
 * Rules that read the text (a value assigned by name, an option named word for word) come before the heads'
 * own reading, which decides what the text leaves open.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import { domainAllows } from "../../tools/domain.js";
import type { SchemaElement, Slot, SlotFill } from "../../tools/types.js";
import type { Heads } from "../read/heads.js";
import { isNumeric } from "../parse/lists.js";
import { runs, thresholds } from "../settings.js";
import type { Pass, SlotDecision, SpanReading } from "../types.js";
import {
  assignedBoolean,
  assignedSpan,
  countedSpan,
  formattedSpan,
  labelledByName,
  mentionedBoolean,
  mentionsName,
  type AssignedSpan,
} from "./assigned.js";
import { namedItems, namedOption } from "./named.js";
import { stated } from "./stated.js";

export const ABSENT = 0;
const VALUE = 1;

/** What a decide pass sees of one slot: its schema, the heads' action for it, and the readings made so far. */
export interface SlotInput {
  slot: Slot;
  element: SchemaElement;
  fill: SlotFill;
  heads: Heads;
  conversation: SerializedConversation;
  /** How many calls of the tool the slot is decided for. */
  n: number;
  required: boolean;
  /** optional_absent_margin for an optional slot (one of its objects optional too), 0 otherwise. */
  margin: number;
  /** The action head's argmax after the margin (ABSENT, VALUE or implicit) and its probability. */
  action: number;
  actionP: number;
  /** A structured extraction: required slots are filled if any span reads. */
  fillRequired: boolean;
  /** tool_choice names the tool and the count head called none: the request did not ask for it (PlannedCalls.unasked). */
  unasked: boolean;
  /** The span the text assigns to the slot (the span finders, in order), once per slot. */
  assigned(): AssignedSpan | null;
  /** The slot's best spans that read under its type, best first. */
  readable(): readonly SpanReading[];
  /** The head's span decision for `n` calls at action probability `actionP`, `written` read first. */
  decideSpan(n: number, actionP: number, written: AssignedSpan | null): SlotDecision;
  /** The head's decision for the slot (enum option, boolean, span or array), the last pass. */
  fromHeads(): SlotDecision;
}

export type SpanFinder = Pass<(input: SlotInput) => AssignedSpan | null>;
export type SlotRule = Pass<(input: SlotInput) => SlotDecision | null>;

/** Where the text itself says which span is a slot's value; the first that finds one wins. */
export const SPAN_FINDERS: readonly SpanFinder[] = [
  {
    id: "assigned-span",
    stage: "decide",
    example: '"a=2, b=-3": a is 2 and b is -3, whatever the pointer heads say',
    run: (input) => (input.fill.kind === "span" ? assignedSpan(input.conversation, input.slot) : null),
  },
  {
    id: "counted-span",
    stage: "decide",
    example: '"3 bedrooms, 2 bathrooms": bedrooms 3, bathrooms 2 (the model had swapped such numbers)',
    run: (input) => (input.fill.kind === "span" && isNumeric(input.fill.domain) ? countedSpan(input.conversation, input.slot) : null),
  },
  {
    id: "formatted-span",
    stage: "decide",
    example: 'a "url" parameter takes the one URL of the request',
    run: (input) => (input.fill.kind === "span" && !isNumeric(input.fill.domain) ? formattedSpan(input.conversation, input.slot) : null),
  },
];

/** A slot the head calls absent whose likeliest span comes right after the parameter's name ("user id 43523"). */
function labelled(input: SlotInput): AssignedSpan | null {
  if (input.action !== ABSENT || !runs("labelled-span")) return null;
  return input.readable().find((r) => !r.weak && labelledByName(input.conversation, r.span, input.slot))?.span ?? null;
}

/** `value` once for each of `n` calls. */
export function repeat<T>(value: T, n: number): T[] {
  return Array.from({ length: n }, () => value);
}

export const SLOT_RULES: readonly SlotRule[] = [
  {
    id: "fixed-value",
    stage: "decide",
    core: true,
    example: "a const parameter takes its one value; a required one is filled without the model saying so",
    run: ({ fill, action, actionP, required, n }) => {
      if (fill.kind !== "fixed") return null;
      if (action !== ABSENT) return { kind: "filled", values: repeat(fill.value, n), probabilities: repeat(actionP, n) };
      if (!required) return { kind: "absent", probability: actionP };
      return { kind: "filled", values: repeat(fill.value, n), probabilities: repeat(1, n), automatic: true };
    },
  },
  {
    id: "assigned-boolean",
    stage: "decide",
    example: '"with verbose=true": verbose is true whatever the boolean head says',
    run: ({ fill, conversation, slot, n }) => {
      if (fill.kind !== "bool") return null;
      const said = assignedBoolean(conversation, slot);
      return said !== null && domainAllows(fill.domain, said) ? stated(said, n) : null;
    },
  },
  {
    id: "mentioned-boolean",
    stage: "decide",
    example: '"a home with a garage": has_garage true; "without a garage": false',
    run: ({ fill, conversation, slot, n, required }) => {
      if (fill.kind !== "bool" || required) return null;
      if (runs("assigned-boolean") && assignedBoolean(conversation, slot) !== null) return null;
      const mentioned = mentionedBoolean(conversation, slot);
      return mentioned !== null && domainAllows(fill.domain, mentioned) ? stated(mentioned, n) : null;
    },
  },
  {
    id: "written-span",
    stage: "decide",
    example: '"user id 43523", "max price: 20": the span the text names the slot by fills it, whatever the action head says',
    run: (input) => {
      if (input.fill.kind !== "span" || input.action === VALUE) return null;
      const written = input.assigned() ?? labelled(input);
      if (!written) return null;
      const filled = input.decideSpan(1, 1, written);
      if (filled.kind !== "filled") return null;
      return { ...filled, values: repeat(filled.values[0], input.n), probabilities: repeat(1, input.n) };
    },
  },
  {
    id: "named-option",
    stage: "decide",
    example: '"in celsius": unit "celsius", the one option the last message names word for word',
    run: ({ fill, conversation, n }) => {
      if (fill.kind !== "enum") return null;
      const named = namedOption(conversation, fill);
      return named === null ? null : stated(fill.options[named], n);
    },
  },
  {
    id: "named-items",
    stage: "decide",
    example: '"red and blue": colors ["red", "blue"], every option of the item enum the last message names',
    run: ({ fill, conversation, n }) => {
      if (fill.kind !== "array") return null;
      const items = namedItems(conversation, fill.items);
      return items.length >= Math.max(1, fill.minItems) && items.length <= fill.maxItems ? stated(items, n) : null;
    },
  },
  {
    id: "unasked-tool-span",
    stage: "decide",
    example:
      'tool_choice forces track_order on "add 2 blue mugs to my cart": a required slot of a tool the request did not ask for takes only a clear span and is never rescued (none here: ask for the order id)',
    run: (input) => {
      const { fill, required, margin, action, actionP, n } = input;
      if (!input.unasked || input.fillRequired || fill.kind !== "span" || !required || margin > 0 || n !== 1) return null;
      // training labels slot actions only for the tools a request calls, so the action head's reading of a tool nobody
      // asked for is a guess: a doubted value is absent (no absent-rescue), a read one only a tentative rescue (a free
      // span at least required_rescue_span_floor likely, never a weak one); a span the text assigns ran before
      if (action === ABSENT) return { kind: "absent", probability: actionP };
      if (action !== VALUE || input.assigned()) return null;
      const decided = input.decideSpan(1, actionP, null);
      return decided.kind === "filled" ? { ...decided, tentative: { absentProbability: 1 - actionP } } : null;
    },
  },
  {
    id: "absent",
    stage: "decide",
    core: true,
    example: "a slot the action head calls absent is absent (a required one is then missing), unless a tentative span fills it",
    run: (input) => {
      if (input.action !== ABSENT) return null;
      const { fill, required, margin, actionP, n } = input;
      const extracting = input.fillRequired && required && margin === 0;
      const rescue = extracting || (runs("absent-rescue") && actionP <= thresholds().required_rescue_absent_max);
      if (fill.kind === "span" && n === 1 && rescue) {
        const rescued = input.decideSpan(1, 1 - actionP, input.assigned());
        const floor = extracting ? { floor: 0 } : margin > 0 ? { floor: thresholds().optional_rescue_span_floor } : {};
        if (rescued.kind === "filled") return { ...rescued, tentative: { absentProbability: actionP, ...floor } };
      }
      return { kind: "absent", probability: actionP };
    },
  },
  {
    id: "not-written",
    stage: "decide",
    core: true,
    example: "a value the model says is implied, not written, cannot be pointed at: not expressible at the edge",
    run: ({ fill, action }) => {
      if (fill.kind === "unfillable") return { kind: "not_expressible", reason: fill.reason };
      if (action !== VALUE) return { kind: "not_expressible", reason: "the value is implied, not written in the conversation" };
      return null;
    },
  },
  {
    id: "unnamed-optional-boolean",
    stage: "decide",
    example: '"a home with 3 bedrooms" sets no has_garage: an optional boolean the conversation never names keeps the default',
    run: ({ fill, margin, conversation, element, actionP }) =>
      fill.kind === "bool" && margin > 0 && !mentionsName(conversation, element) ? { kind: "absent", probability: 1 - actionP } : null,
  },
  {
    id: "head-value",
    stage: "decide",
    core: true,
    example: "the heads' own reading: the likeliest option, boolean, span or list of spans",
    run: (input) => input.fromHeads(),
  },
];
