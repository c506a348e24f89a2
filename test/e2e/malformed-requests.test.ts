/** The malformed-request suite against real workerd: each gets its 4xx in OpenAI's shape; the worker keeps serving. */
import { describe, expect, inject, it } from "vitest";
import { badRequests, oversizedBody } from "../support/bad-requests.js";
import { chatBody, postJson } from "../support/requests.js";
import { E2E_API_KEY, E2E_MAX_BODY_BYTES } from "./settings.js";

const baseUrl = inject("edgecallBaseUrl");
const auth = { Authorization: `Bearer ${E2E_API_KEY}` };

async function send(path: string, init: RequestInit): Promise<{ status: number; body: { error?: Record<string, unknown> } }> {
  const response = await fetch(`${baseUrl}${path}`, init);
  return { status: response.status, body: (await response.json()) as { error?: Record<string, unknown> } };
}

function expectOpenAIError(body: { error?: Record<string, unknown> }): void {
  expect(Object.keys(body.error ?? {}).sort()).toEqual(["code", "message", "param", "type"]);
  expect(typeof body.error?.message).toBe("string");
}

describe("malformed requests against workerd", () => {
  it.each(badRequests.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { status, body } = await send("/v1/chat/completions", postJson(c.body, auth));
    expect(status).toBe(c.status);
    expectOpenAIError(body);
    expect(body.error?.param).toBe(c.param);
    if (c.code !== undefined) expect(body.error?.code).toBe(c.code);
  });

  it("answers 413 for a body over MAX_BODY_BYTES", async () => {
    const { status, body } = await send("/v1/chat/completions", postJson(oversizedBody(E2E_MAX_BODY_BYTES), auth));
    expect(status).toBe(413);
    expectOpenAIError(body);
  });

  it("answers 401 without a bearer key, 404 for unknown routes and 405 for wrong methods", async () => {
    const missingKey = await send("/v1/chat/completions", postJson(chatBody()));
    expect(missingKey.status).toBe(401);
    expectOpenAIError(missingKey.body);
    const unknown = await send("/v1/completions", postJson(chatBody(), auth));
    expect(unknown.status).toBe(404);
    expectOpenAIError(unknown.body);
    const wrongMethod = await send("/v1/chat/completions", { method: "PUT", headers: auth });
    expect(wrongMethod.status).toBe(405);
    expectOpenAIError(wrongMethod.body);
  });

  it("still serves a good request after all of them", async () => {
    const { status, body } = await send("/v1/chat/completions", postJson(chatBody(), auth));
    expect(status).toBe(200);
    expect(body).toMatchObject({ object: "chat.completion", x_edgecall: { route: "edge", backend: "ort-web-workerd" } });
  });
});
