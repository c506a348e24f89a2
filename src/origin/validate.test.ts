import { describe, expect, it } from "vitest";
import type { ToolCallRequest } from "../caller/types.js";
import { checkOriginAnswer } from "./validate.js";
import type { OriginCompletion } from "./wire.js";

const request: ToolCallRequest = {
  messages: [{ role: "user", content: "Where is order A-1?" }],
  tools: [
    {
      type: "function",
      function: {
        name: "get_order",
        parameters: { type: "object", properties: { id: { type: "string" }, note: { type: "string", nullable: true } }, required: ["id"] },
      },
    },
    { type: "function", function: { name: "ping" } },
  ],
  tool_choice: "auto",
  parallel_tool_calls: true,
};

const answer = (calls: Array<[string, string]>, content: string | null = null): OriginCompletion => ({
  content,
  tool_calls: calls.map(([name, args], i) => ({ id: `c${i}`, name, arguments: args })),
  finish_reason: calls.length > 0 ? "tool_calls" : "stop",
  model: null,
  usage: null,
});

describe("checkOriginAnswer", () => {
  it("accepts valid calls, nullable folded as the edge folds it, and tools without parameters", () => {
    expect(
      checkOriginAnswer(
        answer([
          ["get_order", '{"id":"A-1","note":null}'],
          ["ping", "{}"],
        ]),
        request,
      ),
    ).toEqual({ valid: true });
  });

  it("accepts prose when no call is required", () => {
    expect(checkOriginAnswer(answer([], "Hello!"), request)).toEqual({ valid: true });
  });

  it("rejects arguments that break the schema, naming the tool to force", () => {
    const verdict = checkOriginAnswer(answer([["get_order", '{"id":42}']]), request);
    expect(verdict).toMatchObject({ valid: false, tool: "get_order" });
  });

  it("rejects arguments that are not JSON or not an object", () => {
    expect(checkOriginAnswer(answer([["get_order", '{"id":']]), request)).toMatchObject({ valid: false, tool: "get_order" });
    expect(checkOriginAnswer(answer([["get_order", "[1]"]]), request)).toMatchObject({ valid: false, tool: "get_order" });
  });

  it("rejects unknown tools with nothing to force", () => {
    expect(checkOriginAnswer(answer([["delete_everything", "{}"]]), request)).toMatchObject({ valid: false, tool: undefined });
  });

  it("honours tool_choice and parallel_tool_calls", () => {
    expect(checkOriginAnswer(answer([["ping", "{}"]]), { ...request, tool_choice: "none" })).toMatchObject({ valid: false });
    expect(checkOriginAnswer(answer([], "text"), { ...request, tool_choice: "required" })).toMatchObject({ valid: false });
    const forced = { ...request, tool_choice: { type: "function" as const, function: { name: "get_order" } } };
    expect(checkOriginAnswer(answer([["ping", "{}"]]), forced)).toMatchObject({ valid: false, tool: "get_order" });
    expect(
      checkOriginAnswer(
        answer([
          ["ping", "{}"],
          ["ping", "{}"],
        ]),
        { ...request, parallel_tool_calls: false },
      ),
    ).toMatchObject({ valid: false });
  });

  it("rejects an empty answer", () => {
    expect(checkOriginAnswer(answer([], "  "), request)).toMatchObject({ valid: false });
  });
});
