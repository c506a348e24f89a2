import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModelConfigError, parseModelConfig } from "./config.js";
import { MODEL_DIR } from "./testing/load-config.js";

const shipped = JSON.parse(readFileSync(join(MODEL_DIR, "config.json"), "utf8")) as Record<string, unknown>;

describe("parseModelConfig", () => {
  it("accepts the shipped config", () => {
    const config = parseModelConfig(shipped);
    expect(config.tokenizer.kind).toBe("bytes");
    expect(config.labels.count).toHaveLength(config.max_calls_per_tool + 1);
  });

  it.each([
    ["contract_version", { ...shipped, contract_version: 2 }],
    ["tokenizer.kind", { ...shipped, tokenizer: { ...(shipped["tokenizer"] as object), kind: "bpe" } }],
    ["labels.action", { ...shipped, labels: { ...(shipped["labels"] as object), action: ["value", "absent", "implicit"] } }],
    ["model.outputs", { ...shipped, model: { ...(shipped["model"] as object), outputs: { count_logits: {} } } }],
    ["window", { ...shipped, window: { min: 64, max: 512, default: 8, trained: [] } }],
    ["match.zh_glosses", { ...shipped, match: { ...(shipped["match"] as object), zh_glosses: "yes" } }],
  ])("fails clearly on a bad %s", (field, raw) => {
    expect(() => parseModelConfig(raw)).toThrow(ModelConfigError);
    expect(() => parseModelConfig(raw)).toThrow(field);
  });

  it("reads match.zh_glosses, off when absent (models trained before the glosses)", () => {
    const match = { ...(shipped["match"] as Record<string, unknown>) };
    delete match["zh_glosses"];
    expect(parseModelConfig({ ...shipped, match }).match.zh_glosses).toBe(false);
    expect(parseModelConfig({ ...shipped, match: { ...match, zh_glosses: true } }).match.zh_glosses).toBe(true);
    expect(parseModelConfig({ ...shipped, match: { ...match, zh_glosses: false } }).match.zh_glosses).toBe(false);
  });
});
