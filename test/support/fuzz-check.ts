/**
 * What every fuzzed request must get from the app: never a 5xx; a 200 that is a whole chat completion (JSON) or a
 * whole SSE stream of chunks ending in [DONE], whose tool calls name an offered tool with JSON-object arguments;
 * every other status in OpenAI's error shape with the type that belongs to it.
 */
import { expect } from "vitest";
import type { FuzzSample } from "./fuzz-requests.js";

interface AppLike {
  request(path: string, init: RequestInit, env: Record<string, string>): Response | Promise<Response>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the response JSON is walked loosely, each step checked by expect.
type Json = Record<string, any>;

const TYPE_OF_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  404: "invalid_request_error",
  405: "invalid_request_error",
  413: "invalid_request_error",
};

function offeredTools(sample: FuzzSample): Set<string> | null {
  if (typeof sample.body !== "string") return null;
  try {
    const tools = (JSON.parse(sample.body) as Json).tools as Json[] | undefined;
    return new Set((tools ?? []).map((tool) => tool.function.name as string));
  } catch {
    return null;
  }
}

function checkToolCalls(calls: Json[], offered: Set<string> | null): void {
  for (const call of calls) {
    expect(call.id).toMatch(/^call_/);
    if (offered !== null) expect(offered.has(call.function.name)).toBe(true);
    const args = JSON.parse(call.function.arguments) as unknown;
    expect(typeof args === "object" && args !== null && !Array.isArray(args)).toBe(true);
  }
}

function checkCompletion(json: Json, offered: Set<string> | null): void {
  expect(json.object).toBe("chat.completion");
  expect(json.choices).toHaveLength(1);
  const [choice] = json.choices as Json[];
  expect(["stop", "tool_calls"]).toContain(choice?.finish_reason);
  expect(choice?.message.role).toBe("assistant");
  checkToolCalls(choice?.message.tool_calls ?? [], offered);
  expect(choice?.finish_reason === "tool_calls").toBe((choice?.message.tool_calls ?? []).length > 0);
  expect(typeof json.x_edgecall.route).toBe("string");
  expect(Number.isInteger(json.usage.total_tokens)).toBe(true);
}

function checkStream(text: string): void {
  const events = text.split("\n\n").filter((event) => event !== "");
  expect(events[events.length - 1]).toBe("data: [DONE]");
  const chunks = events.slice(0, -1).map((event) => {
    expect(event.startsWith("data: ")).toBe(true);
    return JSON.parse(event.slice(6)) as Json;
  });
  expect(chunks.length).toBeGreaterThan(1);
  for (const chunk of chunks) expect(chunk.object).toBe("chat.completion.chunk");
  expect(chunks.some((chunk) => chunk.choices?.[0]?.finish_reason !== null && chunk.choices?.[0]?.finish_reason !== undefined)).toBe(true);
}

function checkError(json: Json, status: number): void {
  expect(Object.keys(json)).toEqual(["error"]);
  const { message, type, param, code } = json.error as Json;
  expect(typeof message === "string" && message.length > 0).toBe(true);
  expect(type).toBe(TYPE_OF_STATUS[status]);
  expect(param === null || typeof param === "string").toBe(true);
  expect(typeof code).toBe("string");
}

export async function checkFuzzSample(app: AppLike, sample: FuzzSample): Promise<number> {
  const init: RequestInit = { method: sample.method, headers: sample.headers };
  if (sample.body !== null) init.body = sample.body;
  const response = await app.request(sample.path, init, sample.env);
  const text = await response.text();
  const status = response.status;
  expect(status, `${sample.label}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (sample.expect === "ok") expect(status, `${sample.label}: ${text.slice(0, 300)}`).toBe(200);
  if (sample.expect === "client_error") expect(status, `${sample.label}: ${text.slice(0, 300)}`).toBe(sample.status ?? 400);
  if (sample.expect === "either") expect([200, 400], `${sample.label}: ${text.slice(0, 300)}`).toContain(status);
  if (status === 200) {
    const sse = (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
    if (sample.stream !== null) expect(sse, sample.label).toBe(sample.stream);
    if (sse) checkStream(text);
    else checkCompletion(JSON.parse(text) as Json, offeredTools(sample));
  } else {
    expect(Object.keys(TYPE_OF_STATUS).map(Number), `${sample.label}: ${status}`).toContain(status);
    checkError(JSON.parse(text) as Json, status);
  }
  return status;
}
