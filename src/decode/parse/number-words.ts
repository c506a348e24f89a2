/**
 * English number words to numbers: "twenty five", "one hundred and two", "two point five", "a dozen", "3 thousand",
 * "minus seven", ordinals ("third"). Returns null unless the whole text is a number (units may follow it).
 */
const UNITS: Record<string, number> = {
  zero: 0,
  oh: 0,
  nil: 0,
  none: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  dozen: 12,
  single: 1,
  couple: 2,
  pair: 2,
  half: 0.5,
  quarter: 0.25,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
  hundredth: 100,
  thousandth: 1000,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
};
const DIGITS: Record<string, string> = {
  zero: "0",
  oh: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
};

const NUMERIC = /^\d+(\.\d+)?$/;

export function parseNumberWords(text: string): number | null {
  const tokens = text.toLowerCase().replace(/-/g, " ").split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  let sign = 1;
  if (tokens[0] === "minus" || tokens[0] === "negative") {
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
