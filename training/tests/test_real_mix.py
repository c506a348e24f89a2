"""real_mix.py on every converter's fixture, read back through data.Distilled into training batches:
    /usr/bin/python3 -m unittest training/tests/test_real_mix.py -v
"""
import gzip
import json
import os
import random
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import convert_common as C  # noqa: E402
import data  # noqa: E402
import real_mix  # noqa: E402
import test_convert_crosswoz  # noqa: E402
import test_convert_intents  # noqa: E402
import test_convert_sgd  # noqa: E402


class RealMix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        root = cls.tmp.name
        test_convert_sgd.write_fixture(root)
        test_convert_intents.write_fixture(root)
        os.makedirs(os.path.join(root, "crosswoz"))
        with gzip.open(os.path.join(root, "crosswoz", "val.jsonl.gz"), "wt") as f:
            f.write(json.dumps({"1": test_convert_crosswoz.DIALOGUE}, ensure_ascii=False) + "\n")
        cls.exs, cls.reports = real_mix.build(root, seed=0)
        cls.path = os.path.join(root, "mix.jsonl")
        C.write_jsonl(cls.path, cls.exs)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_source_is_in_the_mix_and_reported(self):
        self.assertEqual(
            {e["source"] for e in self.exs},
            {"sgd", "clinc150", "banking77", "hwu64", "snips", "restaurant8k", "crosswoz"},
        )
        crosswoz = [e for e in self.exs if e["source"] == "crosswoz"]
        self.assertEqual(len(crosswoz), 4 * real_mix.CROSSWOZ_COPIES)
        self.assertEqual(sum(r["yielded"] for r in self.reports), len(self.exs))

    def test_caps_bound_each_set(self):
        exs, _ = real_mix.build(
            self.tmp.name, seed=0, caps={**real_mix.CAPS, "clinc150": 3, "sgd": 1}, crosswoz_copies=1
        )
        self.assertEqual(sum(e["source"] == "clinc150" for e in exs), 3)
        self.assertEqual(sum(e["source"] == "sgd" for e in exs), 1)

    def test_lines_are_encoded_when_drawn_and_batch(self):
        pool = data.Distilled(self.path + "," + self.path)
        self.assertEqual(len(pool), 2 * len(self.exs))
        x = pool[0]
        self.assertEqual(len(x["elem_kind"]), len(data.F.elements(x["example"]["tools"])))
        self.assertIsInstance(x["example"]["golds"][0] if x["example"]["golds"] else data.Gold(0, {}), data.Gold)
        made = data.batches(random.Random(0), "train", 4, 1.0, [16], pool=2, extra=pool, extra_frac=1.0)
        self.assertEqual(len(made), 2)
        for tensors, items in made:
            self.assertEqual(tensors["input_ids"].shape[0], 4)
            self.assertTrue(all(it["example"].get("source") for it in items))

    def test_a_line_whose_span_is_cut_off_gives_way_to_the_next(self):
        long = {
            "tools": [C.tool("find", "Find a place", [("a", {"type": "string"}, False)])],
            "messages": [{"role": "user", "content": "x" * 600 + " Oslo"}, {"role": "user", "content": "y" * 600}],
            "spans": {"0.a": [0, 601, 605]},
            "golds": [{"tool_index": 0, "args": [[["a"], ["span", "0.a"]]]}],
            "missing": [],
            "kind": "t",
            "lang": "en",
        }
        path = os.path.join(self.tmp.name, "long.jsonl")
        C.write_jsonl(path, [long, self.exs[1]])
        pool = data.Distilled(path)
        self.assertIsNone(data.encode(data.parse_distilled(json.loads(json.dumps(long)))))
        self.assertEqual(pool[0]["example"]["messages"], self.exs[1]["messages"])


if __name__ == "__main__":
    unittest.main()
