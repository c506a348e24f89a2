"""The model's count- and option-evidence paths, the windowed attention of the export, checkpoints of retired
Config fields: run with
    /usr/bin/python3 -m unittest discover -s training/tests -v
"""
import os
import sys
import tempfile
import unittest

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import data  # noqa: E402
import features as F  # noqa: E402
from model import Config, EdgeModel, band_plan, config_of, load_model  # noqa: E402


def one_tool_batch(text, tools=None):
    tools = tools or [
        {
            "type": "function",
            "function": {
                "name": "factorial",
                "description": "Factorial of a number",
                "parameters": {
                    "type": "object",
                    "properties": {"number": {"type": "integer", "description": "the number"}},
                    "required": ["number"],
                },
            },
        }
    ]
    x = F.model_inputs(tools, [{"role": "user", "content": text}])
    E, T = len(x["elem_kind"]), len(x["input_ids"])
    unlabelled = torch.full((E,), data.IGNORE).numpy()
    x.update(
        count=unlabelled,
        action=unlabelled,
        bool=unlabelled,
        option=unlabelled,
        span_rows=torch.zeros(E).numpy(),
        start=torch.zeros(E, T).numpy(),
        end=torch.zeros(E, T).numpy(),
        msg_index=torch.tensor([p[0] for p in x["positions"]]).numpy(),
        memory_pair=torch.tensor([-1, -1]).numpy(),
    )
    return data.collate([x], 64)


def run(model, b):
    with torch.no_grad():
        return model.on_batch(b)


class CountEvidence(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.model = EdgeModel(Config()).eval()
        self.b = one_tool_batch("Find the factorial of 5, 10 and 15.")

    def test_zero_initialised_evidence_leaves_the_count_head_alone(self):
        out = run(self.model, self.b)
        caller = self.model.caller
        caller.count_gate.weight.data.normal_()
        self.assertTrue(torch.equal(out["count_logits"], run(self.model, self.b)["count_logits"]))

    def test_count_follows_the_expected_number_of_span_starts_of_a_parameter(self):
        caller = self.model.caller
        # evidence m -> logits k*m - k^2/2 (argmax = round(m)); gate open; span starts forced at three values
        k = torch.arange(caller.c.counts, dtype=torch.float)
        caller.count_evidence.weight.data = 50 * k.unsqueeze(1)
        caller.count_evidence.bias.data = -50 * k * k / 2
        caller.count_gate.weight.data.zero_()
        caller.count_gate.bias.data.fill_(20.0)
        caller.count.weight.data.zero_()
        caller.count.bias.data.zero_()
        ids = self.b["input_ids"][0].tolist()
        starts = [
            i for i, t in enumerate(ids) if t in (ord("5"), ord("1")) and ids[i - 1] == ord(" ")
        ]  # "5", "10", "15"
        self.assertEqual(len(starts), 3)

        def hook(_module, _inputs, output):
            output = output.clone()
            output[:, 0, :] = -1e4
            output[:, 0, starts] = 1e4
            return output

        handle = caller.span_conv.register_forward_hook(hook)
        try:
            out = run(self.model, self.b)
        finally:
            handle.remove()
        tool_row = int((self.b["elem_kind"][0] == F.KIND_TOOL).nonzero()[0])
        self.assertEqual(int(out["count_logits"][0, tool_row].argmax()), 3)


def enum_tool_batch(text):
    tools = [
        {
            "type": "function",
            "function": {
                "name": "ship",
                "description": "Ship an order",
                "parameters": {
                    "type": "object",
                    "properties": {"speed": {"type": "string", "enum": ["standard", "overnight"]}},
                },
            },
        }
    ]
    return one_tool_batch(text, tools)


class OptionEvidence(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.model = EdgeModel(Config()).eval()

    def test_zero_initialised_evidence_leaves_the_action_head_alone(self):
        b = enum_tool_batch("Ship it overnight.")
        out = run(self.model, b)
        self.model.caller.option.apply(lambda m: m.weight.data.normal_() if isinstance(m, torch.nn.Linear) else None)
        self.assertTrue(torch.equal(out["action_logits"], run(self.model, b)["action_logits"]))

    def test_a_mentioned_option_makes_its_slot_present(self):
        caller = self.model.caller
        caller.action.weight.data.zero_()
        caller.action.bias.data = torch.tensor([1.0, 0.0, -5.0])  # absent unless evidence says otherwise
        caller.option_evidence.weight.data = torch.tensor(
            [[0.0, 0, 0], [0.0, 10, 0], [0.0, 0, 0]]
        )  # word match -> value
        param = lambda b: int((b["elem_kind"][0] == F.KIND_PARAM).nonzero()[0])
        said, unsaid = enum_tool_batch("Ship it overnight."), enum_tool_batch("Ship it, thanks.")
        self.assertEqual(int(run(self.model, said)["action_logits"][0, param(said)].argmax()), 1)
        self.assertEqual(int(run(self.model, unsaid)["action_logits"][0, param(unsaid)].argmax()), 0)
        tool = int((said["elem_kind"][0] == F.KIND_TOOL).nonzero()[0])
        self.assertTrue(
            torch.equal(run(self.model, said)["action_logits"][0, tool], caller.action.bias.data)
        )  # no options


class BandedAttention(unittest.TestCase):
    """The windowed layers computed chunk by chunk (export) equal the masked full attention (training)."""

    def test_banded_equals_masked_full_attention(self):
        torch.manual_seed(0)
        att = EdgeModel(Config()).caller.blocks[0].att.eval()
        for T, window, chunk, pad in (
            (7, 8, 16, 0),
            (45, 8, 16, 3),
            (100, 16, 32, 0),
            (130, 64, 32, 10),
            (64, 512, 32, 0),
            (33, 1, 16, 0),
        ):
            x = torch.randn(1, T, 128)
            keep = torch.ones(1, T)
            keep[0, T - pad :] = 0
            kbias = ((1.0 - keep) * -1e4)[:, None, None, :]  # [1, 1, 1, T]
            idx = torch.arange(T)
            local = ((idx[:, None] - idx[None, :]).abs() <= window).float()
            with torch.no_grad():
                full = att(x, x, kbias + ((1.0 - local) * -1e4)[None, None])
                band = att.banded(x, band_plan(kbias, torch.tensor([window]), chunk))
            self.assertEqual(band.shape, full.shape)
            self.assertLess(float((band - full).abs().max()), 1e-5, (T, window, chunk, pad))

    def test_a_narrower_window_changes_the_banded_output(self):
        torch.manual_seed(0)
        att = EdgeModel(Config()).caller.blocks[0].att.eval()
        x = torch.randn(1, 90, 128)
        kbias = torch.zeros(1, 1, 1, 90)
        with torch.no_grad():
            wide, narrow = (att.banded(x, band_plan(kbias, torch.tensor([w]), 32)) for w in (64, 4))
        self.assertGreater(float((wide - narrow).abs().max()), 1e-3)


class RetiredConfig(unittest.TestCase):
    """Checkpoints written before an experiment's Config field left (ranks, elem_layers) still load while the field
    is off; one that used it fails by name instead of loading without its weights."""

    def test_a_checkpoint_naming_retired_fields_at_zero_loads_with_its_weights(self):
        torch.manual_seed(0)
        model = EdgeModel(Config())
        saved = {"config": {**model.c.__dict__, "ranks": 0, "elem_layers": 0}, "model": model.state_dict()}
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "ckpt.pt")
            torch.save(saved, path)
            loaded, _ = load_model(path)
        self.assertEqual(loaded.c, Config())
        for k, v in model.state_dict().items():
            self.assertTrue(torch.equal(v, loaded.state_dict()[k]), k)

    def test_a_retired_field_in_use_fails(self):
        with self.assertRaisesRegex(AssertionError, "elem_layers"):
            config_of({**Config().__dict__, "elem_layers": 1})


if __name__ == "__main__":
    unittest.main()
