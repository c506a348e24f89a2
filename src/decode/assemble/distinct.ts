/**
 * Rules that hold across the slots and calls of one tool: distinct slots of a call read distinct spans, numbered
 * twins take their values in text order, and identical parallel calls are one call.
 */
import type { DecodedCall } from "../../caller/types.js";
import { spanText, type SerializedConversation } from "../../model/serialize.js";
import type { Slot } from "../../tools/types.js";
import type { SlotDecision, SpanReading } from "../types.js";
import { overlaps, type Span } from "../read/spans.js";
import { takeTurns, twinGroups } from "./twins.js";

import { thresholds } from "../settings.js";

type Contender = Extract<SlotDecision, { kind: "filled" }> & { readings: [SpanReading, ...SpanReading[]] };

function isContender(decision: SlotDecision): decision is Contender {
  return decision.kind === "filled" && decision.readings !== undefined && decision.readings.length > 0;
}

/**
 * The single-span slots of one call take turns by the score of their best span; a slot whose best span overlaps one
 * already taken gets its best reading that does not. When every reading overlaps, the slot is absent (a value stated
 * once fills one slot), so a required one is missing: "start" and "end" both read "Juba, Malawi" asks for the end
 * (a confused call becomes a question) — unless the span taken joins two values both slots point at, which are then
 * split between them (splitJoined), or an optional slot holds its best span: the optional one yields
 * ("charges of 5C and 7C placed 3 meters apart" gives 3 to the distance, not to an optional permittivity). An optional slot is also absent when its span is below
 * optional_span_floor, and never takes the model's unsure guesses (SpanReading.weak: "Give me detail information ..."
 * gives no detail_level "Give"). Tentative slots come last, in
 * schema order, and take only a free span of at least required_rescue_span_floor. Last, numbered twins trade values
 * into text order (inTextOrder). `decisions[i]` is `slots[i]`'s.
 */
export function giveDistinctSpans(slots: readonly Slot[], decisions: readonly SlotDecision[], conversation: SerializedConversation): SlotDecision[] {
  const out = [...decisions];
  const contenders = decisions
    .map((decision, i) => ({ decision, i }))
    .filter((c): c is { decision: Contender; i: number } => isContender(c.decision));
  const chosen = new Map<number, SpanReading>();
  const order = contenders.filter((c) => !c.decision.tentative).sort((a, b) => b.decision.readings[0].span.score - a.decision.readings[0].span.score);
  const taken: Span[] = [];
  /** The best reading no other slot took (with `strong`, none of the model's unsure guesses: SpanReading.weak). */
  const firstFree = (decision: Contender, strong = false) =>
    decision.readings.find((r) => !(strong && r.weak) && taken.every((t) => !overlaps(t, r.span)));
  const isRequired = (i: number) => slots[i]?.requiredChain.every(Boolean) === true;
  const give = (i: number, decision: Contender, pick: SpanReading) => {
    taken.push(pick.span);
    chosen.set(i, pick);
    out[i] = { ...decision, values: [pick.value], probabilities: [pick.probability], sources: [pick.span] };
  };
  // An optional slot whose chosen span is below optional_span_floor is absent: a wrong optional value is worse than
  // the tool's default. A tentative required slot takes a free span of at least required_rescue_span_floor, never a
  // span that opens the message or cuts a word ("Please trace shipment" asks for the tracking number instead).
  const { optional_span_floor: optionalFloor, required_rescue_span_floor: rescueFloor } = thresholds();
  for (const { decision, i } of order) {
    const required = isRequired(i);
    const free = firstFree(decision, !required);
    if (free && (required || free.span.probability >= optionalFloor)) {
      give(i, decision, free);
      continue;
    }
    const yielding = required ? [...chosen].find(([j, r]) => !isRequired(j) && overlaps(r.span, decision.readings[0].span)) : undefined;
    if (yielding) {
      const [j, lost] = yielding;
      chosen.delete(j);
      taken.splice(taken.indexOf(lost.span), 1);
      out[j] = { kind: "absent", probability: 1 - lost.probability };
      give(i, decision, decision.readings[0]);
      continue;
    }
    const split = splitJoined(i, decision, chosen, contenders, conversation);
    if (split) {
      chosen.delete(split.other.i);
      taken.splice(taken.indexOf(split.lost.span), 1);
      give(split.other.i, split.other.decision, split.theirs);
      give(i, decision, split.mine);
      continue;
    }
    out[i] = { kind: "absent", probability: 1 - (decision.probabilities[0] as number) };
  }
  for (const { decision, i } of contenders) {
    if (!decision.tentative) continue;
    const free = firstFree(decision, true);
    if (!free || free.span.probability < (decision.tentative.floor ?? rescueFloor)) {
      out[i] = { kind: "absent", probability: decision.tentative.absentProbability };
      continue;
    }
    give(i, decision, free);
  }
  inTextOrder(slots, chosen, out, conversation);
  return out;
}

/** A slot's reading of one value and another slot's reading of the same span. */
type SharedReading = { mine: SpanReading; theirs: SpanReading };

/**
 * A span another slot took that joins two values both slots point at ("between New York, USA and Miami, USA" taken
 * whole by start_location, which end_location reads too): split at "and" or "&", the earlier value to the slot first
 * in the schema (splitting at any gap, not only at a join word, lost cases). Returns the other slot, the reading it loses, and each slot's new reading; null when none.
 */
function splitJoined(
  i: number,
  decision: Contender,
  chosen: ReadonlyMap<number, SpanReading>,
  contenders: readonly { decision: Contender; i: number }[],
  conversation: SerializedConversation,
): { other: { decision: Contender; i: number }; lost: SpanReading; mine: SpanReading; theirs: SpanReading } | null {
  const same = (a: SpanReading, b: SpanReading) => a.span.start === b.span.start && a.span.end === b.span.end;
  for (const other of contenders) {
    const whole = chosen.get(other.i);
    if (!whole) continue;
    const inside = (r: SpanReading) => r.span.start >= whole.span.start && r.span.end <= whole.span.end && !same(r, whole);
    const parts = decision.readings.flatMap((mine): SharedReading[] => {
      const theirs = other.decision.readings.find((o) => same(o, mine));
      return inside(mine) && theirs ? [{ mine, theirs }] : [];
    });
    for (const first of parts) {
      const second = parts.find(
        (p) =>
          p.mine.span.start > first.mine.span.end &&
          /^\s+(?:and|&)\s+$/.test(spanText(conversation, first.mine.span.end + 1, p.mine.span.start - 1) ?? ""),
      );
      if (!second) continue;
      const [theirs, mine] = other.i < i ? [first.theirs, second.mine] : [second.theirs, first.mine];
      return { other, lost: whole, mine, theirs };
    }
  }
  return null;
}

/**
 * Numbered twins of one object, each filled from a span, get those values in the order of the spans in the text
 * (takeTurns with one call).
 */
function inTextOrder(
  slots: readonly Slot[],
  chosen: ReadonlyMap<number, SpanReading>,
  out: SlotDecision[],
  conversation: SerializedConversation,
): void {
  const readings = new Map([...chosen].map(([i, reading]) => [i, [reading]]));
  for (const members of twinGroups(slots, chosen.keys())) {
    if (!takeTurns(slots, members, readings, conversation)) continue;
    for (const i of members) {
      const decision = out[i];
      const [reading] = readings.get(i) ?? [];
      if (decision?.kind === "filled" && reading) {
        out[i] = { ...decision, values: [reading.value], probabilities: [reading.probability], sources: [reading.span] };
      }
    }
  }
}

/** The calls without repeats of an identical earlier call (same name and arguments). */
export function withoutRepeats(calls: readonly DecodedCall[]): DecodedCall[] {
  const seen = new Set<string>();
  return calls.filter((call) => {
    const key = JSON.stringify([call.name, call.arguments]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
