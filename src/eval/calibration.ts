/**
 * The confidence contract, measured: accuracy of the most confident 25%, 50%, 75% and all answers (risk–coverage),
 * and the expected calibration error (|mean confidence - accuracy| over ten equal-width bins, weighted by size).
 */
import type { CaseOutcome } from "./report.js";
import { riskCoverage } from "./routing.js";

export interface CalibrationReport {
  /** [coverage, accuracy] for the most confident 25%, 50%, 75% and 100% of scored answers. */
  coverage: Array<[number, number]>;
  ece: number;
  scored: number;
}

function scored(outcomes: readonly CaseOutcome[]): Array<{ confidence: number; edgePassed: boolean }> {
  return outcomes.flatMap((o) => (o.result === undefined ? [] : [{ confidence: o.result.confidence, edgePassed: o.passed }]));
}

export function expectedCalibrationError(cases: ReadonlyArray<{ confidence: number; edgePassed: boolean }>, bins = 10): number {
  if (cases.length === 0) return 0;
  const sums = Array.from({ length: bins }, () => ({ n: 0, confidence: 0, right: 0 }));
  for (const c of cases) {
    const bin = sums[Math.min(bins - 1, Math.floor(c.confidence * bins))];
    if (bin === undefined) continue;
    bin.n += 1;
    bin.confidence += c.confidence;
    if (c.edgePassed) bin.right += 1;
  }
  return sums.reduce((error, b) => (b.n === 0 ? error : error + Math.abs(b.confidence - b.right) / cases.length), 0);
}

export function calibrationReport(outcomes: readonly CaseOutcome[]): CalibrationReport {
  const cases = scored(outcomes);
  const coverage = riskCoverage(cases, 4).map((p): [number, number] => [p.coverage, p.kept === 0 ? 0 : p.passed / p.kept]);
  return { coverage, ece: expectedCalibrationError(cases), scored: cases.length };
}

export function formatCalibration(report: CalibrationReport, calibrated: boolean): string {
  const parts = report.coverage.map(([c, acc]) => `${Math.round(c * 100)}% ${(100 * acc).toFixed(1)}%`);
  return `risk-coverage (accuracy of the most confident): ${parts.join(", ")}; calibration error ${report.ece.toFixed(3)}${calibrated ? "" : " (uncalibrated model)"}`;
}
