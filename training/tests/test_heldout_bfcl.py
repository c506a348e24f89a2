"""The held-out split written in the evaluation format: run with
    /usr/bin/python3 -m unittest discover -s training/tests -v
"""
import os
import random
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import data  # noqa: E402
from heldout_bfcl import expected, param_schema, typed  # noqa: E402

TYPE_CHECK = {
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


class TypedValues(unittest.TestCase):
    def test_numbers_in_the_generators_formats(self):
        self.assertEqual(typed("85,935.56", {"type": "number"}), 85935.56)
        self.assertEqual(typed("12,000", {"type": "integer"}), 12000)
        self.assertEqual(typed("-49", {"type": "integer"}), -49)
        self.assertEqual(typed("six", {"type": "integer"}), 6)
        self.assertEqual(typed("a hundred", {"type": "integer"}), 100)
        self.assertEqual(typed("UWF-032", {"type": "string"}), "UWF-032")


class Answers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        rng = random.Random(5)
        cls.examples = [data.sample(rng, "test")["example"] for _ in range(300)]

    def test_every_kind_of_answer_occurs_and_names_real_tools(self):
        kinds = set()
        for ex in self.examples:
            a = expected(ex)
            names = {t["function"]["name"] for t in ex["tools"]}
            kinds.add(next(iter(a)))
            if "ground_truth" in a:
                self.assertTrue(all(next(iter(c)) in names for c in a["ground_truth"]))
            if "missing" in a:
                self.assertTrue(set(a["missing"]) <= names)
        self.assertEqual(kinds, {"ground_truth", "missing", "no_call"})

    def test_values_have_their_parameters_types(self):
        checked = 0
        for ex in self.examples:
            for call in expected(ex).get("ground_truth", []):
                ((name, args),) = call.items()
                tool = next(t for t in ex["tools"] if t["function"]["name"] == name)
                for param, (value,) in args.items():
                    typ = param_schema(tool, (param,)).get("type")
                    self.assertTrue(TYPE_CHECK[typ](value), f"{name}.{param}: {value!r} is not {typ}")
                    checked += 1
        self.assertGreater(checked, 300)


if __name__ == "__main__":
    unittest.main()
