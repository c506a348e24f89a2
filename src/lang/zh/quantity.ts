/**
 * Counts with a measure word, as a quantity is written in Chinese: "五件", "3个", "两瓶", "一双", "十盒",
 * "两瓶洗发水" (the noun after the measure word is allowed), "一打" (12).
 */
import { normaliseZh } from "./cjk.js";
import { parseZhNumber, ZH_NUMBER_CHARS } from "./numerals.js";

/** Measure words of shop goods and orders. */
const MEASURE_WORDS = "个個件瓶双雙盒包箱台只支本张張份套条條袋罐杯斤桶把块片颗粒枚副对對顶頂辆輛间間位名次单單笔筆页頁部组組听聽卷捆串";

export interface ZhQuantity {
  count: number;
  /** The measure word as written ("件"). */
  unit: string;
}

const QUANTITY = new RegExp(`^([${ZH_NUMBER_CHARS}]+?)\\s*([${MEASURE_WORDS}])[\\p{Script=Han}]*$`, "u");

export function parseZhQuantity(raw: string): ZhQuantity | null {
  const text = normaliseZh(raw);
  const dozen = /^([一两二三四五六七八九十\d]*)打$/u.exec(text);
  if (dozen) {
    const n = dozen[1] === "" ? 1 : parseZhNumber(dozen[1] as string);
    return n === null ? null : { count: n * 12, unit: "打" };
  }
  const m = QUANTITY.exec(text);
  if (!m) return null;
  const count = parseZhNumber(m[1] as string);
  return count === null || count < 0 ? null : { count, unit: m[2] as string };
}
