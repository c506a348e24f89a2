"""Run ONNX graphs through onnxruntime-node (training/ort_run.mjs): Python's onnxruntime is not installed here."""
import json
import os
import subprocess
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def _tensor(a):
    a = np.asarray(a)
    kind = "int64" if a.dtype.kind in "iu" else "float32"
    return {"type": kind, "dims": list(a.shape), "data": a.reshape(-1).tolist()}


def run_many(runs):
    """runs: [(model_path, {name: ndarray})] -> [{name: ndarray}]"""
    with tempfile.TemporaryDirectory() as tmp:
        req, res = os.path.join(tmp, "req.json"), os.path.join(tmp, "res.json")
        with open(req, "w") as f:
            json.dump(
                {
                    "runs": [
                        {"model": os.path.abspath(m), "feeds": {k: _tensor(v) for k, v in feeds.items()}}
                        for m, feeds in runs
                    ]
                },
                f,
            )
        subprocess.run(["node", os.path.join(HERE, "ort_run.mjs"), req, res], check=True)
        with open(res) as f:
            out = json.load(f)["results"]
    return [{k: np.array(v["data"], dtype=np.float32).reshape(v["dims"]) for k, v in r.items()} for r in out]
