import { describe, expect, it } from "vitest";
import { messageMemory } from "./memory.js";
import type { SerializedConversation } from "./serialize.js";

describe("messageMemory", () => {
  it("mean-pools memory_states over each message's positions, role id included; unread messages get none", () => {
    // positions: cls, message 1 (role + 2 bytes); message 0 was cut by the length limit
    const conversation: SerializedConversation = {
      ids: Int32Array.of(1, 2, 3, 4),
      message: Int32Array.of(-1, 1, 1, 1),
      offset: Int32Array.of(-1, -1, 0, 1),
      texts: [],
    };
    const states = Float32Array.of(9, 9, 1, 0, 2, 2, 3, 4);
    const vectors = messageMemory({ memory_states: { type: "float32", data: states, dims: [1, 4, 2] } }, conversation, 2, 2);
    expect(vectors[0]).toBeNull();
    expect(Array.from(vectors[1] ?? [])).toEqual([2, 2]);
  });

  it("gives none when the graph has no memory output of the configured width", () => {
    const conversation: SerializedConversation = {
      ids: Int32Array.of(1, 2),
      message: Int32Array.of(-1, 0),
      offset: Int32Array.of(-1, -1),
      texts: [],
    };
    expect(messageMemory({}, conversation, 1, 2)).toEqual([null]);
    expect(messageMemory({ memory_states: { type: "float32", data: new Float32Array(6), dims: [1, 2, 3] } }, conversation, 1, 2)).toEqual([null]);
  });
});
