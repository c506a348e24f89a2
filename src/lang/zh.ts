/**
 * The Chinese words the decoder reads the text with, under the names src/lang/en.ts uses for the English ones. The
 * value parsers for Chinese (numerals, money, dates, times, particles) are in src/lang/zh/.
 */
export const zh = {
  /** Words that negate what follows shortly after in their clause ("不要antibiotic"). */
  NEGATIONS: ["不要", "不用", "不", "别", "无需", "无"],
  /** Currency names as written, by ISO 4217 code. */
  CURRENCY_NAMES: {
    USD: ["美元", "美金"],
    EUR: ["欧元"],
    GBP: ["英镑"],
    JPY: ["日元"],
    CNY: ["人民币"],
    CHF: ["瑞士法郎", "法郎"],
    CAD: ["加元", "加拿大元"],
    AUD: ["澳元"],
    HKD: ["港币", "港元"],
    KRW: ["韩元"],
    RUB: ["卢布"],
  } as Record<string, readonly string[]>,
};
