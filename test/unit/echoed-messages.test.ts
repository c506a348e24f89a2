/**
 * The openai client's helpers (runTools, parse) send each assistant message back as they got it: with `parsed`,
 * `parsed_arguments`, `refusal`, `annotations` and this API's own `x_` fields. Those are accepted on assistant
 * messages (and ignored); other messages stay strict.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { chatBody, postJson } from "../support/requests.js";
import { echoFirstTool, scriptedCaller } from "../support/scripted-caller.js";

const app = createApp({ caller: scriptedCaller(echoFirstTool), backend: "test-double" });

const echoed = {
  role: "assistant",
  content: null,
  refusal: null,
  parsed: null,
  annotations: [],
  x_held_back: ["cancel_order"],
  tool_calls: [
    { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}', parsed_arguments: { city: "Paris" } } },
  ],
};

describe("assistant messages echoed back by the openai client", () => {
  it("are accepted", async () => {
    const messages = [{ role: "user", content: "Paris weather please" }, echoed, { role: "tool", tool_call_id: "call_1", content: "sunny" }];
    const response = await app.request("/v1/chat/completions", postJson(chatBody({ messages })));
    expect(response.status).toBe(200);
  });

  it("do not loosen the other messages", async () => {
    const response = await app.request("/v1/chat/completions", postJson(chatBody({ messages: [{ role: "user", content: "hi", parsed: null }] })));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe("messages[0].parsed");
  });
});
