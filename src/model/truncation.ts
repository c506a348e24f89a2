/**
 * Long conversations are not cut silently: wraps a ToolCaller whose reader keeps only the last `maxTokens`
 * positions (src/model/serialize.ts) and notes on its answer what it did not read (`notes.truncated`).
 */
import type { ToolCaller, ToolCallRequest, ToolCallResult } from "../caller/types.js";
import { conversationTruncation } from "./serialize.js";

export function reportTruncation(inner: ToolCaller, maxTokens: number): ToolCaller {
  return {
    id: inner.id,
    async call(request: ToolCallRequest): Promise<ToolCallResult> {
      const result = await inner.call(request);
      // with no tools, or tool_choice "none", the reader reads nothing
      if (request.tools.length === 0 || request.tool_choice === "none") return result;
      const truncated = conversationTruncation(request.messages, maxTokens);
      return truncated === null ? result : { ...result, notes: { ...result.notes, truncated } };
    },
  };
}
