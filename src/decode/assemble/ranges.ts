/**
 * Ranges: two parameters of one object that name the two ends of one range ("start_year"/"end_year",
 * "min_price"/"max_price", "from_x"/"to_x"). When the text joins their values as a range ("from 1960 to 2000",
 * "between 300 and 400", "2010-2015"), the first value is the start, whichever end the model gave it; and when the
 * model found only one end of such a numeric range, the other end takes the number across the connector (and when
 * the one found is the range's second number given as its start, "between 2012 and 2015" with 2015, the ends swap).
 */
import type { SerializedConversation } from "../../model/serialize.js";
import type { Slot } from "../../tools/types.js";
import { nameWords } from "../decide/assigned.js";
import { isNumeric, messageView } from "../parse/lists.js";
import { readSpans, singleSource } from "../decide/slot.js";
import type { SlotDecision } from "../types.js";
import type { Span } from "../read/spans.js";
import { perTool } from "../per-tool.js";

/** Words that name a range's start and its end, in that order. */
const ENDS: ReadonlyArray<readonly [string, string]> = [
  ["start", "end"],
  ["begin", "end"],
  ["from", "to"],
  ["min", "max"],
  ["minimum", "maximum"],
  ["lower", "upper"],
  ["low", "high"],
  ["initial", "final"],
  ["earliest", "latest"],
  ["since", "until"],
];

/** Whether `a` and `b` are the start and the end of one range: the same words but one, a start word in a, its end in b. */
export function rangeEnds(a: Slot, b: Slot): boolean {
  if (a.path.length !== b.path.length || a.path.slice(0, -1).join("\u0000") !== b.path.slice(0, -1).join("\u0000")) return false;
  const wa = nameWords(a.path[a.path.length - 1] ?? "");
  const wb = nameWords(b.path[b.path.length - 1] ?? "");
  if (wa.length !== wb.length || wa.length === 0) return false;
  const differ = wa.flatMap((w, k) => (w === wb[k] ? [] : [k]));
  if (differ.length !== 1) return false;
  const k = differ[0] as number;
  return ENDS.some(([start, end]) => wa[k] === start && wb[k] === end);
}

const NUMBER = String.raw`[-+]?\d+(?:\.\d+)?`;
/** What joins two ends of a range: "to", "and" (after "between"), "until", "through" or a dash; "x = " may follow. */
const CONNECTOR = String.raw`(?:\s+(?:to|and|until|till|through|thru)\s+|\s?[-–—]\s?)(?:[a-z]\w*\s*=\s*)?`;
const JOINS = new RegExp(String.raw`^${CONNECTOR}$`, "i");
/** Sticky: the connector and number after a range's start. */
const NEXT_END = new RegExp(String.raw`${CONNECTOR}(${NUMBER})(?![\w.])`, "iy");
/** The number and connector before a range's end, at the end of the text before it. */
const PREVIOUS_START = new RegExp(String.raw`(?<![\w.])(${NUMBER})${CONNECTOR}$`, "i");

/** Whether the text joins span a to the later span b as the two ends of a range. */
function joined(conversation: SerializedConversation, a: Span, b: Span): boolean {
  if (b.start <= a.end || conversation.message[a.end] !== conversation.message[b.start]) return false;
  const view = messageView(conversation, a.end);
  return JOINS.test(view.text.slice(a.end + 1 - view.first, b.start - view.first));
}

/** The number across a range connector from `span`: after it (`forward`, the end of a start) or before it. */
function otherEnd(conversation: SerializedConversation, span: Span, forward: boolean): Span | null {
  const view = messageView(conversation, span.start);
  if (forward) {
    NEXT_END.lastIndex = span.end + 1 - view.first;
    const m = NEXT_END.exec(view.text);
    if (!m) return null;
    const end = view.first + NEXT_END.lastIndex - 1;
    return { ...span, start: end - (m[1] as string).length + 1, end };
  }
  const m = PREVIOUS_START.exec(view.text.slice(0, span.start - view.first));
  return m ? { ...span, start: view.first + m.index, end: view.first + m.index + (m[1] as string).length - 1 } : null;
}

/** Range pairs [start slot, end slot] of a tool's slots. */
export const rangePairs = perTool((slots): Array<[number, number]> => {
  const spans = slots.flatMap((slot, i) => (slot.fill.kind === "span" ? [i] : []));
  return spans.flatMap((i) => spans.filter((j) => rangeEnds(slots[i] as Slot, slots[j] as Slot)).map((j): [number, number] => [i, j]));
});

/**
 * One call's decisions with the ends of each range in text order, and a missing numeric end read across the
 * connector from the end the model found. `decisions[i]` is `slots[i]`'s.
 */
export function orderRanges(slots: readonly Slot[], decisions: readonly SlotDecision[], conversation: SerializedConversation): SlotDecision[] {
  const out = [...decisions];
  for (const [i, j] of rangePairs(slots)) {
    const a = slots[i] as Slot;
    const b = slots[j] as Slot;
    if (a.fill.kind !== "span" || b.fill.kind !== "span") continue;
    const start = singleSource(out[i]);
    const end = singleSource(out[j]);
    const [di, dj] = [out[i], out[j]];
    if (start && end && di?.kind === "filled" && dj?.kind === "filled") {
      if (!joined(conversation, end, start)) continue;
      const [asStart] = readSpans(conversation, [end], a.fill.domain);
      const [asEnd] = readSpans(conversation, [start], b.fill.domain);
      if (!asStart || !asEnd) continue;
      out[i] = { ...di, values: [asStart.value], probabilities: dj.probabilities, sources: [asStart.span], readings: [asStart] };
      out[j] = { ...dj, values: [asEnd.value], probabilities: di.probabilities, sources: [asEnd.span], readings: [asEnd] };
      continue;
    }
    const found = start ?? end;
    const missing = start ? j : i;
    const slot = slots[missing] as Slot;
    if (!found || out[missing]?.kind !== "absent" || slot.fill.kind !== "span" || !isNumeric(slot.fill.domain)) continue;
    const filled = out[start ? i : j] as Extract<SlotDecision, { kind: "filled" }>;
    const { probabilities } = filled;
    const across = otherEnd(conversation, found, start !== null);
    const [reading] = across ? readSpans(conversation, [across], slot.fill.domain) : [];
    if (reading) {
      out[missing] = { kind: "filled", values: [reading.value], probabilities, sources: [reading.span], readings: [reading] };
      continue;
    }
    // The end found is the other end of the range the text states ("between 2012 and 2015", 2015 given as the start).
    const back = otherEnd(conversation, found, start === null);
    const [asFound] = back ? readSpans(conversation, [back], start ? a.fill.domain : b.fill.domain) : [];
    const [asMissing] = readSpans(conversation, [found], slot.fill.domain);
    if (back && asFound && asMissing) {
      out[start ? i : j] = { ...filled, values: [asFound.value], sources: [asFound.span], readings: [asFound] };
      out[missing] = { kind: "filled", values: [asMissing.value], probabilities, sources: [asMissing.span], readings: [asMissing] };
    }
  }
  return out;
}
