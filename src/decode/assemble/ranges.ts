/**
 * Ranges: two parameters of one object that name the two ends of one range ("start_year"/"end_year",
 * "min_price"/"max_price", "from_x"/"to_x"). Schema order (order.ts) leaves them to the model: a range's ends are
 * not two bare values of one kind.
 */
import { en } from "../../lang/en.js";
import type { Slot } from "../../tools/types.js";
import { nameWords } from "../decide/assigned.js";
import { perTool } from "../per-tool.js";

/** Words that name a range's start and its end, in that order. */
const ENDS = en.RANGE_ENDS;

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

/** Range pairs [start slot, end slot] of a tool's slots. */
export const rangePairs = perTool((slots): Array<[number, number]> => {
  const spans = slots.flatMap((slot, i) => (slot.fill.kind === "span" ? [i] : []));
  return spans.flatMap((i) => spans.filter((j) => rangeEnds(slots[i] as Slot, slots[j] as Slot)).map((j): [number, number] => [i, j]));
});
