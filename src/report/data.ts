/**
 * The figures of the report page, read from the eval CLI's `--json` reports and the load results: risk–coverage per
 * set, accuracy per category, latency distributions. Pure functions of parsed JSON.
 */
import { byCategory } from "../eval/report.js";

export interface EvalSet {
  name: string;
  cases: Array<{ category: string; passed: boolean; confidence: number }>;
}

export interface LoadRun {
  name: string;
  latenciesMs: number[];
  requests: number;
  errors: number;
  /** Route shares and result kinds of the requests, when the run recorded them. */
  routes?: Record<string, number>;
  results?: Record<string, number>;
}

export interface CurvePoint {
  coverage: number;
  risk: number;
  confidence: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** An eval CLI `--json` report (`cases[].passed`, `cases[].result.confidence`), or undefined for anything else. */
export function readEvalReport(json: unknown, name: string): EvalSet | undefined {
  if (!isObject(json) || !Array.isArray(json["cases"]) || !isObject(json["summary"])) return undefined;
  const cases = json["cases"].filter(isObject).map((c) => {
    const result = isObject(c["result"]) ? c["result"] : undefined;
    const confidence = typeof result?.["confidence"] === "number" && Number.isFinite(result["confidence"]) ? result["confidence"] : 0;
    return { category: typeof c["category"] === "string" ? c["category"] : "unknown", passed: c["passed"] === true, confidence };
  });
  return { name, cases };
}

function counts(value: unknown): Record<string, number> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(value)) if (typeof n === "number") out[key] = n;
  return out;
}

/**
 * A load-benchmark result: `{"kind": "edgecall-load", "name", "latencies_ms": [..], "requests"?, "errors"?, "routes"?,
 * "results"?}` (docs/monitoring.md), or undefined for anything else.
 */
export function readLoadResult(json: unknown, name: string): LoadRun | undefined {
  if (!isObject(json) || json["kind"] !== "edgecall-load" || !Array.isArray(json["latencies_ms"])) return undefined;
  const latenciesMs = json["latencies_ms"].filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const run: LoadRun = {
    name: typeof json["name"] === "string" ? json["name"] : name,
    latenciesMs,
    requests: typeof json["requests"] === "number" ? json["requests"] : latenciesMs.length,
    errors: typeof json["errors"] === "number" ? json["errors"] : 0,
  };
  const routes = counts(json["routes"]);
  const results = counts(json["results"]);
  if (routes) run.routes = routes;
  if (results) run.results = results;
  return run;
}

/**
 * Risk–coverage: answers sorted by confidence, most confident first; at each coverage (share answered) the risk is
 * the share of those answers that are wrong. Ties in confidence enter together.
 */
export function riskCoverage(cases: EvalSet["cases"]): CurvePoint[] {
  const sorted = [...cases].sort((a, b) => b.confidence - a.confidence);
  const points: CurvePoint[] = [];
  let wrong = 0;
  for (let i = 0; i < sorted.length; i++) {
    const current = sorted[i];
    if (current === undefined) continue;
    if (!current.passed) wrong++;
    if (i + 1 < sorted.length && sorted[i + 1]?.confidence === current.confidence) continue;
    points.push({ coverage: (i + 1) / sorted.length, risk: wrong / (i + 1), confidence: current.confidence });
  }
  return points;
}

export function accuracyByCategory(cases: EvalSet["cases"]): Array<{ category: string; passed: number; total: number }> {
  return byCategory(cases);
}

/** Nearest-rank percentile (p in [0, 100]); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

/** Latency bins in milliseconds (upper bounds; the last bin is open). */
export const LATENCY_BINS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

export function latencyHistogram(latenciesMs: readonly number[]): Array<{ label: string; count: number }> {
  const bins = LATENCY_BINS_MS.map((upper, i) => ({ label: `${i === 0 ? 0 : LATENCY_BINS_MS[i - 1]}–${upper}`, count: 0 }));
  const open = { label: `> ${LATENCY_BINS_MS.at(-1) ?? 0}`, count: 0 };
  for (const value of latenciesMs) {
    const index = LATENCY_BINS_MS.findIndex((upper) => value <= upper);
    const bin = index === -1 ? open : bins[index];
    if (bin) bin.count++;
  }
  return [...bins, open];
}
