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


class Recover(unittest.TestCase):
    def test_every_read_parameter_comes_back_within_half_a_quantisation_step(self):
        model, _ = export.load_model(None, seed=3)
        model.eval()
        with torch.no_grad():               # trained weights: no two norms alike (export shares equal initializers)
            for p in model.parameters():
                p.add_(0.02 * torch.randn(p.shape))
        with tempfile.TemporaryDirectory() as tmp:
            enc, main = export.export_fp32(model, tmp)
            os.makedirs(os.path.join(tmp, "onnx"))
            kept = export.keep_fp32(Config())
            export.quantize(enc, os.path.join(tmp, "onnx/schema_encoder_int8.onnx"), keep_fp32=kept["encoder"])
            export.quantize(main, os.path.join(tmp, "onnx/model_int8.onnx"), keep_fp32=kept["model"])
            back = dict(recover(os.path.join(tmp, "onnx")).named_parameters())
        exact, rounded = 0, 0
        for name, p in model.named_parameters():
            if ".nc." in name:          # the self-attention blocks never read their context norm
                continue
            diff = (back[name] - p).abs().max().item()
            step = p.abs().max().item() / 127
            self.assertLessEqual(diff, step / 2 * 1.001, name)
            exact += diff == 0
            rounded += diff > 0
        self.assertGreater(exact, 20)        # norms, biases, embeddings and the fp32 MatMuls come back as they were
        self.assertGreater(rounded, 20)      # the int8 MatMuls come back rounded

    def test_the_recovered_weights_export_to_the_same_int8_graphs(self):
        def int8_graphs(model, tmp):
            enc, main = export.export_fp32(model, tmp)
            os.makedirs(os.path.join(tmp, "onnx"), exist_ok=True)
            kept = export.keep_fp32(Config())
            export.quantize(enc, os.path.join(tmp, "onnx/schema_encoder_int8.onnx"), keep_fp32=kept["encoder"])
            export.quantize(main, os.path.join(tmp, "onnx/model_int8.onnx"), keep_fp32=kept["model"])
            return {f: onnx.load(os.path.join(tmp, "onnx", f)) for f in ("schema_encoder_int8.onnx", "model_int8.onnx")}

        model, _ = export.load_model(None, seed=5)
        with torch.no_grad():
            for p in model.parameters():
                p.add_(0.02 * torch.randn(p.shape))
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            first = int8_graphs(model, a)
            again = int8_graphs(recover(os.path.join(a, "onnx")), b)
        for f, graph in first.items():
            inits = {i.name: numpy_helper.to_array(i) for i in graph.graph.initializer}
            back = {i.name: numpy_helper.to_array(i) for i in again[f].graph.initializer}
            self.assertEqual(inits.keys(), back.keys())
            for name, v in inits.items():
                self.assertTrue(np.array_equal(v, back[name]), f"{f} {name}")


if __name__ == "__main__":
    unittest.main()
