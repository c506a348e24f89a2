import { describe, expect, it } from "vitest";
import type { JSONSchema } from "../tools/schema-types.js";
import { compileLinear } from "./patterns.js";
import { validateAgainst } from "./validator.js";

describe("linear-time patterns", () => {
  it("searches unanchored, as JSON Schema's pattern does", () => {
    const p = compileLinear("[0-9]{3}");
    if (typeof p === "string") throw new Error(p);
    expect([p.test("ab123cd"), p.test("ab12")]).toEqual([true, false]);
  });

  it("gives a reason for patterns RE2 cannot run", () => {
    expect(typeof compileLinear("(a)\\1")).toBe("string");
    expect(typeof compileLinear("(?<=a)b")).toBe("string");
  });

  it("validates a catastrophic pattern against a hostile value and gives the right verdict", () => {
    const schema: JSONSchema = { type: "object", properties: { code: { type: "string", pattern: "^(a+)+$" } } };
    expect(validateAgainst(schema, { code: `${"a".repeat(5000)}b` }).valid).toBe(false);
    expect(validateAgainst(schema, { code: "a".repeat(5000) }).valid).toBe(true);
    expect(validateAgainst(schema, { code: "aa aa" }).errors.join()).toContain('pattern "^(a+)+$"');
  });

  it("keeps a pattern beside a format, and applies patterns inside $defs and anyOf", () => {
    const schema: JSONSchema = {
      type: "object",
      properties: { mail: { type: "string", format: "email", pattern: "@shop\\.example$" }, ref: { $ref: "#/$defs/sku" } },
      $defs: { sku: { anyOf: [{ type: "string", pattern: "^SKU-[0-9]+$" }, { type: "integer" }] } },
    };
    expect(validateAgainst(schema, { mail: "a@shop.example", ref: "SKU-12" }).valid).toBe(true);
    expect(validateAgainst(schema, { mail: "a@other.example" }).valid).toBe(false);
    expect(validateAgainst(schema, { mail: "not-an-email@shop.example x" }).valid).toBe(false);
    expect(validateAgainst(schema, { ref: "sku-12" }).valid).toBe(false);
  });
});
