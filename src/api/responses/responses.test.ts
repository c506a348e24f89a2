import { describe, expect, it } from "vitest";
import { MemoryKvDouble } from "../../../test/support/memory-kv.js";
import { postJson } from "../../../test/support/requests.js";
import { bearer, orderTool, responsesBody } from "../../../test/support/responses.js";
import { echoFirstTool, scriptedCaller } from "../../../test/support/scripted-caller.js";
import type { ToolCallRequest, ToolCallResult } from "../../caller/types.js";
import { createApp } from "../app.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these tests walk loosely typed response JSON.
type Json = Record<string, any>;

function setup(answer: (request: ToolCallRequest) => ToolCallResult = echoFirstTool, vars: Record<string, string> = {}) {
  const caller = scriptedCaller(answer);
  const app = createApp({ caller, backend: "test-double" });
  const kv = new MemoryKvDouble();
  const env = { MEMORY: kv, EDGECALL_API_KEYS: "key-one,key-two", ...vars };
  const send = async (path: string, init: RequestInit, key = "key-one") => {
    const response = await app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), ...bearer(key) } }, env);
    const text = await response.text();
    return { response, text, json: (response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : {}) as Json };
  };
  const create = (body: Record<string, unknown>, key?: string) => send("/v1/responses", postJson(body), key);
  return { caller, kv, send, create };
}

const noCall = (): ToolCallResult => ({ kind: "no_call", confidence: 1 });

describe("POST /v1/responses", () => {
  it("answers a function call as a function_call output item and stores the turn once, with an expiry", async () => {
    const { create, kv } = setup();
    const { response, json } = await create(responsesBody({ metadata: { shop: "eu" } }));
    expect(response.status).toBe(200);
    expect(json).toMatchObject({
      object: "response",
      status: "completed",
      error: null,
      previous_response_id: null,
      store: true,
      metadata: { shop: "eu" },
    });
    expect(json.id).toMatch(/^resp_[A-Za-z0-9]+$/);
    expect(json.output).toHaveLength(1);
    const item = json.output[0];
    expect(item).toMatchObject({ type: "function_call", name: "get_order_status", status: "completed" });
    expect(item.call_id).toMatch(/^call_/);
    expect(JSON.parse(item.arguments)).toEqual({ order_id: "A-1042" });
    expect(json.usage.total_tokens).toBe(json.usage.input_tokens + json.usage.output_tokens);
    expect(json.tools).toEqual([{ ...orderTool, strict: false }]);
    expect(json.x_edgecall).toMatchObject({ route: "edge", result: "calls", memory: { stored: true } });
    expect(kv.puts).toHaveLength(1);
    expect(kv.puts[0]?.expirationTtl).toBe(30 * 24 * 3600);
    expect(kv.puts[0]?.key).toMatch(new RegExp(`^resp:[0-9a-f]{32}:${json.id}$`));
  });

  it("answers prose as a message item with output_text", async () => {
    const { create } = setup(noCall);
    const { json } = await create(responsesBody());
    expect(json.output).toEqual([
      expect.objectContaining({
        type: "message",
        role: "assistant",
        status: "completed",
        content: [expect.objectContaining({ type: "output_text", annotations: [] })],
      }),
    ]);
    expect(json.output[0].id).toMatch(/^msg_/);
  });

  it("reads instructions first, not carried over to the next turn", async () => {
    const { create, caller } = setup(noCall);
    const first = await create(responsesBody({ instructions: "Be brief." }));
    await create({ model: "edgecall", previous_response_id: first.json.id, input: "and now?", tools: [orderTool] });
    expect(caller.requests[0]?.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(caller.requests[1]?.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  });

  it("chains a function_call_output by previous_response_id: the caller reads the whole round trip", async () => {
    const { create, caller } = setup();
    const first = await create(responsesBody());
    const call = first.json.output[0];
    const second = await create({
      model: "edgecall",
      previous_response_id: first.json.id,
      tools: [orderTool],
      input: [{ type: "function_call_output", call_id: call.call_id, output: '{"status":"shipped"}' }],
    });
    expect(second.response.status).toBe(200);
    expect(second.json.previous_response_id).toBe(first.json.id);
    expect(second.json.x_edgecall.memory).toEqual({ stored: true, chain: { turns: 1, read: 1, missing: 0, selection: "all" } });
    const messages = caller.requests[1]?.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(messages[1]?.tool_calls?.[0]).toMatchObject({ id: call.call_id, function: { name: "get_order_status", arguments: call.arguments } });
    expect(messages[2]).toMatchObject({ tool_call_id: call.call_id, content: '{"status":"shipped"}' });
  });

  it("groups consecutive function_call input items into one assistant message", async () => {
    const { create, caller } = setup(noCall);
    await create(
      responsesBody({
        input: [
          { role: "user", content: [{ type: "input_text", text: "two orders" }] },
          { type: "function_call", call_id: "c1", name: "get_order_status", arguments: '{"order_id":"A"}' },
          { type: "function_call", call_id: "c2", name: "get_order_status", arguments: '{"order_id":"B"}' },
          { type: "function_call_output", call_id: "c1", output: "shipped" },
          { type: "function_call_output", call_id: "c2", output: [{ type: "input_text", text: "late" }] },
        ],
      }),
    );
    const messages = caller.requests[0]?.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "tool", "tool"]);
    expect(messages[1]?.tool_calls?.map((c) => c.id)).toEqual(["c1", "c2"]);
    expect(messages[3]?.content).toBe("late");
  });

  it("answers 404 for an unknown previous_response_id, in OpenAI's error shape", async () => {
    const { create } = setup();
    const { response, json } = await create({ model: "edgecall", previous_response_id: "resp_does_not_exist", input: "and now?" });
    expect(response.status).toBe(404);
    expect(json).toEqual({
      error: {
        message: "Previous response with id 'resp_does_not_exist' not found.",
        type: "invalid_request_error",
        param: "previous_response_id",
        code: "previous_response_not_found",
      },
    });
  });

  it("does not store with store: false (and says so)", async () => {
    const { create, send, kv } = setup();
    const { json } = await create(responsesBody({ store: false }));
    expect(json.store).toBe(false);
    expect(json.x_edgecall.memory).toEqual({ stored: false, reason: "store_false" });
    expect(kv.puts).toHaveLength(0);
    expect((await send(`/v1/responses/${json.id}`, { method: "GET" })).response.status).toBe(404);
  });

  it("lets two requests branch off one previous response; neither turn is lost", async () => {
    const { create, caller } = setup(noCall);
    const root = await create(responsesBody({ input: "root turn" }));
    const [a, b] = await Promise.all([
      create({ model: "edgecall", previous_response_id: root.json.id, input: "branch a", tools: [orderTool] }),
      create({ model: "edgecall", previous_response_id: root.json.id, input: "branch b", tools: [orderTool] }),
    ]);
    expect(a.json.id).not.toBe(b.json.id);
    const after = await create({ model: "edgecall", previous_response_id: a.json.id, input: "after a", tools: [orderTool] });
    expect(after.response.status).toBe(200);
    const read = caller.requests
      .at(-1)
      ?.messages.filter((m) => m.role === "user")
      .map((m) => m.content);
    expect(read).toEqual(["root turn", "branch a", "after a"]);
  });

  it("resolves item_reference items from the stored response that holds them", async () => {
    const { create, caller } = setup();
    const first = await create(responsesBody());
    const call = first.json.output[0];
    await create({
      model: "edgecall",
      tools: [orderTool],
      input: [
        { role: "user", content: "A-1042 where is it?" },
        { type: "item_reference", id: call.id },
        { type: "function_call_output", call_id: call.call_id, output: "shipped" },
      ],
    });
    expect(caller.requests[1]?.messages[1]?.tool_calls?.[0]?.id).toBe(call.call_id);
    const missing = await create({ model: "edgecall", input: [{ type: "item_reference", id: "fc_nothing_0" }] });
    expect(missing.response.status).toBe(400);
    expect(missing.json.error.param).toBe("input[0].id");
  });
});

describe("Responses validation", () => {
  it.each([
    [{ tools: [{ type: "web_search" }] }, "tools[0].type"],
    [{ tools: [{ type: "function" }] }, "tools[0].name"],
    [{ input: [{ role: "user", content: [{ type: "input_image", image_url: "https://x" }] }] }, "input[0].content[0].type"],
    [{ input: [{ role: "robot", content: "hi" }] }, "input[0].role"],
    [{ input: [{ type: "function_call", name: "x", arguments: "{}" }] }, "input[0].call_id"],
    [{ tool_choice: { type: "function", name: "nope" } }, "tool_choice.name"],
    [{ background: true }, "background"],
    [{ frequency: 1 }, "frequency"],
    [{ tools: [orderTool, orderTool] }, "tools[1].name"],
  ])("rejects %j at %s", async (overrides, param) => {
    const { create } = setup();
    const { response, json } = await create(responsesBody(overrides));
    expect(response.status).toBe(400);
    expect(json.error).toMatchObject({ type: "invalid_request_error", param });
  });

  it("names tool-schema errors by the flat Responses path", async () => {
    const { create } = setup();
    const tool = { ...orderTool, parameters: { type: "object", properties: { id: { type: "string", pattern: "^(a+)\\1$" } } } };
    const { response, json } = await create(responsesBody({ tools: [tool] }));
    expect(response.status).toBe(400);
    expect(json.error.param).toBe("tools[0].parameters.properties.id.pattern");
    expect(json.error.message).not.toContain(".function");
  });

  it("needs input unless it continues a chain", async () => {
    const { create } = setup();
    const { response, json } = await create({ model: "edgecall" });
    expect(response.status).toBe(400);
    expect(json.error.param).toBe("input");
  });
});

describe("stored responses", () => {
  it("retrieves, lists input items, and deletes", async () => {
    const { create, send } = setup();
    const first = await create(responsesBody());
    const got = await send(`/v1/responses/${first.json.id}`, { method: "GET" });
    expect(got.json).toEqual(first.json);
    const second = await create({
      model: "edgecall",
      previous_response_id: first.json.id,
      input: [
        { role: "user", content: "one" },
        { role: "user", content: "two" },
      ],
    });
    const items = await send(`/v1/responses/${second.json.id}/input_items`, { method: "GET" });
    expect(items.json.object).toBe("list");
    expect(items.json.data.map((item: Json) => item.content[0].text)).toEqual(["two", "one"]);
    expect(items.json.data[0]).toMatchObject({ type: "message", role: "user", content: [{ type: "input_text", text: "two" }] });
    const page = await send(`/v1/responses/${second.json.id}/input_items?order=asc&limit=1`, { method: "GET" });
    expect(page.json).toMatchObject({ has_more: true, data: [{ content: [{ text: "one" }] }] });
    const next = await send(`/v1/responses/${second.json.id}/input_items?order=asc&limit=1&after=${page.json.last_id}`, { method: "GET" });
    expect(next.json).toMatchObject({ has_more: false, data: [{ content: [{ text: "two" }] }] });

    const deleted = await send(`/v1/responses/${first.json.id}`, { method: "DELETE" });
    expect(deleted.json).toEqual({ id: first.json.id, object: "response.deleted", deleted: true });
    expect((await send(`/v1/responses/${first.json.id}`, { method: "GET" })).response.status).toBe(404);
    expect((await send(`/v1/responses/${first.json.id}`, { method: "DELETE" })).response.status).toBe(404);
  });

  it("isolates tenants: another key gets 404 from every endpoint and the owner keeps the response", async () => {
    const { create, send } = setup();
    const mine = await create(responsesBody());
    const id = mine.json.id as string;
    const attempts = [
      await send(`/v1/responses/${id}`, { method: "GET" }, "key-two"),
      await send(`/v1/responses/${id}/input_items`, { method: "GET" }, "key-two"),
      await send(`/v1/responses/${id}`, { method: "DELETE" }, "key-two"),
      await create({ model: "edgecall", previous_response_id: id, input: "cancel it" }, "key-two"),
      await create({ model: "edgecall", input: [{ type: "item_reference", id: mine.json.output[0].id }] }, "key-two"),
    ];
    expect(attempts.map((a) => a.response.status)).toEqual([404, 404, 404, 404, 400]);
    expect(attempts.map((a) => a.text).join("")).not.toContain("A-1042");
    expect((await send(`/v1/responses/${id}`, { method: "GET" })).json.id).toBe(id);
  });

  it("answers 405 for other methods", async () => {
    const { send } = setup();
    expect((await send("/v1/responses", { method: "GET" })).response.status).toBe(405);
    expect((await send("/v1/responses/resp_x", { method: "POST" })).response.status).toBe(405);
  });
});

describe("memory faults", () => {
  it("answers a full-input request when KV writes fail, and says it was not stored", async () => {
    const { create, kv } = setup();
    kv.mode = "fail-writes";
    const { response, json } = await create(responsesBody());
    expect(response.status).toBe(200);
    expect(json.output[0].type).toBe("function_call");
    expect(json.x_edgecall.memory).toEqual({ stored: false, reason: "kv_error" });
  });

  it("answers 503 when only a previous id was given and KV cannot be read", async () => {
    const { create, kv } = setup();
    kv.mode = "fail";
    const { response, json } = await create({ model: "edgecall", previous_response_id: "resp_abc", input: "and now?" });
    expect(response.status).toBe(503);
    expect(json.error).toMatchObject({ type: "server_error", code: "memory_unavailable" });
  });

  it("gives up on a slow KV after MEMORY_TIMEOUT_MS", async () => {
    const { create, kv } = setup(echoFirstTool, { MEMORY_TIMEOUT_MS: "20" });
    kv.mode = "hang";
    const plain = await create(responsesBody());
    expect(plain.json.x_edgecall.memory).toEqual({ stored: false, reason: "kv_timeout" });
    const chained = await create({ model: "edgecall", previous_response_id: "resp_abc", input: "and now?" });
    expect(chained.response.status).toBe(503);
    expect(chained.json.error.code).toBe("memory_timeout");
  });

  it("never reads back a record that is not whole", async () => {
    const { create, send, kv } = setup();
    const { json } = await create(responsesBody());
    const key = kv.puts[0]?.key ?? "";
    const other = setup();
    other.kv.values.set(key, (kv.values.get(key) ?? "").slice(0, 100));
    expect((await other.send(`/v1/responses/${json.id}`, { method: "GET" })).response.status).toBe(404);
    expect((await send(`/v1/responses/${json.id}`, { method: "GET" })).response.status).toBe(200);
  });
});

describe("streaming", () => {
  function events(text: string): Json[] {
    return text
      .trim()
      .split("\n\n")
      .map((block) => {
        const [eventLine, dataLine] = block.split("\n");
        const data = JSON.parse((dataLine ?? "").replace(/^data: /, "")) as Json;
        expect(eventLine).toBe(`event: ${data.type}`);
        return data;
      });
  }

  it("sends the Responses event sequence for a function call, ending in the stored response", async () => {
    const { create, send } = setup();
    const { response, text } = await create(responsesBody({ stream: true }));
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const list = events(text);
    expect(list.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(list.map((e) => e.sequence_number)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(list[0]?.response).toMatchObject({ status: "in_progress", output: [] });
    const done = list.at(-1)?.response as Json;
    expect(list[4]?.arguments).toBe(done.output[0].arguments);
    expect(
      list
        .filter((e) => e.type.endsWith(".delta"))
        .map((e) => e.delta)
        .join(""),
    ).toBe(done.output[0].arguments);
    expect((await send(`/v1/responses/${done.id}`, { method: "GET" })).json).toEqual(done);
  });

  it("sends content parts and text deltas for prose", async () => {
    const { create } = setup(noCall);
    const list = events((await create(responsesBody({ stream: true }))).text);
    expect(list.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(list[4]?.delta).toBe(list.at(-1)?.response.output[0].content[0].text);
  });
});

describe("memory vectors and turn selection", () => {
  const vectorOf = (text: string | null) => (/order|cancel/i.test(text ?? "") ? Float32Array.of(1, 0) : Float32Array.of(0, 1));
  /** Calls get_order_status on the first turn, answers prose afterwards; memory vectors by topic. */
  const answer = (request: ToolCallRequest): ToolCallResult => {
    const memory = request.messages.map((m) => vectorOf(m.content));
    const users = request.messages.filter((m) => m.role === "user");
    if (users.length === 1 && /A-1042/.test(users[0]?.content ?? "")) {
      return {
        kind: "calls",
        confidence: 0.9,
        calls: [{ name: "get_order_status", arguments: { order_id: "A-1042" }, confidence: 0.9, argument_confidence: {} }],
        notes: { memory },
      };
    }
    return { kind: "no_call", confidence: 0.9, notes: { memory } };
  };

  it("stores each turn's vector and values, and a long chain reads the newest turns, the similar one, and slot memory", async () => {
    const { create, caller, kv } = setup(answer);
    let previous = (await create(responsesBody({ input: "Where is order A-1042?" }))).json;
    const first = JSON.parse(kv.values.get(kv.puts[0]?.key ?? "") ?? "{}");
    expect(first.memory).toBe(btoa(String.fromCharCode(...new Uint8Array(Float32Array.of(1, 0).buffer))));
    expect(first.slots).toEqual([{ name: "order_id", value: "A-1042" }]);
    for (let i = 0; i < 20; i++) {
      const next = await create({
        model: "edgecall",
        tools: [orderTool],
        previous_response_id: previous.id,
        input: `Tell me something nice about the weather, number ${i}.`,
      });
      previous = next.json;
    }
    expect(previous.x_edgecall.memory.chain).toMatchObject({ turns: 20, selection: "similarity", missing: 0 });
    const before = caller.requests.length;
    const last = await create({ model: "edgecall", tools: [orderTool], previous_response_id: previous.id, input: "Cancel it please." });
    expect(last.json.x_edgecall.memory.chain).toMatchObject({ turns: 21, selection: "similarity" });
    // one pass over the new turn alone (its vector), one over the chosen history
    expect(caller.requests.length - before).toBe(2);
    expect(caller.requests.at(-2)?.messages.map((m) => m.content)).toEqual(["Cancel it please."]);
    const read = caller.requests.at(-1)?.messages ?? [];
    expect(read.map((m) => m.content).join("\n")).toContain("Where is order A-1042?");
    expect(read.map((m) => m.content).join("\n")).toContain("number 19");
    expect(read.map((m) => m.content).join("\n")).not.toContain("number 5.");
    expect(read.at(-1)?.content).toBe("Cancel it please.");
  });

  it("puts the values of turns it leaves out into slot memory", async () => {
    const { create, caller } = setup(answer, { MEMORY_READ_BYTES: "420" });
    let previous = (await create(responsesBody({ input: "Where is order A-1042?" }))).json;
    for (let i = 0; i < 12; i++) {
      previous = (
        await create({
          model: "edgecall",
          tools: [orderTool],
          previous_response_id: previous.id,
          input: `Tell me something nice about the weather today, number ${i}.`,
        })
      ).json;
    }
    await create({ model: "edgecall", tools: [orderTool], previous_response_id: previous.id, input: "What about the sunshine?" });
    const read = caller.requests.at(-1)?.messages ?? [];
    expect(read.some((m) => m.content === "Where is order A-1042?")).toBe(false);
    expect(read[0]).toMatchObject({ role: "tool", content: expect.stringContaining('order_id="A-1042"') });
  });
});
