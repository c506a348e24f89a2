/**
 * Long conversations are not cut silently: through the app, an edge answer read from the last part of a
 * conversation says so in `x_edgecall.truncated`, as JSON and in the stream's finish chunk; the origin reads the
 * whole conversation, so its answers carry no such note.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { reportTruncation } from "../../src/model/truncation.js";
import { chatBody, postJson } from "../support/requests.js";
import { echoFirstTool, scriptedCaller } from "../support/scripted-caller.js";

const app = createApp({ caller: reportTruncation(scriptedCaller(echoFirstTool), 512), backend: "test-double" });

const longConversation = [
  { role: "system", content: "You are a helpful assistant." },
  { role: "user", content: `Some history: ${"lorem ipsum ".repeat(60)}` },
  { role: "assistant", content: "Noted." },
  { role: "user", content: "Paris weather please" },
];

async function edgecall(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await app.request("/v1/chat/completions", postJson(body));
  expect(response.status).toBe(200);
  return ((await response.json()) as { x_edgecall: Record<string, unknown> }).x_edgecall;
}

describe("x_edgecall.truncated", () => {
  it("reports the bytes read of the bytes there and the messages not read", async () => {
    const meta = await edgecall(chatBody({ messages: longConversation }));
    // 28 + 734 + 6 + 20 bytes of text; the reader keeps the last 511 positions, 2 of them role ids
    expect(meta.truncated).toEqual({ read_bytes: 509, total_bytes: 788, dropped_messages: 1 });
  });

  it("is absent when the whole conversation is read", async () => {
    expect(await edgecall(chatBody())).not.toHaveProperty("truncated");
  });

  it("is absent when the model does not read the conversation (tool_choice none)", async () => {
    expect(await edgecall(chatBody({ messages: longConversation, tool_choice: "none" }))).not.toHaveProperty("truncated");
  });

  it("comes in the stream's finish chunk", async () => {
    const response = await app.request("/v1/chat/completions", postJson(chatBody({ messages: longConversation, stream: true })));
    const chunks = (await response.text())
      .split("\n\n")
      .filter((event) => event.startsWith("data: {"))
      .map((event) => JSON.parse(event.slice(6)) as { x_edgecall?: { truncated?: unknown } });
    expect(chunks.find((chunk) => chunk.x_edgecall !== undefined)?.x_edgecall?.truncated).toEqual({
      read_bytes: 509,
      total_bytes: 788,
      dropped_messages: 1,
    });
  });
});
