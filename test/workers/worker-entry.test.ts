/**
 * The real worker entry (src/index.ts) inside the workers pool: the bundled ORT binary and model graphs load as
 * modules and the shipped model answers. (The pool allows eval, so test/e2e repeats this under plain workerd.)
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index.js";
import { chatBody, postJson } from "../support/requests.js";

describe("worker entry in workerd", () => {
  it("runs the shipped model through onnxruntime-web and answers in OpenAI's shape", async () => {
    const response = await worker.fetch(new Request("http://edgecall.test/v1/chat/completions", postJson(chatBody())), env);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; choices: unknown[]; x_edgecall: { backend: string; result: string } };
    expect(body.object).toBe("chat.completion");
    expect(body.choices).toHaveLength(1);
    expect(body.x_edgecall.backend).toBe("ort-web-workerd");
    expect(body.x_edgecall.result).toBe("calls");
    const health = (await (await worker.fetch(new Request("http://edgecall.test/healthz"), env)).json()) as { wasm_memory_bytes: number };
    expect(health.wasm_memory_bytes).toBeGreaterThan(0);
  });

  it("says when the reader did not read the whole conversation", async () => {
    const messages = [
      { role: "user", content: `Earlier: ${"x".repeat(700)}` },
      { role: "user", content: "Paris weather please" },
    ];
    const response = await worker.fetch(new Request("http://edgecall.test/v1/chat/completions", postJson(chatBody({ messages }))), env);
    const body = (await response.json()) as { x_edgecall: { truncated?: unknown } };
    expect(body.x_edgecall.truncated).toEqual({ read_bytes: 510, total_bytes: 729, dropped_messages: 0 });
  });
});
