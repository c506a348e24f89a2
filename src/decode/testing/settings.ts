/** Test helper: the shipped model's decode settings, and a request context for a compiled tool set. */
import { decodeContextOf } from "../../caller/context.js";
import type { DecodeContext, ToolChoice } from "../../caller/types.js";
import { loadShippedConfig } from "../../model/testing/load-config.js";
import type { CompiledToolSet } from "../../tools/types.js";
import { passesWithout } from "../passes.js";
import { decodeWith, type DecodeSettings } from "../settings.js";

const shipped = loadShippedConfig().decode;

/** The shipped thresholds (wasm/config.json "decode"), with `without` passes turned off. */
export function shippedSettings(without: readonly string[] = []): DecodeSettings {
  return { config: shipped, without: passesWithout(without) };
}

/** Runs a decoding helper under the shipped settings, as decodeHeads runs the pipeline. */
export function shippedDecode<T>(run: () => T, without: readonly string[] = []): T {
  return decodeWith(shippedSettings(without), run);
}

/** The context of a request with `set`'s tools, `choice` and `parallel`. */
export function contextFor(set: CompiledToolSet, choice: ToolChoice = "auto", parallel = true): DecodeContext {
  const tools = set.tools.map((tool) => ({ type: "function" as const, function: { name: tool.name } }));
  return decodeContextOf({ tools, tool_choice: choice, parallel_tool_calls: parallel });
}
