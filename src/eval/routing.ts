/**
 * `eval --router`: the whole system on a question set. Each case is routed as the worker routes it (src/router:
 * the plan before the model, then keep or escalate after the edge pass); the edge is scored on what it keeps, the
 * origin on what it gets (`--origin oracle` scores those as right, which measures the router alone), and the two
 * together end to end. Also the risk–coverage curve of the edge's confidence over every case.
 */
import type { ToolCallRequest, ToolCallResult } from "../caller/types.js";
import { checkOriginAnswer, type OriginCompletion } from "../origin/index.js";
import { afterEdge, planRoute, routeFeatures, type RouterThresholds } from "../router/index.js";

export interface RoutedCase {
  category: string;
  route: "edge" | "origin";
  reasons: string[];
  /** The edge's answer passed (whether or not it was kept). */
  edgePassed: boolean;
  /** The origin's answer passed, for cases routed to the origin. */
  originPassed?: boolean;
  /** The edge's confidence, when the edge ran and could express its answer. */
  confidence: number | null;
}

/** Where the worker would send this request (with an origin configured), given the edge's answer. */
export function routeOf(
  request: ToolCallRequest,
  edge: ToolCallResult | undefined,
  thresholds: RouterThresholds,
): { route: "edge" | "origin"; reasons: string[] } {
  const plan = planRoute(routeFeatures(request), thresholds, true);
  if (plan.decision === "origin") return { route: "origin", reasons: plan.reasons };
  if (edge === undefined) return { route: "origin", reasons: ["edge_error"] };
  const after = afterEdge(edge, thresholds);
  return { route: after.keep ? "edge" : "origin", reasons: [after.reason] };
}

/** The origin's answer as the judge reads it; an answer the worker would not forward is not expressible. */
export function originResult(completion: OriginCompletion, request: ToolCallRequest): ToolCallResult {
  const verdict = checkOriginAnswer(completion, request);
  if (!verdict.valid) return { kind: "not_expressible", reason: `origin answer rejected: ${verdict.reason}`, confidence: 0 };
  if (completion.tool_calls.length === 0) return { kind: "no_call", confidence: 1 };
  return {
    kind: "calls",
    confidence: 1,
    calls: completion.tool_calls.map((call) => ({
      name: call.name,
      arguments: JSON.parse(call.arguments) as Record<string, unknown>,
      confidence: 1,
      argument_confidence: {},
    })),
  };
}

export interface RoutingRow {
  category: string;
  total: number;
  kept: number;
  keptPassed: number;
  routed: number;
  routedPassed: number;
}

export function summariseRouting(cases: readonly RoutedCase[]): RoutingRow[] {
  const rows = new Map<string, RoutingRow>();
  const row = (category: string): RoutingRow => {
    let r = rows.get(category);
    if (r === undefined) {
      r = { category, total: 0, kept: 0, keptPassed: 0, routed: 0, routedPassed: 0 };
      rows.set(category, r);
    }
    return r;
  };
  for (const c of cases) {
    for (const r of [row(c.category), row("all")]) {
      r.total++;
      if (c.route === "edge") {
        r.kept++;
        if (c.edgePassed) r.keptPassed++;
      } else {
        r.routed++;
        if (c.originPassed === true) r.routedPassed++;
      }
    }
  }
  const all = rows.get("all");
  rows.delete("all");
  return all === undefined ? [] : [...rows.values(), all];
}

export interface CoveragePoint {
  coverage: number;
  /** The lowest confidence kept at this coverage. */
  threshold: number;
  kept: number;
  passed: number;
}

/** Keep the most confident answers first: accuracy of the kept ones at each coverage step. */
export function riskCoverage(cases: ReadonlyArray<{ confidence: number | null; edgePassed: boolean }>, steps = 10): CoveragePoint[] {
  const scored = cases
    .filter((c): c is { confidence: number; edgePassed: boolean } => c.confidence !== null)
    .sort((a, b) => b.confidence - a.confidence);
  const points: CoveragePoint[] = [];
  for (let step = 1; step <= steps; step++) {
    const kept = Math.round((scored.length * step) / steps);
    if (kept === 0) continue;
    const slice = scored.slice(0, kept);
    points.push({
      coverage: step / steps,
      threshold: slice[slice.length - 1]?.confidence ?? 1,
      kept,
      passed: slice.filter((c) => c.edgePassed).length,
    });
  }
  return points;
}

const pct = (n: number, d: number): string => (d === 0 ? "-" : `${((100 * n) / d).toFixed(1)}%`);

/** How many origin-routed cases each reason sent, most first. */
export function reasonCounts(cases: readonly RoutedCase[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const c of cases) if (c.route === "origin") for (const reason of c.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

export function formatRouting(
  rows: readonly RoutingRow[],
  origin: string,
  curve: readonly CoveragePoint[],
  reasons: ReadonlyArray<[string, number]> = [],
): string {
  const width = Math.max(8, ...rows.map((r) => r.category.length));
  const lines = [
    `router (origin: ${origin})`,
    `${"set".padEnd(width)}  ${"cases".padStart(5)}  ${"kept at edge".padStart(14)}  ${"edge right".padStart(16)}  ${"origin right".padStart(16)}  ${"end to end".padStart(16)}`,
  ];
  for (const r of rows) {
    lines.push(
      [
        r.category.padEnd(width),
        String(r.total).padStart(5),
        `${r.kept} (${pct(r.kept, r.total)})`.padStart(14),
        `${r.keptPassed}/${r.kept} (${pct(r.keptPassed, r.kept)})`.padStart(16),
        `${r.routedPassed}/${r.routed} (${pct(r.routedPassed, r.routed)})`.padStart(16),
        `${r.keptPassed + r.routedPassed}/${r.total} (${pct(r.keptPassed + r.routedPassed, r.total)})`.padStart(16),
      ].join("  "),
    );
  }
  if (reasons.length > 0) lines.push(`sent to the origin by: ${reasons.map(([reason, n]) => `${reason} ${n}`).join(", ")}`);
  lines.push(
    `risk-coverage (edge confidence, every case it could express): ${curve
      .map((p) => `${Math.round(p.coverage * 100)}%: ${pct(p.passed, p.kept)} right (conf >= ${p.threshold.toFixed(3)})`)
      .join("; ")}`,
  );
  return lines.join("\n");
}
