"""convert_intents.py on small hand-written fixtures of CLINC150, BANKING77, HWU64, SNIPS and Restaurant-8k:
    /usr/bin/python3 -m unittest training/tests/test_convert_intents.py -v
"""
import gzip
import json
import os
import sys
import tempfile
import unittest
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import convert_common as C  # noqa: E402
import convert_intents  # noqa: E402


def put(root, rel, lines):
    path = os.path.join(root, rel + ".jsonl.gz")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with gzip.open(path, "wt") as f:
        for x in lines:
            f.write(json.dumps(x) + "\n")


def write_fixture(root):
    os.makedirs(os.path.join(root, "clinc150"))
    with open(os.path.join(root, "clinc150", "domains.json"), "w") as f:
        json.dump(
            {
                "banking": ["transfer", "balance"],
                "travel": ["book_flight", "book_hotel"],
                "small_talk": ["greeting"],
                "meta": ["yes"],
            },
            f,
        )
    clinc = [
        ["send 20 dollars to mom", "transfer"],
        ["how much money do i have", "balance"],
        ["get me a flight to paris", "book_flight"],
        ["hello there", "greeting"],
        ["yes", "yes"],
    ]
    for name in ("train", "val", "test"):
        put(root, f"clinc150/{name}", clinc)
    for name in ("oos_train", "oos_val", "oos_test"):
        put(root, f"clinc150/{name}", [["what is the tallest mountain", "oos"]])
    os.makedirs(os.path.join(root, "banking77"))
    with open(os.path.join(root, "banking77", "categories.json"), "w") as f:
        json.dump(["card_arrival", "lost_or_stolen_card"], f)
    for name in ("train", "test"):
        put(
            root,
            f"banking77/{name}",
            [
                {"text": "my card has not come", "category": "card_arrival"},
                {"text": "someone stole my card", "category": "lost_or_stolen_card"},
            ],
        )
    put(
        root,
        "hwu64/train",
        [
            {
                "scenario": "alarm",
                "intent": "set",
                "answer_annotation": "wake me up at [time : five am] [date : tomorrow]",
            },
            {"scenario": "alarm", "intent": "query", "answer_annotation": "what alarms do i have"},
            {"scenario": "general", "intent": "joke", "answer_annotation": "tell me a joke"},
        ],
    )
    put(
        root,
        "hwu64/test_annotated",
        [
            {
                "text": "set an alarm for six am",
                "intent": "alarm_set",
                "entities": [{"start": 17, "end": 23, "value": "six am", "entity": "time"}],
            }
        ],
    )
    for intent in ("PlayMusic", "GetWeather"):
        for name in ("train_full", "validate"):
            put(
                root,
                f"snips/{intent}/{name}",
                [
                    {
                        "data": [
                            {"text": "play "},
                            {"text": "Yellow", "entity": "track"},
                            {"text": " by "},
                            {"text": "Coldplay", "entity": "artist"},
                        ]
                    }
                ]
                if intent == "PlayMusic"
                else [{"data": [{"text": "weather in "}, {"text": "Oslo", "entity": "city"}]}],
            )
    for name in ("train", "test"):
        put(
            root,
            f"restaurant8k/{name}",
            [
                {
                    "userInput": {"text": "There will be 5 of us"},
                    "context": {"requestedSlots": ["people"]},
                    "labels": [{"slot": "people", "valueSpan": {"startIndex": 14, "endIndex": 21}}],
                },
                {"userInput": {"text": "7pm"}, "labels": [{"slot": "time", "valueSpan": {"endIndex": 3}}]},
                {"userInput": {"text": "thanks"}},
            ],
        )


def span_text(ex, key):
    mi, bs, be = ex["spans"][key]
    return ex["messages"][mi]["content"].encode("utf-8")[bs:be].decode("utf-8")


def called(ex):
    return [ex["tools"][g["tool_index"]]["function"]["name"] for g in ex["golds"]]


class ConvertIntents(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        write_fixture(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    not_offered = 0.0

    def run_set(self, name, split="train"):
        counts = C.Counts(name)
        with mock.patch.object(convert_intents, "NOT_OFFERED", self.not_offered):
            exs = list(convert_intents.convert(self.tmp.name, split, 0, [name], {name: counts}))
        for ex in exs:
            C.check_example(ex)
        return exs, counts.report()

    def test_parse_inline_annotations(self):
        text, spans = convert_intents.parse_inline("wake me up at [time : five am] [date : tomorrow]")
        self.assertEqual(text, "wake me up at five am tomorrow")
        self.assertEqual([(s, text[a:b]) for s, a, b in spans], [("time", "five am"), ("date", "tomorrow")])

    def test_clinc_out_of_scope_and_small_talk_are_no_call(self):
        exs, report = self.run_set("clinc150")
        self.assertEqual(report["yielded"], 12)  # train + val, five each, plus one oos each
        by_text = {}
        for ex in exs:
            by_text.setdefault(ex["messages"][-1]["content"], []).append(ex)
        for text in ("what is the tallest mountain", "hello there", "yes"):
            self.assertTrue(all(ex["golds"] == [] for ex in by_text[text]), text)
        for ex in by_text["send 20 dollars to mom"]:
            self.assertEqual((ex["kind"], C.snake(called(ex)[0])), ("clinc150_call", "transfer"))
            self.assertEqual(ex["golds"][0]["args"], [])
        tool_names = {C.snake(t["function"]["name"]) for ex in exs for t in ex["tools"]}
        self.assertFalse(tool_names & {"greeting", "yes"})  # chit-chat intents are never tools

    def test_not_offered_removes_the_intent_and_answers_no_call(self):
        self.not_offered = 1.0
        exs, report = self.run_set("banking77")
        self.not_offered = 0.0
        self.assertEqual(report["by_kind"], {"banking77_not_offered": 2})
        for ex in exs:
            self.assertEqual(ex["golds"], [])
            self.assertEqual(len(ex["tools"]), 1)  # the other category only

    def test_hwu_slots_become_spans_and_general_is_no_call(self):
        exs, _ = self.run_set("hwu64")
        alarm = next(ex for ex in exs if ex["messages"][0]["content"].startswith("wake"))
        args = {p[0]: span_text(alarm, lab[1]) for p, lab in alarm["golds"][0]["args"]}
        self.assertEqual(args, {"time": "five am", "date": "tomorrow"})
        tool = alarm["tools"][alarm["golds"][0]["tool_index"]]["function"]
        self.assertEqual(sorted(tool["parameters"]["properties"]), ["date", "time"])
        self.assertEqual(tool["parameters"]["required"], [])
        joke = next(ex for ex in exs if ex["messages"][0]["content"] == "tell me a joke")
        self.assertEqual((joke["kind"], joke["golds"]), ("hwu64_chit_chat", []))

    def test_hwu_test_split_uses_its_entities_and_the_training_slots(self):
        exs, _ = self.run_set("hwu64", "test")
        (ex,) = exs
        ((path, label),) = ex["golds"][0]["args"]
        self.assertEqual((path, span_text(ex, label[1])), (["time"], "six am"))

    def test_snips_chunks_make_spans(self):
        exs, _ = self.run_set("snips")
        music = next(ex for ex in exs if ex["messages"][0]["content"] == "play Yellow by Coldplay")
        self.assertEqual(len(music["tools"]), 2)
        args = {p[0]: span_text(music, lab[1]) for p, lab in music["golds"][0]["args"]}
        self.assertEqual(args, {"track": "Yellow", "artist": "Coldplay"})

    def test_restaurant8k_question_becomes_the_assistant_turn_and_empty_turns_are_dropped(self):
        exs, report = self.run_set("restaurant8k")
        self.assertEqual(report["yielded"], 2)
        self.assertEqual(report["why"], {"no value in the turn": 1})
        people = exs[0]
        self.assertEqual(people["messages"][0]["role"], "assistant")
        ((path, label),) = people["golds"][0]["args"]
        self.assertEqual(span_text(people, label[1]), "5 of us")
        self.assertEqual(people["spans"][label[1]][0], 1)
        ((path, label),) = exs[1]["golds"][0]["args"]
        self.assertEqual(span_text(exs[1], label[1]), "7pm")  # startIndex omitted = 0


if __name__ == "__main__":
    unittest.main()
