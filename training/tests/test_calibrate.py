"""The calibration fit: run with /usr/bin/python3 -m unittest discover -s training/tests"""
import json
import os
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import calibrate  # noqa: E402


class Fit(unittest.TestCase):
    def test_recovers_the_logistic_model_that_generated_the_labels(self):
        rng = np.random.default_rng(0)
        x = np.column_stack([np.ones(20000), rng.normal(size=20000), rng.normal(size=20000)])
        true_w = np.array([-0.5, 2.0, -1.0])
        y = (rng.random(20000) < 1 / (1 + np.exp(-(x @ true_w)))).astype(float)
        w = calibrate.fit(x, y, l2=0.0)
        np.testing.assert_allclose(w, true_w, atol=0.08)
        p = 1 / (1 + np.exp(-(x @ w)))
        self.assertLess(calibrate.ece(p, y), 0.02)
        self.assertGreater(calibrate.ece(np.full_like(y, 0.99), y), 0.3)  # an overconfident constant is not calibrated

    def test_writes_the_fit_into_the_model_config_and_keeps_the_rest(self):
        names = ["bias", "logit_confidence"]
        rng = np.random.default_rng(1)
        cases = [
            {"features": [1.0, float(z)], "passed": bool(rng.random() < 1 / (1 + np.exp(-z)))}
            for z in rng.normal(size=400)
        ]
        cases.append({"features": None, "passed": True})  # no model ran: left out of the fit
        with tempfile.TemporaryDirectory() as tmp:
            report = os.path.join(tmp, "r.json")
            with open(report, "w") as f:
                json.dump({"feature_names": names, "cases": cases}, f)
            with open(os.path.join(tmp, "config.json"), "w") as f:
                json.dump({"contract_version": 1}, f)
            x, y, got = calibrate.load([report])
            self.assertEqual((x.shape, got), ((400, 2), names))
            sys.argv = ["calibrate.py", "--reports", report, "--model", tmp]
            calibrate.main()
            with open(os.path.join(tmp, "config.json")) as f:
                cfg = json.load(f)
        self.assertEqual(cfg["contract_version"], 1)
        self.assertEqual(cfg["calibration"]["features"], names)
        self.assertEqual(cfg["calibration"]["fitted_on"]["cases"], 400)
        self.assertAlmostEqual(cfg["calibration"]["weights"][1], 1.0, delta=0.35)


if __name__ == "__main__":
    unittest.main()
