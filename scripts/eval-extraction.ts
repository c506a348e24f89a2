/**
 * npm run eval:extraction -- [--cases FILE] [--backend ort-node|ort-web] [--model DIR] [--json OUT] [--show wrong|all]
 *
 * The structured-output extraction set (eval/extraction/cases.jsonl: shop texts in, a JSON object out) through the
 * real API path: each case is a chat completion with `response_format: {type: "json_schema", strict: true}` posted
 * to the worker's Hono app (no origin), answered by the shipped model. The content is parsed, validated against the
 * case's schema with the worker's request-time validator, and scored (src/structured/score.ts): exact object,
 * per-field accuracy, schema-valid and answered counts, per category and language. Last line: `overall: ...`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../src/api/app.js";
import { readJsonLines } from "../src/eval/dataset.js";
import { createNodeRuntime, type NodeBackend } from "../src/engine/node.js";
import { createModelToolCaller } from "../src/model/caller.js";
import { parseModelConfig } from "../src/model/config.js";
import { requestTimeCheck } from "../src/structured/answer.js";
import { formatSummary, scoreCase, summarize, type Answered, type ExtractionCase } from "../src/structured/score.js";
import type { JSONSchema } from "../src/tools/schema-types.js";

const root = join(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    cases: { type: "string", default: join(root, "eval/extraction/cases.jsonl") },
    backend: { type: "string", default: "ort-node" },
    model: { type: "string", default: join(root, "wasm") },
    json: { type: "string" },
    show: { type: "string", default: "wrong" },
  },
});
const backend = values.backend as NodeBackend;
if (backend !== "ort-web" && backend !== "ort-node") {
  console.error(`--backend must be ort-web or ort-node, got ${values.backend}`);
  process.exit(2);
}

const cases = readJsonLines(resolve(values.cases)) as ExtractionCase[];
const modelDir = resolve(values.model);
const config = parseModelConfig(JSON.parse(readFileSync(join(modelDir, "config.json"), "utf8")));
const caller = createModelToolCaller(createNodeRuntime({ backend, modelDir }), config);
const app = createApp({ caller, backend, telemetry: false });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the chat completion's JSON, read loosely
type Json = Record<string, any>;

async function ask(item: ExtractionCase): Promise<Answered> {
  const body = {
    model: "edgecall",
    messages: item.messages,
    response_format: { type: "json_schema", json_schema: { name: item.schema_name, strict: true, schema: item.schema } },
  };
  const response = await app.request(
    "/v1/chat/completions",
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
    {},
  );
  const json = (await response.json()) as Json;
  if (response.status !== 200) return { kind: "error", status: response.status, message: String(json.error?.message ?? "") };
  const message = json.choices?.[0]?.message as Json | undefined;
  if (typeof message?.content !== "string") return { kind: "refusal", reason: String(message?.refusal ?? "no content") };
  const value: unknown = JSON.parse(message.content);
  return { kind: "content", value, valid: requestTimeCheck(item.schema as JSONSchema)(value).valid };
}

const scores = [];
const answers: Array<{ id: string; answered: Answered }> = [];
for (const item of cases) {
  const answered = await ask(item);
  const score = scoreCase(item, answered);
  scores.push(score);
  answers.push({ id: item.id, answered });
  if (values.show === "all" || (values.show === "wrong" && !score.exact)) {
    const got =
      answered.kind === "content"
        ? JSON.stringify(answered.value)
        : `${answered.kind}: ${answered.kind === "refusal" ? answered.reason : answered.message}`;
    const text = item.messages.at(-1)?.content ?? "";
    console.log(`${score.exact ? "ok  " : "miss"} ${item.id}  ${text}\n     want ${JSON.stringify(item.expected)}\n     got  ${got}`);
  }
}
const summary = summarize(scores);
for (const line of formatSummary(summary)) console.log(line);
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify({ summary, scores, answers }, null, 1)}\n`);
