import { describe, expect, it } from "vitest";
import { calibrationReport, expectedCalibrationError, formatCalibration } from "./calibration.js";
import type { CaseOutcome } from "./report.js";

function outcome(confidence: number, passed: boolean): CaseOutcome {
  return { id: `c${confidence}`, category: "x", passed, result: { kind: "no_call", confidence } };
}

describe("expectedCalibrationError", () => {
  it("is zero when each bin's confidence equals its accuracy", () => {
    const cases = [0.25, 0.25, 0.25, 0.25].map((confidence, i) => ({ confidence, edgePassed: i === 0 }));
    expect(expectedCalibrationError(cases)).toBeCloseTo(0, 9);
  });

  it("is the size-weighted gap between confidence and accuracy", () => {
    // bin 9: two answers at 0.95, one right (gap 0.45); bin 1: two at 0.15, both right (gap 0.85)
    const cases = [
      { confidence: 0.95, edgePassed: true },
      { confidence: 0.95, edgePassed: false },
      { confidence: 0.15, edgePassed: true },
      { confidence: 0.15, edgePassed: true },
    ];
    expect(expectedCalibrationError(cases)).toBeCloseTo((2 * 0.45 + 2 * 0.85) / 4, 9);
  });
});

describe("calibrationReport", () => {
  it("gives the accuracy of the most confident quarter, half, three quarters and all", () => {
    const outcomes = [
      outcome(0.9, true),
      outcome(0.8, true),
      outcome(0.7, false),
      outcome(0.6, true),
      outcome(0.5, false),
      outcome(0.4, false),
      outcome(0.3, false),
      outcome(0.2, false),
    ];
    const report = calibrationReport(outcomes);
    expect(report.coverage).toEqual([
      [0.25, 1],
      [0.5, 0.75],
      [0.75, 0.5],
      [1, 3 / 8],
    ]);
    expect(formatCalibration(report, true)).toBe(
      "risk-coverage (accuracy of the most confident): 25% 100.0%, 50% 75.0%, 75% 50.0%, 100% 37.5%; calibration error " + report.ece.toFixed(3),
    );
  });

  it("leaves out cases that errored", () => {
    const report = calibrationReport([outcome(0.9, true), { id: "e", category: "x", passed: false, error: "boom" }]);
    expect(report.scored).toBe(1);
  });
});
