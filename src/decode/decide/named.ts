/**
 * Options the last message names word for word: an enum's option ("sort by price_asc", "in Electropop"), the items
 * of an array of options ("avoiding highways and toll roads" -> ["highways", "tolls"]) and the options a string
 * parameter's description quotes ("Choices are 'trapezoid' or 'simpson'"). The text says these values outright,
 * whatever the heads score them.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import type { SchemaElement, Slot, SlotFill, ValueDomain } from "../../tools/types.js";
import { domainAllows } from "../../tools/domain.js";
import { escape, lastMessage } from "./assigned.js";
import { isText } from "../parse/lists.js";
import type { SlotDecision } from "../types.js";
import { stated } from "./stated.js";

/**
 * An option as a whole-word pattern: "_" and "-" match a space too ("price asc" for price_asc); with `plural`, its last
 * word may be singular or plural ("toll" for tolls, "ratings" for rating). Options of one letter never match.
 */
function optionPattern(option: unknown, plural: boolean): RegExp | null {
  if (typeof option !== "string" || option.length < 2) return null;
  let words = escape(option).replace(/[_-]+/g, "[ _-]");
  if (plural) words = /(?:es|s)$/i.test(option) ? words.replace(/(es|s)$/i, "(?:$1)?") : `${words}(?:s|es)?`;
  return new RegExp(`(?<![A-Za-z0-9])${words}(?![A-Za-z0-9])`, "i");
}

/** Patterns of an options list, exact and plural-tolerant, built once per compiled slot (tool sets are cached). */
const patternsOfOptions = {
  exact: new WeakMap<readonly unknown[], Array<RegExp | null>>(),
  plural: new WeakMap<readonly unknown[], Array<RegExp | null>>(),
};

function patterns(options: readonly unknown[], plural: boolean): Array<RegExp | null> {
  const cache = plural ? patternsOfOptions.plural : patternsOfOptions.exact;
  let made = cache.get(options);
  if (!made) cache.set(options, (made = options.map((option) => optionPattern(option, plural))));
  return made;
}

/** The options the last message names (indices into `options`), in the order it names them. */
function named(conversation: SerializedConversation, options: readonly unknown[], plural: boolean): number[] {
  const text = lastMessage(conversation)?.text;
  if (text === undefined) return [];
  const found = patterns(options, plural).flatMap((pattern, index) => {
    const m = pattern?.exec(text);
    return m ? [{ index, at: m.index }] : [];
  });
  return found.sort((a, b) => a.at - b.at).map((f) => f.index);
}

/**
 * The one allowed option of an enum slot the last message names word for word, or null when it names none or several.
 * Exact words only: singular / plural tolerance loses cases here.
 */
export function namedOption(conversation: SerializedConversation, fill: Extract<SlotFill, { kind: "enum" }>): number | null {
  const found = named(conversation, fill.options, false).filter((k) => fill.allowed[k]);
  return found.length === 1 ? (found[0] as number) : null;
}

/**
 * The options an array of options takes from the last message: every option it names, singular or plural, in the
 * order it names them ("the elevation and area of Yellowstone" -> ["Elevation", "Area"]). Empty unless every rule of
 * the item domain lists its options.
 */
export function namedItems(conversation: SerializedConversation, items: ValueDomain): unknown[] {
  if (items.rules.length === 0 || !items.rules.every((rule) => rule.enum)) return [];
  const options = optionsOf(items);
  return named(conversation, options, true)
    .map((k) => options[k])
    .filter((option) => domainAllows(items, option));
}

/** The item domain's options, one array per compiled domain (so that their patterns are cached with it). */
const optionsOfDomain = new WeakMap<ValueDomain, unknown[]>();

function optionsOf(items: ValueDomain): unknown[] {
  let options = optionsOfDomain.get(items);
  if (!options) optionsOfDomain.set(items, (options = items.rules.flatMap((rule) => rule.enum ?? [])));
  return options;
}

/** Quoted words in a parameter's description ("Choices are 'trapezoid' or 'simpson'"): at most three words, no comma. */
const QUOTED = /(?<![A-Za-z])['"]([^'"\n]{1,40}?)['"](?![A-Za-z])/g;

const optionsOfElement = new WeakMap<SchemaElement, string[]>();

/**
 * The options a parameter's description quotes ("Choices are 'trapezoid' or 'simpson'. Default is 'trapezoid'.",
 * "options: 'Darwin', 'Lamarck'"), once each; a quoted format example with a comma ("formatted as 'City, State'") is none.
 */
function describedOptions(element: SchemaElement): string[] {
  let options = optionsOfElement.get(element);
  if (!options) {
    const description = element.text.split(" : ").slice(2).join(" : ");
    const found = [...description.matchAll(QUOTED)].map((m) => (m[1] ?? "").trim());
    options = [...new Set(found.filter((o) => o.length >= 2 && !o.includes(",") && o.split(/\s+/).length <= 3))];
    optionsOfElement.set(element, options);
  }
  return options;
}

/**
 * The decisions of a tool's calls, with each string slot whose description quotes two options or more set to the one
 * of them the last message names word for word ("using simpson method", "in Celsius", "patent lawsuits" for "Type of
 * the lawsuit, e.g., 'IPR', 'Patent'"), whatever was read before: a string slot that lists its options in words is an
 * enum the schema did not declare. Applied once the call's slots have their spans, so that the others keep theirs.
 */
export function withDescribedOptions(
  slots: readonly Slot[],
  decisions: readonly SlotDecision[],
  elements: readonly SchemaElement[],
  conversation: SerializedConversation,
  count: number,
): SlotDecision[] {
  return decisions.map((decision, i) => {
    const slot = slots[i] as Slot;
    if (slot.fill.kind !== "span" || !isText(slot.fill.domain)) return decision;
    const options = describedOptions(elements[slot.element] as SchemaElement);
    const [only, ...more] = options.length >= 2 ? named(conversation, options, false) : [];
    const value = only === undefined || more.length > 0 ? undefined : options[only];
    if (value === undefined || !domainAllows(slot.fill.domain, value)) return decision;
    return stated(value, count);
  });
}
