"""The synthetic generator's labels and the memory objective: run with
    /usr/bin/python3 -m unittest discover -s training/tests -v
"""
import os
import random
import re
import sys
import unittest

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import data  # noqa: E402
import data_zh  # noqa: E402
import features as F  # noqa: E402
from train import memory_loss  # noqa: E402


class GeneratedLabels(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        rng = random.Random(4)
        cls.examples = [
            data.make_example(rng, split, stage)
            for split in ("train", "test")
            for stage in (1, 2, 3)
            for _ in range(250)
        ]

    def test_every_required_parameter_is_labelled_or_missing(self):
        for ex in self.examples:
            gold = ex["golds"][0] if ex["golds"] else None
            if gold is None:
                continue
            fn = ex["tools"][gold.tool_index]["function"]
            missing = {path[0] for _, path in ex["missing"]}
            props = fn["parameters"]["properties"]
            for name in fn["parameters"].get("required", []):
                labelled = any(path[0] == name for path in gold.args)
                nullable = "null" in (props[name].get("type") or [])  # strict mode: optional fields are nullable
                self.assertTrue(
                    labelled or name in missing or nullable, f"{fn['name']}.{name} unlabelled: {ex['messages'][-1]}"
                )

    def test_span_labels_point_at_values_that_read_as_their_type(self):
        for ex in self.examples:
            for gold in ex["golds"]:
                props = ex["tools"][gold.tool_index]["function"]["parameters"]["properties"]
                for path, label in gold.args.items():
                    if label[0] != "span" or len(path) != 1:
                        continue
                    text = data.span_text(ex, label[1])
                    self.assertEqual(text, text.strip(), f"span {text!r} has surrounding space")
                    if props[path[0]].get("type") in ("integer", "number") and not text.isascii():
                        self.assertIsNotNone(data_zh.read_number(text), f"{text!r} is no Chinese number")
                    elif props[path[0]].get("type") in ("integer", "number"):
                        self.assertRegex(
                            text,
                            r"\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|"
                            r"forty|fifty|hundred|eleven|twelve|fifteen",
                        )

    def test_parallel_calls_differ(self):
        for ex in self.examples:
            if len(ex["golds"]) < 2 or len({g.tool_index for g in ex["golds"]}) > 1:
                continue
            seen = [
                tuple(
                    sorted(
                        (p, data.span_text(ex, lab[1]) if lab[0] == "span" else repr(lab)) for p, lab in g.args.items()
                    )
                )
                for g in ex["golds"]
            ]
            self.assertEqual(len(set(seen)), len(seen), f"identical parallel calls: {ex['messages'][-1]}")

    def test_bare_values_are_generated(self):
        """Some required values appear without any word of their parameter's name within 12 bytes before them."""
        bare = 0
        for ex in self.examples:
            for gold in ex["golds"]:
                for path, label in gold.args.items():
                    if label[0] != "span":
                        continue
                    mi, bs, _ = ex["spans"][label[1]]
                    before = (
                        F.message_text(ex["messages"][mi])
                        .encode("utf-8")[max(0, bs - 12) : bs]
                        .decode("utf-8", "replace")
                    )
                    if not set(F.words(path[-1])) & set(F.words(before)):
                        bare += 1
        self.assertGreater(bare, 500)

    def test_one_call_may_join_two_slots_values_with_and(self):
        """ "of 36 and 24" filling two slots of one call, not only two parallel calls of a one-slot tool."""
        joined = 0
        for ex in self.examples:
            if len(ex["golds"]) != 1:
                continue
            spans = sorted(ex["spans"][lab[1]] for lab in ex["golds"][0].args.values() if lab[0] == "span")
            for (m1, _, e1), (m2, b2, _) in zip(spans, spans[1:]):
                text = F.message_text(ex["messages"][m1]).encode("utf-8")
                joined += m1 == m2 and text[e1:b2] == b" and "
        self.assertGreater(joined, 2)  # none on the generator before session 6


HAN = re.compile(r"[\u4e00-\u9fff]")
ID_PARAMS = ("order_id", "product_id", "tracking_number", "code")


class Extractions(unittest.TestCase):
    """Issue 34: response schemas as one forced tool, values bare in a shop message."""

    @classmethod
    def setUpClass(cls):
        rng = random.Random(34)
        cls.examples = [data.make_extraction(rng, "train", lang) for lang in ("en", "zh") for _ in range(300)]

    def test_schemas_are_the_readers_copy_of_a_strict_schema(self):
        def closed(schema):  # closed; required = the fields that do not admit null (synthetic.ts readerSchema)
            props = schema.get("properties", {})
            self.assertEqual(schema.get("additionalProperties"), False)
            non_null = [k for k, sub in props.items() if not isinstance(sub["type"], list)]
            self.assertEqual(sorted(schema.get("required", [])), sorted(non_null))
            for sub in props.values():
                if sub.get("type") == "object":
                    closed(sub)

        for ex in self.examples:
            self.assertEqual(len(ex["tools"]), 1)
            self.assertEqual([m["role"] for m in ex["messages"]], ["user"])  # instructions are not read
            closed(ex["tools"][0]["function"]["parameters"])

    def test_every_stated_value_is_a_span_of_the_user_message_and_absent_fields_are_nullable(self):
        kinds = set()
        for ex in self.examples:
            (gold,) = ex["golds"]
            user = ex["messages"][-1]["content"]
            props = ex["tools"][0]["function"]["parameters"]["properties"]
            for path, label in gold.args.items():
                kinds.add(label[0])
                keys = [label[1]] if label[0] == "span" else label[1] if label[0] == "spans" else []
                for key in keys:
                    text = data.span_text(ex, key)
                    self.assertIn(text, user)
                    self.assertEqual(text, text.strip())
            for name, sub in props.items():
                stated = any(path[0] == name for path in gold.args)
                self.assertTrue(stated or "null" in sub["type"], f"{name} neither stated nor nullable: {user}")
            self.assertIsNotNone(data.encode(ex))
        self.assertEqual(kinds, {"span", "spans", "option", "bool"})

    def test_array_fields_label_each_listed_value(self):
        arrays = [ex for ex in self.examples if ("items",) in ex["golds"][0].args]
        self.assertTrue(arrays)
        for ex in arrays:
            label = ex["golds"][0].args[("items",)]
            self.assertEqual(label[0], "spans")
            self.assertEqual(len(set(label[1])), len(label[1]))

    def test_the_share_of_extractions_is_a_parameter(self):
        rng = random.Random(0)
        kinds = [data.make_example(rng, "train", 3)["kind"] for _ in range(1500)]
        share = kinds.count("extract") / len(kinds)
        self.assertAlmostEqual(share, data.EXTRACT_FRAC, delta=0.03)
        self.assertEqual(sum(data.make_example(rng, "train", 2)["kind"] == "extract" for _ in range(300)), 0)


class ChineseNumbers(unittest.TestCase):
    """data_zh's reader mirrors src/lang/zh (the tables of numerals.test.ts and money.test.ts, the forms it writes)."""

    def test_numerals_read_as_src_lang_zh_reads_them(self):
        table = [
            ("零", 0),
            ("十二", 12),
            ("一百二十", 120),
            ("一百零五", 105),
            ("一百一十", 110),
            ("三百五", 350),
            ("两千五", 2500),
            ("两千零五", 2005),
            ("三千五百零二", 3502),
            ("一万二", 12000),
            ("一万零二百", 10200),
            ("十万", 100000),
            ("1.5万", 15000),
            ("三点五", 3.5),
            ("零点二五", 0.25),
            ("壹佰贰拾", 120),
            ("二零二六", 2026),
            ("第三", 3),
            ("负三", -3),
        ]
        for text, want in table:
            self.assertEqual(data_zh.parse_zh_number(text), want, text)
        for text in ["", "五件", "订单", "十十", "百千", "点", "一百二十元"]:
            self.assertIsNone(data_zh.parse_zh_number(text), text)

    def test_amounts_and_counts_read_as_their_value(self):
        table = [
            ("一百二十元", 120),
            ("¥99", 99),
            ("￥99", 99),
            ("99块", 99),
            ("99块钱", 99),
            ("人民币120元", 120),
            ("99.9元", 99.9),
            ("3块5", 3.5),
            ("三块五", 3.5),
            ("两千五百元", 2500),
            ("五件", 5),
            ("两瓶", 2),
            ("3个", 3),
            ("十二盒", 12),
            ("1,299", 1299),
        ]
        for text, want in table:
            self.assertEqual(data_zh.read_number(text), want, text)
        for text in ["A-1042", "订单", "元", "五件A"]:
            self.assertIsNone(data_zh.read_number(text), text)

    def test_written_numerals_read_back(self):
        for n in list(range(0, 2100)) + list(range(9900, 25000, 7)):
            for liang in (True, False):
                for colloquial in (True, False):
                    text = data_zh.numeral(n, liang, colloquial)
                    self.assertEqual(data_zh.parse_zh_number(text), n, text)
        self.assertEqual([data_zh.numeral(n) for n in (120, 12, 105, 10010)], ["一百二十", "十二", "一百零五", "一万零一十"])
        self.assertEqual([data_zh.numeral(n, colloquial=True) for n in (2500, 350, 12000)], ["两千五", "三百五", "一万二"])


class ChineseRequests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        rng = random.Random(38)
        examples = [data.make_example(rng, split, 3, zh_frac=1.0) for split in ("train", "test") for _ in range(700)]
        cls.examples = [ex for ex in examples if ex["kind"] != "extract"]  # extractions are English only

    def labelled(self):
        """(example, parameter schema, parameter name, span key) of every span label."""
        for ex in self.examples:
            for gold in ex["golds"]:
                props = ex["tools"][gold.tool_index]["function"]["parameters"]["properties"]
                for path, lab in gold.args.items():
                    schema = props[path[0]] if len(path) == 1 else props[path[0]]["properties"][path[1]]
                    for key in [lab[1]] if lab[0] == "span" else lab[1] if lab[0] == "spans" else []:
                        yield ex, schema, path[-1], key

    def test_chinese_values_read_back_as_their_labels(self):
        forms = {"numeral": 0, "money": 0, "count": 0}
        for ex, schema, _, key in self.labelled():
            if key not in ex["values"]:
                continue
            text = data.span_text(ex, key)
            self.assertEqual(data_zh.read_number(text), ex["values"][key], text)
            forms["money"] += bool(re.search(r"[¥￥元块]", text))
            forms["count"] += bool(re.search("[" + data_zh.MEASURE_WORDS + "]$", text)) and "块" not in text
            forms["numeral"] += bool(re.fullmatch("[" + data_zh.ZH_NUMBER_CHARS + "]+", text)) and not text.isascii()
        self.assertTrue(all(n > 10 for n in forms.values()), forms)

    def test_integer_slots_get_integers(self):
        for ex, schema, _, key in self.labelled():
            if schema.get("type") == "integer" and key in ex["values"]:
                self.assertIsInstance(ex["values"][key], int, data.span_text(ex, key))

    def test_identifiers_inside_chinese_text_are_exact_spans(self):
        glued = 0
        for ex, _, name, key in self.labelled():
            if name not in ID_PARAMS:
                continue
            mi, bs, be = ex["spans"][key]
            text = F.message_text(ex["messages"][mi]).encode("utf-8")
            span = text[bs:be].decode("utf-8")
            if not HAN.search(span):  # ids (not the Chinese texts a reason or message may be)
                self.assertRegex(span, r"^[^\W_][\w-]*[^\W_]$")  # word-number ids may hold accents ("soirées-774")
                glued += bool(HAN.search(text[:bs].decode("utf-8")[-1:]) and HAN.search(text[be:].decode("utf-8")[:1]))
        self.assertGreater(glued, 50)  # "查一下订单A-1042的状态": Chinese on both sides, no space

    def test_english_schemas_meet_chinese_requests_and_some_schemas_are_chinese(self):
        by_desc = {"en": 0, "zh": 0}
        for ex in self.examples:
            texts = [F.message_text(m) for m in ex["messages"] if m["role"] == "user"]
            self.assertTrue(any(re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", t) for t in texts), texts)
            descs = " ".join(
                (t["function"].get("description") or "")
                + " ".join(p.get("description") or "" for p in t["function"]["parameters"]["properties"].values())
                for t in ex["tools"]
            )
            if ex["desc_lang"] == "en":
                self.assertIsNone(HAN.search(descs), descs)
            by_desc[ex["desc_lang"]] += 1
        self.assertGreater(by_desc["en"], by_desc["zh"])  # English schemas with Chinese requests: the common case
        self.assertGreater(by_desc["zh"], 0.2 * len(self.examples))
        described = [ex for ex in self.examples if ex["desc_lang"] == "zh"]
        self.assertTrue(
            any(HAN.search(t["function"].get("description") or "") for ex in described for t in ex["tools"])
        )

    def test_chinese_dates_and_times_are_labelled_as_their_spans(self):
        seen = 0
        for ex, schema, name, key in self.labelled():
            text = data.span_text(ex, key)
            if schema.get("type") == "string" and re.search(r"[月号日点天周]", text) and re.search(r"date|time|day", name):
                self.assertFalse(re.match(r"^[在给把]|.*[的了]$", text), text)  # particles stay outside the span
                seen += 1
        self.assertGreater(seen, 10)

    def test_chinese_missing_arguments_and_no_calls_occur(self):
        kinds = {ex["kind"] for ex in self.examples if not ex["golds"] or ex["missing"]}
        self.assertTrue({"missing", "irrelevant"} <= kinds, kinds)
        for ex in self.examples:
            if ex["kind"] == "irrelevant":
                self.assertFalse(ex["golds"])

    def test_the_share_of_chinese_is_a_parameter(self):
        rng = random.Random(1)
        self.assertFalse(any(data.make_example(rng, "train", 3, zh_frac=0.0)["lang"] == "zh" for _ in range(200)))
        langs = [data.make_example(rng, "train", 3)["lang"] for _ in range(600)]
        self.assertTrue(0.05 < langs.count("zh") / len(langs) < 0.25)  # ZH_FRAC, 0.12 unless the recipe sets it


class Splits(unittest.TestCase):
    def test_validation_words_and_templates_are_never_used_in_training(self):
        train, val, test = (set(data.WORDS[k]) for k in ("train", "val", "test"))
        self.assertTrue(val and test and len(train) > 5 * len(val))
        self.assertFalse(train & val or train & test or val & test)
        rng = random.Random(0)
        picked = {
            split: {data.pick_template(rng, data.MENTION_EN, "men", split)[0] for _ in range(300)}
            for split in ("train", "val", "test")
        }
        self.assertTrue(picked["val"])
        self.assertFalse(picked["train"] & picked["val"] or picked["train"] & picked["test"])

    def test_held_out_tools_are_never_offered_nor_asked_for_in_training(self):
        held = [t for t in data.ECOM if t.heldout]
        pattern = lambda intent: re.compile(re.sub(r"\\\{[a-z_]+\\\}", ".+", re.escape(intent)))  # noqa: E731
        intents = [pattern(i) for t in held for i in t.intents]
        others = [pattern(i) for t in data.ECOM if not t.heldout for i in t.intents]
        rng = random.Random(9)
        ghosts = 0
        for _ in range(4000):
            ex = data.make_example(rng, "train", 3)
            names = {t["function"]["name"] for t in ex["tools"]}
            self.assertFalse(names & {t.name for t in held})
            text = " ".join(F.message_text(m) for m in ex["messages"])
            self.assertFalse([p.pattern for p in intents if p.search(text)], text)
            ghosts += ex["kind"] == "irrelevant" and any(p.search(text) for p in others)
        self.assertGreater(ghosts, 5)  # requests for e-commerce tools that are not offered still come

    def test_the_product_name_cart_tool_is_trained_on_and_never_evaluated(self):
        named = data.ECOM_TRAIN[-1]
        schema = named.schema()["function"]["parameters"]
        self.assertEqual(schema["required"], ["product"])
        self.assertEqual(set(schema["properties"]["shipping"]["properties"]), {"city", "express"})
        rng = random.Random(11)
        asked = 0
        for split in ("train", "val", "test"):
            for _ in range(1500):
                ex = data.make_example(rng, split, 3)
                offered = [t["function"] for t in ex["tools"] if "product" in t["function"]["parameters"]["properties"]]
                carts = [fn for fn in offered if fn["name"] == "add_to_cart"]
                self.assertTrue(split == "train" or not carts, split)
                for gold in ex["golds"]:
                    fn = ex["tools"][gold.tool_index]["function"]
                    if fn["name"] == "add_to_cart" and "product" in fn["parameters"]["properties"]:
                        asked += 1
                        label = gold.args.get(("product",))  # none when the product is the missing argument
                        if label is not None:
                            self.assertEqual(label[0], "span")
                            self.assertTrue(data.span_text(ex, label[1]).strip())
        self.assertGreater(asked, 5)


class RepeatedRequests(unittest.TestCase):
    def test_parallel_calls_may_be_asked_as_whole_requests_each_labelled_in_its_own_part(self):
        rng = random.Random(5)
        checked = 0
        for _ in range(400):
            ex = data.make_example(rng, "train", 3)
            parts = sorted({k.rsplit("/", 1)[1] for k in ex["spans"] if "/" in k})
            if len(ex["golds"]) < 2 or len(parts) < 2:
                continue
            checked += 1
            starts = {}
            for gold in ex["golds"]:
                for label in gold.args.values():
                    if label[0] == "span":
                        self.assertTrue(data.span_text(ex, label[1]))
                        starts.setdefault(label[1].rsplit("/", 1)[1], []).append(ex["spans"][label[1]][1])
            # the r-th request's values all come after every value of the requests before it
            order = [starts[r] for r in sorted(starts, key=int)]
            for earlier, later in zip(order, order[1:]):
                self.assertLess(max(earlier), min(later))
        self.assertGreater(checked, 5)


class CallMajorParallel(unittest.TestCase):
    def test_a_call_separator_is_always_followed_by_that_calls_values(self):
        seps = "|".join(re.escape(s) for s in data.CALL_SEP_EN)
        empty_call = re.compile(f"(?:{seps})(?:{seps})")
        rng = random.Random(9)
        for _ in range(3000):
            ex = data.make_example(rng, "train", 3)
            if ex["kind"] == "parallel":
                self.assertIsNone(empty_call.search(ex["messages"][-1]["content"]), ex["messages"][-1]["content"])


class BareValues(unittest.TestCase):
    def leads(self, avoid):
        """The first word of 400 bare mentions of a target currency."""
        to = data.P("to_currency", "string", "Target currency code", True, phrases=["to", "into"], gen="currency")
        out = set()
        for seed in range(400):
            conv = data.Conv()
            conv.start("user")
            data._mention(
                random.Random(seed), conv, to, "k", data.WORDS["train"], "en", "train", bare=True, avoid=avoid
            )
            conv.end()
            out.add(F.message_text(conv.messages[-1]).split()[0])
        return out

    def test_a_bare_value_is_never_led_by_another_parameters_phrase(self):
        self.assertIn("from", self.leads(frozenset()))
        self.assertNotIn("from", self.leads(frozenset({"from"})))


class RealWorldKinds(unittest.TestCase):
    def values(self, kind, split, n=400):
        rng = random.Random(1)
        ident = "_".join
        return {
            data.kind_value(rng, data.kind_param(rng, kind, split, ident, True), data.WORDS[split]) for _ in range(n)
        }

    def test_held_out_names_of_places_people_and_languages_are_never_used_in_training(self):
        held_out = {v for k in ("city", "country", "language", "name") for v in data.ENTITIES["test"][k]}
        train = set().union(*(self.values(k, "train") for k in ("place", "country", "person", "language")))
        parts = {p for v in train for p in v.split(", ")} | {
            p for v in self.values("person", "train") for p in v.split()
        }
        self.assertFalse(parts & held_out)
        self.assertTrue(self.values("language", "test") <= set(data.ENTITIES["test"]["language"]))

    def test_a_route_is_asked_from_one_place_to_another_and_labelled_in_that_order(self):
        rng = random.Random(2)
        routes = 0
        for _ in range(3000):
            ex = data.make_example(rng, "train", 3)
            if ex["kind"] != "call" or ex["lang"] != "en":
                continue
            gold = ex["golds"][0]
            text = F.message_text(ex["messages"][-1])
            names = list(ex["tools"][gold.tool_index]["function"]["parameters"]["properties"])
            plain = [n.replace("_", "").replace("-", "").lower() for n in names[:2]]
            for a, b in data.ROUTES:
                first = [gold.args.get((n,)) for n in names[:2]]
                if plain != [a.replace("_", ""), b.replace("_", "")] or any(
                    lab is None or lab[0] != "span" for lab in first
                ):
                    continue
                start, end = (data.span_text(ex, lab[1]) for lab in first)
                if f"{start} to {end}" in text or f"{start} into {end}" in text:
                    routes += 1
        self.assertGreater(routes, 5)


class Tails(unittest.TestCase):
    def test_a_name_may_be_followed_by_a_clause_that_its_span_leaves_out(self):
        rng = random.Random(5)
        starts = (
            " that ",
            " which ",
            " who ",
            " using ",
            " according to ",
            " if possible",
            " as soon as possible",
            " having ",
            " where ",
            " whose ",
        )
        tailed = 0
        for _ in range(1500):
            ex = data.make_example(rng, "train", 3)
            for gold in ex["golds"]:
                for label in gold.args.values():
                    if label[0] != "span":
                        continue
                    msg, start, end = ex["spans"][label[1]]
                    content = F.message_text(ex["messages"][msg]).encode("utf-8")
                    after = content[end : end + 24].decode("utf-8", "ignore")
                    value = content[start:end].decode("utf-8")
                    if value[:1].isupper() and after.startswith(starts):
                        tailed += 1
                        self.assertFalse(value.endswith((" that", " using", " if")), value)
        self.assertGreater(tailed, 20)


class Preambles(unittest.TestCase):
    def test_a_request_may_open_with_a_sentence_that_holds_no_value(self):
        rng = random.Random(7)
        openers = tuple(t.split("{")[0] for t in data.PREAMBLES_EN)
        opened = 0
        for _ in range(1500):
            ex = data.make_example(rng, "train", 3)
            last = len(ex["messages"]) - 1
            text = F.message_text(ex["messages"][last])
            if ex["kind"] != "call" or not text.startswith(openers):
                continue
            opened += 1
            first_request_byte = min((s for m, s, _ in ex["spans"].values() if m == last), default=len(text))
            self.assertGreater(first_request_byte, len(min(openers, key=len)), text)
        self.assertGreater(opened, 20)


class DatesAndTimes(unittest.TestCase):
    def test_date_and_time_parameters_are_labelled_with_the_whole_date_or_time(self):
        rng = random.Random(6)
        date = re.compile(
            r"^(?:(?:the )?\d{1,2}(?:st|nd|rd|th)?(?: of)? [A-Za-z]{3,}\.?(?: \d{4})?|[A-Za-z]{3,}\.? \d{1,2}"
            r"(?:st|nd|rd|th)?,?(?: \d{4})?|\d{1,4}[-/]\d{1,2}[-/]\d{2,4}|today|tomorrow|"
            r"(?:next |this |the upcoming )?[A-Z][a-z]+day)$"
        )
        time = re.compile(r"^(?:\d{1,2}(?::\d{2})?(?: ?[ap]\.?m\.?| [AP]M| o'clock| in the \w+)?|noon|midnight)$")
        n = "[0-9〇一二两三四五六七八九十]"
        date_zh = re.compile(
            rf"^(?:(?:{n}{{4}}年)?{n}{{1,3}}月{n}{{1,3}}[日号]|\d{{4}}/\d{{1,2}}/\d{{1,2}}|(?:下个月)?\d{{1,2}}号|"
            r"今天|明天|后天|大后天|(?:下下|下|这)?(?:周|星期|礼拜)[一二三四五六日天])$"
        )
        time_zh = re.compile(rf"^(?:(?:上午|下午|晚上|早上|中午|凌晨)?{n}{{1,2}}点(?:半|一刻|\d{{2}}分|整)?|\d{{1,2}}:\d{{2}})$")
        seen = {"date": 0, "time": 0}
        for _ in range(3000):
            ex = data.make_example(rng, "train", 3)
            for gold in ex["golds"]:
                props = ex["tools"][gold.tool_index]["function"]["parameters"]["properties"]
                for path, label in gold.args.items():
                    name, desc = path[0].replace("-", "_"), props[path[0]].get("description")
                    # a date or time parameter, not a lexicon word that happens to be "time" ("The time of the ...")
                    kind = next(
                        (
                            k
                            for k in ("date", "time")
                            if name in data.KINDS[k]["names"] and desc in data.KINDS[k]["descs"]
                        ),
                        None,
                    )
                    if kind is None or label[0] != "span" or props[path[0]].get("type") != "string":
                        continue
                    seen[kind] += 1
                    zh = HAN.search(data.span_text(ex, label[1])) is not None  # a Chinese request may say "March 8"
                    self.assertRegex(
                        data.span_text(ex, label[1]),
                        (date_zh if zh else date) if kind == "date" else time_zh if zh else time,
                    )
        self.assertGreater(min(seen.values()), 20)


class WorldQuestions(unittest.TestCase):
    def test_questions_about_the_world_take_their_places_from_their_own_split(self):
        rng = random.Random(3)
        held_out = {p for p in data.ENTITIES["test"]["city"] + data.ENTITIES["test"]["country"] if len(p) > 6}
        train = " | ".join(data.world_question(rng, "train", "en") for _ in range(400))
        test = " | ".join(data.world_question(rng, "test", "en") for _ in range(400))
        self.assertFalse([p for p in held_out if p in train])
        self.assertTrue([p for p in held_out if p in test])
        self.assertNotIn("{", train + test)

    def test_irrelevant_examples_ask_them_and_call_no_tool(self):
        patterns = [re.compile(re.sub(r"\\\{[a-z0-9]+\\\}", ".+", re.escape(t)) + "$") for t in data.WORLD_QUESTIONS_EN]
        rng = random.Random(4)
        asked = 0
        for _ in range(1500):
            ex = data.make_example(rng, "train", 3)
            if ex["kind"] != "irrelevant":
                continue
            self.assertEqual((ex["golds"], ex["missing"]), ([], []))
            asked += any(p.match(F.message_text(ex["messages"][-1])) for p in patterns)
        self.assertGreater(asked, 10)


class MemoryLoss(unittest.TestCase):
    def batch(self, mem_query_like_target):
        # two conversations of three messages (4 positions each); follow-up = message 2, recalled = message 0
        B, T, K = 2, 12, 8
        g = torch.Generator().manual_seed(0)
        mem = torch.randn(B, T, K, generator=g)
        msg = torch.tensor([[0] * 4 + [1] * 4 + [2] * 4] * B)
        if mem_query_like_target:
            mem[:, 8:12] = mem[:, 0:4]
        return mem, {"msg_index": msg, "memory_pair": torch.tensor([[2, 0], [2, 0]])}

    def test_lower_when_the_follow_up_resembles_the_recalled_message(self):
        near = memory_loss(*self.batch(True))
        far = memory_loss(*self.batch(False))
        self.assertLess(float(near), float(far))

    def test_zero_without_pairs_and_gradient_with_them(self):
        mem, b = self.batch(False)
        b["memory_pair"] = torch.full((2, 2), -1)
        self.assertEqual(float(memory_loss(mem, b)), 0.0)
        mem2, b2 = self.batch(False)
        loss = memory_loss(mem2.requires_grad_(True), b2)
        loss.backward()
        self.assertGreater(float(mem2.grad.abs().sum()), 0.0)

    def test_a_recalled_message_cut_off_by_the_window_is_no_target(self):
        mem, b = self.batch(False)
        b["msg_index"][1, :4] = -1  # row 1's message 0 fell out of the t_max window
        cut = float(memory_loss(mem, b))
        b["memory_pair"] = torch.tensor([[2, 0], [-1, -1]])
        self.assertLess(cut, 100.0)
        self.assertAlmostEqual(cut, float(memory_loss(mem, b)), places=4)


if __name__ == "__main__":
    unittest.main()
