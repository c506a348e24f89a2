import { describe, expect, it } from "vitest";
import type { ChatMessage, ToolCallRequest } from "../caller/types.js";
import { conversationTruncation, serializeConversation } from "./serialize.js";
import { reportTruncation } from "./truncation.js";

const special = { pad: 256, cls: 257, sep: 258, system: 259, user: 260, assistant: 261, tool: 262 } as const;

/** Bytes of text the serializer really keeps, counted from its positions. */
function readBytes(messages: ChatMessage[], maxTokens: number): number {
  return Array.from(serializeConversation(messages, special, maxTokens).offset).filter((offset) => offset >= 0).length;
}

const user = (content: string): ChatMessage => ({ role: "user", content });

describe("conversationTruncation", () => {
  it("is null when the whole conversation fits", () => {
    expect(conversationTruncation([user("a".repeat(100)), user("b".repeat(100))], 512)).toBeNull();
    expect(conversationTruncation([user("x".repeat(510))], 512)).toBeNull();
    // only the role id is left out: every byte of text is read
    expect(conversationTruncation([user("x".repeat(511))], 512)).toBeNull();
  });

  it("counts what the serializer keeps, byte for byte", () => {
    const cases: [ChatMessage[], number][] = [
      [[user("x".repeat(512))], 512],
      [[user("a".repeat(300)), user("b".repeat(300))], 512],
      [
        [
          user("a".repeat(300)),
          { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: '{"q":"é"}' } }] },
          user("ü".repeat(200)),
        ],
        256,
      ],
      [[user("a"), user("b"), user("c".repeat(600))], 64],
      [[user("a".repeat(40)), user("b".repeat(40))], 43],
    ];
    for (const [messages, maxTokens] of cases) {
      const truncation = conversationTruncation(messages, maxTokens);
      expect(truncation?.read_bytes).toBe(readBytes(messages, maxTokens));
      expect(truncation?.read_bytes).toBeLessThan(truncation?.total_bytes ?? 0);
    }
  });

  it("counts the earliest messages not read at all", () => {
    expect(conversationTruncation([user("a"), user("b"), user("c".repeat(600))], 512)).toEqual({
      read_bytes: 511,
      total_bytes: 602,
      dropped_messages: 2,
    });
    // the second message's role id is dropped but its 40 bytes are read
    expect(conversationTruncation([user("a".repeat(40)), user("b".repeat(40))], 41)).toEqual({
      read_bytes: 40,
      total_bytes: 80,
      dropped_messages: 1,
    });
  });
});

describe("reportTruncation", () => {
  const tools: ToolCallRequest["tools"] = [{ type: "function", function: { name: "f", parameters: { type: "object", properties: {} } } }];
  const inner = { id: "inner", call: async () => ({ kind: "no_call" as const, confidence: 1, notes: { held_back: ["g"] } }) };
  const request = (content: string, choice: ToolCallRequest["tool_choice"] = "auto"): ToolCallRequest => ({
    messages: [user(content)],
    tools,
    tool_choice: choice,
    parallel_tool_calls: true,
  });

  it("notes what the reader did not read, keeping the other notes", async () => {
    const result = await reportTruncation(inner, 512).call(request("z".repeat(1000)));
    expect(result.notes).toEqual({ held_back: ["g"], truncated: { read_bytes: 511, total_bytes: 1000, dropped_messages: 0 } });
  });

  it("adds nothing when everything is read or the reader does not run", async () => {
    expect((await reportTruncation(inner, 512).call(request("short"))).notes).toEqual({ held_back: ["g"] });
    expect((await reportTruncation(inner, 512).call(request("z".repeat(1000), "none"))).notes).toEqual({ held_back: ["g"] });
  });
});
