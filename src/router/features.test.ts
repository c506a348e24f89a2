import { describe, expect, it } from "vitest";
import type { ToolCallRequest, ToolDefinition } from "../caller/types.js";
import { routeFeatures } from "./features.js";

const order: ToolDefinition = {
  type: "function",
  function: { name: "get_order", parameters: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } },
};

const ask = (text: string, extra: Partial<ToolCallRequest> = {}): ToolCallRequest => ({
  messages: [{ role: "user", content: text }],
  tools: [order],
  tool_choice: "auto",
  parallel_tool_calls: true,
  ...extra,
});

describe("routeFeatures", () => {
  it("measures bytes, turns and tools", () => {
    const f = routeFeatures({
      ...ask("é"),
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "hello" },
        { role: "user", content: "é" },
      ],
    });
    expect(f).toMatchObject({ bytes: 9, turns: 2, tools: 1, text_only: null });
  });

  it("labels text-only turns", () => {
    expect(routeFeatures(ask("hello", { tools: [], tool_choice: "none" })).text_only).toBe("no_tools");
    expect(routeFeatures(ask("Where is order 5?", { tool_choice: "none" })).text_only).toBe("no_tools");
    const afterTool = ask("Where is order 5?");
    afterTool.messages.push(
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "get_order", arguments: '{"id":"5"}' } }] },
      { role: "tool", content: '{"status":"shipped"}', tool_call_id: "c1" },
    );
    expect(routeFeatures(afterTool).text_only).toBe("after_tool_result");
    expect(routeFeatures(ask("Hello there!")).text_only).toBe("chit_chat");
    expect(routeFeatures(ask("thanks so much :)")).text_only).toBe("chit_chat");
  });

  it("does not take a request that starts with a greeting for chit-chat", () => {
    expect(routeFeatures(ask("hi, where is order A-1?")).text_only).toBeNull();
    expect(routeFeatures(ask("Hello there!", { tool_choice: "required" })).text_only).toBeNull();
  });

  it("counts the actions a turn asks for", () => {
    expect(routeFeatures(ask("Where is order 5?")).actions).toBe(1);
    expect(routeFeatures(ask("Find order 5 and then cancel it")).actions).toBe(2);
    expect(routeFeatures(ask("Get the weather in Paris and London")).actions).toBe(1);
    expect(routeFeatures(ask("Check order 5 and send me an email; also show my cart")).actions).toBe(4);
  });

  it("counts object-valued parameters the edge cannot point at", () => {
    const items: ToolDefinition = {
      type: "function",
      function: {
        name: "place_order",
        parameters: {
          type: "object",
          properties: {
            items: { type: "array", items: { type: "object", properties: { sku: { type: "string" } } } },
            meta: { type: "object" },
            address: { type: "object", properties: { city: { type: "string" } } },
          },
        },
      },
    };
    expect(routeFeatures(ask("x", { tools: [order, items] })).nested_parameters).toBe(2);
  });

  it("rounds the longest sentence up to a power-of-two window", () => {
    expect(routeFeatures(ask("Hi.")).window).toBe(8);
    expect(routeFeatures(ask(`${"a".repeat(20)}. ${"b".repeat(40)}`)).window).toBe(64);
  });
});
