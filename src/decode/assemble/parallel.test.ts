import { describe, expect, it } from "vitest";
import type { JSONSchema } from "../../tools/schema-types.js";
import { compile, tool } from "../../tools/testing/compile.js";
import { argumentsOf, headsFor } from "../testing/heads.js";

const numbers = (...names: string[]): JSONSchema => ({
  type: "object",
  properties: Object.fromEntries(names.map((name): [string, JSONSchema] => [name, { type: "number" }])),
  required: names,
});

describe("parallel calls: numbered twins", () => {
  const hypotenuse = compile(tool("hypotenuse", numbers("side1", "side2")));

  it("take the spans they both point at in turn, call by call, however many calls the count head said", () => {
    const { builder, decode } = headsFor("hypotenuse of 3 and 4, 5 and 12", hypotenuse);
    builder.calls("hypotenuse", 3);
    for (const value of ["3", "4", "5", "12"]) builder.span("hypotenuse", "side1", 0, value).span("hypotenuse", "side2", 0, value);
    expect(argumentsOf(decode())).toEqual([
      { side1: 3, side2: 4 },
      { side1: 5, side2: 12 },
    ]);
  });
});

describe("parallel calls: one span, one slot", () => {
  const presentValue = compile(tool("present_value", numbers("payment", "years")));

  it("gives a span two slots point at to the one that scores it higher", () => {
    const { builder, decode } = headsFor("paying 1000 a year, for 10, 20 and 30 years", presentValue);
    builder.calls("present_value", 3).span("present_value", "payment", 0, "1000").span("present_value", "payment", 0, "30", undefined, 2);
    for (const value of ["10", "20", "30"]) builder.span("present_value", "years", 0, value);
    expect(argumentsOf(decode())).toEqual([
      { payment: 1000, years: 10 },
      { payment: 1000, years: 20 },
      { payment: 1000, years: 30 },
    ]);
  });

  it("reads the rest of a numeric slot's list, not the numbers another slot points at", () => {
    const { builder, decode } = headsFor("paying 1000 a year, for 10, 20 and 30 years", presentValue);
    builder.calls("present_value", 2).span("present_value", "payment", 0, "1000").span("present_value", "years", 0, "30");
    expect(argumentsOf(decode())).toEqual([
      { payment: 1000, years: 10 },
      { payment: 1000, years: 20 },
      { payment: 1000, years: 30 },
    ]);
  });
});

describe("parallel calls: optional slots", () => {
  const field = compile(
    tool("electric_field", {
      type: "object",
      properties: { charge: { type: "number" }, distance: { type: "number" }, permittivity: { type: "number" } },
      required: ["charge", "distance"],
    }),
  );

  it("leave out an optional slot whose every span another slot's values take", () => {
    const { builder, decode } = headsFor("a charge of 5 at 2 meters, and a charge of 3 at 4 meters", field);
    builder.calls("electric_field", 2).span("electric_field", "charge", 0, "5").span("electric_field", "charge", 0, "3");
    builder.span("electric_field", "distance", 0, "2").span("electric_field", "distance", 0, "4");
    builder.span("electric_field", "permittivity", 0, "4", undefined, 2);
    expect(argumentsOf(decode())).toEqual([
      { charge: 5, distance: 2 },
      { charge: 3, distance: 4 },
    ]);
  });

  it("keep an optional slot's own span", () => {
    const { builder, decode } = headsFor("a charge of 5 at 2 meters, and a charge of 3 at 4 meters, in 8.85 units", field);
    builder.calls("electric_field", 2).span("electric_field", "charge", 0, "5", 0).span("electric_field", "charge", 0, "3");
    builder.span("electric_field", "distance", 0, "2").span("electric_field", "distance", 0, "4");
    builder.span("electric_field", "permittivity", 0, "8.85");
    expect(argumentsOf(decode())).toEqual([
      { charge: 5, distance: 2, permittivity: 8.85 },
      { charge: 3, distance: 4, permittivity: 8.85 },
    ]);
  });
});

describe("a tool the count head calls once", () => {
  const factorial = compile(tool("factorial", numbers("number")));
  const hcf = compile(tool("hcf", numbers("number1", "number2")));
  const price = compile(
    tool("predict_price", {
      type: "object",
      properties: { size: { type: "integer" }, location: { type: "string" } },
      required: ["size", "location"],
    }),
  );

  it("is called once per number of the list its slot's value belongs to", () => {
    const { builder, decode } = headsFor("Find the factorial of 5,10 and 15.", factorial);
    builder.calls("factorial", 1).span("factorial", "number", 0, "15");
    expect(argumentsOf(decode())).toEqual([{ number: 5 }, { number: 10 }, { number: 15 }]);
    expect(argumentsOf(decode("auto", false))).toEqual([{ number: 15 }]);
  });

  it("is called once when the list's numbers fill the call's other slots", () => {
    const { builder, decode } = headsFor("Find the highest common factor of 36 and 24.", hcf);
    builder.calls("hcf", 1).span("hcf", "number1", 0, "36").span("hcf", "number2", 0, "24");
    expect(argumentsOf(decode())).toEqual([{ number1: 36, number2: 24 }]);
  });

  it("is called once per value when two slots hold as many values each", () => {
    const text = "price for 3000 sq ft in New York and 4000 sq ft in Los Angeles";
    const { builder, decode } = headsFor(text, price);
    builder.calls("predict_price", 1).span("predict_price", "size", 0, "3000").span("predict_price", "size", 0, "4000");
    builder.span("predict_price", "location", 0, "New York").span("predict_price", "location", 0, "Los Angeles");
    expect(argumentsOf(decode())).toEqual([
      { size: 3000, location: "New York" },
      { size: 4000, location: "Los Angeles" },
    ]);
    expect(argumentsOf(decode("auto", false))).toHaveLength(1);
  });

  it("is called once per name of the list its required string slot's name begins", () => {
    const events = compile(
      tool("events_by_presidency", { type: "object", properties: { president_name: { type: "string" } }, required: ["president_name"] }),
    );
    const { builder, decode } = headsFor("the major events during the presidency of Abraham Lincoln and George Washington", events);
    builder.calls("events_by_presidency", 1).span("events_by_presidency", "president_name", 0, "Abraham Lincoln");
    expect(argumentsOf(decode())).toEqual([{ president_name: "Abraham Lincoln" }, { president_name: "George Washington" }]);
    expect(argumentsOf(decode("auto", false))).toEqual([{ president_name: "Abraham Lincoln" }]);
  });

  it("takes no value from the words that open a request or one of its parts", () => {
    const track = compile(tool("track_order", { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] }));
    const { builder, decode } = headsFor("Track order A-100. Also track order B-200", track);
    builder
      .calls("track_order", 2)
      .span("track_order", "order_id", 0, "A-100")
      .span("track_order", "order_id", 0, "Also track")
      .span("track_order", "order_id", 0, "B-200");
    expect(argumentsOf(decode())).toEqual([{ order_id: "A-100" }, { order_id: "B-200" }]);
  });

  it("takes no value from the word a request opens with after a greeting", () => {
    const track = compile(
      tool("track_shipment", { type: "object", properties: { tracking_number: { type: "string" } }, required: ["tracking_number"] }),
    );
    const { builder, decode } = headsFor("hey, trace shipment 83f5bb04a and MGE-7587", track);
    builder.calls("track_shipment", 2).span("track_shipment", "tracking_number", 0, "trace");
    builder.span("track_shipment", "tracking_number", 0, "83f5bb04a").span("track_shipment", "tracking_number", 0, "MGE-7587");
    expect(argumentsOf(decode())).toEqual([{ tracking_number: "83f5bb04a" }, { tracking_number: "MGE-7587" }]);
  });

  it("leaves out a call that gives one span to two slots, while another call remains", () => {
    const roi = compile(
      tool("roi", { type: "object", properties: { bought: { type: "number" }, sold: { type: "number" } }, required: ["bought", "sold"] }),
    );
    const { builder, decode } = headsFor("a stock bought at $20, sold at $25", roi);
    builder.calls("roi", 2).span("roi", "bought", 0, "20").span("roi", "bought", 0, "25").span("roi", "sold", 0, "25");
    expect(argumentsOf(decode())).toEqual([{ bought: 20, sold: 25 }]);
  });

  it("stays one call when only one slot holds several values", () => {
    const { builder, decode } = headsFor("price for 3000 sq ft in New York or Los Angeles", price);
    builder.calls("predict_price", 1).span("predict_price", "size", 0, "3000");
    builder.span("predict_price", "location", 0, "New York").span("predict_price", "location", 0, "Los Angeles", undefined, 6);
    expect(argumentsOf(decode())).toEqual([{ size: 3000, location: "New York" }]);
  });
});

describe("parallel calls asked in sentences of their own", () => {
  const cancel = compile(
    tool("cancel_order", { type: "object", properties: { order_id: { type: "string" }, reason: { type: "string" } }, required: ["order_id"] }),
  );
  const decodeWith = (text: string, reason: string) => {
    const { builder, decode } = headsFor(text, cancel);
    builder
      .calls("cancel_order", 2)
      .span("cancel_order", "order_id", 0, "A-17")
      .span("cancel_order", "order_id", 0, "B-9")
      .span("cancel_order", "reason", 0, reason);
    return argumentsOf(decode());
  };

  it("give an optional value only to the call whose sentence holds it", () => {
    expect(decodeWith("Cancel order A-17. Then stop order B-9, it came late.", "it came late")).toEqual([
      { order_id: "A-17" },
      { order_id: "B-9", reason: "it came late" },
    ]);
  });

  it("give a value after a list of the calls' values to every call", () => {
    expect(decodeWith("Cancel orders A-17 and B-9, it came late.", "it came late")).toEqual([
      { order_id: "A-17", reason: "it came late" },
      { order_id: "B-9", reason: "it came late" },
    ]);
  });
});
