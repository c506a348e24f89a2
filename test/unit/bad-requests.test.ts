/** Every malformed request of the shared suite gets its 4xx in OpenAI's shape from the app (Node, test double). */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { badRequests, oversizedBody } from "../support/bad-requests.js";
import { chatBody, postJson } from "../support/requests.js";
import { echoFirstTool, scriptedCaller } from "../support/scripted-caller.js";

const caller = scriptedCaller(echoFirstTool);
const app = createApp({ caller, backend: "test-double" });
const env = { MAX_BODY_BYTES: "65536" };

describe("malformed requests", () => {
  it.each(badRequests.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const response = await app.request("/v1/chat/completions", postJson(c.body), env);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(response.status).toBe(c.status);
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: c.param });
    expect(typeof body.error.message).toBe("string");
    if (c.code !== undefined) expect(body.error.code).toBe(c.code);
  });

  it("rejects a body over MAX_BODY_BYTES with 413", async () => {
    const response = await app.request("/v1/chat/completions", postJson(oversizedBody(65536)), env);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "request_too_large", type: "invalid_request_error" } });
  });

  it("never reaches the tool caller with a malformed request, and still serves afterwards", async () => {
    const before = caller.requests.length;
    for (const c of badRequests) await app.request("/v1/chat/completions", postJson(c.body), env);
    expect(caller.requests.length).toBe(before);
    const response = await app.request("/v1/chat/completions", postJson(chatBody()), env);
    expect(response.status).toBe(200);
  });
});
