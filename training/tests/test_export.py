"""The int8 rewrite of an exported graph: run with
    /usr/bin/python3 -m unittest discover -s training/tests -v
"""
import os
import sys
import tempfile
import unittest

import numpy as np
import onnx
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import export  # noqa: E402
from ort import run_many  # noqa: E402


class Int8Rewrite(unittest.TestCase):
    def test_ffn_quantizes_and_its_gelu_becomes_one_fast_gelu(self):
        torch.manual_seed(0)
        ffn = torch.nn.Sequential(torch.nn.Linear(32, 128), torch.nn.GELU(), torch.nn.Linear(128, 32)).eval()
        x = torch.randn(1, 20, 32)
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = os.path.join(tmp, "fp32.onnx"), os.path.join(tmp, "int8.onnx")
            torch.onnx.export(ffn, (x,), src, input_names=["x"], output_names=["y"], opset_version=export.OPSET,
                              dynamic_axes={"x": {1: "T"}})
            self.assertEqual(export.quantize(src, dst), 2)
            ops = [n.op_type for n in onnx.load(dst).graph.node]
            self.assertEqual(ops.count("FastGelu"), 1)
            self.assertEqual(ops.count("MatMulInteger"), 2)
            self.assertNotIn("Erf", ops)
            self.assertNotIn("Constant", ops)
            y8 = run_many([(dst, {"x": x.numpy()})])[0]["y"]
        with torch.no_grad():
            ref = ffn(x).numpy()
        err = np.abs(y8 - ref).max() / np.abs(ref).max()
        self.assertLess(err, 0.05)          # int8 noise, not a broken graph
        self.assertGreater(err, 0.0)        # the weights really are quantized


class PerRowActivations(unittest.TestCase):
    def test_rows_of_different_scale_each_keep_their_precision(self):
        torch.manual_seed(0)
        lin = torch.nn.Linear(32, 16).eval()
        x = torch.randn(1, 20, 32) * 0.1
        x[0, 19] *= 500                               # one loud row, as a special token's can be
        with torch.no_grad():
            ref = lin(x).numpy()
        errs = {}
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "fp32.onnx")
            torch.onnx.export(lin, (x,), src, input_names=["x"], output_names=["y"], opset_version=export.OPSET,
                              dynamic_axes={"x": {1: "T"}})
            for tag, per_row in (("tensor", ()), ("row", ("all",))):
                dst = os.path.join(tmp, f"{tag}.onnx")
                self.assertEqual(export.quantize(src, dst, per_row=per_row), 1)
                y = run_many([(dst, {"x": x.numpy()})])[0]["y"]     # default graph optimisations, as served
                quiet = np.abs(y[0, :19] - ref[0, :19]).max() / np.abs(ref[0, :19]).max()
                loud = np.abs(y[0, 19] - ref[0, 19]).max() / np.abs(ref[0, 19]).max()
                errs[tag] = (quiet, loud)
        self.assertLess(errs["row"][0], 0.02)
        self.assertGreater(errs["tensor"][0], 4 * errs["row"][0])   # the quiet rows lose their precision per tensor
        self.assertLess(errs["row"][1], 0.02)


class SmoothQuant(unittest.TestCase):
    def test_smoothing_keeps_the_function_and_flattens_the_channels(self):
        import data
        import random
        from evaluate import torch_outputs
        from model import Config, EdgeModel
        torch.manual_seed(0)
        model = EdgeModel(Config()).eval()
        with torch.no_grad():                        # an outlier channel at every LayerNorm, as training leaves them
            for ln in [m for m in model.modules() if isinstance(m, torch.nn.LayerNorm)]:
                ln.weight[3] = 8.0
        x = data.sample(random.Random(5), "test")
        before = torch_outputs(model, x, 16)
        spread = export.smooth(model, n=8, layers=("ffn", "attention"))
        after = torch_outputs(model, x, 16)
        self.assertGreater(spread[0], 4.0)
        self.assertLess(spread[1], spread[0] / 2)
        for k in before:
            np.testing.assert_allclose(after[k], before[k], rtol=1e-4, atol=1e-4)

    def test_recorded_maxima_reproduce_an_export_whatever_the_generator_gives_today(self):
        import copy
        from model import Config, EdgeModel
        torch.manual_seed(0)
        model = EdgeModel(Config()).eval()
        with torch.no_grad():
            for ln in [m for m in model.modules() if isinstance(m, torch.nn.LayerNorm)]:
                ln.weight[3] = 8.0
        first, again, other = model, copy.deepcopy(model), copy.deepcopy(model)
        *_, maxima = export.smooth(first, n=8, seed=1)
        export.smooth(again, n=8, seed=2, maxima=maxima)   # other calibration examples, the recorded maxima
        export.smooth(other, n=8, seed=2)
        self.assertEqual(set(maxima), {f"caller.blocks.{i}.n2" for i in range(4)} | {"caller.cross.n2"} |
                         {f"encoder.blocks.{i}.n2" for i in range(2)})
        for (name, a), b, c in zip(first.state_dict().items(), again.state_dict().values(), other.state_dict().values()):
            self.assertTrue(torch.equal(a, b), name)
        self.assertFalse(all(torch.equal(a, c) for a, c in zip(first.state_dict().values(), other.state_dict().values())))


if __name__ == "__main__":
    unittest.main()
