"""convert_sgd.py on a small hand-written SGD fixture (schema, SGD-X variant, one dialogue):
    /usr/bin/python3 -m unittest training/tests/test_convert_sgd.py -v
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

import convert_common as C  # noqa: E402
import convert_sgd  # noqa: E402
import data  # noqa: E402


def service(name, intent, slots, descr):
    return {"service_name": name, "description": descr, "slots": slots, "intents": [intent]}


RESTAURANTS = service(
    "Restaurants_2",
    {
        "name": "ReserveRestaurant",
        "description": "Reserve a table at a restaurant",
        "is_transactional": True,
        "required_slots": ["restaurant_name", "location", "time"],
        "optional_slots": {"number_of_seats": "2", "has_live_music": "False"},
        "result_slots": [],
    },
    [
        {
            "name": "restaurant_name",
            "description": "Name of the restaurant",
            "is_categorical": False,
            "possible_values": [],
        },
        {"name": "location", "description": "City of the restaurant", "is_categorical": False, "possible_values": []},
        {"name": "time", "description": "Time of the reservation", "is_categorical": False, "possible_values": []},
        {
            "name": "number_of_seats",
            "description": "Number of seats",
            "is_categorical": True,
            "possible_values": ["1", "2", "3", "4"],
        },
        {
            "name": "has_live_music",
            "description": "Whether there is live music",
            "is_categorical": True,
            "possible_values": ["True", "False"],
        },
    ],
    "Restaurant reservations",
)
WEATHER = service(
    "Weather_1",
    {
        "name": "GetWeather",
        "description": "Get the weather of a city",
        "is_transactional": False,
        "required_slots": ["city"],
        "optional_slots": {},
        "result_slots": [],
    },
    [{"name": "city", "description": "City name", "is_categorical": False, "possible_values": []}],
    "Weather",
)


def variant(s, suffix):
    """An SGD-X-like paraphrase: every name and description changed, order kept."""
    v = json.loads(json.dumps(s))
    v["service_name"] += suffix
    for sl in v["slots"]:
        sl["name"], sl["description"] = "the_" + sl["name"], "Paraphrased: " + sl["description"]
    for it in v["intents"]:
        it["name"], it["description"] = "Book" + it["name"], "Paraphrased: " + it["description"]
        it["required_slots"] = ["the_" + x for x in it["required_slots"]]
        it["optional_slots"] = {"the_" + k: x for k, x in it["optional_slots"].items()}
    return v


def frame(service, slots=(), acts=(), state=None, call=None):
    f = {
        "service": service,
        "slots": [dict(slot=s, start=a, exclusive_end=b) for s, a, b in slots],
        "actions": [dict(act=a, slot=s, values=v, canonical_values=v) for a, s, v in acts],
    }
    if state is not None:
        f["state"] = {"active_intent": state[0], "requested_slots": [], "slot_values": state[1]}
    if call:
        f["service_call"] = {"method": call[0], "parameters": call[1]}
    return f


U0 = "I want to book a table at 7 pm."
U2 = "Sino in San Jose please, for 3 people with live music."
DIALOGUE = {
    "dialogue_id": "1_00001",
    "services": ["Restaurants_2"],
    "turns": [
        {
            "speaker": "USER",
            "utterance": U0,
            "frames": [
                frame(
                    "Restaurants_2",
                    [("time", 26, 30)],
                    [("INFORM_INTENT", "intent", ["ReserveRestaurant"]), ("INFORM", "time", ["7 pm"])],
                    ("ReserveRestaurant", {"time": ["7 pm"]}),
                )
            ],
        },
        {
            "speaker": "SYSTEM",
            "utterance": "Which restaurant, and in which city?",
            "frames": [frame("Restaurants_2", acts=[("REQUEST", "restaurant_name", []), ("REQUEST", "location", [])])],
        },
        {
            "speaker": "USER",
            "utterance": U2,
            "frames": [
                frame(
                    "Restaurants_2",
                    [("restaurant_name", 0, 4), ("location", 8, 16)],
                    [("INFORM", "restaurant_name", ["Sino"]), ("INFORM", "location", ["San Jose"])],
                    (
                        "ReserveRestaurant",
                        {
                            "time": ["7 pm", "19:00"],
                            "restaurant_name": ["Sino"],
                            "location": ["San Jose"],
                            "number_of_seats": ["3"],
                            "has_live_music": ["True"],
                        },
                    ),
                )
            ],
        },
        {
            "speaker": "SYSTEM",
            "utterance": "Your table is booked.",
            "frames": [
                frame(
                    "Restaurants_2",
                    acts=[("NOTIFY_SUCCESS", "", [])],
                    call=(
                        "ReserveRestaurant",
                        {
                            "time": "19:00",
                            "restaurant_name": "Sino",
                            "location": "San Jose",
                            "number_of_seats": "3",
                            "has_live_music": "True",
                        },
                    ),
                )
            ],
        },
        {
            "speaker": "USER",
            "utterance": "Thanks, that's all.",
            "frames": [
                frame(
                    "Restaurants_2",
                    acts=[("THANK_YOU", "", []), ("GOODBYE", "", [])],
                    state=("ReserveRestaurant", {"time": ["7 pm"]}),
                )
            ],
        },
        {"speaker": "SYSTEM", "utterance": "Goodbye.", "frames": [frame("Restaurants_2", acts=[("GOODBYE", "", [])])]},
    ],
}


def dump(obj, path):
    with open(path, "w") as f:
        json.dump(obj, f)


def write_fixture(root):
    for split in ("train", "dev"):
        os.makedirs(os.path.join(root, "sgd", split))
        dump([RESTAURANTS, WEATHER], os.path.join(root, "sgd", split, "schema.json"))
        os.makedirs(os.path.join(root, "sgd", "sgd_x", "v1", split))
        dump(
            [variant(RESTAURANTS, "1"), variant(WEATHER, "1")],
            os.path.join(root, "sgd", "sgd_x", "v1", split, "schema.json"),
        )
    for name in ("train-00", "train-01", "train_legacy_760ac54", "dev", "dev_legacy_760ac54"):
        with gzip.open(os.path.join(root, "sgd", f"{name}.jsonl.gz"), "wt") as f:
            if name == "train-00":
                f.write(json.dumps(DIALOGUE) + "\n")


def span_text(ex, key):
    mi, bs, be = ex["spans"][key]
    return ex["messages"][mi]["content"].encode("utf-8")[bs:be].decode("utf-8")


class ConvertSGD(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        write_fixture(cls.tmp.name)
        cls.views = convert_sgd.load_schemas(cls.tmp.name, "train")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def turn(self, i, version=0, absent_share=0.0, counts=None):
        return convert_sgd.convert_turn(
            DIALOGUE,
            i,
            self.views,
            sorted(self.views[0]),
            random.Random(0),
            counts or C.Counts("t"),
            version=version,
            style="as_is",
            extra_context=6,
            absent_share=absent_share,
        )

    def tool_named(self, ex, name):
        names = [t["function"]["name"] for t in ex["tools"]]
        return names.index(name)

    def test_system_request_gives_missing_required_slots_with_the_values_given(self):
        ex = self.turn(0)
        ti = self.tool_named(ex, "ReserveRestaurant")
        self.assertEqual(sorted(p for _, (p,) in ex["missing"]), ["location", "restaurant_name"])
        self.assertEqual(ex["golds"][0]["tool_index"], ti)
        ((path, label),) = ex["golds"][0]["args"]
        self.assertEqual((path, span_text(ex, label[1])), (["time"], "7 pm"))

    def test_service_call_takes_earlier_turn_values_enums_and_booleans(self):
        ex = self.turn(2)
        self.assertEqual(ex["kind"], "sgd_call")
        self.assertEqual(ex["missing"], [])
        tool = ex["tools"][ex["golds"][0]["tool_index"]]["function"]
        self.assertEqual(tool["name"], "ReserveRestaurant")
        args = {p[0]: lab for p, lab in ex["golds"][0]["args"]}
        self.assertEqual(span_text(ex, args["time"][1]), "7 pm")  # said two turns earlier
        self.assertEqual(ex["spans"][args["time"][1]][0], 0)
        self.assertEqual(span_text(ex, args["restaurant_name"][1]), "Sino")
        self.assertEqual(span_text(ex, args["location"][1]), "San Jose")
        self.assertEqual(tool["parameters"]["properties"]["number_of_seats"]["enum"][args["number_of_seats"][1]], "3")
        self.assertEqual(args["has_live_music"], ["bool", True])
        self.assertEqual(tool["parameters"]["properties"]["has_live_music"]["type"], "boolean")
        self.assertEqual(ex["alt"][args["time"][1]], ["19:00"])
        self.assertIn("GetWeather", [t["function"]["name"] for t in ex["tools"]])  # distractor, other domain

    def test_closing_turn_is_no_call(self):
        ex = self.turn(4)
        self.assertEqual((ex["kind"], ex["golds"], ex["missing"]), ("sgd_no_call", [], []))

    def test_sgdx_version_renames_tools_and_parameters_by_position(self):
        ex = self.turn(2, version=1)
        tool = ex["tools"][ex["golds"][0]["tool_index"]]["function"]
        self.assertEqual(tool["name"], "BookReserveRestaurant")
        self.assertTrue(tool["description"].startswith("Paraphrased:"))
        self.assertEqual(
            sorted(p[0] for p, _ in ex["golds"][0]["args"]),
            sorted("the_" + s for s in ("time", "restaurant_name", "location", "number_of_seats", "has_live_music")),
        )
        self.assertEqual(tool["parameters"]["required"], ["the_restaurant_name", "the_location", "the_time"])

    def test_service_not_offered_is_no_call(self):
        ex = self.turn(2, absent_share=1.0)
        self.assertEqual((ex["kind"], ex["golds"]), ("sgd_not_offered", []))
        self.assertNotIn("ReserveRestaurant", [t["function"]["name"] for t in ex["tools"]])

    def test_legacy_dialogues_take_the_call_from_the_systems_offer(self):
        legacy = json.loads(json.dumps(DIALOGUE))
        for t in legacy["turns"]:
            for f in t["frames"]:
                f.pop("service_call", None)
                if t["speaker"] == "USER":
                    f.pop("actions")
        legacy["turns"][3]["frames"][0]["actions"] = [{"act": "OFFER", "slot": "restaurant_name", "values": ["Sino"]}]
        self.assertEqual(convert_sgd.verdict(legacy["turns"], 2)[:3], ("call", "Restaurants_2", "ReserveRestaurant"))
        self.assertEqual(convert_sgd.verdict(legacy["turns"], 4)[0], "no_call")  # system only says goodbye
        self.assertEqual(convert_sgd.verdict(legacy["turns"], 0)[:3], ("missing", "Restaurants_2", "ReserveRestaurant"))

    def test_counts_name_what_is_yielded_and_dropped(self):
        counts = C.Counts("t")
        exs = list(convert_sgd.convert(self.tmp.name, "train", 10, 0, counts=counts))
        self.assertEqual(len(exs), 3)
        self.assertEqual(counts.report()["yielded"], 3)
        cut = dict(DIALOGUE, turns=DIALOGUE["turns"][:5])  # the last user turn has no system answer
        self.assertIsNone(convert_sgd.convert_turn(cut, 4, self.views, [], random.Random(0), counts, version=0))
        self.assertEqual(counts.report()["why"], {"last turn": 1})

    def test_examples_encode_with_labels_on_the_right_rows(self):
        ex = data.parse_distilled(json.loads(json.dumps(self.turn(2))))
        x = data.encode(ex)
        self.assertIsNotNone(x)
        ti = ex["golds"][0].tool_index
        tool_rows = [e for e, k in enumerate(x["elem_kind"]) if k == 0]
        self.assertEqual(int(x["count"][tool_rows[ti]]), 1)
        self.assertEqual(sum(int(x["count"][e]) for e in tool_rows), 1)
        self.assertEqual(int((x["span_rows"] > 0).sum()), 3)  # time, restaurant_name, location


if __name__ == "__main__":
    unittest.main()
