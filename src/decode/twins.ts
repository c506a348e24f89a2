/**
 * Numbered twins: parameters of one object told apart only by a number, letter or ordinal word ("num1"/"num2",
 * "x_a"/"x_b", "first_value"/"second_value"). People give their values in that order, and so does the synthetic data.
 */
import { domainAllows } from "../tools/domain.js";
import type { Slot } from "../tools/types.js";
import type { SpanReading } from "./slot.js";
import { overlaps } from "./spans.js";

/** A parameter name's stem and ordinal when it is one of numbered twins, or null. */
export function twinOrdinal(name: string): { stem: string; ordinal: number } | null {
  const numbered = /^(.*?)[_-]?(\d)$/.exec(name);
  if (numbered?.[1]) return { stem: numbered[1].toLowerCase(), ordinal: Number(numbered[2]) };
  const lettered = /^(.+)[_-]([abc])$/.exec(name);
  if (lettered?.[1] && lettered[2]) return { stem: lettered[1].toLowerCase(), ordinal: "abc".indexOf(lettered[2]) + 1 };
  const worded = /^(first|second|third)(?:[_-]|(?=[A-Z]))(.+)$/.exec(name);
  if (worded?.[1] && worded[2]) return { stem: worded[2].toLowerCase(), ordinal: ["first", "second", "third"].indexOf(worded[1]) + 1 };
  return null;
}

/** The key numbered twins of one object share, or null for a slot that is no twin. */
export function twinKey(slot: Slot | undefined): string | null {
  const path = slot?.path ?? [];
  const twin = twinOrdinal(path[path.length - 1] ?? "");
  return twin ? JSON.stringify([...path.slice(0, -1), twin.stem]) : null;
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
 * gave it. Done in `readings` (slot -> its readings, one per call) when their number divides evenly and each twin's
 * type allows its values; returns whether it was.
 */
export function takeTurns(slots: readonly Slot[], members: readonly number[], readings: Map<number, SpanReading[]>): boolean {
  const m = members.length;
  const union = inTextOrder(members.flatMap((i) => readings.get(i) ?? []));
  if (m < 2 || union.length % m !== 0) return false;
  const ordinal = (i: number) => twinOrdinal(slots[i]?.path.at(-1) ?? "")?.ordinal ?? 0;
  const byOrdinal = [...members].sort((a, b) => ordinal(a) - ordinal(b));
  const turns = byOrdinal.map((_, k) => union.filter((__, u) => u % m === k));
  const fits = byOrdinal.every((i, k) => {
    const fill = slots[i]?.fill;
    return fill?.kind === "span" && (turns[k] as SpanReading[]).every((r) => domainAllows(fill.domain, r.value));
  });
  if (fits) byOrdinal.forEach((i, k) => readings.set(i, turns[k] as SpanReading[]));
  return fits;
}
