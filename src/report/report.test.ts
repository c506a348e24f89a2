import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { accuracyByCategory, latencyHistogram, percentile, readEvalReport, readLoadResult, riskCoverage } from "./data.js";
import { readReportData, renderReport } from "./html.js";
import { quickSet } from "./quick.js";

const dir = mkdtempSync(join(tmpdir(), "edgecall-report-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An eval CLI --json report: `passed` and `result.confidence` per case. */
function evalReport(questions: string, cases: Array<[string, boolean, number]>) {
  return {
    questions,
    summary: { categories: [], passed: cases.filter((c) => c[1]).length, total: cases.length, validCalls: 0, calls: 0 },
    cases: cases.map(([category, passed, confidence], i) => ({ id: `${category}_${i}`, category, passed, result: { kind: "no_call", confidence } })),
  };
}

const SIMPLE = evalReport("/data/BFCL_v4_simple_python.json", [
  ["simple_python", true, 0.9],
  ["simple_python", true, 0.8],
  ["simple_python", false, 0.7],
  ["simple_python", false, 0.2],
]);
const LOAD = {
  kind: "edgecall-load",
  name: "20 rps for 10 s",
  latencies_ms: [3, 8, 12, 40, 45, 900, 6000],
  errors: 1,
  routes: { edge: 6, origin: 1 },
};

describe("report figures", () => {
  it("risk–coverage: most confident first, ties together", () => {
    const set = readEvalReport(SIMPLE, "simple");
    expect(set).toBeDefined();
    expect(riskCoverage(set?.cases ?? [])).toEqual([
      { coverage: 0.25, risk: 0, confidence: 0.9 },
      { coverage: 0.5, risk: 0, confidence: 0.8 },
      { coverage: 0.75, risk: 1 / 3, confidence: 0.7 },
      { coverage: 1, risk: 0.5, confidence: 0.2 },
    ]);
    expect(
      riskCoverage([
        { category: "a", passed: true, confidence: 0.5 },
        { category: "a", passed: false, confidence: 0.5 },
      ]),
    ).toEqual([{ coverage: 1, risk: 0.5, confidence: 0.5 }]);
  });

  it("accuracy per category, percentiles and latency bins", () => {
    expect(
      accuracyByCategory([
        { category: "a", passed: true, confidence: 1 },
        { category: "b", passed: false, confidence: 1 },
        { category: "a", passed: false, confidence: 1 },
      ]),
    ).toEqual([
      { category: "a", passed: 1, total: 2 },
      { category: "b", passed: 0, total: 1 },
    ]);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 99)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
    const bins = latencyHistogram(LOAD.latencies_ms);
    expect(bins.find((b) => b.label === "2–5")?.count).toBe(1);
    expect(bins.find((b) => b.label === "20–50")?.count).toBe(2);
    expect(bins.at(-1)).toEqual({ label: "> 5000", count: 1 });
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(LOAD.latencies_ms.length);
  });

  it("tells eval reports and load results from other JSON", () => {
    expect(readEvalReport({ cases: [] }, "x")).toBeUndefined();
    expect(readLoadResult(SIMPLE, "x")).toBeUndefined();
    expect(readLoadResult(LOAD, "x")).toMatchObject({ name: "20 rps for 10 s", requests: 7, errors: 1, routes: { edge: 6, origin: 1 } });
  });
});

describe("report page", () => {
  it("renders plots and tables, and its figures read back", () => {
    const set = readEvalReport(SIMPLE, "simple_python");
    const run = readLoadResult(LOAD, "load");
    const html = renderReport({
      generatedAt: new Date("2026-12-07T00:00:00Z"),
      evalSets: set ? [set] : [],
      loadRuns: run ? [run] : [],
      sources: ["<fixture>"],
    });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html.match(/<\/svg>/g)).toHaveLength(3);
    expect(html).toContain('<polyline data-series="simple_python"');
    expect(html).toContain('data-label="simple_python" data-value="0.5"');
    expect(html).toContain("&lt;fixture&gt;");
    expect(html).not.toMatch(/<script(?! type="application\/json")/);
    const data = readReportData(html);
    expect(data.sets[0]).toMatchObject({
      name: "simple_python",
      cases: 4,
      accuracy: 0.5,
      categories: [{ category: "simple_python", passed: 2, total: 4 }],
    });
    expect(data.sets[0]?.risk_coverage.map((p) => p.risk)).toEqual([0, 0, 0.3333, 0.5]);
    expect(data.load[0]).toMatchObject({ name: "20 rps for 10 s", requests: 7, errors: 1, p50_ms: 40, p99_ms: 6000 });
  });

  it("npm run report reads given reports and load results and writes the page", () => {
    const evalFile = join(dir, "simple.json");
    const loadFile = join(dir, "load.json");
    const out = join(dir, "out", "report.html");
    writeFileSync(evalFile, JSON.stringify(SIMPLE));
    writeFileSync(loadFile, JSON.stringify(LOAD));
    execFileSync("npx", ["tsx", "scripts/report.ts", "--eval", evalFile, "--load", loadFile, "--out", out], { stdio: "pipe" });
    const data = readReportData(readFileSync(out, "utf8"));
    expect(data.sets.map((s) => s.name)).toEqual(["BFCL_v4_simple_python"]);
    expect(data.load.map((l) => l.name)).toEqual(["20 rps for 10 s"]);
    expect(data.sources).toEqual([`evaluation report ${evalFile}`, `load result ${loadFile}`]);
  });

  it("from a folder with no reports it runs the quick evaluation and an in-process run itself", { timeout: 240_000 }, () => {
    const empty = mkdtempSync(join(dir, "empty-"));
    const out = join(dir, "quick.html");
    execFileSync("npx", ["tsx", "scripts/report.ts", "--dir", empty, "--out", out], { stdio: "pipe" });
    const html = readFileSync(out, "utf8");
    const data = readReportData(html);
    const quick = quickSet();
    const cases = quick.questions.trim().split("\n").length;
    expect(data.sets).toHaveLength(1);
    expect(data.sets[0]?.cases).toBe(cases);
    expect(data.sets[0]?.categories.map((c) => c.category)).toEqual(["quick_calls", "quick_missing", "quick_irrelevance"]);
    expect(data.load[0]?.requests).toBe(quick.requests.length);
    expect(data.load[0]?.errors).toBe(0);
    expect(data.load[0]?.histogram.reduce((sum, b) => sum + b.count, 0)).toBe(quick.requests.length);
    expect(html.match(/<svg /g)).toHaveLength(3);
  });
});
