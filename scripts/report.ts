/**
 * npm run report [-- --out FILE] [--eval FILE]... [--load FILE]... [--dir DIR]
 *
 * Writes one self-contained HTML page (src/report) with the model's and the service's state: risk–coverage per
 * evaluation set, accuracy per category, latency histograms and route shares. Inputs: the eval CLI's `--json`
 * reports and load results (`{"kind": "edgecall-load", ...}`, docs/monitoring.md) given with --eval / --load, or
 * every such JSON file in --dir (default `reports/`). With no evaluation report it runs a quick evaluation itself
 * (`npm run eval` on the built-in quick set, src/report/quick.ts); with no load result it sends the quick set through
 * the app in-process (the shipped model, the worker's code) and plots the monitoring events' latencies.
 * Default output: reports/report.html.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../src/api/app.js";
import { createNodeRuntime } from "../src/engine/node.js";
import { createModelToolCaller } from "../src/model/caller.js";
import { parseModelConfig } from "../src/model/config.js";
import { readEvalReport, readLoadResult, type EvalSet, type LoadRun } from "../src/report/data.js";
import { renderReport } from "../src/report/html.js";
import { quickSet } from "../src/report/quick.js";
import { Telemetry, type RequestEvent } from "../src/telemetry/index.js";

const root = join(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    out: { type: "string", default: join(root, "reports/report.html") },
    eval: { type: "string", multiple: true, default: [] },
    load: { type: "string", multiple: true, default: [] },
    dir: { type: "string", default: join(root, "reports") },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log("usage: npm run report -- [--out FILE] [--eval FILE]... [--load FILE]... [--dir DIR]");
  process.exit(0);
}

const evalSets: EvalSet[] = [];
const loadRuns: LoadRun[] = [];
const sources: string[] = [];

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

function take(path: string, want: "eval" | "load" | "any"): void {
  const json = readJson(path);
  const name = basename(path).replace(/\.json$/, "");
  const set = want === "load" ? undefined : readEvalReport(json, name);
  const run = want === "eval" ? undefined : readLoadResult(json, name);
  if (set) {
    evalSets.push({ ...set, name: setName(json, name) });
    sources.push(`evaluation report ${path}`);
  } else if (run) {
    loadRuns.push(run);
    sources.push(`load result ${path}`);
  } else if (want !== "any") {
    console.error(`${path}: not ${want === "eval" ? "an eval --json report" : "a load result"}`);
    process.exit(2);
  }
}

/** The questions file's name when the report names one (`BFCL_v4_live_simple`), else the report's file name. */
function setName(json: unknown, fallback: string): string {
  const questions = (json as { questions?: unknown }).questions;
  return typeof questions === "string" ? basename(questions).replace(/\.jsonl?$/, "") : fallback;
}

for (const path of values.eval) take(resolve(path), "eval");
for (const path of values.load) take(resolve(path), "load");
if (values.eval.length === 0 && values.load.length === 0 && existsSync(values.dir)) {
  for (const file of readdirSync(values.dir)
    .filter((f) => f.endsWith(".json"))
    .sort())
    take(join(values.dir, file), "any");
}

const quick = quickSet();
const work = mkdtempSync(join(tmpdir(), "edgecall-report-"));
try {
  if (evalSets.length === 0) {
    const questions = join(work, "quick_questions.jsonl");
    const answers = join(work, "quick_answers.jsonl");
    const report = join(work, "quick.json");
    writeFileSync(questions, quick.questions);
    writeFileSync(answers, quick.answers);
    console.error("no evaluation reports: running the quick set (npm run eval)");
    const run = spawnSync("npm", ["run", "-s", "eval", "--", "--questions", questions, "--answers", answers, "--json", report], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
    });
    const set = run.status === 0 ? readEvalReport(readJson(report), "quick") : undefined;
    if (set === undefined) {
      console.error(`the quick evaluation failed (exit ${run.status ?? "none"})`);
      process.exit(1);
    }
    evalSets.push({ ...set, name: "quick set" });
    sources.push(`quick evaluation: npm run eval on the built-in quick set (${set.cases.length} cases, src/report/quick.ts)`);
  }
  if (loadRuns.length === 0) {
    loadRuns.push(await inProcessRun());
    sources.push(
      `in-process run: the quick set's ${quick.requests.length} requests through the app (shipped model, onnxruntime-web under Node), latencies from the monitoring events; not a load benchmark`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Sends the quick set through the app twice (the first pass warms the tool-set cache) and reads the second's events. */
async function inProcessRun(): Promise<LoadRun> {
  const modelDir = join(root, "wasm");
  const config = parseModelConfig(JSON.parse(readFileSync(join(modelDir, "config.json"), "utf8")));
  const caller = createModelToolCaller(createNodeRuntime({ backend: "ort-web", modelDir }), config);
  const events: RequestEvent[] = [];
  const telemetry = new Telemetry({ source: "edge", log: (line) => events.push(JSON.parse(line) as RequestEvent) });
  const app = createApp({ caller, backend: "ort-web", telemetry });
  const send = async (body: Record<string, unknown>) =>
    (
      await app.request("/v1/chat/completions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
    ).text();
  /** Each event is written after its answer (the tenant hash is async): wait for all of a pass's. */
  const written = async (n: number): Promise<void> => {
    for (let waited = 0; events.length < n && waited < 10_000; waited += 5) await new Promise((done) => setTimeout(done, 5));
  };
  for (const body of quick.requests) await send(body);
  await written(quick.requests.length);
  events.length = 0;
  for (const body of quick.requests) await send(body);
  await written(quick.requests.length);
  const tally = (key: (e: RequestEvent) => string | null): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const e of events) {
      const k = key(e) ?? "none";
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };
  return {
    name: "in-process quick run (warm)",
    latenciesMs: events.map((e) => e.timings_ms.total),
    requests: events.length,
    errors: events.filter((e) => e.status >= 400).length,
    routes: tally((e) => e.route),
    results: tally((e) => e.result),
  };
}

const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, renderReport({ generatedAt: new Date(), evalSets, loadRuns, sources }));
console.log(`report: ${out} (${evalSets.length} evaluation set(s), ${loadRuns.length} latency run(s))`);
