"""Weights recovered from int8 graphs: run with
    /usr/bin/python3 -m unittest discover -s training/tests -v
"""
import os
import sys
import tempfile
import unittest

import numpy as np
import onnx
import torch
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import export  # noqa: E402
from from_onnx import recover  # noqa: E402
from model import Config  # noqa: E402


INT8_GRAPHS = ("schema_encoder_int8.onnx", "model_int8.onnx")


def trained_like(seed):
    """A random model with no two norms alike, as trained weights (export shares equal initializers)."""
    model, _ = export.load_model(None, seed=seed)
    model.eval()
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.02 * torch.randn(p.shape))
    return model


def write_int8(model, tmp):
    """The model's int8 graphs under tmp/onnx, quantised as export.py does; {file: loaded graph}."""
    enc, main = export.export_fp32(model, tmp)
    os.makedirs(os.path.join(tmp, "onnx"), exist_ok=True)
    kept = export.keep_fp32(Config())
    for fp32, int8, part in ((enc, INT8_GRAPHS[0], "encoder"), (main, INT8_GRAPHS[1], "model")):
        export.quantize(fp32, os.path.join(tmp, "onnx", int8), keep_fp32=kept[part])
    return {f: onnx.load(os.path.join(tmp, "onnx", f)) for f in INT8_GRAPHS}


class Recover(unittest.TestCase):
    def test_every_read_parameter_comes_back_within_half_a_quantisation_step(self):
        model = trained_like(3)
        with tempfile.TemporaryDirectory() as tmp:
            write_int8(model, tmp)
            back = dict(recover(os.path.join(tmp, "onnx")).named_parameters())
        exact, rounded = 0, 0
        for name, p in model.named_parameters():
            if ".nc." in name:  # the self-attention blocks never read their context norm
                continue
            diff = (back[name] - p).abs().max().item()
            step = p.abs().max().item() / 127
            self.assertLessEqual(diff, step / 2 * 1.001, name)
            exact += diff == 0
            rounded += diff > 0
        self.assertGreater(exact, 20)  # norms, biases, embeddings and the fp32 MatMuls come back as they were
        self.assertGreater(rounded, 20)  # the int8 MatMuls come back rounded

    def test_the_recovered_weights_export_to_the_same_int8_graphs(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            first = write_int8(trained_like(5), a)
            again = write_int8(recover(os.path.join(a, "onnx")), b)
        for f, graph in first.items():
            inits = {i.name: numpy_helper.to_array(i) for i in graph.graph.initializer}
            back = {i.name: numpy_helper.to_array(i) for i in again[f].graph.initializer}
            self.assertEqual(inits.keys(), back.keys())
            for name, v in inits.items():
                self.assertTrue(np.array_equal(v, back[name]), f"{f} {name}")


if __name__ == "__main__":
    unittest.main()
