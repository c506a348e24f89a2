/**
 * The decoder's Chinese readings of a span's text under a slot's value domain (called by decode/value.ts before its
 * own readings, for text with Chinese characters only): numbers from numerals, money, quantities and percentages,
 * dates with a year in the slot's format or layout, times for `format: time`, and strings without the particles at
 * their ends. English text never reaches these parsers, so English answers do not change.
 */
import type { ValueDomain } from "../../tools/types.js";
import { trimZhParticles } from "./boundaries.js";
import { hasCjk } from "./cjk.js";
import { parseZhDate } from "./dates.js";
import { parseZhMoney } from "./money.js";
import { parseZhNumber, parseZhPercent } from "./numerals.js";
import { parseZhQuantity } from "./quantity.js";
import { parseZhTime } from "./times.js";

/** An RFC 3339 date in a layout such as "DD/MM/YYYY" (as decode's formatDate; kept here so that this folder imports no decoder module). */
function formatDate(iso: string, layout: string): string {
  const [y, m, d] = iso.split("-");
  return layout
    .replace("YYYY", y ?? "")
    .replace("MM", m ?? "")
    .replace("DD", d ?? "");
}

function normalisedOption(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The Chinese readings of the text, most specific first; [] for text without Chinese characters. */
export function chineseReadings(text: string, domain: ValueDomain): unknown[] {
  if (!hasCjk(text)) return [];
  const clean = trimZhParticles(text);
  const out: unknown[] = [];
  const types = new Set(domain.rules.map((rule) => rule.type));
  if (types.has("integer") || types.has("number")) {
    // In a number slot a verb, preposition or bound before a numeral and a bound after it are never part of the value
    // ("把五件", "买两瓶", "不超过¥399", "两千五以下", "一百元左右").
    const numeral = clean
      .replace(
        /^(?:把|将|给|买|要|来|订|拿|共|一共|总共|不超过|不高于|不低于|低于|高于|超过|大约|大概|约|差不多|最多|至少|最少)+(?=[\d¥$零〇一二两三四五六七八九十百千人])/u,
        "",
      )
      .replace(/(?<=[\d零〇一二两三四五六七八九十百千万亿元块钱件个瓶])(?:以下|以内|之内|以上|左右|上下|不到|内)$/u, "");
    const percent = parseZhPercent(numeral);
    if (percent !== null && domain.rules.some((rule) => rule.percentAsFraction)) out.push(percent / 100);
    const n = percent ?? parseZhNumber(numeral) ?? parseZhMoney(numeral)?.amount ?? parseZhQuantity(numeral)?.count ?? null;
    if (n !== null) out.push(n);
  }
  for (const rule of domain.rules) {
    if (rule.type !== "string") continue;
    if (rule.enum) {
      const wanted = normalisedOption(clean);
      out.push(...rule.enum.filter((option) => typeof option === "string" && normalisedOption(option) === wanted));
      continue;
    }
    const date = rule.format === "date" || rule.dateLayout !== undefined ? parseZhDate(clean) : null;
    if (date !== null) out.push(rule.dateLayout === undefined ? date : formatDate(date, rule.dateLayout));
    const time = rule.format === "time" ? parseZhTime(clean) : null;
    if (time !== null) out.push(`${time}:00`);
    if (clean !== text.trim()) out.push(clean);
  }
  return out;
}
