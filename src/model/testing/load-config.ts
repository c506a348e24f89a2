/** Test helper: the shipped model folder's config, parsed. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseModelConfig, type ModelConfig } from "../config.js";

export const MODEL_DIR = join(import.meta.dirname, "../../../wasm");

export function loadShippedConfig(): ModelConfig {
  return parseModelConfig(JSON.parse(readFileSync(join(MODEL_DIR, "config.json"), "utf8")));
}
