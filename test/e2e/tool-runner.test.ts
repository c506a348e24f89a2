/**
 * The official openai client's tool runner (`client.chat.completions.runTools`) against the real worker: it calls
 * the tool the edge asks for, sends the result back, and the edge ends the loop (finish_reason "stop", the result is
 * ready) instead of calling again, non-streaming and streaming. cancel_order is offered too and never called.
 */
import OpenAI from "openai";
import type { RunnableToolFunctionWithParse } from "openai/lib/RunnableFunction";
import { describe, expect, inject, it } from "vitest";
import { E2E_API_KEY } from "./settings.js";

const client = new OpenAI({ baseURL: `${inject("edgecallBaseUrl")}/v1`, apiKey: E2E_API_KEY, maxRetries: 0 });
const MAX_COMPLETIONS = 6;

interface OrderArgs {
  order_id: string;
}

function orderTools(log: { name: string; args: OrderArgs }[]): RunnableToolFunctionWithParse<OrderArgs>[] {
  const tool = (name: string, description: string, result: unknown): RunnableToolFunctionWithParse<OrderArgs> => ({
    type: "function",
    function: {
      name,
      description,
      parameters: { type: "object", properties: { order_id: { type: "string", description: "The order number" } }, required: ["order_id"] },
      parse: (input: string) => JSON.parse(input) as OrderArgs,
      function: (args: OrderArgs) => {
        log.push({ name, args });
        return result;
      },
    },
  });
  return [
    tool("get_order_status", "Look up the status of an order", { status: "shipped", eta: "tomorrow" }),
    tool("cancel_order", "Cancel an order", { cancelled: true }),
  ];
}

const messages = [{ role: "user" as const, content: "Where is order A-1042?" }];

describe("openai client tool runner against wrangler dev", () => {
  it("runs to completion: the tool is called once, then the edge answers with finish_reason stop", async () => {
    const log: { name: string; args: OrderArgs }[] = [];
    const runner = client.chat.completions.runTools({ model: "edgecall", messages, tools: orderTools(log) }, { maxChatCompletions: MAX_COMPLETIONS });
    const content = await runner.finalContent();
    const completions = runner.allChatCompletions();
    expect(log.map((entry) => entry.name)).toEqual(["get_order_status"]);
    expect(log[0]?.args).toEqual({ order_id: "A-1042" });
    expect(completions).toHaveLength(2);
    expect(completions.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(content).toBe("The result of get_order_status is ready.");
  });

  it("runs to completion when streaming", async () => {
    const log: { name: string; args: OrderArgs }[] = [];
    const runner = client.chat.completions.runTools(
      { model: "edgecall", messages, tools: orderTools(log), stream: true },
      { maxChatCompletions: MAX_COMPLETIONS },
    );
    const content = await runner.finalContent();
    expect(log.map((entry) => entry.name)).toEqual(["get_order_status"]);
    expect(runner.allChatCompletions()).toHaveLength(2);
    expect(content).toBe("The result of get_order_status is ready.");
  });
});
