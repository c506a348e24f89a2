/**
 * npm run eval -- --questions FILE [--answers FILE] [--limit N] [--json OUT] [--backend ort-web|ort-node] [--model DIR]
 *                  [--tool-choice auto|required] [--cache DIR] [--window W] [--router [--origin oracle|URL]]
 *                  [--without PASS[,PASS]]
 *
 * Runs every case through the real model-backed tool caller (the shipped int8 model, the worker's code) under
 * Node and scores it with BFCL's AST-checker rules. Last line: `overall: P/T (X.X%)`. `--cache DIR` keeps the graph
 * outputs on disk, keyed by the model's files and the feeds: a rerun after a decoding change skips the forward passes.
 * `--window W` runs every case at attention window W instead of the model's default (config.json window.default).
 * `--router` routes every case as the worker does with an origin configured (src/eval/routing.ts; thresholds from
 * the ROUTER_* environment variables, as the worker reads its vars) and prints, per set, the share kept at the
 * edge, the edge's accuracy on those, the origin's on the rest, and end to end; `--origin oracle` (the default)
 * scores origin-routed cases as right, `--origin URL` asks an OpenAI-compatible server (ORIGIN_MODEL,
 * ORIGIN_API_KEY from the environment). `--without PASS[,PASS]` turns decoding passes off (src/decode/passes.ts):
 * what a pass buys is the difference against a run with it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ToolCallRequest } from "../caller/types.js";
import { createDiskCachedRuntime, modelFingerprint } from "../engine/disk-cache.js";
import { createNodeRuntime, type NodeBackend } from "../engine/node.js";
import { createModelToolCaller } from "../model/caller.js";
import { parseModelConfig } from "../model/config.js";
import { createOriginClient, Deadline, isOriginError, readOriginSettings, type OriginClient } from "../origin/index.js";
import { readRouterThresholds, type RouterEnv } from "../router/index.js";
import { CALIBRATION_FEATURES } from "../calibrate/features.js";
import { PASSES, passesWithout, UnknownPassError } from "../decode/passes.js";
import { calibrationReport, formatCalibration } from "./calibration.js";
import { readAnswers, readQuestions, type Expected } from "./dataset.js";
import { IndependentValidator } from "./independent-validator.js";
import { judge } from "./judge.js";
import { formatSummary, summarise, type CaseOutcome } from "./report.js";
import { formatRouting, originResult, reasonCounts, riskCoverage, routeOf, summariseRouting, type RoutedCase } from "./routing.js";

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
    router: { type: "boolean", default: false },
    origin: { type: "string", default: "oracle" },
    without: { type: "string", default: "" },
    help: { type: "boolean", default: false },
  },
});

const USAGE = `usage: npm run eval -- --questions FILE [--answers FILE] [--limit N] [--json OUT] [--backend ort-web|ort-node]
         [--model DIR] [--tool-choice auto|required] [--cache DIR] [--window W] [--router [--origin oracle|URL]]
         [--without PASS[,PASS]]
  --without         turn these decoding passes off (ids from src/decode/passes.ts, docs/decoding.md; core steps
                    cannot be): what a pass buys is the difference against a run with it. Passes:
${wrap(PASSES.filter((p) => !p.core).map((p) => p.id))}
  --router          route every case as the worker does with an origin (thresholds from ROUTER_* variables) and
                    print per set: share kept at the edge, edge accuracy on it, origin accuracy, end to end
  --origin oracle   score origin-routed cases as right: measures the router alone (default)
  --origin URL      ask an OpenAI-compatible server at URL (e.g. http://127.0.0.1:8788/v1; ORIGIN_MODEL, ORIGIN_API_KEY)`;
function wrap(ids: readonly string[]): string {
  const lines: string[] = [];
  let line = "";
  for (const id of ids) {
    if (line.length + id.length > 96) {
      lines.push(line.trimEnd());
      line = "";
    }
    line += `${id} `;
  }
  lines.push(line.trimEnd());
  return lines.map((l) => `                    ${l}`).join("\n");
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.questions) {
  console.error(USAGE);
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
const without = (values.without ?? "").split(",").filter(Boolean);
try {
  passesWithout(without);
} catch (error) {
  if (!(error instanceof UnknownPassError)) throw error;
  console.error(`--without: ${error.message}`);
  process.exit(2);
}
const caller = createModelToolCaller(cached, config, window === undefined ? { without } : { window, without });
const answers: Map<string, Expected> = values.answers ? readAnswers(values.answers) : new Map();
let cases = readQuestions(values.questions);
if (values.limit) cases = cases.slice(0, Number(values.limit));

const thresholds = readRouterThresholds(process.env as RouterEnv);
let origin: OriginClient | undefined;
if (values.router && values.origin !== "oracle") {
  const settings = readOriginSettings({ ...process.env, ORIGIN_URL: values.origin });
  if (settings === undefined || !/^https?:\/\//.test(settings.baseUrl)) {
    console.error(`--origin must be oracle or an http(s) URL, got ${values.origin}`);
    process.exit(2);
  }
  origin = createOriginClient(settings);
}
const routed: RoutedCase[] = [];

const validator = new IndependentValidator();
const outcomes: CaseOutcome[] = [];
let calls = 0;
let validCalls = 0;
const started = performance.now();
for (const [i, testCase] of cases.entries()) {
  const expected = answers.get(testCase.id);
  const outcome: CaseOutcome = { id: testCase.id, category: testCase.category, passed: false };
  if (expected) outcome.expected = expected;
  const choice = testCase.forcedTool === undefined ? toolChoice : ({ type: "function", function: { name: testCase.forcedTool } } as const);
  const request: ToolCallRequest = { messages: testCase.messages, tools: testCase.tools, tool_choice: choice, parallel_tool_calls: true };
  try {
    const { result, features } = await caller.callWithFeatures(request);
    outcome.result = result;
    outcome.features = features;
    if (result.kind === "calls") {
      for (const call of result.calls) {
        calls++;
        if (
          validator.valid(
            testCase.tools.find((t) => t.function.name === call.name),
            call.arguments,
          )
        )
          validCalls++;
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
  if (values.router) {
    const { route, reasons } = routeOf(request, outcome.result, thresholds);
    const edgeConfidence = outcome.result !== undefined && outcome.result.kind !== "not_expressible" ? outcome.result.confidence : null;
    const row: RoutedCase = { category: testCase.category, route, reasons, edgePassed: outcome.passed, confidence: edgeConfidence };
    if (route === "origin") row.originPassed = origin === undefined ? true : await originPasses(origin, request, testCase, expected);
    routed.push(row);
  }
  if ((i + 1) % 50 === 0) process.stderr.write(`${i + 1}/${cases.length} cases, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

async function originPasses(
  client: OriginClient,
  request: ToolCallRequest,
  testCase: (typeof cases)[number],
  expected: Expected | undefined,
): Promise<boolean> {
  const deadline = new Deadline(client.settings.timeoutMs);
  try {
    const completion = await client.complete({ ...request, model: "edgecall" }, deadline);
    return judge(testCase, originResult(completion, request), expected).ok;
  } catch (error) {
    if (!isOriginError(error)) throw error;
    return false;
  } finally {
    deadline.dispose();
  }
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
        calibrated: caller.calibrated,
        feature_names: CALIBRATION_FEATURES,
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
if (values.router) console.log(formatRouting(summariseRouting(routed), values.origin, riskCoverage(routed), reasonCounts(routed)));
console.log(formatCalibration(calibrationReport(outcomes), caller.calibrated));
console.log(formatSummary(summary));
