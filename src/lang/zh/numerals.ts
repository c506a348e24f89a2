/**
 * Chinese numerals to numbers, as customers write them: "一百二十" (120), colloquial abbreviations "两千五" (2500),
 * "一万二" (12000), "三百五" (350), "十二", "一百零五", decimals "三点五", "零", financial forms "壹佰贰拾", digits
 * mixed with units "3万" / "1.5万", digit strings "二零二六", ordinals "第三", "负三", "百分之二十" (20; see
 * parseZhPercent). Returns null unless the whole text is one number. nzh (the npm package) reads "两千五" as 5 and
 * "一万二" as 10002, hence a parser of our own.
 */
import { normaliseZh } from "./cjk.js";

const ZH_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  幺: 1,
  二: 2,
  两: 2,
  兩: 2,
  贰: 2,
  貳: 2,
  三: 3,
  叁: 3,
  參: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: ReadonlyArray<[string, number]> = [
  ["亿", 1e8],
  ["億", 1e8],
  ["万", 1e4],
  ["萬", 1e4],
];

/** The characters a Chinese number is written with (digits, units, 点 and ASCII digits). */
export const ZH_NUMBER_CHARS = `${Object.keys(ZH_DIGITS).join("")}${Object.keys(SMALL_UNITS).join("")}${BIG_UNITS.map(([c]) => c).join("")}点點0-9.`;

/** A section under 10,000: "三千五百零二", "两千五" (the last digit takes the next lower unit), "十二", "45". */
function parseSection(text: string): number | null {
  if (text === "") return 0;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  let total = 0;
  let pending: number | null = null;
  let lastUnit = 0;
  let zeroSeen = false;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const digit = ZH_DIGITS[c];
    if (digit !== undefined) {
      if (pending !== null && !(pending === 0)) return null;
      if (digit === 0) zeroSeen = true;
      pending = digit;
      continue;
    }
    const ascii = /^\d+(\.\d+)?/.exec(chars.slice(i).join(""));
    if (ascii) {
      if (pending !== null && pending !== 0) return null;
      pending = Number(ascii[0]);
      i += ascii[0].length - 1;
      continue;
    }
    const unit = SMALL_UNITS[c];
    if (unit === undefined) return null;
    if (lastUnit !== 0 && unit >= lastUnit) return null;
    // "十二", "百分之百" open with their unit: one ten, one hundred.
    total += (pending ?? (lastUnit === 0 ? 1 : NaN)) * unit;
    if (Number.isNaN(total)) return null;
    pending = null;
    lastUnit = unit;
    zeroSeen = false;
  }
  if (pending !== null) {
    // "两千五": a digit right after a unit (no 零 between) counts in the next lower unit.
    total += lastUnit >= 100 && !zeroSeen ? (pending * lastUnit) / 10 : pending;
  }
  return total;
}

/** An integer (or digits with a decimal part) with 万 / 亿: "一万二" (12000), "三亿五千万", "1.5万". */
function parseInteger(text: string): number | null {
  for (const [char, value] of BIG_UNITS) {
    const at = text.indexOf(char);
    if (at < 0) continue;
    const high = text.slice(0, at);
    const low = text.slice(at + 1);
    const h = high === "" ? 1 : parseInteger(high);
    if (h === null) return null;
    // "一万二": a lone digit after 万 counts in thousands (as after 千 it counts in hundreds).
    const lone = [...low].length === 1 ? ZH_DIGITS[low] : undefined;
    const l = lone !== undefined && lone !== 0 ? (lone * value) / 10 : parseInteger(low.replace(/^[零〇]/, ""));
    if (l === null || l >= value) return null;
    return h * value + l;
  }
  return parseSection(text);
}

export function parseZhNumber(raw: string): number | null {
  let text = normaliseZh(raw).replace(/^第/, "");
  if (text === "") return null;
  let sign = 1;
  if (/^[负負-]/.test(text)) {
    sign = -1;
    text = text.slice(1);
  }
  if (/^\d+(\.\d+)?$/.test(text)) return sign * Number(text);
  if (!/[一-龥〇]/u.test(text)) return null;
  // A string of digits alone reads digit by digit: "二零二六".
  if ([...text].length > 1 && [...text].every((c) => ZH_DIGITS[c] !== undefined)) {
    return sign * Number([...text].map((c) => ZH_DIGITS[c]).join(""));
  }
  const point = /^(.*?)[点點](.+)$/u.exec(text);
  if (point) {
    const whole = point[1] === "" ? 0 : parseInteger(point[1] as string);
    const decimals = [...(point[2] as string)].map((c) => (/\d/.test(c) ? c : ZH_DIGITS[c]));
    if (whole === null || decimals.some((d) => d === undefined)) return null;
    return sign * (whole + Number(`0.${decimals.join("")}`));
  }
  if (text === "半") return sign * 0.5;
  const value = parseInteger(text);
  return value === null ? null : sign * value;
}

/** "百分之二十" -> 20, "百分之3.5" -> 3.5 (a percentage, not yet a fraction); null for anything else. */
export function parseZhPercent(raw: string): number | null {
  const m = /^百分之(.+)$/u.exec(normaliseZh(raw));
  return m ? parseZhNumber(m[1] as string) : null;
}
