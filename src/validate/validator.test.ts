import { describe, expect, it } from "vitest";
import { foldNullable } from "../tools/compile.js";
import type { JSONSchema } from "../tools/schema-types.js";
import { validateAgainst } from "./validator.js";

const schema: JSONSchema = {
  type: "object",
  properties: {
    email: { type: "string", format: "email" },
    day: { type: "string", format: "date" },
    qty: { type: "integer", minimum: 1 },
    where: { $ref: "#/$defs/city" },
  },
  required: ["qty"],
  additionalProperties: false,
  $defs: { city: { type: "string", enum: ["Lyon", "Paris"] } },
};

describe("validateAgainst", () => {
  it("accepts a conforming value", () => {
    expect(validateAgainst(schema, { qty: 2, email: "a@b.co", day: "2026-11-28", where: "Lyon" })).toEqual({ valid: true, errors: [] });
  });

  it.each([
    [{ qty: 0 }, "less than 1"],
    [{ qty: 1, email: "nope" }, "email"],
    [{ qty: 1, day: "28/11/2026" }, "date"],
    [{ qty: 1, where: "Rome" }, "does not match any"],
    [{ qty: 1, extra: true }, "additional"],
    [{}, "qty"],
  ])("rejects %j and says why", (value, hint) => {
    const outcome = validateAgainst(schema, value);
    expect(outcome.valid).toBe(false);
    expect(outcome.errors.join(" ").toLowerCase()).toContain(hint.toLowerCase());
  });

  it("reads OpenAPI nullable once folded into the type", () => {
    const folded = foldNullable({ type: "object", properties: { note: { type: "string", nullable: true } } }) as JSONSchema;
    expect(validateAgainst(folded, { note: null }).valid).toBe(true);
    expect(validateAgainst(folded, { note: 3 }).valid).toBe(false);
  });
});
