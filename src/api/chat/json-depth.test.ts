import { describe, expect, it } from "vitest";
import { jsonDepthExceeds } from "./json-depth.js";

function nested(levels: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i += 1) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe("jsonDepthExceeds", () => {
  it("counts objects and arrays as levels, scalars as none", () => {
    expect(jsonDepthExceeds("x", 0)).toBe(false);
    expect(jsonDepthExceeds(nested(3), 3)).toBe(false);
    expect(jsonDepthExceeds(nested(4), 3)).toBe(true);
  });

  it("handles nesting far deeper than the call stack allows", () => {
    expect(jsonDepthExceeds(nested(200_000), 64)).toBe(true);
  });
});
