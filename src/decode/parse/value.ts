/**
 * A span's text read under a slot's value domain: the first reading (most specific type first) that the domain
 * allows. Never returns a value the domain's validators reject.
 */
import { domainAllows } from "../../tools/domain.js";
import type { ValueDomain, ValueRule } from "../../tools/types.js";
import { parseBoolean } from "./booleans.js";
import { formatDate, parseDate, parseDateTime } from "./dates.js";
import { parseNumber } from "./numbers.js";
import { chineseReadings } from "../../lang/zh/read.js";
import { en } from "../../lang/en.js";

const QUOTES = /^["'“”‘’`]+|["'“”‘’`]+$/g;
/** A null value written as a word ("none"). */
const NULL = new RegExp(String.raw`^\s*(${en.NULL_WORDS.join("|")})\s*$`, "i");

/** Letters and digits only, lower-cased: how option text is compared with a span. */
function normaliseForMatch(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

function cleanString(text: string): string {
  return text.trim().replace(QUOTES, "").trim();
}

function stringReadings(text: string, rule: ValueRule): unknown[] {
  const clean = cleanString(text);
  if (rule.enum) {
    const wanted = normaliseForMatch(clean);
    return rule.enum.filter((option) => typeof option === "string" && normaliseForMatch(option) === wanted);
  }
  switch (rule.format) {
    case "date":
      return [parseDate(clean) ?? clean];
    case "date-time":
      return [parseDateTime(clean) ?? clean];
    case "email":
      return [
        clean
          .replace(/^mailto:/i, "")
          .replace(/^<|>$/g, "")
          .replace(/[.,;:!?]+$/, ""),
      ];
    case "uri":
    case "url":
      return [clean.replace(/^<|>$/g, "").replace(/[.,;:!?)]+$/, "")];
    default: {
      const date = rule.dateLayout === undefined ? null : parseDate(clean);
      return [date && rule.dateLayout ? formatDate(date, rule.dateLayout) : clean];
    }
  }
}

function readings(text: string, domain: ValueDomain): unknown[] {
  const out: unknown[] = [];
  const types = new Set(domain.rules.map((rule) => rule.type));
  if (types.has("integer") || types.has("number")) {
    const n = parseNumber(
      text,
      domain.rules.some((rule) => rule.temperature),
    );
    if (n !== null && /%["'”’)]*\s*$/.test(text) && domain.rules.some((rule) => rule.percentAsFraction)) out.push(n / 100);
    if (n !== null) out.push(n);
  }
  if (types.has("boolean")) {
    const b = parseBoolean(text);
    if (b !== null) out.push(b);
  }
  if (types.has("null") && NULL.test(text)) out.push(null);
  for (const rule of domain.rules) if (rule.type === "string") out.push(...stringReadings(text, rule));
  // Numeric enums and other listed primitives: compare the text with each option's text.
  for (const rule of domain.rules) {
    if (rule.type === "string" || !rule.enum) continue;
    const wanted = normaliseForMatch(text);
    for (const option of rule.enum) if (normaliseForMatch(String(option)) === wanted) out.push(option);
  }
  return out;
}

/** The value of a span under the domain, or undefined when no reading is allowed. */
export function readValue(text: string, domain: ValueDomain): { value: unknown } | undefined {
  // Chinese text first reads through src/lang/zh (numerals, money, quantities, dates, particles at its ends).
  for (const value of [...chineseReadings(text, domain), ...readings(text, domain)]) {
    if (typeof value === "string" && value.length === 0) continue;
    if (domainAllows(domain, value)) return { value };
  }
  return undefined;
}
