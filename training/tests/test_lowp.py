"""bf16 products (train.py --bf16) stay close to float32: run with
    /usr/bin/python3 -m unittest discover -s training/tests -v
"""
import os
import random
import sys
import unittest

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import data  # noqa: E402
import lowp  # noqa: E402
from model import WINDOW, Attention, Config, EdgeModel  # noqa: E402
from train import losses  # noqa: E402


def batch(seed=1, n=6):
    return next(iter(data.batches(random.Random(seed), "train", n, 1.0, WINDOW["trained"])))[0]


def trained_like(seed=0):
    """A random model whose residual branches are not zero anywhere (as in a trained one)."""
    torch.manual_seed(seed)
    return EdgeModel(Config()).eval()


class MixedPrecision(unittest.TestCase):
    def test_bf16_products_stay_close_to_float32_and_are_bf16(self):
        model, b = trained_like(), batch()
        with torch.no_grad():
            ref = model.on_batch(b)
            self.assertEqual(lowp.enable(model), sum(isinstance(m, torch.nn.Linear) for m in model.modules()))
            mixed = model.on_batch(b)
        for k in ("count_logits", "action_logits", "start_logits", "option_logits"):
            diff = (mixed[k] - ref[k]).abs().max()
            self.assertGreater(diff, 0, k)  # really another precision
            self.assertLess(diff, 0.01 * ref[k].abs().max() + 0.01, k)
            self.assertEqual(mixed[k].dtype, torch.float32)

    def test_attention_products_alone_in_bf16_stay_close(self):
        torch.manual_seed(0)
        att, x = Attention(32, 4), torch.randn(2, 50, 32)
        ref = att(x, x, None)
        att.lowp = True
        diff = float((att(x, x, None) - ref).abs().max())
        self.assertGreater(diff, 0)
        self.assertLess(diff, 0.01 * float(ref.abs().max()))

    def test_bf16_training_step_gives_float32_gradients_like_float32s(self):
        b = batch()
        grads = []
        for mixed in (False, True):
            model = trained_like().train()
            if mixed:
                lowp.enable(model)
            sum(losses(model.on_batch(b), b).values()).backward()
            grads.append(torch.cat([p.grad.flatten() for p in model.parameters() if p.grad is not None]))
        self.assertEqual(grads[1].dtype, torch.float32)
        cos = torch.nn.functional.cosine_similarity(grads[0], grads[1], dim=0)
        self.assertGreater(float(cos), 0.99)


if __name__ == "__main__":
    unittest.main()
