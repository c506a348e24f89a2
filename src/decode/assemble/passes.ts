/**
 * The assemble stage's passes over one tool's slot decisions, in the order they run: first those that settle one
 * call (distinct spans, then the orders the text gives), then those that make one call per listed value, then
 * those that rewrite values once the number of calls is known.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import type { SchemaElement, Slot } from "../../tools/types.js";
import { withDescribedOptions } from "../decide/named.js";
import type { Pass, SlotDecision } from "../types.js";
import { withCurrencyCodes } from "./currency.js";
import { byDirection } from "./direction.js";
import { withUnits } from "./units.js";
import { giveDistinctSpans } from "./distinct.js";
import { inSchemaOrder } from "./order.js";
import { callPerListedValue } from "./parallel.js";
import { splitPlace } from "./places.js";
import { listsInTurn } from "./twins.js";

export type OneCallPass = Pass<(slots: readonly Slot[], decisions: readonly SlotDecision[], conversation: SerializedConversation) => SlotDecision[]>;
export type PerValuePass = Pass<
  (
    slots: readonly Slot[],
    decisions: readonly SlotDecision[],
    conversation: SerializedConversation,
  ) => { decisions: SlotDecision[]; count: number } | null
>;
export type ValuePass = Pass<
  (
    slots: readonly Slot[],
    decisions: readonly SlotDecision[],
    conversation: SerializedConversation,
    count: number,
    elements: readonly SchemaElement[],
  ) => SlotDecision[]
>;

/** The slot decisions of one call, each pass handed the last one's. */
export const ONE_CALL_PASSES: readonly OneCallPass[] = [
  {
    id: "distinct-spans",
    stage: "assemble",
    example: '"start" and "end" both read "Juba, Malawi": a value stated once fills one slot, so end is missing',
    run: giveDistinctSpans,
  },
  {
    id: "lists-in-turn",
    stage: "assemble",
    example: '"lang1 of English and lang2 of French": numbered twins take their values in text order',
    run: listsInTurn,
  },
  {
    id: "schema-order",
    stage: "assemble",
    example: "two unlabelled values of two slots the model swapped take the schema's order",
    run: inSchemaOrder,
  },
  {
    id: "by-direction",
    stage: "assemble",
    example: '"from JPY into EUR": from_currency JPY and to_currency EUR, as the text says',
    run: byDirection,
  },
  {
    id: "split-place",
    stage: "assemble",
    example: '"London, UK" read by city: city London, country UK',
    run: splitPlace,
  },
];

/** With parallel calls allowed, one call per value of a listed slot; the first that applies wins. */
export const PER_VALUE_PASSES: readonly PerValuePass[] = [
  {
    id: "call-per-listed-value",
    stage: "assemble",
    example: '"weather in Paris, Rome and Oslo" read as one call with Paris: three calls',
    run: callPerListedValue,
  },
];

/** Once the number of calls is known, values rewritten from what the text says of them. */
export const VALUE_PASSES: readonly ValuePass[] = [
  {
    id: "described-options",
    stage: "assemble",
    example: "\"using simpson method\": a string slot whose description quotes 'trapezoid' or 'simpson' takes simpson",
    run: (slots, decisions, conversation, count, elements) => withDescribedOptions(slots, decisions, elements, conversation, count),
  },
  {
    id: "units",
    stage: "assemble",
    example: '"5 inches": unit "inches", the unit written after the number',
    run: (slots, decisions, conversation, count) => withUnits(slots, decisions, conversation, count),
  },
  {
    id: "currency-codes",
    stage: "assemble",
    example: '"in euros": currency "EUR", a currency name read as its code',
    run: (slots, decisions, conversation, count) => withCurrencyCodes(slots, decisions, conversation, count),
  },
];
