/**
 * Two rules that hold across the slots and calls of one tool: distinct slots of a call read distinct spans, and
 * identical parallel calls are one call.
 */
import type { DecodedCall } from "../caller/types.js";
import type { SlotDecision, SpanReading } from "./slot.js";
import { overlaps, type Span } from "./spans.js";

type Contender = Extract<SlotDecision, { kind: "filled" }> & { readings: [SpanReading, ...SpanReading[]] };

function isContender(decision: SlotDecision): decision is Contender {
  return decision.kind === "filled" && decision.readings !== undefined && decision.readings.length > 0;
}

/**
 * The single-span slots of one call take turns by the score of their best span; a slot whose best span overlaps one
 * already taken gets its best reading that does not (and keeps its best when every reading overlaps).
 * Changes the decisions' first value in place.
 */
export function giveDistinctSpans(decisions: readonly SlotDecision[]): void {
  const contenders = decisions.filter(isContender).sort((a, b) => b.readings[0].span.score - a.readings[0].span.score);
  const taken: Span[] = [];
  for (const decision of contenders) {
    const pick = decision.readings.find((r) => taken.every((t) => !overlaps(t, r.span))) ?? decision.readings[0];
    taken.push(pick.span);
    decision.values[0] = pick.value;
    decision.probabilities[0] = pick.probability;
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
