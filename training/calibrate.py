"""Fit the confidence calibration: the probability that an answer is right, from what the caller knows when it answers.

Reads eval CLI reports (`npm run eval -- ... --json R.json`) of a held-out split of real requests that the test sets
do not include; each case carries `features` (src/calibrate/features.ts, the order in `feature_names`) and `passed`.
Fits an L2-regularised logistic regression by Newton's method and writes it into the model folder's config.json as
`calibration` (read by src/calibrate/calibrator.ts). export.py rewrites config.json without it: a new model is
uncalibrated until it is fitted again.
usage: training/calibrate.py --reports R1.json [R2.json ...] --model wasm [--l2 1.0] [--dry-run]
"""
import argparse
import json

import numpy as np


def load(paths):
    """X [N, F], y [N] (1 = the whole answer was right), feature names."""
    xs, ys, names = [], [], None
    for path in paths:
        with open(path) as f:
            report = json.load(f)
        if names is None:
            names = report["feature_names"]
        elif names != report["feature_names"]:
            raise SystemExit(f"{path}: features differ from the first report's")
        for case in report["cases"]:
            if case.get("features") is not None:
                xs.append(case["features"])
                ys.append(1.0 if case["passed"] else 0.0)
    return np.array(xs, np.float64), np.array(ys, np.float64), names


def fit(x, y, l2=1.0, steps=50):
    """Weights w [F] maximising sum log-likelihood - l2/2 |w[1:]|^2 (the bias, feature 0, is not shrunk)."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))  # [N]
        grad = x.T @ (p - y) + reg * w  # [F]
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(len(w))  # [F, F]
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def ece(p, y, bins=10):
    """Expected calibration error over equal-width confidence bins."""
    idx = np.minimum((p * bins).astype(int), bins - 1)
    return float(
        sum(abs(p[idx == b].mean() - y[idx == b].mean()) * (idx == b).sum() for b in range(bins) if (idx == b).any())
        / len(p)
    )


def top_share_accuracy(p, y, share):
    """Accuracy of the share of answers with the highest p."""
    k = max(1, int(round(len(p) * share)))
    return float(y[np.argsort(-p, kind="stable")[:k]].mean())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", nargs="+", required=True, help="eval CLI --json reports with features")
    ap.add_argument("--model", default="wasm", help="model folder whose config.json gets the calibration")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--dry-run", action="store_true", help="print the fit, write nothing")
    args = ap.parse_args()
    x, y, names = load(args.reports)
    if len(y) < 50:
        raise SystemExit(f"only {len(y)} cases with features: too few to fit")
    raw = 1 / (1 + np.exp(-x[:, names.index("logit_confidence")]))
    # 5-fold cross-validated error of the fit, so the figure printed is not the fit's own training error
    fold = np.arange(len(y)) % 5
    held = np.zeros(len(y))
    for k in range(5):
        w = fit(x[fold != k], y[fold != k], args.l2)
        held[fold == k] = 1 / (1 + np.exp(-(x[fold == k] @ w)))
    w = fit(x, y, args.l2)
    summary = {
        "cases": int(len(y)),
        "accuracy": round(float(y.mean()), 4),
        "ece_raw": round(ece(raw, y), 4),
        "ece_cross_validated": round(ece(held, y), 4),
        "top_25_50_75_cross_validated": [round(top_share_accuracy(held, y, q), 4) for q in (0.25, 0.5, 0.75)],
        "top_25_50_75_raw": [round(top_share_accuracy(raw, y, q), 4) for q in (0.25, 0.5, 0.75)],
        "reports": args.reports,
        "l2": args.l2,
    }
    print(json.dumps(summary))
    print(json.dumps(dict(zip(names, np.round(w, 4).tolist()))))
    if args.dry_run:
        return
    path = f"{args.model}/config.json"
    with open(path) as f:
        cfg = json.load(f)
    cfg["calibration"] = {
        "kind": "logistic",
        "features": names,
        "weights": [round(float(v), 6) for v in w],
        "fitted_on": summary,
    }
    with open(path, "w") as f:
        json.dump(cfg, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
