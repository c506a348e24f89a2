/**
 * Which tool set the edge read for a request, for `x_edgecall.tool_set`: "registered" (built into the bundle by
 * `npm run build`: AJV standalone validators, precomputed schema-encoder vectors) or "compiled" (at request time).
 * Wraps the caller the route hands on, so the guards and the structured extraction report it alike.
 */
import type { ToolCaller, ToolDefinition } from "../caller/types.js";
import { toolSetKind, type ToolSetKind } from "./index.js";

export interface WatchedCaller {
  caller: ToolCaller;
  /** The kind of the last tool set the caller was asked to read; undefined when none was. */
  toolSet(): Promise<ToolSetKind | undefined>;
}

export function watchToolSets(caller: ToolCaller, kindOf: (tools: readonly ToolDefinition[]) => Promise<ToolSetKind> = toolSetKind): WatchedCaller {
  let last: readonly ToolDefinition[] | undefined;
  return {
    caller: {
      id: caller.id,
      call(request) {
        if (request.tools.length > 0 && request.tool_choice !== "none") last = request.tools;
        return caller.call(request);
      },
    },
    toolSet: () => (last === undefined ? Promise.resolve(undefined) : kindOf(last)),
  };
}
