/**
 * A test double of the ToolCaller: answers with whatever the test scripts for the request, and records requests.
 */
import type { ToolCaller, ToolCallRequest, ToolCallResult } from "../../src/caller/types.js";

export interface ScriptedCaller extends ToolCaller {
  readonly requests: ToolCallRequest[];
}

export function scriptedCaller(answer: (request: ToolCallRequest) => ToolCallResult | Promise<ToolCallResult>): ScriptedCaller {
  const requests: ToolCallRequest[] = [];
  return {
    id: "scripted-test-caller",
    requests,
    async call(request) {
      requests.push(request);
      return answer(request);
    },
  };
}

/** Calls the first tool with the first word of the last user message for every required string parameter. */
export function echoFirstTool(request: ToolCallRequest): ToolCallResult {
  const tool = request.tools[0];
  if (tool === undefined) return { kind: "no_call", confidence: 1 };
  const lastUser = [...request.messages].reverse().find((m) => m.role === "user");
  const word = (lastUser?.content ?? "").split(/\s+/)[0] ?? "";
  const args: Record<string, unknown> = {};
  for (const name of tool.function.parameters?.required ?? []) args[name] = word;
  return {
    kind: "calls",
    confidence: 0.9,
    calls: [{ name: tool.function.name, arguments: args, confidence: 0.9, argument_confidence: {} }],
  };
}
