/** A request's tool_choice and parallel_tool_calls resolved into the one DecodeContext the caller and decoder read. */
import type { DecodeContext, ToolCallRequest } from "./types.js";

export function decodeContextOf(request: Pick<ToolCallRequest, "tools" | "tool_choice" | "parallel_tool_calls">): DecodeContext {
  const choice = request.tool_choice;
  const names = request.tools.map((tool) => tool.function.name);
  const forcedTool = typeof choice === "object" ? choice.function.name : null;
  const allowedTools = new Set(choice === "none" ? [] : forcedTool !== null ? names.filter((name) => name === forcedTool) : names);
  return {
    allowedTools,
    forcedTool,
    mustCall: choice === "required" || forcedTool !== null,
    modelChooses: choice === "auto",
    parallel: request.parallel_tool_calls,
  };
}
