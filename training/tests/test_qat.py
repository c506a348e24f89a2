"""Quantisation-aware training simulates export's int8 graphs: run with
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

import data  # noqa: E402
import export  # noqa: E402
import qat  # noqa: E402
from model import Config, EdgeModel  # noqa: E402
from ort import run_many  # noqa: E402
from train import HEADS, consistency  # noqa: E402


class SimulatedInt8(unittest.TestCase):
    def test_an_ffn_in_qat_computes_what_its_int8_graph_computes(self):
        torch.manual_seed(0)
        ffn = torch.nn.Sequential(torch.nn.Linear(32, 128), torch.nn.GELU(), torch.nn.Linear(128, 32)).eval()
        x = torch.randn(1, 20, 32) + 0.3  # not centred: the zero point matters
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
            export.quantize(src, dst)
            self.assertEqual([n.op_type for n in onnx.load(dst).graph.node].count("MatMulInteger"), 2)
            y8 = run_many([(dst, {"x": x.numpy()})])[0]["y"]
        with torch.no_grad():
            fp32 = ffn(x).numpy()
            self.assertEqual(qat.enable(torch.nn.ModuleDict({"caller": ffn})), ["caller.0", "caller.2"])
            simulated = ffn(x).numpy()
        scale = np.abs(fp32).max()
        self.assertGreater(np.abs(fp32 - y8).max() / scale, 1e-3)  # int8 really differs from fp32
        self.assertLess(np.abs(simulated - y8).max() / scale, 2e-4)  # and the simulation computes it

    def test_the_layers_made_int8_are_those_export_quantises(self):
        names = qat.enable(EdgeModel(Config()))
        self.assertEqual(len(names), 34)  # config.json training.quantized_matmuls of the shipped export
        self.assertIn("caller.blocks.0.att.q", names)
        self.assertIn("encoder.blocks.0.ffn.0", names)
        for kept in (
            "caller.blocks.3.ffn.0",
            "caller.span_k",
            "caller.cross.att.k",
            "encoder.blocks.0.att.q",
            "encoder.out",
            "caller.count",
        ):
            self.assertNotIn(kept, names)

    def test_gradients_pass_through_the_rounding(self):
        lin = torch.nn.Linear(8, 4)
        qat.enable(torch.nn.ModuleDict({"caller": lin}))
        x = torch.randn(2, 5, 8, requires_grad=True)
        lin(x).sum().backward()
        self.assertGreater(float(x.grad.abs().sum()), 0)
        self.assertGreater(float(lin.weight.grad.abs().sum()), 0)


class ConsistencyLoss(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import random

        rng = random.Random(3)
        cls.batch = data.collate([data.sample(rng, "train") for _ in range(3)], 16)
        torch.manual_seed(0)
        cls.model = EdgeModel(Config()).eval()

    def forward(self):
        b = self.batch
        with torch.no_grad():
            return self.model.on_batch(b)

    def test_switched_off_the_simulation_is_the_fp32_model(self):
        fp32 = self.forward()
        qat.enable(self.model)
        int8 = self.forward()
        qat.set_active(self.model, False)
        off = self.forward()
        qat.set_active(self.model, True)
        self.assertTrue(all(torch.equal(fp32[h], off[h]) for h in HEADS))
        self.assertFalse(torch.equal(fp32["start_logits"], int8["start_logits"]))
        self.assertGreater(float(consistency(int8, fp32, self.batch)), 0)
        self.assertEqual(float(consistency(fp32, fp32, self.batch)), 0)

    def test_padding_does_not_count(self):
        fp32 = self.forward()
        moved = {h: v.clone() for h, v in fp32.items()}
        pad_t = (self.batch["input_ids"] == data.F.PAD).nonzero()
        pad_e = (self.batch["elem_mask"] == 0).nonzero()
        self.assertTrue(len(pad_t) > 0 and len(pad_e) > 0)  # three examples of different lengths
        b, t = pad_t[0].tolist()
        moved["start_logits"][b, :, t] += 100.0
        b, e = pad_e[0].tolist()
        moved["count_logits"][b, e] += 100.0
        self.assertEqual(float(consistency(moved, fp32, self.batch)), 0)
        moved["end_logits"][0, 0, 0] += 1.0  # a real element at a real position
        self.assertGreater(float(consistency(moved, fp32, self.batch)), 0)


if __name__ == "__main__":
    unittest.main()
