import { describe, expect, it } from "vitest";
import { spanText } from "../model/serialize.js";
import { assignedSpan } from "./assigned.js";
import { userConversation } from "./testing/conversation.js";

function assigned(name: string, ...texts: string[]): string | null {
  const { conversation } = userConversation(...texts);
  const span = assignedSpan(conversation, name);
  return span && spanText(conversation, span.start, span.end);
}

describe("assignedSpan", () => {
  it("reads the value a message assigns to a parameter by name", () => {
    const text = "roots of a quadratic with coefficients a=1, b = -3, c: 2.";
    expect([assigned("a", text), assigned("b", text), assigned("c", text)]).toEqual(["1", "-3", "2"]);
    expect(assigned("order_id", "cancel it (order_id: 'A-1042')")).toBe("A-1042");
    const joined = "the roots where a=2, b=5 and c=3 ?";
    expect([assigned("a", joined), assigned("b", joined), assigned("c", joined)]).toEqual(["2", "5", "3"]);
  });

  it("assigns nothing when the value runs on, the name is part of a word, or only an earlier message assigns it", () => {
    expect(assigned("city", "city: Dawson Creek please")).toBeNull();
    expect(assigned("size", "size: 5 and color blue")).toBeNull();
    expect(assigned("a", "alpha=1, data=2")).toBeNull();
    expect(assigned("a", "a=1", "now the same with 2")).toBeNull();
  });
});
