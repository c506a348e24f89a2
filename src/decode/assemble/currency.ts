/**
 * Currency codes: a slot for an ISO 4217 code ("from_currency", "target_currency", or an enum of codes) that the
 * action head calls implied (the text names the currency: "50 euros", "in yen", "美元") takes the code of the currency
 * the last message names, in place of routing the request to the origin. This is the small type-constrained value
 * generator that DESIGN.md allows for values the model cannot point at: a fixed table, no guess.
 */
import type { SerializedConversation } from "../../model/serialize.js";
import { domainAllows } from "../../tools/domain.js";
import type { Slot } from "../../tools/types.js";
import { lastMessage, nameWords } from "../decide/assigned.js";
import { isText } from "../parse/lists.js";
import type { SlotDecision } from "../types.js";
import { stated } from "../decide/stated.js";
import { en } from "../../lang/en.js";
import { zh } from "../../lang/zh.js";
import { perTool } from "../per-tool.js";

/** Currency names and symbols as written, by ISO 4217 code, every language's; a longer name wins over a shorter one inside it. */
const NAMES: Record<string, readonly string[]> = Object.fromEntries(
  Object.keys(en.CURRENCY_NAMES).map((code) => [code, [...(en.CURRENCY_NAMES[code] ?? []), ...(zh.CURRENCY_NAMES[code] ?? [])]]),
);
const CODES = Object.keys(NAMES);
const NAMED: { code: string; pattern: string }[] = CODES.flatMap((code) => (NAMES[code] ?? []).map((pattern) => ({ code, pattern })));
NAMED.sort((a, b) => b.pattern.length - a.pattern.length);
/** Every name or symbol, or a code written in capitals ("CAD"); a word name stands alone (not "pounded", "Bucksport"). */
const MENTION = new RegExp(String.raw`(?<![A-Za-z])(?:${NAMED.map((n) => `(${n.pattern})`).join("|")})(?![A-Za-z])|\b(${CODES.join("|")})\b`, "giu");

interface Mention {
  code: string;
  /** The name as written, lower case. */
  text: string;
}

/** Every currency the text names or writes as a code, in order. */
function mentions(text: string): Mention[] {
  const found: Mention[] = [];
  for (const m of text.matchAll(MENTION)) {
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    const written = m[group] as string;
    if (group > NAMED.length && written !== written.toUpperCase()) continue;
    found.push({ code: group <= NAMED.length ? (NAMED[group - 1] as { code: string }).code : written, text: written.toLowerCase() });
  }
  return found;
}

/** The currencies the text names, in order, each once. */
export function namedCurrencies(text: string): string[] {
  return [...new Set(mentions(text).map((m) => m.code))];
}

/**
 * The code of the one currency whose name a value is, holds or is part of ("Euros", "Canadian" of "Canadian
 * dollars", "US dollars can"), or null.
 */
function codeOf(value: string, named: readonly Mention[]): string | null {
  const v = value.trim().toLowerCase();
  if (v.length < 2) return null;
  const codes = new Set(named.filter((m) => m.text.includes(v) || v.includes(m.text)).map((m) => m.code));
  return codes.size === 1 ? ([...codes][0] as string) : null;
}

/** A slot for a currency code: a string slot or an enum whose name speaks of currency, or an enum of codes. */
function isCurrencySlot(slot: Slot): boolean {
  const fill = slot.fill;
  const named = nameWords(slot.path[slot.path.length - 1] ?? "").some((w) => w === "currency" || w === "currencies" || w === "ccy");
  if (fill.kind === "span") return named && isText(fill.domain);
  if (fill.kind !== "enum") return false;
  const codes = fill.options.filter((o) => typeof o === "string" && CODES.includes(o.toUpperCase()));
  return codes.length >= 2 && (named || codes.length === fill.options.length);
}

const TARGET_WORDS = new Set(en.TARGET_NAME_WORDS_CURRENCY);

/** Whether a currency slot's name says it is the target of a conversion (to_currency, target_currency). */
function isTarget(slot: Slot): boolean {
  return nameWords(slot.path[slot.path.length - 1] ?? "").some((w) => TARGET_WORDS.has(w));
}

/** Per code, the currency named as a conversion's target ("to euros", "in yen", "into EUR"). */
const AS_TARGET = new Map(
  CODES.map((code) => [
    code,
    new RegExp(String.raw`\b(?:${en.CONVERSION_TARGET_CUES.join("|")})\s+(?:${(NAMES[code] ?? []).join("|")}|${code})(?![A-Za-z])`, "i"),
  ]),
);

/** The slot's value for a code: the code itself, or the enum option spelling it. */
function valueFor(slot: Slot, code: string): string | null {
  const fill = slot.fill;
  if (fill.kind === "enum") {
    const i = fill.options.findIndex((o) => typeof o === "string" && o.toUpperCase() === code);
    return i >= 0 && fill.allowed[i] ? (fill.options[i] as string) : null;
  }
  return fill.kind === "span" && domainAllows(fill.domain, code) ? code : null;
}

/** Which slots of a tool are currency slots. */
const currencySlots = perTool((slots) => slots.map(isCurrencySlot));

/**
 * The decisions with each currency slot that the heads call implied (or, required, absent; or that holds no code,
 * readsNoCode) set to a currency the
 * last message names and no other currency slot of the call holds: one such slot takes the one such currency; two
 * take two in the order they are named, the source first, unless the first is named as a target ("to euros").
 * Left alone when the counts differ. A filled currency slot holding a currency's name, or part of it, takes its code
 * ("Canadian" of "Canadian dollars" -> CAD).
 */
export function withCurrencyCodes(
  slots: readonly Slot[],
  decisions: readonly SlotDecision[],
  conversation: SerializedConversation,
  count: number,
): SlotDecision[] {
  const currency = currencySlots(slots);
  if (!currency.includes(true)) return [...decisions];
  const text = lastMessage(conversation)?.text ?? "";
  const written = mentions(text);
  const normal = decisions.map((d, i) => (currency[i] && d.kind === "filled" ? asCodes(slots[i] as Slot, d, written) : d));
  const open = slots.flatMap((slot, i) => {
    const d = normal[i] as SlotDecision;
    const required = slot.requiredChain.every((r) => r);
    return currency[i] && (d.kind === "not_expressible" || (d.kind === "absent" && required) || readsNoCode(slot, d)) ? [i] : [];
  });
  if (open.length === 0 || open.length > 2) return normal;
  const held = new Set(normal.flatMap((d, i) => (currency[i] && d.kind === "filled" ? d.values.map((v) => String(v).toUpperCase()) : [])));
  const named = [...new Set(written.map((m) => m.code))].filter((code) => !held.has(code));
  if (named.length !== open.length) return normal;
  const ordered =
    open.length === 2 && isTarget(slots[open[0] as number] as Slot) && !isTarget(slots[open[1] as number] as Slot) ? [...open].reverse() : open;
  const toFirst = named.length === 2 && AS_TARGET.get(named[0] as string)?.test(text) === true;
  const codes = toFirst ? [...named].reverse() : named;
  const out = [...normal];
  for (let k = 0; k < ordered.length; k++) {
    const i = ordered[k] as number;
    const value = valueFor(slots[i] as Slot, codes[k] as string);
    if (value === null) return normal;
    out[i] = stated(value, count);
  }
  return out;
}

/**
 * Whether a filled currency span slot holds no currency code at all (three letters, upper case): a word the pointer
 * heads fell back on when another slot took the code they pointed at ("at CHF and using euros for into" read "Hello"
 * as the target).
 */
function readsNoCode(slot: Slot, d: SlotDecision): boolean {
  return d.kind === "filled" && slot.fill.kind === "span" && d.values.every((v) => typeof v === "string" && !/^[A-Z]{3}$/.test(v));
}

/** A filled currency slot's values, each a currency name or part of one turned into its code (if the slot allows it). */
function asCodes(slot: Slot, decision: SlotDecision & { kind: "filled" }, written: readonly Mention[]): SlotDecision {
  if (slot.fill.kind !== "span") return decision;
  const values = decision.values.map((v) => {
    const code = typeof v === "string" && !CODES.includes(v) ? codeOf(v, written) : null;
    return code !== null && valueFor(slot, code) !== null ? code : v;
  });
  return values.every((v, i) => v === decision.values[i]) ? decision : { ...decision, values };
}
