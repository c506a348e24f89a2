/**
 * Calibrated confidence: the probability that the whole answer is right. A logistic model over
 * calibrationFeatures, fitted on a held-out split of real requests (training/calibrate.py) and shipped in the model
 * folder's config.json as `calibration`. Without one (a model exported and not yet calibrated) the decoder's own
 * score passes through, and `calibrated` says so.
 */
import { CALIBRATION_FEATURES } from "./features.js";

export interface CalibrationConfig {
  kind: "logistic";
  features: string[];
  weights: number[];
  /** Where the fit came from (split, cases) and what it measured there; informational. */
  fitted_on?: Record<string, unknown>;
}

export interface Calibrator {
  readonly calibrated: boolean;
  /** The probability that the answer is right, from its calibrationFeatures (raw: the decoder's own score). */
  confidence(features: readonly number[], raw: number): number;
}

export class CalibrationConfigError extends Error {
  override readonly name = "CalibrationConfigError";
}

/** Checks that a config's calibration names exactly today's features, in order, with one finite weight each. */
export function parseCalibration(value: unknown): CalibrationConfig | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value as Partial<CalibrationConfig>;
  const expected = [...CALIBRATION_FEATURES];
  if (v.kind !== "logistic") throw new CalibrationConfigError('kind must be "logistic"');
  if (!Array.isArray(v.features) || v.features.join(",") !== expected.join(",")) {
    throw new CalibrationConfigError(`features must be ${expected.join(",")} (refit with training/calibrate.py)`);
  }
  if (!Array.isArray(v.weights) || v.weights.length !== expected.length || !v.weights.every((w) => typeof w === "number" && Number.isFinite(w))) {
    throw new CalibrationConfigError(`weights must be ${expected.length} finite numbers`);
  }
  return { kind: "logistic", features: v.features, weights: v.weights, ...(v.fitted_on ? { fitted_on: v.fitted_on } : {}) };
}

export function createCalibrator(config: CalibrationConfig | undefined): Calibrator {
  if (!config) return { calibrated: false, confidence: (_features, raw) => raw };
  const weights = config.weights;
  return {
    calibrated: true,
    confidence(x) {
      let z = 0;
      for (let i = 0; i < x.length; i += 1) z += (weights[i] ?? 0) * (x[i] ?? 0);
      return 1 / (1 + Math.exp(-z));
    },
  };
}
