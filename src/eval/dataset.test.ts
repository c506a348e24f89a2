import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readQuestions } from "./dataset.js";

describe("readQuestions", () => {
  it("reads a case's own tool_choice (a function name) and leaves BFCL's cases without one", () => {
    const path = join(mkdtempSync(join(tmpdir(), "edgecall-dataset-")), "q.jsonl");
    const fn = { name: "track_order", parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] } };
    const line = (extra: object) =>
      JSON.stringify({ id: "val_call_en_named_3", question: [[{ role: "user", content: "add mugs" }]], function: [fn], ...extra });
    writeFileSync(path, [line({ tool_choice: "track_order" }), line({})].join("\n"));
    const [named, plain] = readQuestions(path);
    expect(named).toMatchObject({ category: "val_call_en_named", forcedTool: "track_order" });
    expect(plain?.forcedTool).toBeUndefined();
  });
});
