/**
 * npm run eval -- --questions FILE [--answers FILE] [--limit N] [--json OUT] [--backend ort-web|ort-node] [--model DIR]
 *                  [--tool-choice auto|required] [--cache DIR] [--window W]
 *
 * Runs every case through the real model-backed tool caller (the shipped int8 model, the worker's code) under
 * Node and scores it with BFCL's AST-checker rules. Last line: `overall: P/T (X.X%)`. `--cache DIR` keeps the graph
 * outputs on disk, keyed by the model's files and the feeds: a rerun after a decoding change skips the forward passes.
 * `--window W` runs every case at attention window W instead of the model's default (config.json window.default).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createDiskCachedRuntime, modelFingerprint } from "../engine/disk-cache.js";
import { createNodeRuntime, type NodeBackend } from "../engine/node.js";
import { createModelToolCaller } from "../model/caller.js";
import { parseModelConfig } from "../model/config.js";
import { readAnswers, readQuestions, type Expected } from "./dataset.js";
import { IndependentValidator } from "./independent-validator.js";
import { judge } from "./judge.js";
import { formatSummary, summarise, type CaseOutcome } from "./report.js";

const { values } = parseArgs({
  options: {
    questions: { type: "string" },
    answers: { type: "string" },
    limit: { type: "string" },
    json: { type: "string" },
    backend: { type: "string", default: "ort-web" },
    "tool-choice": { type: "string", default: "auto" },
    model: { type: "string", default: join(import.meta.dirname, "../../wasm") },
    cache: { type: "string" },
    window: { type: "string" },
  },
});

if (!values.questions) {
  console.error("usage: npm run eval -- --questions FILE [--answers FILE] [--limit N] [--json OUT] [--backend ort-web|ort-node]");
  process.exit(2);
}
const backend = values.backend as NodeBackend;
if (backend !== "ort-web" && backend !== "ort-node") {
  console.error(`--backend must be ort-web or ort-node, got ${values.backend}`);
  process.exit(2);
}

const toolChoice = values["tool-choice"];
if (toolChoice !== "auto" && toolChoice !== "required") {
  console.error(`--tool-choice must be auto or required, got ${toolChoice}`);
  process.exit(2);
}

const modelDir = resolve(values.model);
const config = parseModelConfig(JSON.parse(readFileSync(join(modelDir, "config.json"), "utf8")));
const runtime = createNodeRuntime({ backend, modelDir });
const window = values.window === undefined ? undefined : Number(values.window);
if (window !== undefined && !(Number.isInteger(window) && window >= config.window.min && window <= config.window.max)) {
  console.error(`--window must be an integer from ${config.window.min} to ${config.window.max}, got ${values.window}`);
  process.exit(2);
}
const cached = values.cache ? createDiskCachedRuntime(runtime, values.cache, modelFingerprint(modelDir)) : runtime;
const caller = createModelToolCaller(cached, config, window === undefined ? {} : { window });
const answers: Map<string, Expected> = values.answers ? readAnswers(values.answers) : new Map();
let cases = readQuestions(values.questions);
if (values.limit) cases = cases.slice(0, Number(values.limit));

const validator = new IndependentValidator();
const outcomes: CaseOutcome[] = [];
let calls = 0;
let validCalls = 0;
const started = performance.now();
for (const [i, testCase] of cases.entries()) {
  const expected = answers.get(testCase.id);
  const outcome: CaseOutcome = { id: testCase.id, category: testCase.category, passed: false };
  if (expected) outcome.expected = expected;
  try {
    const result = await caller.call({ messages: testCase.messages, tools: testCase.tools, tool_choice: toolChoice, parallel_tool_calls: true });
    outcome.result = result;
    if (result.kind === "calls") {
      for (const call of result.calls) {
        calls++;
        if (validator.valid(testCase.tools.find((t) => t.function.name === call.name), call.arguments)) validCalls++;
      }
    }
    const verdict = judge(testCase, result, expected);
    outcome.passed = verdict.ok;
    if (!verdict.ok) outcome.reason = verdict.reason;
  } catch (error) {
    outcome.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    outcome.reason = `error: ${outcome.error}`;
  }
  outcomes.push(outcome);
  if ((i + 1) % 50 === 0) process.stderr.write(`${i + 1}/${cases.length} cases, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

const summary = summarise(outcomes, validCalls, calls);
const notExpressible = outcomes.filter((o) => o.result?.kind === "not_expressible");
if (values.json) {
  writeFileSync(
    values.json,
    JSON.stringify(
      {
        questions: values.questions,
        answers: values.answers ?? null,
        model: modelDir,
        backend,
        summary,
        not_expressible: notExpressible.map((o) => ({ id: o.id, reason: o.result?.kind === "not_expressible" ? o.result.reason : "" })),
        cases: outcomes,
      },
      null,
      1,
    ),
  );
}
console.log(`not expressible at the edge (counted as failures): ${notExpressible.length}`);
const errors = outcomes.filter((o) => o.error).length;
if (errors > 0) console.log(`errors: ${errors}`);
console.log(formatSummary(summary));
