import { describe, expect, it } from "vitest";
import type { JSONSchema } from "../tools/schema-types.js";
import { requestTimeCheck } from "./answer.js";
import { completeAnswer } from "./complete.js";
import { extractionMessages, extractionTool } from "./synthetic.js";

const schema: JSONSchema = {
  type: "object",
  additionalProperties: false,
  required: ["street", "zip", "count", "gift", "to"],
  properties: {
    street: { type: "string" },
    zip: { type: ["string", "null"] },
    count: { type: "integer" },
    gift: { type: "boolean", nullable: true },
    to: { $ref: "#/$defs/person" },
  },
  $defs: { person: { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string" } } } },
};

describe("completeAnswer", () => {
  it("keeps what was read, in schema order, and fills nullable values with null", () => {
    const done = completeAnswer(schema, { count: 2, street: "Baker Street", to: { name: "Ann" } });
    expect(done).toEqual({ kind: "complete", value: { street: "Baker Street", zip: null, count: 2, gift: null, to: { name: "Ann" } }, unstated: [] });
    if (done.kind === "complete") expect(Object.keys(done.value)).toEqual(["street", "zip", "count", "gift", "to"]);
  });

  it('answers a free required string the text does not state with "" and lists it', () => {
    expect(completeAnswer(schema, { count: 1 })).toEqual({
      kind: "complete",
      value: { street: "", zip: null, count: 1, gift: null, to: { name: "" } },
      unstated: ["street", "to.name"],
    });
  });

  it("cannot fill a required number, an enum or a constrained string", () => {
    expect(completeAnswer(schema, { street: "x" })).toEqual({ kind: "unfillable", path: "count" });
    const reason = { type: "object", required: ["reason"], properties: { reason: { type: "string", enum: ["late", "damaged"] } } };
    expect(completeAnswer(reason, {})).toEqual({ kind: "unfillable", path: "reason" });
    const code = { type: "object", required: ["code"], properties: { code: { type: "string", pattern: "^[A-Z]{3}$" } } };
    expect(completeAnswer(code, {})).toEqual({ kind: "unfillable", path: "code" });
  });

  it("leaves out optional properties that were not read (non-strict schemas)", () => {
    expect(completeAnswer({ type: "object", properties: { a: { type: "string" }, b: { type: "number" } } }, { b: 3 })).toEqual({
      kind: "complete",
      value: { b: 3 },
      unstated: [],
    });
  });
});

describe("a completed answer validates", () => {
  it("with null for a nullable anyOf or const (nullable folded into an alternative)", () => {
    const nullable: JSONSchema = {
      type: "object",
      additionalProperties: false,
      required: ["size", "kind"],
      properties: {
        size: { anyOf: [{ type: "string" }, { type: "integer" }], nullable: true },
        kind: { type: "string", const: "return", nullable: true },
      },
    };
    const done = completeAnswer(nullable, {});
    expect(done).toEqual({ kind: "complete", value: { size: null, kind: null }, unstated: [] });
    if (done.kind === "complete") expect(requestTimeCheck(nullable)(done.value)).toEqual({ valid: true, errors: [] });
    expect(requestTimeCheck(nullable)({ size: true, kind: null }).valid).toBe(false);
  });
  it("with null for a nullable $ref (nullable beside the $ref, not in its target)", () => {
    const referenced: JSONSchema = {
      type: "object",
      additionalProperties: false,
      required: ["code"],
      properties: { code: { $ref: "#/$defs/code", nullable: true } },
      $defs: { code: { type: "string" } },
    };
    const done = completeAnswer(referenced, {});
    expect(done).toEqual({ kind: "complete", value: { code: null }, unstated: [] });
    if (done.kind === "complete") expect(requestTimeCheck(referenced)(done.value).valid).toBe(true);
  });
});

describe("extractionTool", () => {
  it("marks the extraction, keeps nullable values out of required for the reader, and names the task", () => {
    const tool = extractionTool("shipping_address", undefined, schema);
    expect(tool.function.description).toBe("Extract the shipping address");
    expect(tool.function.parameters?.["x-edgecall-extract"]).toBe(true);
    expect(tool.function.parameters?.required).toEqual(["street", "count", "to"]);
    expect(extractionTool("a", "Pull the city", schema).function.description).toBe("Pull the city");
  });
});

describe("extractionMessages", () => {
  it("reads values from the conversation's turns, not from its instructions", () => {
    const system = { role: "system" as const, content: "Extract the order number the customer gives." };
    const developer = { role: "developer" as const, content: "Answer in JSON." };
    const user = { role: "user" as const, content: "Where is order A-1042?" };
    const assistant = { role: "assistant" as const, content: "Which order?" };
    expect(extractionMessages([system, assistant, developer, user])).toEqual([assistant, user]);
  });
  it("reads instructions when no user turn has text", () => {
    const only = [
      { role: "system" as const, content: "Ship to 12 Rue de Rivoli, Paris." },
      { role: "user" as const, content: " " },
    ];
    expect(extractionMessages(only)).toEqual(only);
  });
});
