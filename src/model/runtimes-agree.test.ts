/**
 * The same answers under onnxruntime-web (the worker's runtime) and onnxruntime-node (eval, local origin): on a fixed
 * set of requests, both callers return the same result kind, the same calls with the same argument values and the
 * same missing arguments. The int8 graphs make this hold on every CPU by construction (7-bit weights: see
 * wasm/MODEL_CARD.md "int8 scheme"); this test is what would catch an export that breaks it.
 */
import { describe, expect, it } from "vitest";
import type { ChatMessage, ToolCallResult, ToolDefinition } from "../caller/types.js";
import type { JSONSchema } from "../tools/schema-types.js";
import { createNodeRuntime } from "../engine/node.js";
import { sameAnswer } from "../eval/agreement.js";
import { createModelToolCaller } from "./caller.js";
import { loadShippedConfig, MODEL_DIR } from "./testing/load-config.js";

function tool(name: string, description: string, properties: Record<string, JSONSchema>, required: string[]): ToolDefinition {
  return { type: "function", function: { name, description, parameters: { type: "object", properties, required } } };
}

const shop: ToolDefinition[] = [
  tool("get_order_status", "Status of an order", { order_id: { type: "string", description: "Order number" } }, ["order_id"]),
  tool("cancel_order", "Cancel an order", { order_id: { type: "string" }, reason: { type: "string" } }, ["order_id"]),
  tool(
    "add_to_cart",
    "Add a product to the shopping cart",
    {
      product: { type: "string" },
      quantity: { type: "integer", minimum: 1 },
      size: { type: "string", enum: ["S", "M", "L", "XL"] },
    },
    ["product"],
  ),
  tool(
    "search_products",
    "Search the catalogue",
    {
      query: { type: "string" },
      max_price: { type: "number" },
      sort: { type: "string", enum: ["price_asc", "price_desc", "rating"] },
    },
    ["query"],
  ),
];

const generic: ToolDefinition[] = [
  tool(
    "get_weather",
    "Current weather for a city",
    {
      city: { type: "string", description: "City name" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"] },
    },
    ["city"],
  ),
  tool(
    "convert_currency",
    "Convert an amount between currencies",
    {
      amount: { type: "number" },
      from_currency: { type: "string" },
      to_currency: { type: "string" },
    },
    ["amount", "from_currency", "to_currency"],
  ),
  tool("set_alarm", "Set an alarm", { time: { type: "string" }, repeat: { type: "boolean" } }, ["time"]),
];

const user = (content: string): ChatMessage[] => [{ role: "user", content }];

const cases: { tools: ToolDefinition[]; messages: ChatMessage[] }[] = [
  ...[
    "Where is order A-1042?",
    "Cancel order 7731, it arrived broken",
    "Please add 2 blue mugs in size M to my cart",
    "add three XL hoodies",
    "Find running shoes under 80 dollars, cheapest first",
    "search for a usb-c charger sorted by rating",
    "I want to cancel my order",
    "What is the status of my order?",
    "Do you sell gift cards?",
    "thanks, that's all",
    "帮我查一下订单A-1042的状态",
    "把订单B-77取消",
    "Track 55-1234 and cancel 55-9999",
  ].map((text) => ({ tools: shop, messages: user(text) })),
  ...[
    "What's the weather in Paris in fahrenheit?",
    "Is it raining in Tokyo",
    "Convert 250 euros to dollars",
    "how much is 1,200 USD in JPY",
    "Wake me up at 6:30 every day",
    "set an alarm for 7am",
    "Weather in Berlin and in Rome please",
    "Tell me a joke",
    "北京明天天气怎么样？",
  ].map((text) => ({ tools: generic, messages: user(text) })),
  {
    tools: shop,
    messages: [
      { role: "system", content: "You are ShopBot of Acme Store." },
      { role: "user", content: "Has order 88-123 shipped yet?" },
    ],
  },
];

const config = loadShippedConfig();

describe("answers under onnxruntime-web and onnxruntime-node", () => {
  const web = createModelToolCaller(createNodeRuntime({ backend: "ort-web", modelDir: MODEL_DIR }), config);
  const native = createModelToolCaller(createNodeRuntime({ backend: "ort-node", modelDir: MODEL_DIR }), config);

  it("are identical on every case of the fixed set", async () => {
    const results: [ToolCallResult, ToolCallResult][] = [];
    for (const c of cases) {
      const request = { messages: c.messages, tools: c.tools, tool_choice: "auto" as const, parallel_tool_calls: true };
      results.push([await web.call(request), await native.call(request)]);
    }
    const differing = results.flatMap(([a, b], i) => (sameAnswer(a, b) ? [] : [{ case: i, web: a, native: b }]));
    expect(differing).toEqual([]);
    // the set exercises more than one kind of answer, so agreeing is not agreeing on "no call" everywhere
    const kinds = new Set(results.map(([a]) => a.kind));
    expect(kinds.has("calls")).toBe(true);
    expect(kinds.size).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
