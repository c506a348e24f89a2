/** Test helpers for the tool-set compiler. */
import type { ToolDefinition } from "../../caller/types.js";
import { WordMatcher } from "../../model/words.js";
import { compileToolSet } from "../compile.js";
import type { JSONSchema } from "../schema-types.js";
import type { CompiledToolSet } from "../types.js";

export const testWords = new WordMatcher({ stopwords: ["the", "a", "to"], synonyms: [["address", "ship"]], min_word_len: 2, prefix_len: 5 });

export function tool(name: string, parameters: JSONSchema, description = ""): ToolDefinition {
  return { type: "function", function: { name, description, parameters } };
}

export function compile(...tools: ToolDefinition[]): CompiledToolSet {
  return compileToolSet(tools, { words: testWords, maxElementTokens: 64, pad: 256 }, "test");
}
