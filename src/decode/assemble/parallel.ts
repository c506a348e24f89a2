/**
 * Several calls of one tool: which span goes to which slot and which call. The pointer heads mark every span of a
 * slot's values at once; the calls are made from those marks.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import { spanText } from "../../model/serialize.js";
import type { Slot, ValueDomain } from "../../tools/types.js";
import { readSpans, spreadOverCalls } from "../decide/slot.js";
import type { SlotDecision, SpanReading } from "../types.js";
import { continueNameList, continueNumberList, isNumeric, messageView } from "../parse/lists.js";
import { overlaps } from "../read/spans.js";
import { takeTurns, twinGroups, twinKey } from "./twins.js";
import { readValue } from "../parse/value.js";
import { thresholds } from "../settings.js";

/**
 * Shares the spans of `count` calls out among the slots and the calls:
 * - a numeric slot's spans take the numbers that continue their list ("for 1, 5 and 10 years");
 * - a span that slots of different meaning both point at belongs to the one that marked it (not only listed it), then
 *   to the one that scores it higher (a value stated once fills one slot); a required slot left with nothing keeps
 *   its first span, for every call, an optional one is left out ("a charge of 3 at 4 meters" gives no permittivity
 *   of 4);
 * - numbered twins take the spans they point at in turn, call by call: "3 and 4, 5 and 12" reads num1 = 3, num2 = 4,
 *   then num1 = 5, num2 = 12 (when their number divides evenly and each twin's type allows its values);
 * - the number of calls becomes the number of values per slot, when every slot with more than one value agrees
 *   (twins count a value per pair; `agreeing` says how many slots do); the count head's number stands otherwise;
 * - when the calls are asked in sentences of their own (sentenceAnchors), an optional slot with fewer values than
 *   calls fills only the calls whose sentences hold them ("Cancel order A. Then stop order B, it came late": the
 *   reason is B's).
 * `decisions[i]` is `slots[i]`'s.
 */
export function shareAcrossCalls(
  slots: readonly Slot[],
  decisions: readonly SlotDecision[],
  count: number,
  conversation: SerializedConversation,
): { decisions: SlotDecision[]; count: number; agreeing: number } {
  const marked = new Map<number, Marked[]>();
  decisions.forEach((d, i) => {
    if (d.kind !== "filled" || !d.perCall || d.perCall.length === 0) return;
    const fill = slots[i]?.fill;
    const listed = fill?.kind === "span" && isNumeric(fill.domain);
    marked.set(i, listed ? readListed(conversation, d.perCall, fill.domain, thresholds().listed_calls_max) : d.perCall);
  });
  const keys = new Map([...marked.keys()].map((i) => [i, twinKey(slots[i])]));
  const kept = claimSpans(marked, (i, j) => i !== j && (keys.get(i) === null || keys.get(i) !== keys.get(j)));
  for (const members of twinGroups(slots, kept.keys())) takeTurns(slots, members, kept, conversation);
  const outranked = new Set(
    decisions.flatMap((d, i) => {
      if (d.kind !== "filled" || (slots[i] as Slot).requiredChain.every((r) => r)) return [];
      const own = kept.get(i)?.map((r) => r.span) ?? d.sources ?? [];
      const taken = [...kept].flatMap(([j, readings]) => (j === i ? [] : readings.map((r) => r.span)));
      return own.length > 0 && own.every((span) => taken.some((t) => overlaps(t, span))) ? [i] : [];
    }),
  );

  const several = [...kept.values()].map((readings) => readings.length).filter((n) => n > 1);
  const agreed = new Set(several).size === 1 ? (several[0] as number) : null;
  const calls = agreed ?? count;
  const anchors = sentenceAnchors(slots, kept, calls, conversation);
  const out = decisions.map((d, i): SlotDecision => {
    if (d.kind !== "filled") return d;
    if (outranked.has(i)) return { kind: "absent", probability: 1 - (d.probabilities[0] as number) };
    const readings = kept.get(i);
    const optional = !(slots[i] as Slot).requiredChain.every(Boolean);
    if (readings && anchors && i !== anchors.slot && optional && readings.length < calls) {
      return { ...d, ...bySentence(readings, anchors.starts, calls), sources: readings.map((r) => r.span) };
    }
    if (readings) return { ...d, ...spreadOverCalls(readings, calls), sources: readings.map((r) => r.span) };
    if (calls === count) return d;
    const first = { value: d.values[0], probability: d.probabilities[0] as number };
    const spread = spreadOverCalls([first], calls);
    return { ...d, ...spread, values: spread.values.map((v) => (Array.isArray(v) ? [...(v as unknown[])] : v)) };
  });
  return { decisions: out, count: calls, agreeing: agreed === null ? 0 : several.length };
}

/**
 * The calls' anchors: the spans of a required slot that holds one value per call, when each lies in a sentence (or
 * message) of its own ("Cancel order A. Then stop order B, it came late."); null otherwise, as values after a list
 * ("orders A, B and C, reason: late") belong to every call.
 */
function sentenceAnchors(
  slots: readonly Slot[],
  kept: ReadonlyMap<number, SpanReading[]>,
  calls: number,
  conversation: SerializedConversation,
): { slot: number; starts: number[] } | null {
  const found = [...kept].find(([i, readings]) => readings.length === calls && (slots[i] as Slot).requiredChain.every(Boolean));
  if (!found || calls < 2) return null;
  const starts = found[1].map((r) => r.span.start).sort((a, b) => a - b);
  const apart = starts.every((start, k) => {
    const from = starts[k - 1];
    if (from === undefined || conversation.message[from] !== conversation.message[start]) return true;
    const view = messageView(conversation, start);
    return /[.?!;]\s/.test(view.text.slice(from - view.first, start - view.first));
  });
  return apart ? { slot: found[0], starts } : null;
}

/** An optional slot's values call by call: a reading belongs to the call whose anchor comes last before it; the calls
 * no reading belongs to leave the slot out (an undefined value). */
function bySentence(readings: readonly SpanReading[], starts: readonly number[], calls: number): { values: unknown[]; probabilities: number[] } {
  const values: unknown[] = Array.from({ length: calls }, () => undefined);
  const probabilities = Array.from({ length: calls }, () => 1);
  for (const r of readings) {
    const c = Math.max(0, starts.filter((start) => start <= r.span.start).length - 1);
    if (values[c] !== undefined) continue;
    values[c] = r.value;
    probabilities[c] = r.probability;
  }
  return { values, probabilities };
}

/**
 * Each slot's readings without those whose span a rival slot's reading outranks; a slot left with nothing keeps its
 * first reading.
 */
function claimSpans(marked: ReadonlyMap<number, Marked[]>, rivals: (i: number, j: number) => boolean): Map<number, SpanReading[]> {
  const kept = new Map<number, SpanReading[]>();
  for (const [i, own] of marked) {
    const survivors = own.filter((r) =>
      [...marked].every(([j, theirs]) => !rivals(i, j) || theirs.every((o) => !overlaps(o.span, r.span) || outranks(r, o))),
    );
    kept.set(i, survivors.length > 0 ? survivors : own.slice(0, 1));
  }
  return kept;
}

/** A reading of a slot's; `listed` when the pointer heads did not mark it but it continues a list they did. */
type Marked = SpanReading & { listed?: true };

/** Whether reading r of one slot keeps its span against reading o of another: marked beats listed, then by score. */
function outranks(r: Marked, o: Marked): boolean {
  if (r.listed || o.listed) return !r.listed;
  return o.span.score <= r.span.score;
}

/** The readings plus the numbers that continue their list in the text, up to `most`, read under the domain. */
function readListed(conversation: SerializedConversation, readings: readonly SpanReading[], domain: ValueDomain, most: number): Marked[] {
  const probability = Math.min(...readings.map((r) => r.probability));
  return continueNumberList(
    conversation,
    readings.map((r) => r.span),
    most,
  ).flatMap((span): Marked[] => {
    const given = readings.find((r) => r.span.start === span.start && r.span.end === span.end);
    if (given) return [given];
    const read = readValue(spanText(conversation, span.start, span.end) ?? "", domain);
    return read ? [{ value: read.value, probability, span, listed: true }] : [];
  });
}

/** The reading a single-span slot of one call was given (giveDistinctSpans sets its one source). */
function givenReading(decision: SlotDecision): SpanReading | undefined {
  if (decision.kind !== "filled" || !decision.readings) return undefined;
  const span = decision.sources?.[0];
  return span && { value: decision.values[0], probability: decision.probabilities[0] as number, span };
}

/**
 * One call per number of a list that one numeric slot's value belongs to, when no other slot of the call takes the
 * list's other numbers (nor an array slot any of them): "the factorial of 5, 10 and 15" is three calls, "the highest
 * common factor of 36 and 24" one. Likewise one call per name of a list that a required string slot's name begins
 * ("the presidency of Abraham Lincoln and George Washington"; continueNameList). Null when no slot, or more than one, holds such a list.
 */
export function callPerListedValue(
  slots: readonly Slot[],
  decisions: readonly SlotDecision[],
  conversation: SerializedConversation,
): { decisions: SlotDecision[]; count: number } | null {
  const given = decisions.map(givenReading);
  const inArrays = new Set(decisions.flatMap((d) => (d.kind === "filled" && Array.isArray(d.values[0]) ? (d.values[0] as unknown[]) : [])));
  const lists: Array<{ i: number; items: SpanReading[] }> = [];
  given.forEach((reading, i) => {
    const fill = slots[i]?.fill;
    if (!reading || fill?.kind !== "span") return;
    const others = given.filter((r, j): r is SpanReading => r !== undefined && j !== i);
    if (!isNumeric(fill.domain)) {
      if (!(slots[i] as Slot).requiredChain.every(Boolean)) return;
      const names = continueNameList(conversation, reading.span, thresholds().listed_calls_max).slice(1);
      const taken = new Set(decisions.flatMap((d, j) => (d.kind === "filled" && j !== i ? [d.values[0]] : [])));
      const read = readSpans(conversation, names, fill.domain).filter((r) => !taken.has(r.value) && others.every((o) => !overlaps(o.span, r.span)));
      if (read.length > 0 && read.length === names.length) lists.push({ i, items: [reading, ...read] });
      return;
    }
    const items = readListed(conversation, [reading], fill.domain, thresholds().listed_calls_max).filter(
      (r) => !r.listed || others.every((o) => !overlaps(o.span, r.span)),
    );
    if (items.length > 1 && items.every((r) => !inArrays.has(r.value))) lists.push({ i, items });
  });
  const [only, ...more] = lists;
  return only && more.length === 0 ? callPerItem(decisions, lists) : null;
}

/**
 * One call per item of the slots' lists (the lists hold as many items each): a listed slot takes its items call by
 * call, every other filled slot its value in each call.
 */
function callPerItem(
  decisions: readonly SlotDecision[],
  lists: ReadonlyArray<{ i: number; items: SpanReading[] }>,
): { decisions: SlotDecision[]; count: number } {
  const count = (lists[0] as { items: SpanReading[] }).items.length;
  const out = decisions.map((d, i): SlotDecision => {
    if (d.kind !== "filled") return d;
    const list = lists.find((l) => l.i === i);
    if (list) return { ...d, ...spreadOverCalls(list.items, count), sources: list.items.map((r) => r.span) };
    return { ...d, ...spreadOverCalls([{ value: d.values[0], probability: d.probabilities[0] as number }], count) };
  });
  return { decisions: out, count };
}
