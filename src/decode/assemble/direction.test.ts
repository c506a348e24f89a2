import { describe, expect, it } from "vitest";
import type { JSONSchema } from "../../tools/schema-types.js";
import { compile, tool } from "../../tools/testing/compile.js";
import { argumentsOf, headsFor } from "../testing/heads.js";

const currencies: JSONSchema = { type: "string", enum: ["USD", "GBP", "CAD", "JPY"] };
const convert = compile(
  tool("convert", {
    type: "object",
    properties: { amount: { type: "number" }, from_currency: currencies, to_currency: currencies },
    required: ["amount", "from_currency", "to_currency"],
  }),
);
const trip = compile(
  tool("trip", { type: "object", properties: { origin: { type: "string" }, destination: { type: "string" } }, required: ["origin", "destination"] }),
);

function converted(text: string, from: string, to: string): unknown {
  const { builder, decode } = headsFor(text, convert);
  builder.calls("convert", 1).span("convert", "amount", 0, "46").option("convert", "from_currency", from).option("convert", "to_currency", to);
  return argumentsOf(decode());
}

describe("byDirection through decodeHeads", () => {
  it("gives the options the directions 'from' and 'to' say", () => {
    expect(converted("change 46 to CAD and by GBP", "CAD", "GBP")).toEqual([{ amount: 46, from_currency: "GBP", to_currency: "CAD" }]);
    expect(converted("change 46 from 'JPY' at USD", "USD", "JPY")).toEqual([{ amount: 46, from_currency: "JPY", to_currency: "USD" }]);
  });

  it("keeps the model's reading when the text agrees with it or says nothing", () => {
    expect(converted("change 46 from GBP to CAD", "GBP", "CAD")).toEqual([{ amount: 46, from_currency: "GBP", to_currency: "CAD" }]);
    expect(converted("change 46, GBP and CAD", "CAD", "GBP")).toEqual([{ amount: 46, from_currency: "CAD", to_currency: "GBP" }]);
  });

  it("swaps spans of a source / target pair", () => {
    const { builder, decode } = headsFor("a trip to Paris from Rome", trip);
    builder.calls("trip", 1).span("trip", "origin", 0, "Paris").span("trip", "destination", 0, "Rome");
    expect(argumentsOf(decode())).toEqual([{ origin: "Rome", destination: "Paris" }]);
  });
});
