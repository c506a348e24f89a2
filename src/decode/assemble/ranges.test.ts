import { describe, expect, it } from "vitest";
import type { JSONSchema } from "../../tools/schema-types.js";
import { compile, tool } from "../../tools/testing/compile.js";
import { rangeEnds } from "./ranges.js";

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
