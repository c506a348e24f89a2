/**
 * A city and the country (or state) it lies in, written as one place ("London, UK", "Tokyo, Japan"): when a call has
 * a slot for each, the part before the comma is the city's and the part after it the country's, whichever of the two
 * slots the model gave the whole place to ("London, UK" had been read as the country, the city then asked
 * for). A location beside a country slot is its city ("Sydney, Australia":
 * location Sydney).
 */
import type { SerializedConversation } from "../../model/serialize.js";
import type { Slot } from "../../tools/types.js";
import { nameWords } from "../decide/assigned.js";
import { readSpans, singleSource } from "../decide/slot.js";
import type { SlotDecision } from "../types.js";
import type { Span } from "../read/spans.js";
import { en } from "../../lang/en.js";
import { perTool } from "../per-tool.js";

const CITY = new Set(en.CITY_NAME_WORDS);
const REGION = new Set(en.REGION_NAME_WORDS);

/** The slot whose last name word is one of `words` and that takes a string span, or -1. */
function slotNamed(slots: readonly Slot[], words: ReadonlySet<string>): number {
  return slots.findIndex((slot) => {
    const name = nameWords(slot.path[slot.path.length - 1] ?? "");
    return slot.fill.kind === "span" && name.length > 0 && words.has(name[name.length - 1] as string);
  });
}

/** The span's two parts around its one comma ("London, UK" -> "London", "UK"), or null. */
function aroundComma(conversation: SerializedConversation, span: Span): [Span, Span] | null {
  const bytes = Array.from(conversation.ids.subarray(span.start, span.end + 1));
  const commas = bytes.flatMap((b, k) => (b === 0x2c ? [k] : []));
  const [comma, ...more] = commas;
  if (comma === undefined || more.length > 0 || bytes[comma + 1] !== 0x20) return null;
  const first = { ...span, end: span.start + comma - 1 };
  const second = { ...span, start: span.start + comma + 2 };
  return first.end >= first.start && second.start <= second.end ? [first, second] : null;
}

/** A tool's city and region slots; -1 when none. */
const placeSlots = perTool((slots) => ({ city: slotNamed(slots, CITY), region: slotNamed(slots, REGION) }));

/** The decisions with a city-and-country place split between the two slots; unchanged when no such place is read. */
export function splitPlace(slots: readonly Slot[], decisions: readonly SlotDecision[], conversation: SerializedConversation): SlotDecision[] {
  const { city, region } = placeSlots(slots);
  if (city < 0 || region < 0) return [...decisions];
  const citySpan = singleSource(decisions[city]);
  const regionSpan = singleSource(decisions[region]);
  const whole = citySpan && aroundComma(conversation, citySpan) ? citySpan : regionSpan && aroundComma(conversation, regionSpan) ? regionSpan : null;
  if (!whole) return [...decisions];
  const other = whole === citySpan ? regionSpan : citySpan;
  if (other && !(other.start >= whole.start && other.end <= whole.end)) return [...decisions];
  const parts = aroundComma(conversation, whole) as [Span, Span];
  const out = [...decisions];
  for (const [i, span] of [
    [city, parts[0]],
    [region, parts[1]],
  ] as const) {
    const fill = (slots[i] as Slot).fill;
    if (fill.kind !== "span") return [...decisions];
    const [reading] = readSpans(conversation, [span], fill.domain);
    if (!reading) return [...decisions];
    out[i] = { kind: "filled", values: [reading.value], probabilities: [whole.probability], sources: [reading.span] };
  }
  return out;
}
