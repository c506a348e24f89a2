/**
 * Values told bare keep the schema's order. When a request states two values of one kind without a word of their
 * parameters ("a wall of 30 feet by 12 feet" for length and height, "20 kg of water at 30 degrees" for mass and
 * temperature), the order of the text is the only evidence of which is which, and people state them in the order the
 * function takes them. The model reads the element texts as a set, blind to that order, and swaps such pairs. Chosen
 * on the validation split, BFCL checked after. Weighing the swap by the model's span probabilities changed nothing.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import type { Slot } from "../../tools/types.js";
import { nameWords } from "../decide/assigned.js";
import { isNumeric, messageView } from "../parse/lists.js";
import { rangePairs } from "./ranges.js";
import { readSpans, singleSource } from "../decide/slot.js";
import type { SlotDecision } from "../types.js";
import type { Span } from "../read/spans.js";
import { thresholds } from "../settings.js";

/** Whether two words share a stem: equal, or the same first four letters ("user" and "username", "covers" and "coverage"). */
function sameStem(a: string, b: string): boolean {
  return a === b || (a.length >= 4 && b.length >= 4 && a.slice(0, 4) === b.slice(0, 4));
}

/** Words of a parameter's name or the conversation (three letters or more, lower case). */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3);
}

/**
 * Whether a word of the parameter's name (or of its stem) lies next to `span`, within naming_distance words on each
 * side ("180 hits", "for user 'Sam'", "covers 400").
 */
function namedNextTo(conversation: SerializedConversation, span: Span, slot: Slot): boolean {
  const view = messageView(conversation, span.start);
  const near = [
    ...wordsOf(view.text.slice(0, span.start - view.first)).slice(-thresholds().naming_distance),
    ...wordsOf(view.text.slice(span.end + 1 - view.first)).slice(0, thresholds().naming_distance),
  ];
  const name = nameWords(slot.path[slot.path.length - 1] ?? "").filter((w) => w.length >= 3);
  return name.some((n) => near.some((w) => sameStem(w, n)));
}

/**
 * Whether a word and a colon or an equals sign come right before `span`: a value named, by its parameter ("a=2", as
 * assignedSpan reads it) or by a synonym ("zip: B1 6GQ").
 */
function labelled(conversation: SerializedConversation, span: Span): boolean {
  const view = messageView(conversation, span.start);
  return /\w\s*[:=]\s*["']?$/.test(view.text.slice(0, span.start - view.first));
}

/**
 * One call's decisions with the bare values of each kind (numbers, strings) in the schema's order: the slots filled
 * from one span each, whose parameter no word next to them names, that no label ("a=", "zip:") comes right before,
 * and that are not the ends of a range (orderRanges). `decisions[i]` is `slots[i]`'s; a reordering that a slot's type does not
 * read is not made.
 */
export function inSchemaOrder(slots: readonly Slot[], decisions: readonly SlotDecision[], conversation: SerializedConversation): SlotDecision[] {
  const inRange = new Set(rangePairs(slots).flat());
  const groups = new Map<string, Array<{ i: number; span: Span }>>();
  slots.forEach((slot, i) => {
    const span = singleSource(decisions[i]);
    if (!span || slot.fill.kind !== "span" || inRange.has(i)) return;
    if (namedNextTo(conversation, span, slot) || labelled(conversation, span)) return;
    const kind = isNumeric(slot.fill.domain) ? "number" : "string";
    groups.set(kind, [...(groups.get(kind) ?? []), { i, span }]);
  });
  const out = [...decisions];
  for (const group of groups.values()) {
    const spans = group.map((g) => g.span).sort((a, b) => a.start - b.start);
    if (group.every((g, k) => g.span === spans[k])) continue;
    const moved = group.map(({ i }, k) => {
      const fill = (slots[i] as Slot).fill;
      return fill.kind === "span" ? readSpans(conversation, [spans[k] as Span], fill.domain)[0] : undefined;
    });
    if (moved.some((r) => r === undefined)) continue;
    group.forEach(({ i }, k) => {
      const decision = out[i] as Extract<SlotDecision, { kind: "filled" }>;
      const reading = moved[k] as NonNullable<(typeof moved)[number]>;
      out[i] = { ...decision, values: [reading.value], sources: [reading.span], readings: [reading] };
    });
  }
  return out;
}
