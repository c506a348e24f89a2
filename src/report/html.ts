/**
 * The report page: one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched) with the model's
 * state (risk–coverage per set, accuracy per category) and the service's (latency histograms, route shares). The
 * figures behind the plots are also embedded as JSON (`<script type="application/json" id="report-data">`), so the
 * page can be read back by a program.
 */
import { accuracyByCategory, latencyHistogram, percentile, riskCoverage, type EvalSet, type LoadRun } from "./data.js";
import { barChart, escapeXml, lineChart } from "./svg.js";

export interface ReportInput {
  generatedAt: Date;
  evalSets: EvalSet[];
  loadRuns: LoadRun[];
  /** Where the figures came from (files read, or the quick evaluation run), shown on the page. */
  sources: string[];
}

export interface ReportData {
  generated_at: string;
  sets: Array<{
    name: string;
    cases: number;
    accuracy: number;
    risk_coverage: Array<{ coverage: number; risk: number; confidence: number }>;
    categories: Array<{ category: string; passed: number; total: number }>;
  }>;
  load: Array<{
    name: string;
    requests: number;
    errors: number;
    p50_ms: number;
    p95_ms: number;
    p99_ms: number;
    histogram: Array<{ label: string; count: number }>;
    routes?: Record<string, number>;
    results?: Record<string, number>;
  }>;
  sources: string[];
}

const pct = (passed: number, total: number): string => `${total === 0 ? "0.0" : ((100 * passed) / total).toFixed(1)}%`;
const share = (fraction: number): string => `${(100 * fraction).toFixed(1)}%`;
const ms = (value: number): string => (Number.isNaN(value) ? "–" : value.toFixed(1));
const round = (value: number): number => Math.round(value * 10000) / 10000;

export function reportData(input: ReportInput): ReportData {
  return {
    generated_at: input.generatedAt.toISOString(),
    sets: input.evalSets.map((set) => ({
      name: set.name,
      cases: set.cases.length,
      accuracy: round(set.cases.filter((c) => c.passed).length / Math.max(1, set.cases.length)),
      risk_coverage: riskCoverage(set.cases).map((p) => ({ coverage: round(p.coverage), risk: round(p.risk), confidence: round(p.confidence) })),
      categories: accuracyByCategory(set.cases),
    })),
    load: input.loadRuns.map((run) => ({
      name: run.name,
      requests: run.requests,
      errors: run.errors,
      p50_ms: percentile(run.latenciesMs, 50),
      p95_ms: percentile(run.latenciesMs, 95),
      p99_ms: percentile(run.latenciesMs, 99),
      histogram: latencyHistogram(run.latenciesMs),
      ...(run.routes ? { routes: run.routes } : {}),
      ...(run.results ? { results: run.results } : {}),
    })),
    sources: input.sources,
  };
}

function shares(counts: Record<string, number> | undefined): string {
  if (counts === undefined) return "–";
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return Object.entries(counts)
    .map(([key, n]) => `${escapeXml(key)} ${pct(n, total)}`)
    .join(", ");
}

/** JSON inside a script element: `<` escaped so no text can close the element. */
const embedded = (data: unknown): string => JSON.stringify(data).replace(/</g, "\\u003c");

export function renderReport(input: ReportInput): string {
  const data = reportData(input);
  const modelSection =
    data.sets.length === 0
      ? "<p>No evaluation reports.</p>"
      : [
          `<figure>${lineChart(
            "Risk–coverage (answers by confidence, most confident first)",
            "coverage (share answered)",
            "risk (share wrong)",
            data.sets.map((set) => ({
              name: set.name,
              points: [{ x: 0, y: set.risk_coverage[0]?.risk ?? 0 }, ...set.risk_coverage.map((p) => ({ x: p.coverage, y: p.risk }))],
            })),
          )}</figure>`,
          "<table><tr><th>set</th><th>cases</th><th>accuracy</th><th>risk at 25% / 50% / 75% coverage</th></tr>",
          ...data.sets.map((set) => {
            const at = (coverage: number): string => {
              const point = set.risk_coverage.find((p) => p.coverage >= coverage);
              return point === undefined ? "–" : share(point.risk);
            };
            return `<tr><td>${escapeXml(set.name)}</td><td>${set.cases}</td><td>${share(set.accuracy)}</td><td>${at(0.25)} / ${at(0.5)} / ${at(0.75)}</td></tr>`;
          }),
          "</table>",
          ...data.sets.map(
            (set) =>
              `<figure>${barChart(
                `Accuracy per category: ${set.name}`,
                "accuracy",
                set.categories.map((c) => ({ label: c.category, value: c.total === 0 ? 0 : c.passed / c.total, text: `${c.passed}/${c.total}` })),
                1,
              )}</figure>`,
          ),
        ].join("\n");
  const serviceSection =
    data.load.length === 0
      ? "<p>No load results.</p>"
      : [
          "<table><tr><th>run</th><th>requests</th><th>errors</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>routes</th><th>results</th></tr>",
          ...data.load.map(
            (run) =>
              `<tr><td>${escapeXml(run.name)}</td><td>${run.requests}</td><td>${run.errors}</td><td>${ms(run.p50_ms)}</td><td>${ms(run.p95_ms)}</td><td>${ms(run.p99_ms)}</td><td>${shares(run.routes)}</td><td>${shares(run.results)}</td></tr>`,
          ),
          "</table>",
          ...data.load.map(
            (run) =>
              `<figure>${barChart(
                `Latency histogram: ${run.name}`,
                "requests",
                run.histogram.map((b) => ({ label: `${b.label} ms`, value: b.count })),
              )}</figure>`,
          ),
        ].join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>edgecall report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 1120px; }
figure { display: inline-block; margin: 0.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; font-size: 0.9rem; }
.sources { color: #666; font-size: 0.85rem; }
</style>
</head>
<body>
<h1>edgecall report</h1>
<p>Generated ${escapeXml(data.generated_at)}.</p>
<h2>Model</h2>
${modelSection}
<h2>Service</h2>
${serviceSection}
<h2>Sources</h2>
<ul class="sources">${data.sources.map((s) => `<li>${escapeXml(s)}</li>`).join("")}</ul>
<script type="application/json" id="report-data">${embedded(data)}</script>
</body>
</html>
`;
}

/** Reads the embedded figures back from a rendered page. */
export function readReportData(html: string): ReportData {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (match?.[1] === undefined) throw new Error("no report-data block in the page");
  return JSON.parse(match[1]) as ReportData;
}
