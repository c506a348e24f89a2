"""convert_crosswoz.py on a small hand-written CrossWOZ dialogue:
    /usr/bin/python3 -m unittest training/tests/test_convert_crosswoz.py -v
"""
import os
import random
import sys
import unittest
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import convert_common as C  # noqa: E402
import convert_crosswoz  # noqa: E402

DIALOGUE = {
    "messages": [
        {
            "role": "usr",
            "content": "你好，我想找一家评分4.5分以上、人均100-150元的餐馆，能吃烤鸭。",
            "dialog_act": [
                ["General", "greet", "none", "none"],
                ["Inform", "餐馆", "评分", "4.5分以上"],
                ["Inform", "餐馆", "人均消费", "100-150元"],
                ["Inform", "餐馆", "推荐菜", "烤鸭"],
                ["Request", "餐馆", "名称", ""],
            ],
        },
        {"role": "sys", "content": "推荐您去全聚德。", "dialog_act": [["Inform", "餐馆", "名称", "全聚德"]]},
        {"role": "usr", "content": "它的地址是哪里？", "dialog_act": [["Request", "餐馆", "地址", ""]]},
        {"role": "sys", "content": "在前门大街。", "dialog_act": [["Inform", "餐馆", "地址", "前门大街"]]},
        {"role": "usr", "content": "我要打车去天安门。", "dialog_act": [["Inform", "出租", "目的地", "天安门"]]},
        {"role": "sys", "content": "好的。", "dialog_act": []},
        {"role": "usr", "content": "有没有带SPA的酒店？", "dialog_act": [["Inform", "酒店", "酒店设施-SPA", "是"]]},
        {"role": "sys", "content": "有。", "dialog_act": []},
        {
            "role": "usr",
            "content": "谢谢，再见！",
            "dialog_act": [["General", "thank", "none", "none"], ["General", "bye", "none", "none"]],
        },
    ]
}


def span_text(ex, key):
    mi, bs, be = ex["spans"][key]
    return ex["messages"][mi]["content"].encode("utf-8")[bs:be].decode("utf-8")


class ConvertCrossWOZ(unittest.TestCase):
    def convert(self, counts):
        with mock.patch.object(convert_crosswoz, "NOT_OFFERED", 0.0):
            exs = list(convert_crosswoz.convert_dialogue(DIALOGUE, random.Random(0), counts))
        for ex in exs:
            C.check_example(ex)
        return exs

    def test_turns_become_calls_missing_and_no_call(self):
        counts = C.Counts("t")
        exs = self.convert(counts)
        self.assertEqual(
            [ex["kind"] for ex in exs], ["crosswoz_call", "crosswoz_missing", "crosswoz_call", "crosswoz_no_call"]
        )
        self.assertEqual(counts.report()["why"], {"only requests about an entity chosen earlier": 1})
        food, taxi, hotel, bye = exs
        tool = food["tools"][food["golds"][0]["tool_index"]]["function"]
        self.assertIn(tool["name"], ("search_restaurants", "findRestaurant"))
        args = {p[0]: span_text(food, lab[1]) for p, lab in food["golds"][0]["args"]}
        per_person = "pricePerPerson" if tool["name"] == "findRestaurant" else "price_per_person"
        self.assertEqual(args, {"rating": "4.5分以上", per_person: "100-150元", "dish": "烤鸭"})
        self.assertEqual(food["lang"], "zh")
        taxi_tool = taxi["tools"][taxi["golds"][0]["tool_index"]]["function"]
        self.assertEqual([p for _, (p,) in taxi["missing"]], [taxi_tool["parameters"]["required"][0]])  # origin
        ((path, label),) = taxi["golds"][0]["args"]
        self.assertEqual(span_text(taxi, label[1]), "天安门")
        ((path, label),) = hotel["golds"][0]["args"]
        self.assertEqual(span_text(hotel, label[1]), "SPA")
        self.assertEqual(bye["golds"], [])

    def test_spans_are_utf8_byte_offsets(self):
        exs = self.convert(C.Counts("t"))
        mi, bs, be = next(iter(exs[0]["spans"].values()))
        self.assertEqual(be - bs, len(span_text(exs[0], next(iter(exs[0]["spans"]))).encode("utf-8")))
        self.assertGreater(be - bs, len(span_text(exs[0], next(iter(exs[0]["spans"])))))

    def test_a_value_the_turn_paraphrases_drops_the_turn(self):
        vals, why = convert_crosswoz.turn_values("评分在4.5以上的景点", [["Inform", "景点", "评分", "4.5分以上"]])
        self.assertEqual((vals, why), (None, "value not in the turn's text (paraphrased)"))


if __name__ == "__main__":
    unittest.main()
