"""Chinese glosses in the matching features (features.py zh_segments, conversation_words): run with
    /usr/bin/python3 -m pytest -q training/tests/test_features_zh.py
"""
import json
import os
import sys
import tempfile
import unittest
from types import SimpleNamespace

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import features as F  # noqa: E402


def ids_of(text):
    return list(text.encode("utf-8"))


class Glosses(unittest.TestCase):
    def setUp(self):
        self.saved = F.ZH_GLOSSES
        F.ZH_GLOSSES = True

    def tearDown(self):
        F.ZH_GLOSSES = self.saved

    def test_segments_are_the_longest_lexicon_words_left_to_right(self):
        self.assertEqual(F.zh_segments("订单号"), [(["order", "number"], 0, 3)])
        cut = F.zh_segments("帮我查一下订单A-1042的状态")
        self.assertEqual([(a, b) for _, a, b in cut], [(0, 1), (1, 2), (2, 3), (3, 5), (5, 7), (13, 14), (14, 16)])
        self.assertEqual(cut[4][0], ["order"])
        self.assertEqual(cut[1][0], [])  # 我: a word without glosses still takes its place in the cut
        self.assertEqual(F.zh_segments("order ORD-1，１２"), [])

    def test_conversation_words_cover_the_bytes_of_their_chinese_word(self):
        ids = [F.CLS, F.USER] + ids_of("订单A-1042的状态")
        got = F.conversation_words(ids)
        self.assertIn(("1042", 10, 14), got)
        self.assertIn(("order", 2, 8), got)
        self.assertIn(("state", 17, 23), got)
        self.assertNotIn("of", [w for w, _, _ in got])  # glosses are kept like any word (stopwords, length)

    def test_a_character_cut_by_truncation_ends_the_run(self):
        ids = [F.CLS] + ids_of("订单状态")[1:]
        self.assertEqual(
            [(w, a, b) for w, a, b in F.conversation_words(ids) if w in ("bill", "state")],
            [("bill", 3, 6), ("state", 6, 12)],
        )

    def test_schema_words_add_glosses_after_the_ascii_words(self):
        self.assertEqual(F.words("orderId 邮编"), ["order", "id", "postal", "code", "zip"])

    def test_off_leaves_chinese_out(self):
        F.ZH_GLOSSES = False
        self.assertEqual(F.words("orderId 邮编"), ["order", "id"])
        self.assertEqual(F.conversation_words(ids_of("订单A-1042")), [("1042", 8, 12)])

    def test_a_model_config_without_the_setting_is_off(self):
        self.assertFalse(F.glosses_of({"match": {"stopwords": []}}))
        self.assertTrue(F.glosses_of({"match": {"zh_glosses": True}}))


class ExportedSetting(unittest.TestCase):
    def setUp(self):
        self.saved = F.ZH_GLOSSES

    def tearDown(self):
        F.ZH_GLOSSES = self.saved

    def test_an_export_records_the_setting_its_features_were_computed_with(self):
        import export

        with tempfile.TemporaryDirectory() as out:
            os.symlink(os.path.join(os.path.dirname(os.path.dirname(HERE)), "wasm", "onnx"), os.path.join(out, "onnx"))
            for on in (True, False):
                F.ZH_GLOSSES = on
                export.write_config(out, SimpleNamespace(counts=5, memory_dim=32, d=96))
                with open(os.path.join(out, "config.json"), encoding="utf-8") as f:
                    self.assertIs(F.glosses_of(json.load(f)), on)


if __name__ == "__main__":
    unittest.main()
