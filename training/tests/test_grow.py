"""A grown model computes what it grew from: run with
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
import export  # noqa: E402
import qat  # noqa: E402
from grow import grow  # noqa: E402
from model import Config, EdgeModel  # noqa: E402


def batch(seed=1, n=6):
    return next(iter(data.batches(random.Random(seed), "train", n, 1.0, export.WINDOW["trained"])))[0]


def trained_like(seed=0):
    """A random model whose residual branches are not zero anywhere (as in a trained one)."""
    torch.manual_seed(seed)
    return EdgeModel(Config()).eval()


class Grow(unittest.TestCase):
    def test_the_grown_model_computes_exactly_what_it_grew_from(self):
        old, b = trained_like(), batch()
        state = grow({"config": old.c.__dict__, "model": old.state_dict()}, at=3)
        new = EdgeModel(Config(**state["config"])).eval()
        new.load_state_dict(state["model"])  # strict: every key of the grown shape, none left over
        self.assertEqual(new.c.global_layers, old.c.global_layers + 1)
        with torch.no_grad():
            a, g = old.on_batch(b), new.on_batch(b)
            for k in a:
                self.assertTrue(torch.equal(a[k], g[k]), k)
            # the old last block moved up one index; the new block is a real one once its output weights move
            self.assertTrue(torch.equal(new.caller.blocks[4].ffn[0].weight, old.caller.blocks[3].ffn[0].weight))
            new.caller.blocks[3].ffn[2].weight.normal_()
            self.assertFalse(torch.equal(a["start_logits"], new.on_batch(b)["start_logits"]))

    def test_a_windowed_block_grown_before_the_cross_attention_computes_the_same(self):
        old, b = trained_like(), batch()
        state = grow({"config": old.c.__dict__, "model": old.state_dict()}, at=2, local=True)
        new = EdgeModel(Config(**state["config"])).eval()
        new.load_state_dict(state["model"])
        self.assertEqual((new.c.local_layers, new.c.global_layers), (old.c.local_layers + 1, old.c.global_layers))
        with torch.no_grad():
            a, g = old.on_batch(b), new.on_batch(b)
            for k in a:
                self.assertTrue(torch.equal(a[k], g[k]), k)
            self.assertTrue(torch.equal(new.caller.blocks[3].att.q.weight, old.caller.blocks[2].att.q.weight))
            # the new block is a real one once its output weights move
            new.caller.blocks[2].att.o.weight.normal_()
            new.caller.blocks[2].ffn[2].weight.normal_()
            self.assertFalse(torch.equal(a["start_logits"], new.on_batch(b)["start_logits"]))
        with self.assertRaises(ValueError):
            grow({"config": old.c.__dict__, "model": old.state_dict()}, at=3, local=True)

    def test_element_mixing_starts_as_the_identity_and_then_lets_elements_read_each_other(self):
        old, b = trained_like(), batch()
        new = EdgeModel(Config(elem_layers=1)).eval()
        fresh = new.load_state_dict(old.state_dict(), strict=False).missing_keys  # as train.py --init does
        self.assertTrue(fresh and all(k.startswith("caller.elem_mix.0.") for k in fresh))
        with torch.no_grad():
            a = old.on_batch(b)
            for k, v in new.on_batch(b).items():
                self.assertTrue(torch.equal(a[k], v), k)
            blk = new.caller.elem_mix[0]
            blk.att.o.weight.normal_()
            mixed = new.on_batch(b)
            self.assertFalse(torch.equal(a["count_logits"], mixed["count_logits"]))
            # a padded element (elem_mask 0) is never read: changing its match channels changes no real element
            pad = (b["elem_mask"] == 0).nonzero()
            self.assertTrue(len(pad) > 0)
            i, j = pad[0].tolist()
            b2 = dict(b, elem_match=b["elem_match"].clone())
            b2["elem_match"][i, j] = 1.0
            again = new.on_batch(b2)
            real = b["elem_mask"][i] > 0
            self.assertTrue(torch.allclose(mixed["count_logits"][i][real], again["count_logits"][i][real], atol=1e-5))

    def test_a_global_block_cannot_go_among_the_windowed_ones(self):
        old = trained_like()
        with self.assertRaises(ValueError):
            grow({"config": old.c.__dict__, "model": old.state_dict()}, at=1)

    def test_export_keeps_the_last_blocks_ffn_in_fp32_whatever_the_depth(self):
        self.assertIn("/caller/blocks.3/ffn/", export.keep_fp32(Config())["model"])
        deep = export.keep_fp32(Config(global_layers=3))["model"]
        self.assertIn("/caller/blocks.4/ffn/", deep)
        self.assertNotIn("/caller/blocks.3/ffn/", deep)
        names = qat.enable(EdgeModel(Config(global_layers=3)))
        self.assertIn("caller.blocks.3.ffn.0", names)
        self.assertNotIn("caller.blocks.4.ffn.0", names)


if __name__ == "__main__":
    unittest.main()
