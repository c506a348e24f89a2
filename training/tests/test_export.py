"""The int8 rewrite of an exported graph: run with
    /usr/bin/python3 -m unittest discover -s training/tests -v
"""
import json
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


def integer_weights(path):
    """(weight, weight zero point) of each MatMulInteger of a graph whose weight is an initializer."""
    g = onnx.load(path).graph
    inits = {i.name: onnx.numpy_helper.to_array(i) for i in g.initializer}
    return [
        (inits[n.input[1]], inits[n.input[3]] if len(n.input) > 3 else np.int8(0))
        for n in g.node
        if n.op_type == "MatMulInteger" and n.input[1] in inits
    ]


class Int8Rewrite(unittest.TestCase):
    def test_ffn_quantizes_and_its_gelu_becomes_one_fast_gelu(self):
        torch.manual_seed(0)
        ffn = torch.nn.Sequential(torch.nn.Linear(32, 128), torch.nn.GELU(), torch.nn.Linear(128, 32)).eval()
        x = torch.randn(1, 20, 32)
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = os.path.join(tmp, "fp32.onnx"), os.path.join(tmp, "int8.onnx")
            torch.onnx.export(
                ffn,
                (x,),
                src,
                input_names=["x"],
                output_names=["y"],
                opset_version=export.OPSET,
                dynamic_axes={"x": {1: "T"}},
            )
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
        self.assertLess(err, 0.05)  # int8 noise, not a broken graph
        self.assertGreater(err, 0.0)  # the weights really are quantized


class PerRowActivations(unittest.TestCase):
    def test_weights_are_uint8_around_128_so_every_cpu_sums_exactly(self):
        """uint8 x uint8 MatMulInteger: no x86 kernel sums u8 x s8 pairs in a saturating 16-bit lane."""
        torch.manual_seed(1)
        lin = torch.nn.Linear(64, 48).eval()
        with torch.no_grad():
            lin.weight[3, 5] = 40.0  # an outlier column still gets its own scale and all levels
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = os.path.join(tmp, "fp32.onnx"), os.path.join(tmp, "int8.onnx")
            torch.onnx.export(
                lin,
                (torch.randn(1, 8, 64),),
                src,
                input_names=["x"],
                output_names=["y"],
                opset_version=export.OPSET,
                dynamic_axes={"x": {1: "T"}},
            )
            export.quantize(src, dst)
            weights = integer_weights(dst)
        self.assertEqual(len(weights), 1)
        w, zero = weights[0]
        self.assertEqual(w.dtype, np.uint8)
        self.assertEqual(int(zero), export.WEIGHT_ZERO_POINT)
        self.assertEqual(int(np.abs(w.astype(np.int32) - zero).max()), export.WEIGHT_QMAX)

    def test_shipped_graphs_store_weights_as_uint8_with_zero_point_128(self):
        root = os.path.join(os.path.dirname(os.path.dirname(HERE)), "wasm", "onnx")
        for name in ("model_int8.onnx", "schema_encoder_int8.onnx"):
            weights = integer_weights(os.path.join(root, name))
            self.assertGreater(len(weights), 0, name)
            self.assertEqual({(w.dtype.name, int(z)) for w, z in weights}, {("uint8", 128)}, name)

    def test_rows_of_different_scale_each_keep_their_precision(self):
        torch.manual_seed(0)
        lin = torch.nn.Linear(32, 16).eval()
        x = torch.randn(1, 20, 32) * 0.1
        x[0, 19] *= 500  # one loud row, as a special token's can be
        with torch.no_grad():
            ref = lin(x).numpy()
        errs = {}
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "fp32.onnx")
            torch.onnx.export(
                lin,
                (x,),
                src,
                input_names=["x"],
                output_names=["y"],
                opset_version=export.OPSET,
                dynamic_axes={"x": {1: "T"}},
            )
            for tag, per_row in (("tensor", ()), ("row", ("all",))):
                dst = os.path.join(tmp, f"{tag}.onnx")
                self.assertEqual(export.quantize(src, dst, per_row=per_row), 1)
                y = run_many([(dst, {"x": x.numpy()})])[0]["y"]  # default graph optimisations, as served
                quiet = np.abs(y[0, :19] - ref[0, :19]).max() / np.abs(ref[0, :19]).max()
                loud = np.abs(y[0, 19] - ref[0, 19]).max() / np.abs(ref[0, 19]).max()
                errs[tag] = (quiet, loud)
        self.assertLess(errs["row"][0], 0.02)
        self.assertGreater(errs["tensor"][0], 4 * errs["row"][0])  # the quiet rows lose their precision per tensor
        self.assertLess(errs["row"][1], 0.02)


class SmoothQuant(unittest.TestCase):
    def test_smoothing_keeps_the_function_and_flattens_the_channels(self):
        import data
        import random
        from evaluate import torch_outputs
        from model import Config, EdgeModel

        torch.manual_seed(0)
        model = EdgeModel(Config()).eval()
        with torch.no_grad():  # an outlier channel at every LayerNorm, as training leaves them
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
        export.smooth(again, n=8, seed=2, maxima=maxima)  # other calibration examples, the recorded maxima
        export.smooth(other, n=8, seed=2)
        self.assertEqual(
            set(maxima),
            {f"caller.blocks.{i}.n2" for i in range(4)}
            | {"caller.cross.n2"}
            | {f"encoder.blocks.{i}.n2" for i in range(2)},
        )
        for (name, a), b, c in zip(
            first.state_dict().items(), again.state_dict().values(), other.state_dict().values()
        ):
            self.assertTrue(torch.equal(a, b), name)
        self.assertFalse(
            all(torch.equal(a, c) for a, c in zip(first.state_dict().values(), other.state_dict().values()))
        )


class CarriedConfig(unittest.TestCase):
    def test_a_new_export_keeps_the_decode_and_calibration_blocks(self):
        with tempfile.TemporaryDirectory() as out:
            shipped = os.path.join(out, "shipped.json")
            with open(shipped, "w") as f:
                json.dump({"decode": {"span_count_min": 3}, "calibration": {"kind": "logistic"}, "window": {}}, f)
            self.assertEqual(
                export.carried_config(out, shipped),
                {"decode": {"span_count_min": 3}, "calibration": {"kind": "logistic"}},
            )
            with open(os.path.join(out, "config.json"), "w") as f:
                json.dump({"decode": {"span_count_min": 4}}, f)
            self.assertEqual(export.carried_config(out, shipped)["decode"], {"span_count_min": 4})

    def test_the_shipped_config_has_a_decode_block_the_evaluator_reads(self):
        import evaluate

        carried = export.carried_config(tempfile.gettempdir() + "/no-such-export")
        self.assertEqual(carried["decode"]["optional_span_floor"], evaluate.OPTIONAL_SPAN_FLOOR)
        self.assertEqual(carried["decode"]["span_count_min"], evaluate.SPAN_COUNT_MIN)


if __name__ == "__main__":
    unittest.main()
