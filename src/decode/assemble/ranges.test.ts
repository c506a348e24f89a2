import { describe, expect, it } from "vitest";
import type { JSONSchema } from "../../tools/schema-types.js";
import { compile, tool } from "../../tools/testing/compile.js";
import { rangeEnds } from "./ranges.js";
import { argumentsOf, headsFor } from "../testing/heads.js";

function schema(type: "integer" | "number", ...names: string[]): JSONSchema {
  return { type: "object", properties: Object.fromEntries(names.map((name): [string, JSONSchema] => [name, { type }])), required: names };
}

describe("rangeEnds", () => {
  const slotsOf = (...names: string[]) => compile(tool("t", schema("integer", ...names))).tools[0]?.slots ?? [];

  it.each([
    ["start_year", "end_year"],
    ["startDate", "endDate"],
    ["min_price", "max_price"],
    ["from", "to"],
    ["date_from", "date_to"],
    ["lower-bound", "upper-bound"],
  ])("reads %s and %s as a range's start and end", (start, end) => {
    const [a, b] = slotsOf(start, end);
    expect(a && b && rangeEnds(a, b)).toBe(true);
    expect(a && b && rangeEnds(b, a)).toBe(false);
  });

  it.each([
    ["first_name", "last_name"],
    ["start_year", "end_month"],
    ["num1", "num2"],
    ["start", "stop"],
  ])("reads %s and %s as no range", (start, end) => {
    const [a, b] = slotsOf(start, end);
    expect(a && b && rangeEnds(a, b)).toBe(false);
  });
});

describe("orderRanges through decodeHeads", () => {
  const gdp = compile(tool("gdp", schema("integer", "start_year", "end_year")));

  it("gives the first of two joined values to the start, whichever end the model gave it", () => {
    for (const text of ["GDP from 1960 to 2000", "GDP between 1960 and 2000", "GDP for 1960-2000"]) {
      const { builder, decode } = headsFor(text, gdp);
      builder.calls("gdp", 1).span("gdp", "start_year", 0, "2000").span("gdp", "end_year", 0, "1960");
      expect(argumentsOf(decode())).toEqual([{ start_year: 1960, end_year: 2000 }]);
    }
  });

  it("reads past a repeated variable name: from x = -2 to x = 3", () => {
    const integral = compile(tool("integrate", schema("number", "start_x", "end_x")));
    const { builder, decode } = headsFor("area from x = -2 to x = 3", integral);
    builder.calls("integrate", 1).span("integrate", "start_x", 0, "3").span("integrate", "end_x", 0, "-2");
    expect(argumentsOf(decode())).toEqual([{ start_x: -2, end_x: 3 }]);
  });

  it("keeps the model's ends when the text does not join them as a range", () => {
    const { builder, decode } = headsFor("GDP up to 2000, starting in 1960", gdp);
    builder.calls("gdp", 1).span("gdp", "start_year", 0, "1960").span("gdp", "end_year", 0, "2000");
    expect(argumentsOf(decode())).toEqual([{ start_year: 1960, end_year: 2000 }]);
  });

  it("gives a numeric end the model missed the number across the connector", () => {
    const a = headsFor("cases between 2012 and 2015", gdp);
    a.builder.calls("gdp", 1).span("gdp", "start_year", 0, "2012");
    expect(argumentsOf(a.decode())).toEqual([{ start_year: 2012, end_year: 2015 }]);

    const b = headsFor("cases from 2012 to 2015", gdp);
    b.builder.calls("gdp", 1).span("gdp", "end_year", 0, "2015");
    expect(argumentsOf(b.decode())).toEqual([{ start_year: 2012, end_year: 2015 }]);
  });

  it("reads the end the model gave as a range's start as its end when the start comes before it", () => {
    const { builder, decode } = headsFor("cases between 2012 and 2015", gdp);
    builder.calls("gdp", 1).span("gdp", "start_year", 0, "2015");
    expect(argumentsOf(decode())).toEqual([{ start_year: 2012, end_year: 2015 }]);
  });

  it("leaves a missing end missing when no number is joined to the one found", () => {
    const { builder, decode } = headsFor("cases since 2012, and 2015 was a bad year", gdp);
    builder.calls("gdp", 1).span("gdp", "start_year", 0, "2012");
    expect(decode()).toMatchObject({ kind: "missing", missing: [{ name: "gdp", parameters: ["end_year"] }] });
  });
});
