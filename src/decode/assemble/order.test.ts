import { describe, expect, it } from "vitest";
import type { JSONSchema } from "../../tools/schema-types.js";
import { compile, tool } from "../../tools/testing/compile.js";
import { argumentsOf, headsFor } from "../testing/heads.js";

function schema(properties: Record<string, JSONSchema>): JSONSchema {
  return { type: "object", properties, required: Object.keys(properties) };
}

describe("inSchemaOrder through decodeHeads", () => {
  const paint = compile(tool("paint", schema({ length: { type: "number" }, height: { type: "number" } })));
  const events = compile(tool("events", schema({ city: { type: "string" }, date: { type: "string" } })));

  it("gives bare values of one kind to the parameters in the schema's order", () => {
    const a = headsFor("paint for a wall of 30 feet by 12 feet", paint);
    a.builder.calls("paint", 1).span("paint", "length", 0, "12").span("paint", "height", 0, "30");
    expect(argumentsOf(a.decode())).toEqual([{ length: 30, height: 12 }]);

    const b = headsFor("theater in Berkeley, CA on 2023-05-12", events);
    b.builder.calls("events", 1).span("events", "city", 0, "2023-05-12").span("events", "date", 0, "Berkeley, CA");
    expect(argumentsOf(b.decode())).toEqual([{ city: "Berkeley, CA", date: "2023-05-12" }]);
  });

  it("keeps values named by a word next to them, labelled, or assigned by name", () => {
    const stats = compile(tool("stats", schema({ at_bats: { type: "integer" }, hits: { type: "integer" } })));
    const named = headsFor("a player with 180 hits and 600 at-bats", stats);
    named.builder.calls("stats", 1).span("stats", "hits", 0, "180").span("stats", "at_bats", 0, "600");
    expect(argumentsOf(named.decode())).toEqual([{ at_bats: 600, hits: 180 }]);

    const address = compile(tool("ship", schema({ city: { type: "string" }, postal_code: { type: "string" } })));
    const labelled = headsFor("ship it to zip: B1 6GQ and 'Damascus'", address);
    labelled.builder.calls("ship", 1).span("ship", "postal_code", 0, "B1 6GQ").span("ship", "city", 0, "Damascus");
    expect(argumentsOf(labelled.decode())).toEqual([{ city: "Damascus", postal_code: "B1 6GQ" }]);

    const assigned = headsFor("paint with height=3, length=5", paint);
    assigned.builder.calls("paint", 1).span("paint", "height", 0, "3").span("paint", "length", 0, "5");
    expect(argumentsOf(assigned.decode())).toEqual([{ length: 5, height: 3 }]);
  });

  it("orders numbers and strings apart, and moves no value its new slot's type rejects", () => {
    const ship = compile(tool("ship", schema({ qty: { type: "integer" }, zip: { type: "string" } })));
    const a = headsFor("send it to 90210, 3 boxes", ship);
    a.builder.calls("ship", 1).span("ship", "qty", 0, "3").span("ship", "zip", 0, "90210");
    expect(argumentsOf(a.decode())).toEqual([{ qty: 3, zip: "90210" }]);

    const sizes = compile(tool("sizes", schema({ small: { type: "integer", maximum: 10 }, large: { type: "integer" } })));
    const b = headsFor("sizes 40 and 3", sizes);
    b.builder.calls("sizes", 1).span("sizes", "small", 0, "3").span("sizes", "large", 0, "40");
    expect(argumentsOf(b.decode())).toEqual([{ small: 3, large: 40 }]);
  });
});
