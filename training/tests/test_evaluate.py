"""evaluate.py --failures lists only the examples decoded wrong: run with
    /usr/bin/python3 -m unittest discover -s training/tests -v
"""
import contextlib
import io
import json
import os
import random
import sys
import unittest

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import data  # noqa: E402
import evaluate  # noqa: E402
from model import Config, EdgeModel  # noqa: E402


class Failures(unittest.TestCase):
    def test_only_wrongly_decoded_examples_are_printed_up_to_n(self):
        rng = random.Random(3)
        examples = [data.sample(rng, "train") for _ in range(6)]
        right = {id(x["example"]) for x in examples[::2]}  # every other example decoded as its gold answer
        real_decode = evaluate.decode
        evaluate.decode = (
            lambda x, o: evaluate.gold_answer(x)
            if id(x["example"]) in right
            else {"calls": [], "missing": [("nothing", ())], "implicit": False}
        )
        torch.manual_seed(0)
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                evaluate.print_failures(EdgeModel(Config()), examples, 16, 2)
        finally:
            evaluate.decode = real_decode
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        wrong = [x["example"] for x in examples[1::2]]
        self.assertEqual(len(lines), 2)
        self.assertEqual([line["case"] for line in lines], [1, 3])
        for line, ex in zip(lines, wrong):
            self.assertEqual(line["kind"], ex["kind"])
            self.assertEqual(line["user"], [m["content"] for m in ex["messages"] if m["role"] == "user"][-1])
            self.assertEqual(line["decoded"], [])
            self.assertEqual(line["messages"], json.loads(json.dumps(ex["messages"], default=str)))
            self.assertEqual([t["name"] for t in line["tools"]], [t["function"]["name"] for t in ex["tools"]])
            self.assertEqual(line["tools"][0]["parameters"], ex["tools"][0]["function"]["parameters"])


if __name__ == "__main__":
    unittest.main()
