import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../caller/types.js";
import { serializeConversation } from "../model/serialize.js";
import { compile, tool } from "../tools/testing/compile.js";
import { decodeHeads } from "./decode.js";
import { HeadsBuilder } from "./testing/heads.js";

const special = { pad: 256, cls: 257, user: 258, assistant: 259, tool: 260, system: 261, sep: 262 };
const set = compile(
  tool("gcd", {
    type: "object",
    properties: { first: { type: "integer" }, second: { type: "integer" }, label: { type: "string" } },
    required: ["first", "second"],
  }),
);

function setup(text: string) {
  const messages: ChatMessage[] = [{ role: "user", content: text }];
  const conversation = serializeConversation(messages, special, 512);
  const builder = new HeadsBuilder(set, conversation);
  const decode = () => decodeHeads(set, builder.heads, conversation, { toolChoice: "auto", parallelToolCalls: true });
  return { builder, decode };
}

describe("distinct spans within a call", () => {
  it("gives the slot with the weaker best span its next reading that no other slot took", () => {
    const { builder, decode } = setup("gcd of 36 and 48");
    builder.calls("gcd", 1).span("gcd", "second", 0, "48", undefined, 8).span("gcd", "first", 0, "48", undefined, 6).span("gcd", "first", 0, "36", undefined, 3);
    const result = decode();
    expect(result.kind === "calls" && result.calls[0]?.arguments).toEqual({ first: 36, second: 48 });
  });

  it("lets the stronger slot keep its span whichever slot comes first in the schema", () => {
    const { builder, decode } = setup("gcd of 36 and 48");
    builder.calls("gcd", 1).span("gcd", "first", 0, "36", undefined, 8).span("gcd", "second", 0, "36", undefined, 6).span("gcd", "second", 0, "48", undefined, 2);
    const result = decode();
    expect(result.kind === "calls" && result.calls[0]?.arguments).toEqual({ first: 36, second: 48 });
  });

  it("keeps a shared span when no other reading fits the slot's type", () => {
    const { builder, decode } = setup("gcd of 36 please, label it blue");
    builder.calls("gcd", 1).span("gcd", "first", 0, "36", undefined, 8).span("gcd", "second", 0, "36", undefined, 6).span("gcd", "second", 0, "blue", undefined, 2);
    const result = decode();
    expect(result.kind === "calls" && result.calls[0]?.arguments).toEqual({ first: 36, second: 36 });
  });

  it("leaves out an optional slot whose every reading another slot took", () => {
    const { builder, decode } = setup("gcd of 36 and 48");
    builder.calls("gcd", 1).span("gcd", "first", 0, "36").span("gcd", "second", 0, "48").span("gcd", "label", 0, "48", undefined, 5);
    const result = decode();
    expect(result.kind === "calls" && result.calls[0]?.arguments).toEqual({ first: 36, second: 48 });
  });
});

describe("parallel calls", () => {
  it("returns identical parallel calls once", () => {
    const { builder, decode } = setup("gcd of 36 and 48");
    builder.calls("gcd", 2).span("gcd", "first", 0, "36").span("gcd", "second", 0, "48");
    const result = decode();
    expect(result.kind === "calls" && result.calls.map((c) => c.arguments)).toEqual([{ first: 36, second: 48 }]);
  });

  it("keeps parallel calls whose arguments differ", () => {
    const { builder, decode } = setup("gcd of 36 and 48, and of 10 and 15");
    builder.calls("gcd", 2).span("gcd", "first", 0, "36").span("gcd", "first", 0, "10").span("gcd", "second", 0, "48").span("gcd", "second", 0, "15");
    const result = decode();
    expect(result.kind === "calls" && result.calls.map((c) => c.arguments)).toEqual([{ first: 36, second: 48 }, { first: 10, second: 15 }]);
  });
});
