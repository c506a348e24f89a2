"""heldout_real.py: converted examples as evaluation answers (calls with other surface forms, missing, no call):
    /usr/bin/python3 -m unittest training/tests/test_heldout_real.py -v
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
import convert_sgd  # noqa: E402
import heldout_real  # noqa: E402
import test_convert_sgd as fixture  # noqa: E402


class HeldoutAnswers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        fixture.write_fixture(cls.tmp.name)
        cls.views = convert_sgd.load_schemas(cls.tmp.name, "train")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def turn(self, i):
        return convert_sgd.convert_turn(
            fixture.DIALOGUE,
            i,
            self.views,
            sorted(self.views[0]),
            random.Random(0),
            C.Counts("t"),
            version=0,
            style="as_is",
            extra_context=6,
            absent_share=0,
        )

    def test_call_answer_types_values_and_accepts_other_surface_forms(self):
        self.assertEqual(
            heldout_real.answer(self.turn(2)),
            {
                "ground_truth": [
                    {
                        "ReserveRestaurant": {
                            "time": ["7 pm", "19:00"],
                            "restaurant_name": ["Sino"],
                            "location": ["San Jose"],
                            "number_of_seats": ["3"],
                            "has_live_music": [True],
                        }
                    }
                ]
            },
        )

    def test_missing_and_no_call_answers(self):
        self.assertEqual(
            heldout_real.answer(self.turn(0)), {"missing": {"ReserveRestaurant": ["restaurant_name", "location"]}}
        )
        self.assertEqual(heldout_real.answer(self.turn(4)), {"no_call": True})

    def test_unseen_services_are_dev_services_missing_from_train(self):
        with tempfile.TemporaryDirectory() as root:
            fixture.write_fixture(root)
            fixture.dump([fixture.WEATHER], os.path.join(root, "sgd", "train", "schema.json"))
            with gzip.open(os.path.join(root, "sgd", "dev.jsonl.gz"), "wt") as f:
                f.write(json.dumps(fixture.DIALOGUE) + "\n")
                f.write(json.dumps(dict(fixture.DIALOGUE, dialogue_id="2", services=["Weather_1"])) + "\n")
            counts = C.Counts("t")
            exs = list(heldout_real.sgd_unseen(root, 0, counts))
        self.assertEqual(len(exs), 1)  # one turn of the Restaurants_2 dialogue, none of Weather_1
        self.assertEqual(counts.report()["yielded"], 1)


if __name__ == "__main__":
    unittest.main()
