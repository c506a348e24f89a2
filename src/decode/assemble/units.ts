/**
 * Units of measurement: a slot for the unit of a quantity ("unit", "units", "temp_unit") takes the one unit the last
 * message writes ("a radius of 4 inches", "5cm", "the distance in miles"), never a word that names no unit ("four",
 * "John", "determine"), which is what the pointer heads give it when they are lost.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import type { Slot } from "../../tools/types.js";
import { domainAllows } from "../../tools/domain.js";
import { lastMessage, nameWords } from "../decide/assigned.js";
import { isText } from "../parse/lists.js";
import type { SlotDecision } from "../types.js";
import { stated } from "../decide/stated.js";
import { en } from "../../lang/en.js";
import { perTool } from "../per-tool.js";

const UNIT_WORDS = en.UNIT_PATTERNS;
const UNIT = new RegExp(String.raw`^(?:${UNIT_WORDS.join("|")})$`, "i");
/** A unit written after a number ("4 inches", "5cm", "12 ounce") or after "in" ("in miles", "in Fahrenheit"). */
const WRITTEN_UNIT = new RegExp(String.raw`(?:\d\s*|\bin\s+)(${UNIT_WORDS.join("|")})(?![A-Za-z0-9/^])`, "gi");

/** Whether a slot is the unit of a quantity: a string slot whose name's last word is unit(s), with no direction ("from_unit"). */
function isUnitSlot(slot: Slot): boolean {
  const words = nameWords(slot.path[slot.path.length - 1] ?? "");
  const named = /^units?$/.test(words[words.length - 1] ?? "") && !words.some((w) => w === "from" || w === "to");
  return named && slot.fill.kind === "span" && isText(slot.fill.domain);
}

/** Which slots of a tool are unit slots. */
const unitSlots = perTool((slots) => slots.map(isUnitSlot));

/**
 * The decisions with each unit slot of a string type set to the one unit the last message writes, when the slot holds
 * no unit; left alone when the message writes none or several. The unit is copied as written ("in mile" stays "mile"
 * where an answer key may want "miles").
 */
export function withUnits(
  slots: readonly Slot[],
  decisions: readonly SlotDecision[],
  conversation: SerializedConversation,
  count: number,
): SlotDecision[] {
  const units = unitSlots(slots);
  if (!units.includes(true)) return [...decisions];
  const text = lastMessage(conversation)?.text ?? "";
  const [only, ...more] = new Set([...text.matchAll(WRITTEN_UNIT)].map((m) => m[1] as string));
  return decisions.map((decision, i) => {
    const fill = (slots[i] as Slot).fill;
    if (!units[i] || fill.kind !== "span") return decision;
    if (decision.kind === "filled" && decision.values.every((v) => typeof v === "string" && UNIT.test(v))) return decision;
    return only === undefined || more.length > 0 || !domainAllows(fill.domain, only) ? decision : stated(only, count);
  });
}
