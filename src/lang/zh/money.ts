/**
 * Amounts of money as Chinese customers write them: "一百二十元", "¥99", "99块", "99块钱", "人民币120", "120元人民币",
 * "3块5" (3.5), "两块五毛" (2.5), "五毛" (0.5), "1.5万元", "200美元". The currency is CNY unless another currency is
 * named after the amount ("美元" -> USD) or "$" opens it.
 */
import { zh } from "../zh.js";
import { normaliseZh } from "./cjk.js";
import { parseZhNumber } from "./numerals.js";

export interface ZhMoney {
  amount: number;
  /** ISO 4217 code: CNY unless another currency is named. */
  currency: string;
}

/** 元 and its spoken forms, and the names of other currencies written after the amount. */
const YUAN = "(?:元钱|元整|块钱|元|块|圆|塊)";
/**
 * Chinese names of the currencies other than CNY (src/lang/zh.ts), name to ISO 4217 code, the longer name first where
 * one ends another ("瑞士法郎" before "法郎").
 */
const FOREIGN_CODES: ReadonlyArray<[string, string]> = Object.entries(zh.CURRENCY_NAMES)
  .filter(([code]) => code !== "CNY")
  .flatMap(([code, names]) => names.map((name): [string, string] => [name, code]))
  .sort(([a], [b]) => b.length - a.length);
const FOREIGN = `(?:${FOREIGN_CODES.map(([name]) => name).join("|")})`;
/** Yuan, jiao and fen, each optional, and what follows ("3块5"). */
const SPOKEN = new RegExp(`^(?:(.+?)${YUAN})?(?:(.+?)[毛角])?(?:(.+?)分)?(.*)$`, "u");
/** A currency named after the amount. */
const CURRENCY_AFTER = new RegExp(`(?:${YUAN}?人民币|${FOREIGN}|RMB|CNY)$`, "iu");
const YUAN_AFTER = new RegExp(`${YUAN}$`, "u");

function amountOf(text: string): number | null {
  const n = parseZhNumber(text.replace(/,(?=\d{3}(?!\d))/g, ""));
  return n !== null && n >= 0 ? n : null;
}

/** "3块5" / "两块五毛三分" / "五毛" / "八分": yuan, jiao and fen, each optional but one. */
function spokenAmount(text: string): number | null {
  const m = SPOKEN.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
  const yuan = m[1] === undefined ? 0 : amountOf(m[1]);
  const jiao = m[2] === undefined ? 0 : amountOf(m[2]);
  const fen = m[3] === undefined ? 0 : amountOf(m[3]);
  // "3块5": a digit after 块 with no 毛 is its jiao.
  const rest = m[4] === "" ? 0 : m[1] !== undefined && m[2] === undefined && m[3] === undefined ? amountOf(m[4] as string) : null;
  if (yuan === null || jiao === null || fen === null || rest === null || jiao >= 10 || fen >= 10 || rest >= 10) return null;
  return Math.round((yuan + (jiao + rest) / 10 + fen / 100) * 100) / 100;
}

export function parseZhMoney(raw: string): ZhMoney | null {
  let text = normaliseZh(raw).replace(/\s+/g, "");
  let currency = "CNY";
  let marked = false;
  const prefix = /^(?:¥|人民币|RMB|CNY)/iu.exec(text);
  if (prefix) {
    text = text.slice(prefix[0].length);
    marked = true;
  } else if (/^(?:US)?\$/i.test(text)) {
    text = text.replace(/^(?:US)?\$/i, "");
    currency = "USD";
    marked = true;
  }
  const suffix = CURRENCY_AFTER.exec(text);
  if (suffix) {
    text = text.slice(0, suffix.index);
    marked = true;
    currency = FOREIGN_CODES.find(([name]) => suffix[0].endsWith(name))?.[1] ?? currency;
  }
  const plain = amountOf(text.replace(YUAN_AFTER, ""));
  if (plain !== null && (marked || YUAN_AFTER.test(text))) return { amount: plain, currency };
  const spoken = spokenAmount(text);
  return spoken === null ? null : { amount: spoken, currency };
}
