/**
 * Numbers in the forms people write them: "1,299.00", "1.299,00", "1 299", "1.5k", "$2m", "25%", "-3", "1e5",
 * "3/4", "20 minutes", number words. Returns null when the text is not one number.
 */
import { parseNumberWords } from "./number-words.js";

const CURRENCY = /^[$€£¥₹]|[$€£¥₹]$/g;
/** Magnitude suffixes; besides "k", they only mean a magnitude next to money ("$2m"), otherwise a unit ("5m", "3mm"). */
const MAGNITUDE: Record<string, number> = { k: 1e3 };
const MONEY_MAGNITUDE: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };

function parseDigits(raw: string): number | null {
  const text = raw.replace(/(\d)[\s\u00a0\u202f'](?=\d{3}(?!\d))/g, "$1");
  if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(text)) return Number(text);
  if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ""));
  if (/^[+-]?\.\d+$/.test(text)) return Number(text);
  if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) return Number(text.replace(/\./g, "").replace(",", "."));
  if (/^[+-]?\d+,\d{1,2}$/.test(text) || /^[+-]?\d+,\d{4,}$/.test(text)) return Number(text.replace(",", "."));
  const fraction = /^([+-]?\d+)\/(\d+)$/.exec(text);
  if (fraction) {
    const denominator = Number(fraction[2]);
    return denominator === 0 ? null : Number(fraction[1]) / denominator;
  }
  return null;
}

/** `kelvin`: a "K" after the digits is the unit (a temperature), not a thousand. */
export function parseNumber(raw: string, kelvin = false): number | null {
  let text = raw
    .trim()
    .replace(/^["'“”‘’(]+|["'“”‘’).,;:!?]+$/g, "")
    .trim();
  if (!text) return null;
  let sign = 1;
  if (/^(minus|negative)\s/i.test(text)) {
    sign = -1;
    text = text.replace(/^(minus|negative)\s+/i, "");
  }
  const money = /[$€£¥₹]/.test(text) || /^(usd|eur|gbp|jpy|inr)\s/i.test(text);
  text = text
    .replace(/^[-+]?\s*[$€£¥₹]\s*/, (m) => (m.trim().startsWith("-") ? "-" : ""))
    .replace(CURRENCY, "")
    .trim();
  text = text.replace(/^(usd|eur|gbp|jpy|inr)\s+/i, "").replace(/\s*%$/, "");

  const direct = parseDigits(text);
  if (direct !== null) return finite(sign * direct);

  // A number with a suffix attached: a magnitude ("1.5k", "$2m") or a unit ("5m", "0.01m²", "30°C", "60km/h").
  const suffixed = /^([-+]?[\d.,]*\d)([a-zµ°²³/]+)\.?$/i.exec(text);
  if (suffixed) {
    const value = parseDigits(suffixed[1] as string);
    const suffix = (suffixed[2] as string).toLowerCase();
    const magnitude = kelvin && suffixed[2] === "K" ? 1 : (money ? MONEY_MAGNITUDE : MAGNITUDE)[suffix];
    if (value !== null) return finite(sign * value * (magnitude ?? 1));
  }
  // A number followed by unit words: "20 minutes", "5 Tesla", "2.5 million".
  const leading = /^([-+]?\d[\d.,]*)(\s+[a-z][a-z\s.]*)$/i.exec(text);
  if (leading) {
    const value = parseDigits(leading[1] as string);
    if (value !== null) {
      const words = parseNumberWords(`${value} ${(leading[2] as string).trim()}`);
      if (words !== null) return finite(sign * words);
    }
  }
  const words = parseNumberWords(text);
  return words === null ? null : finite(sign * words);
}

function finite(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return Object.is(value, -0) ? 0 : value;
}
