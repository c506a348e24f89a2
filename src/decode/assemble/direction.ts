/**
 * Parameters told apart by direction (from_currency / to_currency, source_language / target_language,
 * start_location / end_location) take the values the text gives them with "from" and "to": "'46,035' to CAD and by
 * GBP" converts from GBP to CAD whichever way the model read it. The model scores the two slots alike, as their
 * names differ by one word and the options are the same.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import type { Slot } from "../../tools/types.js";
import { escape, lastMessage, nameWords } from "../decide/assigned.js";
import { messageView } from "../parse/lists.js";
import { readSpans, singleSource } from "../decide/slot.js";
import type { SlotDecision } from "../types.js";
import type { Span } from "../read/spans.js";
import { en } from "../../lang/en.js";
import { perTool } from "../per-tool.js";

const SOURCE = new Set(en.SOURCE_NAME_WORDS);
const TARGET = new Set(en.TARGET_NAME_WORDS);

/** The word a value follows when the text says its direction ("from 'JPY'", "into EUR"), as source or target. */
const CUE = new RegExp(String.raw`\b(${en.DIRECTION_CUES.join("|")})\s*["'(]?$`, "i");

type Direction = "source" | "target";

/** A parameter's direction and the rest of its path ("from_currency" -> source, "currency"), or null. */
function directionOf(slot: Slot): { direction: Direction; stem: string } | null {
  const words = nameWords(slot.path[slot.path.length - 1] ?? "");
  const source = words.filter((w) => SOURCE.has(w));
  const target = words.filter((w) => TARGET.has(w));
  if (source.length + target.length !== 1) return null;
  const stem = [...slot.path.slice(0, -1), words.filter((w) => !SOURCE.has(w) && !TARGET.has(w)).join(" ")];
  return { direction: source.length === 1 ? "source" : "target", stem: JSON.stringify(stem) };
}

/** Where a decision's value stands in the text: its span, or for an option the one place the last message names it. */
function place(conversation: SerializedConversation, decision: SlotDecision | undefined, slot: Slot): Span | null {
  const span = singleSource(decision);
  if (span || decision?.kind !== "filled" || slot.fill.kind !== "enum" || typeof decision.values[0] !== "string") return span;
  const view = lastMessage(conversation);
  if (!view) return null;
  const [only, ...more] = view.text.matchAll(new RegExp(`(?<![A-Za-z0-9])${escape(decision.values[0])}(?![A-Za-z0-9])`, "gi"));
  if (!only || more.length > 0) return null;
  const start = view.first + (only.index as number);
  return { start, end: start + only[0].length - 1, probability: 1, score: 0 };
}

/** The direction the text gives a value at `span`, or null. */
function cue(conversation: SerializedConversation, span: Span): Direction | null {
  const view = messageView(conversation, span.start);
  const word = CUE.exec(view.text.slice(0, span.start - view.first))?.[1]?.toLowerCase();
  return word === undefined ? null : word === "from" ? "source" : "target";
}

/** A decision for slot `to` with the value of `from`'s decision, or null when `to`'s type does not take it. */
function moved(conversation: SerializedConversation, decision: SlotDecision, to: Slot): SlotDecision | null {
  if (decision.kind !== "filled") return null;
  if (to.fill.kind === "enum") {
    const k = to.fill.options.indexOf(decision.values[0]);
    return k >= 0 && to.fill.allowed[k] === true ? decision : null;
  }
  const span = singleSource(decision);
  if (to.fill.kind !== "span" || !span) return null;
  const [reading] = readSpans(conversation, [span], to.fill.domain);
  return reading ? { ...decision, values: [reading.value], sources: [reading.span], readings: [reading] } : null;
}

/** Source / target pairs of a tool's slots. */
const directionPairs = perTool((slots): Array<{ source: number; target: number }> => {
  const sides = new Map<string, Partial<Record<Direction, number>>>();
  slots.forEach((slot, i) => {
    const d = directionOf(slot);
    if (d) sides.set(d.stem, { ...sides.get(d.stem), [d.direction]: i });
  });
  return [...sides.values()].flatMap(({ source, target }) => (source === undefined || target === undefined ? [] : [{ source, target }]));
});

/**
 * One call's decisions with each source / target pair swapped when the text's "from" and "to" say the values the
 * other way round (more cues against the model's reading than for it). `decisions[i]` is `slots[i]`'s.
 */
export function byDirection(slots: readonly Slot[], decisions: readonly SlotDecision[], conversation: SerializedConversation): SlotDecision[] {
  const out = [...decisions];
  for (const { source, target } of directionPairs(slots)) {
    const at = { source: place(conversation, out[source], slots[source] as Slot), target: place(conversation, out[target], slots[target] as Slot) };
    let evidence = 0;
    for (const side of ["source", "target"] as const) {
      const span = at[side];
      const said = span ? cue(conversation, span) : null;
      if (said) evidence += said === side ? 1 : -1;
    }
    if (evidence >= 0) continue;
    const toTarget = moved(conversation, out[source] as SlotDecision, slots[target] as Slot);
    const toSource = moved(conversation, out[target] as SlotDecision, slots[source] as Slot);
    if (!toTarget || !toSource) continue;
    out[source] = toSource;
    out[target] = toTarget;
  }
  return out;
}
