/**
 * Numbered twins: parameters of one object told apart only by a number, letter or ordinal word ("num1"/"num2",
 * "x_a"/"x_b", "first_value"/"second_value"). People give their values in that order, and so does the synthetic data.
 */
import { en, wordPattern } from "../../lang/en.js";
import type { SerializedConversation } from "../../model/serialize.js";
import { domainAllows } from "../../tools/domain.js";
import type { Slot } from "../../tools/types.js";
import { spokenName } from "../decide/assigned.js";
import { continueNumberList, isNumeric, messageView } from "../parse/lists.js";
import { readSpans } from "../decide/slot.js";
import type { SlotDecision, SpanReading } from "../types.js";
import { overlaps, type Span } from "../read/spans.js";

/** A name opened by an ordinal word ("first_value", "secondValue"). */
const WORDED = new RegExp(String.raw`^(${en.TWIN_ORDINALS.join("|")})(?:[_-]|(?=[A-Z]))(.+)$`);

/** A parameter name's stem and ordinal when it is one of numbered twins, or null. */
export function twinOrdinal(name: string): { stem: string; ordinal: number } | null {
  const numbered = /^(.*?)[_-]?(\d)$/.exec(name);
  if (numbered?.[1]) return { stem: numbered[1].toLowerCase(), ordinal: Number(numbered[2]) };
  const lettered = /^(.+)[_-]([abcABC])$/.exec(name);
  if (lettered?.[1] && lettered[2]) return { stem: lettered[1].toLowerCase(), ordinal: "abc".indexOf(lettered[2].toLowerCase()) + 1 };
  const worded = WORDED.exec(name);
  if (worded?.[1] && worded[2]) return { stem: worded[2].toLowerCase(), ordinal: en.TWIN_ORDINALS.indexOf(worded[1]) + 1 };
  return null;
}

/** The key numbered twins of one object share, or null for a slot that is no twin. */
export function twinKey(slot: Slot | undefined): string | null {
  const path = slot?.path ?? [];
  const twin = twinOrdinal(path[path.length - 1] ?? "");
  return twin ? JSON.stringify([...path.slice(0, -1), twin.stem]) : null;
}

/** Twin slots `members` in the order of their ordinals (num1 before num2). */
function byOrdinal(slots: readonly Slot[], members: readonly number[]): number[] {
  const ordinal = (i: number) => twinOrdinal(slots[i]?.path.at(-1) ?? "")?.ordinal ?? 0;
  return [...members].sort((a, b) => ordinal(a) - ordinal(b));
}

/** The slots `indices` grouped by twin key, groups of two or more. */
export function twinGroups(slots: readonly Slot[], indices: Iterable<number>): number[][] {
  const groups = new Map<string, number[]>();
  for (const i of indices) {
    const key = twinKey(slots[i]);
    if (key !== null) groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return [...groups.values()].filter((members) => members.length > 1);
}

/** A twin's whole name, ordinal included, as written in text: "first_rankle_akin" or "first rankle akin", "lang 2". */
const namePatterns = new WeakMap<Slot, RegExp>();

function namePattern(slot: Slot): RegExp {
  let pattern = namePatterns.get(slot);
  if (!pattern) {
    pattern = new RegExp(`(?<![a-z0-9])${spokenName(slot.path[slot.path.length - 1] ?? "")}(?![a-z0-9])`, "gi");
    namePatterns.set(slot, pattern);
  }
  return pattern;
}

/** Words that may stand between a twin's name and its value: "lang1 of X", "X for lang2". */
const LABEL_BEFORE = wordPattern(en.TWIN_LABEL_BEFORE);
const LABEL_AFTER = wordPattern(en.TWIN_LABEL_AFTER);

/**
 * How closely the twin's whole name labels the span: 0 when right before it ("lang2: Creation", "brief2 'Rewrite'"),
 * 1 with a word such as "of" between ("funereally1 of 416791077"), 0.5 / 1.5 when right after it or after "for"
 * ("X for second calculuses"); Infinity when it stands nowhere that close, or across a sentence's end.
 */
function distanceToName(conversation: SerializedConversation, span: Span, slot: Slot): number {
  const view = messageView(conversation, span.start);
  const gap = (from: number, to: number, connector: RegExp): number => {
    const between = view.text.slice(from - view.first, to - view.first);
    if (/[.;!?]/.test(between)) return Number.POSITIVE_INFINITY;
    const words = between.match(/[A-Za-z0-9=]+/g) ?? [];
    return words.length === 0 ? 0 : words.length === 1 && connector.test(words[0] as string) ? 1 : Number.POSITIVE_INFINITY;
  };
  let nearest = Number.POSITIVE_INFINITY;
  for (const m of view.text.matchAll(namePattern(slot))) {
    const start = view.first + (m.index as number);
    const end = start + m[0].length;
    if (end <= span.start) nearest = Math.min(nearest, gap(end, span.start, LABEL_BEFORE));
    else if (start > span.end) nearest = Math.min(nearest, gap(span.end + 1, start, LABEL_AFTER) + 0.5);
  }
  return nearest;
}

/**
 * The readings that twins name (distanceToName: "lang2: Creation", "using C731 for second calculuses"): twin ->
 * index in `union`; a value named by two twins goes to the nearer name.
 */
function namedReadings(
  conversation: SerializedConversation,
  slots: readonly Slot[],
  members: readonly number[],
  union: readonly SpanReading[],
): Map<number, number> {
  const best = new Map<number, { twin: number; distance: number }>();
  for (const i of members) {
    const distances = union.map((r) => distanceToName(conversation, r.span, slots[i] as Slot));
    const nearest = Math.min(...distances);
    const u = distances.indexOf(nearest);
    if (nearest === Number.POSITIVE_INFINITY) continue;
    const held = best.get(u);
    if (!held || nearest < held.distance) best.set(u, { twin: i, distance: nearest });
  }
  return new Map([...best].map(([u, { twin }]) => [twin, u]));
}

/** The readings in text order, without one that overlaps an earlier one. */
function inTextOrder(readings: readonly SpanReading[]): SpanReading[] {
  const out: SpanReading[] = [];
  for (const r of [...readings].sort((a, b) => a.span.start - b.span.start)) {
    const previous = out[out.length - 1];
    if (!previous || !overlaps(previous.span, r.span)) out.push(r);
  }
  return out;
}

/**
 * Twins (`members`, one group) take the spans they point at in turn, call by call: "3 and 4, 5 and 12" reads num1 = 3,
 * num2 = 4, then num1 = 5, num2 = 12; in one call, "the gcd of 36 and 48" reads num1 = 36 whichever twin the model
 * gave it, and a value a twin is named next to is that twin's ("using C731 for second calculuses": namedReadings),
 * the others taking the rest in turn. Done in `readings` (slot -> its readings, one per call) when their number
 * divides evenly and each twin's type allows its values; returns whether it was.
 */
export function takeTurns(
  slots: readonly Slot[],
  members: readonly number[],
  readings: Map<number, SpanReading[]>,
  conversation: SerializedConversation,
): boolean {
  const m = members.length;
  const union = inTextOrder(members.flatMap((i) => readings.get(i) ?? []));
  if (m < 2 || union.length % m !== 0) return false;
  const named = union.length === m ? namedReadings(conversation, slots, members, union) : new Map<number, number>();
  const claimed = new Set(named.values());
  const rest = union.filter((_, u) => !claimed.has(u));
  const unnamed = byOrdinal(
    slots,
    members.filter((i) => !named.has(i)),
  );
  const turns = new Map<number, SpanReading[]>([
    ...[...named].map(([i, u]): [number, SpanReading[]] => [i, [union[u] as SpanReading]]),
    ...unnamed.map((i, k): [number, SpanReading[]] => [i, rest.filter((__, r) => r % unnamed.length === k)]),
  ]);
  const fits = members.every((i) => {
    const fill = slots[i]?.fill;
    return fill?.kind === "span" && (turns.get(i) ?? []).every((r) => domainAllows(fill.domain, r.value));
  });
  if (fits) for (const [i, taken] of turns) readings.set(i, taken);
  return fits;
}

/**
 * Array twins of one call whose items lie in as many separate lists as there are twins take one list each, in turn:
 * "Control [10, 15, 12] and Treated [18, 16, 17]" reads array_1 = [10, 15, 12], array_2 = [18, 16, 17], however the
 * model spread the items over the two (numeric items: a list is the numbers that continueNumberList joins).
 * `decisions[i]` is `slots[i]`'s; returns the new decisions.
 */
export function listsInTurn(slots: readonly Slot[], decisions: readonly SlotDecision[], conversation: SerializedConversation): SlotDecision[] {
  const out = [...decisions];
  const arrays = decisions.flatMap((d, i) => {
    const fill = slots[i]?.fill;
    return d.kind === "filled" && fill?.kind === "array" && isNumeric(fill.items) && (d.sources?.length ?? 0) > 0 ? [i] : [];
  });
  for (const members of twinGroups(slots, arrays)) {
    const lists: Span[][] = [];
    for (const i of members) {
      const fill = slots[i]?.fill;
      const decision = decisions[i];
      if (fill?.kind !== "array" || decision?.kind !== "filled") continue;
      for (const span of decision.sources ?? []) {
        if (lists.some((list) => list.some((s) => overlaps(s, span)))) continue;
        lists.push(continueNumberList(conversation, [span], fill.maxItems));
      }
    }
    if (lists.length !== members.length) continue;
    lists.sort((a, b) => (a[0]?.start ?? 0) - (b[0]?.start ?? 0));
    const turns = byOrdinal(slots, members).map((i, k) => {
      const fill = slots[i]?.fill;
      const list = lists[k] ?? [];
      const readings = fill?.kind === "array" ? readSpans(conversation, list, fill.items) : [];
      return { i, readings, fits: fill?.kind === "array" && readings.length === list.length && readings.length >= fill.minItems };
    });
    if (!turns.every((t) => t.fits)) continue;
    for (const { i, readings } of turns) {
      const decision = out[i];
      if (decision?.kind !== "filled") continue;
      const probability = Math.min(...readings.map((r) => r.probability));
      out[i] = { ...decision, values: [readings.map((r) => r.value)], probabilities: [probability], sources: readings.map((r) => r.span) };
    }
  }
  return out;
}
