import { describe, expect, it } from "vitest";
import { SseDecoder } from "./sse.js";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("SseDecoder", () => {
  it("splits events on blank lines and strips one leading space", () => {
    const sse = new SseDecoder();
    expect(sse.push(bytes('data: {"a":1}\n\ndata:{"b":2}\n\n'))).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("joins events split across reads, CRLF included", () => {
    const sse = new SseDecoder();
    expect(sse.push(bytes("data: hel"))).toEqual([]);
    expect(sse.push(bytes("lo\r"))).toEqual([]);
    expect(sse.push(bytes("\n\r\n"))).toEqual(["hello"]);
  });

  it("joins multi-line data and ignores comments and other fields", () => {
    const sse = new SseDecoder();
    expect(sse.push(bytes(": keep-alive\nevent: x\nid: 3\ndata: a\ndata: b\n\n"))).toEqual(["a\nb"]);
  });

  it("drops an unterminated last event when the stream ends", () => {
    const sse = new SseDecoder();
    expect(sse.push(bytes("data: [DONE]"))).toEqual([]);
    expect(sse.end()).toEqual([]);
  });

  it("keeps multi-byte characters split between reads", () => {
    const sse = new SseDecoder();
    const all = bytes("data: é\n\n");
    expect([...sse.push(all.slice(0, 7)), ...sse.push(all.slice(7))]).toEqual(["é"]);
  });
});
