import { describe, expect, it } from "vitest";
import { compile, tool } from "../tools/testing/compile.js";
import { headsFor } from "./testing/heads.js";

describe("argument objects", () => {
  it("keep __proto__ and constructor as own keys and never touch Object.prototype", () => {
    const properties = JSON.parse(
      '{"__proto__": {"type": "object", "properties": {"polluted": {"type": "string"}}}, "constructor": {"type": "string"}}',
    );
    const set = compile(tool("set_value", { type: "object", properties, required: ["constructor"] }));
    const { builder, decode } = headsFor("Set polluted to yes and constructor to Object", set);
    builder.calls("set_value", 1).span("set_value", "__proto__.polluted", 0, "yes").span("set_value", "constructor", 0, "Object");
    const result = decode();
    expect(result.kind).toBe("calls");
    if (result.kind !== "calls") return;
    const args = result.calls[0]?.arguments ?? {};
    expect(JSON.parse(JSON.stringify(args))).toEqual(JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": "Object"}'));
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
