import { describe, expect, it } from "vitest";
import { decodeContextOf } from "./context.js";
import type { ToolDefinition } from "./types.js";

const tools: ToolDefinition[] = ["a", "b"].map((name) => ({ type: "function", function: { name } }));

describe("decodeContextOf", () => {
  it("resolves tool_choice and parallel_tool_calls once", () => {
    expect(decodeContextOf({ tools, tool_choice: "auto", parallel_tool_calls: true })).toEqual({
      allowedTools: new Set(["a", "b"]),
      forcedTool: null,
      mustCall: false,
      modelChooses: true,
      parallel: true,
    });
    expect(decodeContextOf({ tools, tool_choice: "none", parallel_tool_calls: true })).toMatchObject({ allowedTools: new Set(), parallel: true });
    expect(decodeContextOf({ tools, tool_choice: "required", parallel_tool_calls: false })).toMatchObject({
      mustCall: true,
      modelChooses: false,
      parallel: false,
    });
    expect(decodeContextOf({ tools, tool_choice: { type: "function", function: { name: "b" } }, parallel_tool_calls: true })).toMatchObject({
      allowedTools: new Set(["b"]),
      forcedTool: "b",
      mustCall: true,
      modelChooses: false,
    });
  });

  it("allows no call when there is no tool", () => {
    expect(decodeContextOf({ tools: [], tool_choice: "auto", parallel_tool_calls: true }).allowedTools.size).toBe(0);
  });
});
