import { describe, expect, it } from "vitest";
import { compile, tool } from "../../tools/testing/compile.js";
import { namedCurrencies } from "./currency.js";
import { argumentsOf, headsFor } from "../testing/heads.js";

const convert = compile(
  tool("convert_currency", {
    type: "object",
    properties: { amount: { type: "number" }, from_currency: { type: "string" }, to_currency: { type: "string" } },
    required: ["amount", "from_currency", "to_currency"],
  }),
);
const rate = compile(
  tool("exchange_rate", {
    type: "object",
    properties: { base: { type: "string", enum: ["USD", "EUR", "GBP", "JPY"] }, quote: { type: "string", enum: ["USD", "EUR", "GBP", "JPY"] } },
    required: ["base", "quote"],
  }),
);
const weigh = compile(
  tool("log_weight", { type: "object", properties: { weight: { type: "number" }, unit: { type: "string" } }, required: ["weight"] }),
);

describe("namedCurrencies", () => {
  it("reads names, symbols and capitalised codes, the longer name first, each currency once", () => {
    expect(namedCurrencies("Convert 150 Euros to Canadian dollars, or €20 to CAD")).toEqual(["EUR", "CAD"]);
    expect(namedCurrencies("20000 Japanese Yen in United States dollars; 5 quid; 100美元")).toEqual(["JPY", "USD", "GBP"]);
    expect(namedCurrencies("she pounded the cadence of the eur project")).toEqual([]);
  });
});

describe("withCurrencyCodes", () => {
  it("gives an implied currency slot the code of the currency the message names that no other slot holds", () => {
    const c = headsFor("Convert 50 euros to USD please", convert);
    c.builder
      .calls("convert_currency", 1)
      .span("convert_currency", "amount", 0, "50")
      .action("convert_currency", "from_currency", "implicit")
      .span("convert_currency", "to_currency", 0, "USD");
    expect(argumentsOf(c.decode())).toEqual([{ amount: 50, from_currency: "EUR", to_currency: "USD" }]);
  });

  it("treats a slot holding no code at all as open, and leaves a slot holding any code alone", () => {
    const c = headsFor("Hello, change 100 at CHF and using euros for into", convert);
    c.builder
      .calls("convert_currency", 1)
      .span("convert_currency", "amount", 0, "100")
      .span("convert_currency", "from_currency", 0, "CHF")
      .span("convert_currency", "to_currency", 0, "Hello");
    expect(argumentsOf(c.decode())).toEqual([{ amount: 100, from_currency: "CHF", to_currency: "EUR" }]);
    const d = headsFor("change 100 at CHF into XAF, not euros", convert);
    d.builder
      .calls("convert_currency", 1)
      .span("convert_currency", "amount", 0, "100")
      .span("convert_currency", "from_currency", 0, "CHF")
      .span("convert_currency", "to_currency", 0, "XAF");
    expect(argumentsOf(d.decode())).toEqual([{ amount: 100, from_currency: "CHF", to_currency: "XAF" }]);
  });

  it("gives two implied slots two named currencies, the source first unless the first is named as the target", () => {
    const inOrder = headsFor("How much are 20 dollars worth in yen?", convert);
    inOrder.builder
      .calls("convert_currency", 1)
      .span("convert_currency", "amount", 0, "20")
      .action("convert_currency", "from_currency", "implicit")
      .action("convert_currency", "to_currency", "implicit");
    expect(argumentsOf(inOrder.decode())).toEqual([{ amount: 20, from_currency: "USD", to_currency: "JPY" }]);
    const targetFirst = headsFor("I want it in pounds: change 30 euros", rate);
    targetFirst.builder.calls("exchange_rate", 1).action("exchange_rate", "base", "implicit").action("exchange_rate", "quote", "implicit");
    expect(argumentsOf(targetFirst.decode())).toEqual([{ base: "EUR", quote: "GBP" }]);
  });

  it("turns a currency's name, or the part of it a span holds, into its code", () => {
    const c = headsFor("Convert 150 Euros to Canadian dollars.", convert);
    c.builder
      .calls("convert_currency", 1)
      .span("convert_currency", "amount", 0, "150")
      .span("convert_currency", "from_currency", 0, "Euros")
      .span("convert_currency", "to_currency", 0, "Canadian");
    expect(argumentsOf(c.decode())).toEqual([{ amount: 150, from_currency: "EUR", to_currency: "CAD" }]);
  });

  it("routes when the message names no currency left, and leaves slots that are no currency slots alone", () => {
    const none = headsFor("Convert 50 to USD", convert);
    none.builder
      .calls("convert_currency", 1)
      .span("convert_currency", "amount", 0, "50")
      .action("convert_currency", "from_currency", "implicit")
      .span("convert_currency", "to_currency", 0, "USD");
    expect(argumentsOf(none.decode())).toBe("not_expressible");
    const weight = headsFor("I weigh 150 pounds", weigh);
    weight.builder.calls("log_weight", 1).span("log_weight", "weight", 0, "150").span("log_weight", "unit", 0, "pounds");
    expect(argumentsOf(weight.decode())).toEqual([{ weight: 150, unit: "pounds" }]);
  });
});
