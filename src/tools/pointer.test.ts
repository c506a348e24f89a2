import { describe, expect, it } from "vitest";
import { pointerGet, pointerTokens } from "./pointer.js";

describe("JSON pointers of local $refs", () => {
  const root = JSON.parse('{"$defs": {"a b": {"type": "string"}, "x/y": 1, "__proto__": {"type": "integer"}}, "list": [10, 20]}');

  it("decodes percent-escapes and ~1 / ~0", () => {
    expect(pointerGet(root, "/$defs/a%20b")).toEqual({ found: true, value: { type: "string" } });
    expect(pointerGet(root, "/$defs/x~1y")).toEqual({ found: true, value: 1 });
    expect(pointerGet(root, "/list/1")).toEqual({ found: true, value: 20 });
    expect(pointerGet(root, "")).toEqual({ found: true, value: root });
  });

  it("reports a bad percent-escape instead of throwing URIError", () => {
    expect(typeof pointerTokens("/$defs/%E0%A4%A")).toBe("string");
    expect(pointerGet(root, "/$defs/%E0%A4%A").found).toBe(false);
  });

  it("reads own properties only: __proto__ is a key, constructor is not inherited", () => {
    expect(pointerGet(root, "/$defs/__proto__")).toEqual({ found: true, value: { type: "integer" } });
    expect(pointerGet({}, "/constructor").found).toBe(false);
    expect(pointerGet(root, "/list/length").found).toBe(false);
  });
});
