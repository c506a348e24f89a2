import { describe, expect, it } from "vitest";
import type { ToolCallResult } from "../caller/types.js";
import { chatBody, postJson } from "../../test/support/requests.js";
import { echoFirstTool, scriptedCaller } from "../../test/support/scripted-caller.js";
import { UnsupportedSchemaError } from "../tools/errors.js";
import { createApp } from "./app.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these tests walk loosely typed response JSON.
type Json = Record<string, any>;

function appAnswering(result: ToolCallResult | ((...args: never[]) => never)) {
  const caller = scriptedCaller(() => (typeof result === "function" ? result() : result));
  return { caller, app: createApp({ caller, backend: "test-double" }) };
}

async function post(app: ReturnType<typeof createApp>, body: unknown, env: Record<string, string> = {}) {
  const response = await app.request("/v1/chat/completions", postJson(body), env);
  return { response, json: (await response.json()) as Json };
}

const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: args, confidence: 0.8, argument_confidence: {} });

describe("chat completions: mapping tool-caller results", () => {
  it("maps calls to tool_calls with call_ ids and JSON-string arguments", async () => {
    const { app } = appAnswering({ kind: "calls", confidence: 0.8, calls: [call("get_weather", { city: "Paris" })] });
    const { response, json } = await post(app, chatBody());
    expect(response.status).toBe(200);
    const choice = json.choices[0];
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls[0].id).toMatch(/^call_[A-Za-z0-9]+$/);
    expect(JSON.parse(choice.message.tool_calls[0].function.arguments)).toEqual({ city: "Paris" });
    expect(json.object).toBe("chat.completion");
    expect(json.usage.total_tokens).toBe(json.usage.prompt_tokens + json.usage.completion_tokens);
    expect(json.x_edgecall).toMatchObject({ route: "edge", result: "calls", confidence: 0.8, backend: "test-double" });
  });

  it("asks for missing arguments and lists them in x_missing_arguments", async () => {
    const { app } = appAnswering({ kind: "missing", confidence: 0.7, missing: [{ name: "get_weather", parameters: ["city"] }] });
    const { json } = await post(app, chatBody());
    const message = json.choices[0].message;
    expect(message.tool_calls).toBeUndefined();
    expect(message.content).toContain("city");
    expect(message.x_missing_arguments).toEqual([{ name: "get_weather", parameters: ["city"] }]);
    expect(json.choices[0].finish_reason).toBe("stop");
  });

  it("answers no_call with plain assistant content", async () => {
    const { app } = appAnswering({ kind: "no_call", confidence: 0.9 });
    const { json } = await post(app, chatBody());
    expect(json.choices[0].message.tool_calls).toBeUndefined();
    expect(typeof json.choices[0].message.content).toBe("string");
    expect(json.x_edgecall.result).toBe("no_call");
  });

  it("marks not_expressible answers and makes no call", async () => {
    const { app } = appAnswering({ kind: "not_expressible", confidence: 0.3, reason: "currency code" });
    const { json } = await post(app, chatBody());
    expect(json.choices[0].message.tool_calls).toBeUndefined();
    expect(json.choices[0].message.x_not_expressible).toEqual({ reason: "currency code" });
  });

  it("does not run the caller without tools or with tool_choice none", async () => {
    const { app, caller } = appAnswering({ kind: "calls", confidence: 1, calls: [call("get_weather", {})] });
    await post(app, chatBody({ tools: undefined }));
    await post(app, chatBody({ tool_choice: "none" }));
    expect(caller.requests).toHaveLength(0);
  });

  it("flattens content parts and passes tool_choice and parallel_tool_calls to the caller", async () => {
    const caller = scriptedCaller(echoFirstTool);
    const app = createApp({ caller, backend: "test-double" });
    const messages = [
      {
        role: "user",
        content: [
          { type: "text", text: "Lyon" },
          { type: "text", text: "weather" },
        ],
      },
    ];
    await post(app, chatBody({ messages, tool_choice: "required", parallel_tool_calls: false }));
    expect(caller.requests[0]).toMatchObject({
      messages: [{ role: "user", content: "Lyon\nweather" }],
      tool_choice: "required",
      parallel_tool_calls: false,
    });
  });
});

describe("chat completions: streaming", () => {
  function events(text: string): string[] {
    return text
      .split("\n\n")
      .filter((block) => block !== "")
      .map((block) => block.replace(/^data: /, ""));
  }

  it("streams tool-call deltas whose arguments reassemble, then usage, then [DONE]", async () => {
    const args = { city: "Paris", note: "a long value that spans several argument pieces of the stream" };
    const { app } = appAnswering({ kind: "calls", confidence: 0.8, calls: [call("get_weather", args)] });
    const response = await app.request("/v1/chat/completions", postJson(chatBody({ stream: true, stream_options: { include_usage: true } })), {});
    expect(response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    const data = events(await response.text());
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Json);
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    const argumentText = chunks
      .flatMap((c) => c.choices)
      .flatMap((choice: Json) => choice.delta.tool_calls ?? [])
      .map((t: Json) => t.function.arguments ?? "")
      .join("");
    expect(JSON.parse(argumentText)).toEqual(args);
    expect(
      chunks
        .flatMap((c) => c.choices)
        .map((ch: Json) => ch.finish_reason)
        .filter(Boolean),
    ).toEqual(["tool_calls"]);
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage.total_tokens).toBeGreaterThan(0);
  });

  it("streams content for a missing-argument answer", async () => {
    const { app } = appAnswering({ kind: "missing", confidence: 0.7, missing: [{ name: "get_weather", parameters: ["city"] }] });
    const response = await app.request("/v1/chat/completions", postJson(chatBody({ stream: true })), {});
    const chunks = events(await response.text())
      .slice(0, -1)
      .map((d) => JSON.parse(d) as Json);
    const content = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(content).toContain("city");
    expect(chunks.some((c) => c.choices[0]?.delta.x_missing_arguments !== undefined)).toBe(true);
  });
});

describe("errors, auth and routes", () => {
  it("answers 500 without leaking the cause when the caller throws", async () => {
    const secret = "db-password-in-stack";
    const { app } = appAnswering(() => {
      throw new Error(secret);
    });
    const { response, json } = await post(app, chatBody());
    expect(response.status).toBe(500);
    expect(json.error.type).toBe("server_error");
    expect(JSON.stringify(json)).not.toContain(secret);
  });

  it("turns a tool-set compilation error into a 400 naming the parameter", async () => {
    const { app } = appAnswering(() => {
      throw new UnsupportedSchemaError("$ref", "tools[0].function.parameters.properties.city", "remote references");
    });
    const { response, json } = await post(app, chatBody());
    expect(response.status).toBe(400);
    expect(json.error).toMatchObject({
      type: "invalid_request_error",
      param: "tools[0].function.parameters.properties.city",
      code: "unsupported_schema_keyword",
    });
  });

  it("requires a configured bearer key on /v1 and never echoes keys", async () => {
    const { app } = appAnswering({ kind: "no_call", confidence: 1 });
    const env = { EDGECALL_API_KEYS: "sk-alpha, sk-beta" };
    const missing = await app.request("/v1/models", {}, env);
    expect(missing.status).toBe(401);
    const wrong = await app.request("/v1/models", { headers: { Authorization: "Bearer sk-gamma" } }, env);
    expect(wrong.status).toBe(401);
    const wrongText = await wrong.text();
    expect(wrongText).not.toContain("sk-alpha");
    expect(JSON.parse(wrongText)).toMatchObject({ error: { type: "authentication_error", code: "invalid_api_key" } });
    const right = await app.request("/v1/models", { headers: { Authorization: "Bearer sk-beta" } }, env);
    expect(right.status).toBe(200);
    const health = await app.request("/healthz", {}, env);
    expect(health.status).toBe(200);
  });

  it("answers 404 and 405 in OpenAI's shape", async () => {
    const { app } = appAnswering({ kind: "no_call", confidence: 1 });
    const notFound = await app.request("/v1/embeddings", { method: "POST" }, {});
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ error: { type: "invalid_request_error", code: "unknown_url" } });
    const wrongMethod = await app.request("/v1/chat/completions", { method: "GET" }, {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("Allow")).toBe("POST");
    const unknownModel = await app.request("/v1/models/gpt-9", {}, {});
    expect(unknownModel.status).toBe(404);
  });

  it("answers CORS preflight for configured origins only", async () => {
    const { app } = appAnswering({ kind: "no_call", confidence: 1 });
    const preflight = (origin: string) =>
      app.request(
        "/v1/chat/completions",
        { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "POST" } },
        { CORS_ORIGINS: "https://a.example,https://b.example" },
      );
    const allowed = await preflight("https://b.example");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://b.example");
    const denied = await preflight("https://c.example");
    expect(denied.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("lists the caller's model", async () => {
    const { app, caller } = appAnswering({ kind: "no_call", confidence: 1 });
    const json = (await (await app.request("/v1/models", {}, {})).json()) as Json;
    expect(json.data.map((m: Json) => m.id)).toEqual([caller.id]);
  });
});
