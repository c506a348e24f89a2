/**
 * Memory vectors in the Responses route: the turn's vector (the mean of its input messages' vectors from the
 * reader's pass) is stored with the turn; a long chain's new turn gets one from a pass over its own messages,
 * to choose which earlier turns to read.
 */
import type { ChatMessage, ToolCaller, ToolCallRequest, ToolCallResult } from "../../caller/types.js";
import { meanVector } from "../../memory/index.js";

/** The mean vector of the last `count` messages, from a result's `notes.memory`; undefined without one. */
export function turnVector(result: ToolCallResult | undefined, count: number): Float32Array | undefined {
  const vectors = result?.notes?.memory?.slice(-count).filter((vector): vector is Float32Array => vector !== null) ?? [];
  return meanVector(vectors);
}

/** Wraps a caller to keep the last answer it gave (the pipeline's edge pass) for its memory vectors. */
export function recording(inner: ToolCaller): { caller: ToolCaller; last(): ToolCallResult | undefined } {
  let last: ToolCallResult | undefined;
  return {
    caller: {
      id: inner.id,
      async call(request) {
        last = await inner.call(request);
        return last;
      },
    },
    last: () => last,
  };
}

/** The new turn's vector from a pass over its own messages (no pass without tools: the reader needs a tool set). */
export async function queryVector(
  caller: ToolCaller,
  turn: readonly ChatMessage[],
  request: Omit<ToolCallRequest, "messages">,
): Promise<Float32Array | undefined> {
  if (turn.length === 0 || request.tools.length === 0) return undefined;
  const result = await caller.call({ ...request, messages: [...turn], tool_choice: "auto" });
  return turnVector(result, turn.length);
}
