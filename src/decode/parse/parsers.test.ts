import { describe, expect, it } from "vitest";
import { parseBoolean } from "./booleans.js";
import { formatDate, parseDate, parseDateTime } from "./dates.js";
import { parseNumber } from "./numbers.js";
import { parseNumberWords } from "./number-words.js";

describe("parseNumber", () => {
  it.each([
    ["42", 42],
    ["-3", -3],
    ["1,299.00", 1299],
    ["1.299,50", 1299.5],
    ["3,5", 3.5],
    ["12 500", 12500],
    ["1.5k", 1500],
    ["$2m", 2_000_000],
    ["€3.5bn", 3_500_000_000],
    ["5m", 5],
    ["3mm", 3],
    ["0.01m²", 0.01],
    ["30°C", 30],
    ["60km/h", 60],
    ["€ 19.99", 19.99],
    ["25%", 25],
    ["1e5", 100000],
    ["3/4", 0.75],
    ["20 minutes", 20],
    ["2.5 million", 2_500_000],
    ["twenty five", 25],
    ["one hundred and two", 102],
    ["minus seven", -7],
    ["a dozen", 12],
    ["three point one four", 3.14],
    ["third", 3],
    ['"10"', 10],
  ])("%s -> %d", (text, value) => {
    expect(parseNumber(text)).toBeCloseTo(value, 9);
  });

  it("reads an upper-case K as kelvin for a temperature, as a thousand otherwise", () => {
    expect(parseNumber("300K", true)).toBe(300);
    expect(parseNumber("300k", true)).toBe(300_000);
    expect(parseNumber("300K")).toBe(300_000);
  });

  it.each(["", "abc", "5 and 10", "1/0", "between 5 and 10", "12-15", "ten twenty"])("rejects %j", (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe("parseNumberWords", () => {
  it("reads scales in order", () => {
    expect(parseNumberWords("two million three hundred thousand and five")).toBe(2_300_005);
  });
  it("rejects a number followed by another number", () => {
    expect(parseNumberWords("five 6")).toBeNull();
  });
});

describe("parseBoolean", () => {
  it.each([
    ["yes", true],
    ["True", true],
    ["off", false],
    ["No.", false],
  ])("%s -> %s", (text, value) => {
    expect(parseBoolean(text)).toBe(value);
  });
  it("rejects other words", () => {
    expect(parseBoolean("maybe")).toBeNull();
  });
});

describe("parseDate", () => {
  it.each([
    ["2026-11-28", "2026-11-28"],
    ["November 28, 2026", "2026-11-28"],
    ["28th of November 2026", "2026-11-28"],
    ["Nov 3 2026", "2026-11-03"],
    ["28/11/2026", "2026-11-28"],
    ["11/28/2026", "2026-11-28"],
    ["28.11.2026", "2026-11-28"],
    ["2024-02-29", "2024-02-29"],
    ["the 2nd of march 2023", "2023-03-02"],
    ["March 8th, 2023", "2023-03-08"],
  ])("%s -> %s", (text, value) => {
    expect(parseDate(text)).toBe(value);
  });
  it.each(["2025-02-29", "05/06/2026", "tomorrow", "November 28", "2026-13-01"])("rejects %j", (text) => {
    expect(parseDate(text)).toBeNull();
  });
});

describe("formatDate", () => {
  it.each([
    ["YYYY-MM-DD", "2023-03-08"],
    ["DD/MM/YYYY", "08/03/2023"],
    ["MM-DD-YYYY", "03-08-2023"],
    ["DD.MM.YYYY", "08.03.2023"],
  ])("writes 2023-03-08 as %s: %s", (layout, text) => {
    expect(formatDate("2023-03-08", layout)).toBe(text);
  });
});

describe("parseDateTime", () => {
  it("normalises a date and a time with a zone", () => {
    expect(parseDateTime("2026-11-28 15:30 UTC")).toBe("2026-11-28T15:30:00Z");
    expect(parseDateTime("2026-11-28T08:05:09+0200")).toBe("2026-11-28T08:05:09+02:00");
  });
  it("refuses a time without a zone (it would be a guess)", () => {
    expect(parseDateTime("2026-11-28 15:30")).toBeNull();
  });
});
