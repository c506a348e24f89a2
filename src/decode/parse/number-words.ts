/**
 * English number words to numbers: "twenty five", "one hundred and two", "two point five", "a dozen", "3 thousand",
 * "minus seven", ordinals ("third"). Returns null unless the whole text is a number (units may follow it).
 */
import { en } from "../../lang/en.js";

const UNITS = en.NUMBER_UNITS;
const ORDINALS = en.NUMBER_ORDINALS;
const TENS = en.NUMBER_TENS;
const SCALES = en.NUMBER_SCALES;
const DIGITS = en.DIGIT_WORDS;

const NUMERIC = /^\d+(\.\d+)?$/;

export function parseNumberWords(text: string): number | null {
  const tokens = text.toLowerCase().replace(/-/g, " ").split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  let sign = 1;
  if (en.NUMBER_MINUS.includes(tokens[0] as string)) {
    sign = -1;
    tokens.shift();
  }
  let total = 0;
  let current = 0;
  let seen = false;
  let article = false;
  // What the previous number word was, so that "ten twenty" or "five six" are not read as sums.
  let last: "none" | "unit" | "teen" | "ten" | "hundred" | "scale" = "none";
  let i = 0;
  for (; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if ((token === "a" || token === "an") && !seen) {
      article = true;
      continue;
    }
    if (token === "and" && seen && i + 1 < tokens.length) continue;
    if (token === "of" && article) continue;
    if (token === "point" && seen) {
      let digits = "";
      while (i + 1 < tokens.length && DIGITS[tokens[i + 1] as string] !== undefined) digits += DIGITS[tokens[++i] as string];
      if (!digits) return null;
      current += Number(`0.${digits}`);
      continue;
    }
    const unit = UNITS[token] ?? ORDINALS[token];
    if (unit !== undefined) {
      const kind = unit >= 10 || token === "dozen" ? "teen" : "unit";
      const after = kind === "unit" ? ["none", "ten", "hundred", "scale"] : ["none", "hundred", "scale"];
      if (!after.includes(last) || (kind === "unit" && last === "ten" && unit === 0)) return null;
      current += unit;
      last = kind;
      seen = true;
      continue;
    }
    const ten = TENS[token];
    if (ten !== undefined) {
      if (!["none", "hundred", "scale"].includes(last)) return null;
      current += ten;
      last = "ten";
      seen = true;
      continue;
    }
    if (NUMERIC.test(token)) {
      if (last !== "none") return null;
      current += Number(token);
      last = "teen";
      seen = true;
      continue;
    }
    if (token === "hundred") {
      if (last !== "none" && last !== "unit" && last !== "teen") return null;
      current = (current || 1) * 100;
      last = "hundred";
      seen = true;
      continue;
    }
    const scale = SCALES[token];
    if (scale !== undefined) {
      if (last === "scale") return null;
      total += (current || 1) * scale;
      current = 0;
      last = "scale";
      seen = true;
      continue;
    }
    break;
  }
  if (!seen) return null;
  // Whatever follows the number must be unit words (letters only), not another number.
  for (const rest of tokens.slice(i)) if (!/^[a-z]+\.?$/.test(rest)) return null;
  return sign * (total + current);
}
