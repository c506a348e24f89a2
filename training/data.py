"""Synthetic curriculum for the schema-guided tool caller (never uses BFCL data).

An example = OpenAI-style tools + messages + gold calls, where every value the model must point at is recorded as a
byte span of a message while the text is built. `encode` turns examples into the tensors and per-element labels of
wasm/CONTRACT.md's heads.

Stages: 1 = one tool, 1-2 values; 2 = several tools, optional params present/absent, enums by paraphrase, booleans,
number formats and number words, arrays, parallel calls, several different tools; 3 = multi-turn follow-ups, missing
required args, irrelevant requests, type mismatches, Chinese phrasing.
Held-out split: generic tools built only from held-out lexicon words, held-out e-commerce tools, held-out templates.
"""
import hashlib
import json
import os
import random
import re

import numpy as np
import torch

import data_zh as Z
import features as F

IGNORE = -100
# Share of stage-3 examples phrased in Chinese (issue 38). The default keeps the mix as it was (12%); a recipe raises
# it with ZH_FRAC=0.25 in the environment (read by every process that makes batches) or make_example(zh_frac=...).
ZH_FRAC = float(os.environ.get("ZH_FRAC", "0.12"))
# Of the Chinese examples, the share whose tools and parameters are described in Chinese; the rest pair Chinese
# requests with English schemas, the common case (a shop's tools described in English, its customers writing Chinese).
ZH_DESC_P = 0.35


def _heldout(s, mod=8):
    return int(hashlib.md5(s.encode()).hexdigest()[:8], 16) % mod == 0


def _split_of(s, test_mod, val_mod):
    """ "test" (the held-out split: 1 / test_mod), "val" (model selection: 1 / val_mod of the rest) or "train"."""
    if _heldout(s, test_mod):
        return "test"
    return "val" if _heldout(s + "/val", val_mod) else "train"


# The system files the lexicons come from (Debian's wamerican, tzdata, iso-codes), under SYSTEM_FILES_ROOT when it is
# set: a machine without them (a lent GPU) reads copies packed by training/gpu_phase.sh.
SYSTEM_FILES_ROOT = os.environ.get("SYSTEM_FILES_ROOT", "/")


def _system_file(path):
    return os.path.join(SYSTEM_FILES_ROOT, path.lstrip("/"))


def _load_words():
    with open(_system_file("/usr/share/dict/words")) as f:
        ws = sorted({w.strip() for w in f if w.strip().isalpha() and w.strip().islower() and 3 <= len(w.strip()) <= 10})
    return {split: [w for w in ws if _split_of(w, 8, 8) == split] for split in ("train", "val", "test")}


WORDS = _load_words()
ID_WORDS = sorted(WORDS["train"] + WORDS["val"])  # word-number IDs ("corpulence-354") in every split


def _load_entities():
    """Real-world names by kind, split like the words: places (time-zone cities, ISO 3166 countries and subdivisions),
    people's names (capitalised dictionary words that are no place), languages (ISO 639 with a two-letter code)."""
    iso = _system_file("/usr/share/iso-codes/json/")
    with open(_system_file("/usr/share/zoneinfo/zone1970.tab")) as f:
        cities = {ln.split("\t")[2].strip().split("/")[-1].replace("_", " ") for ln in f if not ln.startswith("#")}
    with open(iso + "iso_3166-1.json") as f:
        countries = {c.get("common_name", c["name"]) for c in json.load(f)["3166-1"]}
    with open(iso + "iso_3166-2.json") as f:
        regions = {r["name"].split(" [")[0] for r in json.load(f)["3166-2"]}
        f.seek(0)
        states = sorted(r["code"][3:] for r in json.load(f)["3166-2"] if r["code"].startswith("US-"))
    with open(iso + "iso_639-2.json") as f:
        languages = {
            min(x["name"].split("; "), key=lambda n: "," in n) for x in json.load(f)["639-2"] if "alpha_2" in x
        }
    clean = lambda names: {
        n.split(" (")[0] for n in names if "," not in n
    }  # "Occitan (post 1500)", "Korea, Republic of"
    cities, countries, regions, languages = clean(cities), clean(countries), clean(regions), clean(languages)
    places = cities | countries | regions
    with open(_system_file("/usr/share/dict/words")) as f:
        proper = {w.strip() for w in f if w.strip().isalpha() and w[:1].isupper() and w[1:2].islower()}
    names = sorted(proper - places - languages)
    kinds = {"city": cities, "country": countries, "region": regions, "language": languages, "name": names}
    out = {
        split: {k: [v for v in sorted(vs) if _split_of(v, 8, 8) == split] for k, vs in kinds.items()}
        for split in ("train", "val", "test")
    }
    for split in out:
        out[split]["state"] = states
    return out


ENTITIES = _load_entities()


VERBS = [
    "get",
    "create",
    "update",
    "delete",
    "list",
    "search",
    "send",
    "book",
    "schedule",
    "compute",
    "convert",
    "fetch",
    "find",
    "check",
    "set",
    "cancel",
    "add",
    "remove",
    "register",
    "calculate",
    "translate",
    "play",
    "reserve",
    "track",
    "lookup",
    "generate",
    "validate",
    "publish",
    "archive",
    "assign",
    "rename",
    "notify",
]
NUM_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    15: "fifteen",
    20: "twenty",
    25: "twenty-five",
    30: "thirty",
    40: "forty",
    50: "fifty",
    100: "a hundred",
}
PRODUCTS = [
    "running shoes",
    "rain jacket",
    "laptop stand",
    "wireless headphones",
    "coffee mug",
    "desk lamp",
    "backpack",
    "phone charger",
    "smart watch",
    "blender",
    "yoga mat",
    "water bottle",
    "sunglasses",
    "bluetooth speaker",
    "winter boots",
    "gaming mouse",
    "office chair",
    "wool scarf",
    "tent",
    "kettle",
]
ADJ = [
    "red",
    "black",
    "waterproof",
    "cheap",
    "leather",
    "kids",
    "organic",
    "vintage",
    "blue",
    "lightweight",
    "large",
    "cotton",
    "stainless",
    "foldable",
    "compact",
    "white",
    "green",
    "men's",
    "women's",
    "ergonomic",
]
CURRENCIES = {"USD": "dollars", "EUR": "euros", "GBP": "pounds", "JPY": "yen", "CHF": "francs", "CAD": "loonies"}
# Slots for real-world kinds of value: parameter names and descriptions, and the words a bare value comes with.
# The value itself comes from ENTITIES (unseen names in the held-out split), so the model learns what a place or a
# person's name looks like, not a list.
KINDS = {
    "place": dict(
        names=[
            "location",
            "city",
            "place",
            "town",
            "city_name",
            "area",
            "destination",
            "venue",
            "region",
            "home_city",
            "search_location",
        ],
        descs=[
            "The city or place",
            "City name, e.g. a town and its state",
            "Where to look",
            "Location",
            "The city and state",
            None,
        ],
        bare=["in {v}", "in {v}", "at {v}", "near {v}", "around {v}", "for {v}", "{v}", "of {v}"],
    ),
    "country": dict(
        names=["country", "nation", "country_name", "market", "jurisdiction"],
        descs=["The country", "Name of the country", None],
        bare=["in {v}", "from {v}", "for {v}", "{v}", "of {v}"],
    ),
    "person": dict(
        names=[
            "name",
            "person",
            "artist",
            "author",
            "customer_name",
            "player_name",
            "recipient",
            "contact",
            "employee_name",
            "full_name",
            "guest",
            "player",
            "musician",
            "user_name",
            "owner",
            "director",
            "actor",
            "singer",
            "writer",
            "host",
            "speaker",
            "doctor",
            "teacher",
        ],
        descs=["Full name of the person", "The person's name", "Name", None],
        bare=["by {v}", "for {v}", "of {v}", "{v}", "with {v}", "to {v}", "{v}'s"],
    ),
    "company": dict(
        names=[
            "company",
            "brand",
            "organization",
            "store",
            "team",
            "publisher",
            "vendor",
            "manufacturer",
            "company_name",
            "firm",
        ],
        descs=["Name of the company", "The brand or store", None],
        bare=["at {v}", "from {v}", "by {v}", "for {v}", "{v}", "of {v}", "{v}'s"],
    ),
    "language": dict(
        names=["language", "lang", "target_language", "source_language", "locale"],
        descs=["The language", "Language name", None],
        bare=["in {v}", "into {v}", "to {v}", "{v}", "from {v}"],
    ),
    "title": dict(
        names=["title", "book_title", "song", "movie", "case_title", "work", "album", "name_of_book"],
        descs=["The title", "Title of the work", None],
        bare=["'{v}'", '"{v}"', "titled {v}", "called {v}", "'{v}'", "named {v}"],
    ),
    "topic": dict(
        names=["topic", "subject", "keyword", "query", "genre", "category", "field", "theme", "interest"],
        descs=["The topic", "What to search for", "Subject area", None],
        bare=["about {v}", "on {v}", "for {v}", "{v}", "in {v}", "related to {v}"],
    ),
    "date": dict(
        names=[
            "date",
            "start_date",
            "event_date",
            "day",
            "due_date",
            "delivery_date",
            "check_in_date",
            "departure_date",
            "travel_date",
            "appointment_date",
            "when",
        ],
        descs=[
            "The date",
            "Date of the event",
            "The date for which the information is requested",
            "Day to book",
            "When it takes place",
            None,
        ],
        bare=["on {v}", "on {v}", "for {v}", "{v}", "by {v}", "due {v}", "starting {v}"],
    ),
    "time": dict(
        names=[
            "time",
            "start_time",
            "departure_time",
            "pickup_time",
            "appointment_time",
            "at_time",
            "hour",
            "time_of_day",
        ],
        descs=["Time of day", "The time, in 24-hour format", "Start time", "When to start", None],
        bare=["at {v}", "at {v}", "around {v}", "{v}", "by {v}", "after {v}"],
    ),
}
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ROUTE_FROM, ROUTE_TO = ["from {v}", "from {v}", "leaving {v}", "starting at {v}"], ["to {v}", "to {v}", "into {v}"]
ROUTES = [
    ("origin", "destination"),
    ("start_location", "end_location"),
    ("from_city", "to_city"),
    ("departure", "arrival"),
    ("start", "end"),
    ("pickup", "dropoff"),
]
COMPANY_SUFFIX = ["Inc.", "Ltd.", "Corp", "Group", "& Co", "LLC", "Labs", "Motors", "Foods", "Bank"]

# ---------------------------------------------------------------------------------------------------------- text
# Templates: (template id, text). Ids whose _heldout(id, 5) is true are used only in the held-out split, 1/6 of the
# others only in the validation split (choosing between checkpoints without the held-out split).
MENTION_EN = [
    "{p} {v}",
    "{p} is {v}",
    "{p}: {v}",
    "with {p} {v}",
    "{v} as the {p}",
    "set the {p} to {v}",
    "{p} should be {v}",
    "using {v} for {p}",
    "{p} = {v}",
    "the {p} {v}",
    "{p} of {v}",
    "and {p} {v}",
    "{p} -> {v}",
    "my {p} is {v}",
    "for {p} use {v}",
    "{p} set to {v}",
    "{p}={v}",
    "{p} of {v}",
]
BARE_EN = [
    "{v}",
    "{v}",
    "for {v}",
    "of {v}",
    "in {v}",
    "at {v}",
    "on {v}",
    "to {v}",
    "from {v}",
    "'{v}'",
    '"{v}"',
    "by {v}",
    "{v} {u}",
    "the {u} {v}",
    "{u} {v}",
    "about {v}",
]
SHORT_NAMES = [
    "x",
    "y",
    "z",
    "a",
    "b",
    "c",
    "n",
    "k",
    "m",
    "p",
    "q",
    "r",
    "t",
    "id",
    "num",
    "val",
    "n1",
    "n2",
    "x1",
    "x2",
    "lat",
    "lon",
    "qty",
]
CALL_SEP_EN = [
    ", and also ",
    "; also ",
    ", then ",
    " and another with ",
    "; and ",
    ". Then ",
    ", plus ",
    ", and again with ",
    "; repeat with ",
]
UNITS = ["cm", "kg", "m", "km", "lbs", "%", "ft", "in", "ms", "s", "mph", "GB", "mg", "units", "years", "days"]
BARE_ZH = ["{v}", "{v}", "在{v}", "给{v}", "{v}的", "{u}{v}"]
MENTION_ZH = ["{p}是{v}", "{p}：{v}", "{p}为{v}", "把{p}设为{v}", "{v}作为{p}", "{p}用{v}"]
REQUEST_EN = [
    "{i} {m}.",
    "Please {i}, {m}.",
    "Could you {i}? {m}.",
    "I need to {i}: {m}.",
    "{m} - {i} please.",
    "Can you {i} with {m}?",
    "hey, {i}. {m}",
    "I'd like to {i}; {m}.",
    "Go ahead and {i}, {m}.",
    "{i} now ({m})",
    "Quick one: {i}, {m}",
    "Would you {i} for me? {m}",
]
# Sentences before a request that hold no value (people explain themselves first): the values are in the request.
PREAMBLES_EN = [
    "Hi there!",
    "Hello,",
    "Good morning.",
    "Quick question.",
    "Hey,",
    "I have a question.",
    "I'm planning a {w} soon.",
    "My {w} and I want to do something this week.",
    "It's been a long day and I'm {w}.",
    "I'm at home and have some time.",
    "So here's the thing:",
    "I've been thinking about the {w} all day.",
    "We're organising a {w} for the team.",
    "This is for my {w}.",
    "I can't find what I need on the site.",
    "Thanks for the help earlier.",
]
PREAMBLE_P = 0.15
REQUEST_ZH = [
    "请帮我{i}，{m}。",
    "我想{i}：{m}",
    "麻烦{i}，{m}。",
    "能不能{i}？{m}",
    "{m}，请{i}。",
    "帮我{i}，{m}",
    "麻烦你帮我{i}，{m}，谢谢！",
    "请问可以{i}吗？{m}。",
    "我要{i}，{m}",
    "{i}，{m}",
    "{i}，{m}，谢谢。",
    "能帮我{i}吗？{m}",
    "{m}，帮我{i}",
    "想请你{i}：{m}。",
    "{i}吧，{m}。",
    "可以{i}吗，{m}？",
    "请{i}（{m}）",
    "我想要{i}，{m}，麻烦了。",
    "在吗？帮忙{i}，{m}",
    "{m}。{i}，谢谢",
]
# Sentences before a Chinese request that hold no value.
PREAMBLES_ZH = ["你好，", "您好！", "在吗？", "请问一下，", "打扰了，", "我有个问题。", "急！", "麻烦问下，", "早上好，"]
IRRELEVANT_EN = [
    "What is the capital of {w}?",
    "Tell me a joke about a {w}.",
    "How are you today?",
    "Who wrote the book {W}?",
    "Thanks, that's all for now.",
    "What does the word {w} mean?",
    "Is it going to be sunny tomorrow?",
    "Write a short poem about {w} and {w2}.",
    "hello there",
    "Can you explain how {w} works?",
    "I love this shop!",
    "What time is it in {W}?",
]
IRRELEVANT_ZH = [
    "你好，你是谁？",
    "给我讲个关于{w}的笑话。",
    "今天天气怎么样？",
    "谢谢，没有别的问题了。",
    "{w}是什么意思？",
    "好的，谢谢你！",
    "你们店的东西挺不错的。",
    "在吗？",
    "没事了，我自己看看。",
    "你是机器人吗？",
    "帮我写一首关于{w}的诗。",
    "{W}是什么东西？",
    "算了，不用了。",
    "你们客服几点上班？",
    "我再想想。",
    "哈哈，好的。",
]
CHAT_FILLER_ZH = ["好的，还需要什么吗？", "已经办好了。", "收到。", "好的，还有别的需要吗？", "没问题。"]
# Questions about the world that mention real values (places, people, companies, numbers, titles) and that no tool
# answers: a value in the text is no reason to call a tool (phases 7 and 8 drifted toward calling on such text).
WORLD_QUESTIONS_EN = [
    "What is the population of {place}?",
    "Who is {person}?",
    "How far is {place} from {place2}?",
    "What's {n} plus {m}?",
    "Can you work out {n} times {m}?",
    "When was {company} founded?",
    "Translate '{phrase}' into {language}.",
    "Is '{title}' worth reading?",
    "Tell me about the history of {place}.",
    "What language do people speak in {country}?",
    "How old is {person} now?",
    "What is the square root of {n}?",
    "Summarize the plot of '{title}'.",
    "Who won the {phrase} prize in {year}?",
    "What's the time difference between {place} and {place2}?",
    "How do you say '{phrase}' in {language}?",
    "What were {company}'s profits in {year}?",
    "Explain {phrase} in simple terms.",
    "Why is {place} famous?",
    "Write a short bio of {person}.",
    "Is {n} a prime number?",
    "What happened in {country} in {year}?",
    "Who founded {company}?",
    "Recommend a book like '{title}'.",
    "What's the best time of year to visit {place}?",
]
WORLD_QUESTIONS_ZH = [
    "{place}有多少人口？",
    "{person}是谁？",
    "{n}加{m}等于多少？",
    "{company}是哪一年成立的？",
    "{country}说什么语言？",
    "{place}离{place2}有多远？",
    "{n}乘以{m}是多少？",
    "{place}为什么出名？",
    "{year}年{country}发生了什么？",
    "{company}的创始人是谁？",
    "把“{phrase}”翻译成{language}。",
    "{n}是质数吗？",
    "什么时候去{place}旅游最好？",
    "介绍一下{place}的历史。",
]
# What may follow a name in a request without belonging to it ("Seattle that plays jazz", "Melbourne using the
# fastest route", "Ronaldo's matches"): the value ends where its capitalised words do. No tail starts with a word
# that leads a bare value (in, for, with, ...), which would say that another parameter follows.
TAILS_EN = [
    "that {w}s {w}",
    "that has a {w}",
    "which {w}s",
    "who {w}s {w}",
    "using {w}",
    "using the {w} {w}",
    "according to {w}",
    "if possible",
    "as soon as possible",
    "please",
    "that {w}s until {n}",
    "having {w} and {w}",
    "and its {w}",
    "'s {w}",
    "'s {w} {w}",
    "where {w}s are {w}",
    "whose {w} is {w}",
]
# Kinds of value whose end the tail must find: capitalised names.
TAILED_KINDS = ("place", "person", "company", "country", "language")
TAIL_P = 0.2


def _tail(rng, split, ws):
    """A clause after a name that is no value ("that plays jazz"), words from the split's lexicon."""
    tid, t = pick_template(rng, TAILS_EN, "tail", split)
    text = t.replace("{n}", str(rng.randint(1, 12)))
    while "{w}" in text:
        text = text.replace("{w}", rng.choice(ws), 1)
    return text if text.startswith("'") else " " + text


CHAT_FILLER = [
    "Thanks! What else can I do for you?",
    "Sure, anything else?",
    "Done. Let me know if you need more.",
    "Got it.",
    "Okay, what would you like to do next?",
]


def world_values(rng, split):
    """Values for the placeholders of a world question, from the entities of the split."""
    e, ws = ENTITIES[split], WORDS[split]
    place = lambda: rng.choice(e[rng.choice(["city", "city", "region", "country"])])
    name = lambda: rng.choice(e["name"])
    return dict(
        place=place(),
        place2=place(),
        country=rng.choice(e["country"]),
        person=f"{name()} {name()}",
        company=f"{name()} {rng.choice(COMPANY_SUFFIX)}",
        language=rng.choice(e["language"]),
        title=" ".join(w.capitalize() for w in rand_phrase(rng, ws, rng.randint(1, 4)).split()),
        phrase=rand_phrase(rng, ws),
        n=rand_int(rng),
        m=rand_int(rng),
        year=str(rng.randint(1900, 2030)),
    )


def world_question(rng, split, lang):
    """A question about the world with real values in it (WORLD_QUESTIONS_EN), from the entities of the split."""
    template = rng.choice(WORLD_QUESTIONS_ZH if lang == "zh" else WORLD_QUESTIONS_EN)
    return template.format(**world_values(rng, split))


def pick_template(rng, table, name, split):
    opts = [(f"{name}{i}", t, _split_of(f"{name}{i}", 5, 6)) for i, t in enumerate(table)]
    ok = [o for o in opts if o[2] == split]
    if not ok and split != "test":  # a small table: training and validation share what the held-out split leaves
        ok = [o for o in opts if o[2] != "test"]
    tid, t, _ = rng.choice(ok or opts)
    return tid, t


# ----------------------------------------------------------------------------------------------- message builder
class Conv:
    """Builds messages piece by piece, recording byte spans of values (key -> list of (msg, start, end))."""

    def __init__(self):
        self.messages, self.spans, self._parts, self._role = [], {}, None, None
        self.values = {}  # span key -> the value a Chinese span reads as ("一百二十元" -> 120), for checks

    def start(self, role):
        self._parts, self._role, self._len = [], role, 0

    def add(self, text, key=None):
        b = len(text.encode("utf-8"))
        if key is not None:
            self.spans.setdefault(key, []).append((len(self.messages), self._len, self._len + b))
            if isinstance(text, Z.ZhValue):
                self.values[key] = text.value
        self._parts.append(text)
        self._len += b

    def end(self):
        self.messages.append({"role": self._role, "content": "".join(self._parts)})

    def say(self, role, text):
        self.start(role)
        self.add(text)
        self.end()

    def assistant_calls(self, calls, keys):
        """calls: [(name, {arg: value})]; keys: [{arg: span key}] to record where each value is in the call text."""
        msg = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": f"call_{i}",
                    "type": "function",
                    "function": {"name": n, "arguments": json.dumps(a, ensure_ascii=False)},
                }
                for i, (n, a) in enumerate(calls)
            ],
        }
        text = F.message_text(msg)
        pos = 0
        for (name, args), ks in zip(calls, keys):
            pos = text.index(name + "(", pos)
            for k, v in args.items():
                piece = f"{k}={F.js_json(v)}"
                pos = text.index(piece, pos)
                if k in ks:
                    inner = F.js_json(v)
                    off = pos + len(k) + 1 + (1 if isinstance(v, str) else 0)
                    val = v if isinstance(v, str) else inner
                    bs = len(text[:off].encode("utf-8"))
                    self.spans.setdefault(ks[k], []).append((len(self.messages), bs, bs + len(val.encode("utf-8"))))
                pos += len(piece)
        self.messages.append(msg)

    def tool_result(self, obj, keys):
        """A tool message with JSON content; keys: {field: span key}."""
        text = json.dumps(obj, ensure_ascii=False)
        for field, key in keys.items():
            val = obj[field]
            needle = json.dumps(field) + ": " + json.dumps(val, ensure_ascii=False)
            off = text.index(needle) + len(json.dumps(field)) + 2 + (1 if isinstance(val, str) else 0)
            sval = val if isinstance(val, str) else json.dumps(val)
            bs = len(text[:off].encode("utf-8"))
            self.spans.setdefault(key, []).append((len(self.messages), bs, bs + len(sval.encode("utf-8"))))
        self.messages.append({"role": "tool", "tool_call_id": "call_0", "content": text})


# ---------------------------------------------------------------------------------------------------- values
def rand_id(rng):
    a = lambda n: "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(n))
    d = lambda n: "".join(rng.choice("0123456789") for _ in range(n))
    h = lambda n: "".join(rng.choice("0123456789abcdef") for _ in range(n))
    return rng.choice(
        [
            lambda: f"{a(rng.randint(2, 3))}-{d(rng.randint(3, 6))}",
            lambda: f"{a(1)}{d(rng.randint(4, 8))}",
            lambda: h(rng.randint(6, 10)),
            lambda: d(rng.randint(5, 9)),
            lambda: f"{a(2)}{d(2)}{a(2)}{d(2)}",
            lambda: f"{rng.choice(ID_WORDS)}-{d(3)}",
        ]
    )()


def rand_int(rng):
    n = rng.choice([rng.randint(1, 12), rng.randint(1, 100), rng.randint(100, 99999)])
    r = rng.random()
    if r < 0.06:
        return f"-{n}"
    if n in NUM_WORDS and r < 0.35:
        return NUM_WORDS[n]
    if n >= 1000 and r < 0.6:
        return f"{n:,}"
    if n < 1000 and r > 0.96:  # "213 million": the magnitude word belongs to the value
        return f"{n} {rng.choice(['thousand', 'million', 'billion'])}"
    return str(n)


def rand_number(rng):
    r = rng.random()
    if r < 0.3:
        return f"{rng.randint(1, 999)}.{rng.randint(0, 99):02d}"
    if r < 0.45:
        return f"{rng.randint(1000, 99999):,}.{rng.randint(0, 99):02d}"
    if r < 0.6:
        return f"{rng.randint(0, 9)}.{rng.randint(1, 9)}" + (" million" if rng.random() < 0.05 else "")
    if r < 0.65:
        return f"-{rng.randint(0, 99)}.{rng.randint(1, 99)}"
    return rand_int(rng)


def rand_phrase(rng, words, n=None):
    n = n or rng.choice([1, 1, 2, 2, 3])
    return " ".join(rng.choice(words) for _ in range(n))


def rand_string(rng, words, hint):
    r = rng.random()
    if hint == "id" or r < 0.3:
        return rand_id(rng)
    if hint == "name" or r < 0.45:
        name = " ".join(rng.choice(words).capitalize() for _ in range(rng.choice([1, 2])))
        if rng.random() < 0.15:  # "Springfield, IL"
            name += ", " + rng.choice(words)[:2].upper()
        return name
    if r < 0.55:
        return f"{rng.choice(words)}.{rng.choice(words)}@{rng.choice(words)}.com"
    if r < 0.65:
        return rng.choice(
            [
                f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"{rng.choice(['March', 'May', 'July', 'October'])} {rng.randint(1, 28)}",
            ]
        )
    return rand_phrase(rng, words)


# ------------------------------------------------------------------------------------------------- tool specs
class P:
    """A parameter spec: JSON schema + how to produce and mention its value."""

    def __init__(
        self,
        name,
        type,
        desc=None,
        required=False,
        enum=None,
        phrases=None,
        gen=None,
        enum_para=None,
        items=None,
        kind=None,
        entities=None,
        bare=None,
    ):
        self.name, self.type, self.desc, self.required, self.enum = name, type, desc, required, enum
        self.phrases = phrases or [" ".join(F.words(name))]
        self.gen, self.enum_para, self.items = gen, enum_para or {}, items
        self.kind, self.entities, self.bare = kind, entities, bare  # a real-world kind of value (KINDS)
        self.zh_desc, self.zh_phrases, self.zh_enum_para = None, [], {}  # Chinese wording (ZH_ECOM, KINDS_ZH)

    def schema(self, zh_rng=None):
        """zh_rng: describe the parameter in Chinese (its own Chinese description, else one made from its words)."""
        s = {"type": self.type}
        desc = self.desc if zh_rng is None else self.zh_desc or _zh_param_desc(zh_rng, self)
        if desc:
            s["description"] = desc
        if self.enum:
            s["enum"] = list(self.enum)
        if self.type == "array":
            s["items"] = self.items or {"type": "string"}
        return s


class Tool:
    def __init__(self, name, desc, params, intents, zh=None, heldout=False, nested=None):
        self.name, self.desc, self.params, self.intents, self.zh, self.heldout = (
            name,
            desc,
            params,
            intents,
            zh,
            heldout,
        )
        self.nested = nested or {}  # param name -> object key that holds it (one level)
        self.zh_desc = None

    def schema(self, zh_rng=None):
        """zh_rng: tool and parameters described in Chinese (tools whose Chinese description is unknown keep theirs)."""
        props, req, groups = {}, [], {}
        for p in self.params:
            if p.name in self.nested:
                g = self.nested[p.name]
                grp = groups.setdefault(g, {"type": "object", "properties": {}, "required": []})
                if not grp["properties"]:
                    props[g] = grp
                grp["properties"][p.name] = p.schema(zh_rng)
                if p.required:
                    grp["required"].append(p.name)
                    if g not in req:  # an object is required when one of its properties is
                        req.append(g)
            else:
                props[p.name] = p.schema(zh_rng)
                if p.required:
                    req.append(p.name)
        fn = {"name": self.name, "parameters": {"type": "object", "properties": props, "required": req}}
        zh = self.zh_desc
        desc = self.desc if zh_rng is None or not zh else zh_rng.choice(zh) if isinstance(zh, list) else zh
        if desc:
            fn["description"] = desc
        return {"type": "function", "function": fn}

    def path(self, p):
        return (self.nested[p.name], p.name) if p.name in self.nested else (p.name,)


def generic_tool(rng, split, same_params_as=None):
    """A tool from the lexicon; same_params_as: another tool whose parameters it takes (a near miss of that tool)."""
    ws = WORDS[split]
    style = rng.choice(["snake", "snake", "camel", "kebab"])

    def ident(parts):
        if style == "camel":
            return parts[0] + "".join(x.capitalize() for x in parts[1:])
        return ("-" if style == "kebab" else "_").join(parts)

    verb = rng.choice(VERBS) if rng.random() < 0.7 else rng.choice(ws)
    noun = [rng.choice(ws) for _ in range(rng.choice([1, 1, 2]))]
    name = ident([verb] + noun)
    desc = rng.choice(
        [
            f"{verb.capitalize()} a {' '.join(noun)}.",
            f"{verb.capitalize()} the {' '.join(noun)} " f"for the {rng.choice(ws)}.",
            f"Tool to {verb} {' '.join(noun)} records.",
            None,
            f"{rand_phrase(rng, ws, 3).capitalize()}.",
        ]
    )
    if rng.random() < 0.15:
        # an opaque name ("chaFod", a stray word): only the description says what the tool does
        name = ident([w[:3] for w in [verb] + noun]) if rng.random() < 0.6 else ident([rng.choice(ws)])
        desc = rng.choice(
            [
                f"{verb.capitalize()} the {' '.join(noun)}.",
                f"Tool to {verb} {' '.join(noun)} records.",
                f"{verb.capitalize()} a {' '.join(noun)} for the {rng.choice(ws)}.",
            ]
        )
    params, used = [], set()
    for i in range(rng.choice([1, 2, 2, 3, 3, 4, 5])):
        pw = [rng.choice(ws) for _ in range(rng.choice([1, 1, 2]))]
        if pw[0] in used:
            continue
        used.add(pw[0])
        t = rng.choices(["string", "integer", "number", "boolean", "enum", "array"], [8, 3, 2, 2, 3, 1])[0]
        pd = rng.choice(
            [
                None,
                f"The {' '.join(pw)} of the {' '.join(noun)}",
                f"{rand_phrase(rng, ws, 2)}",
                f"{' '.join(pw).capitalize()} to use",
            ]
        )
        hint = rng.choice(["id", "name", "text", None])
        if t == "enum":
            opts = list(dict.fromkeys(rng.choice(ws) for _ in range(rng.randint(2, 5))))
            params.append(P(ident(pw), "string", pd, required=i == 0 or rng.random() < 0.4, enum=opts))
        else:
            params.append(P(ident(pw), t, pd, required=i == 0 or rng.random() < 0.4, gen=hint))
        if t == "array":
            params[-1].items = {"type": rng.choices(["string", "integer", "number"], [6, 3, 2])[0]}
    for i, p in enumerate(params):  # real-world kinds: a place, a person's name, a title ...
        if p.type == "string" and not p.enum and rng.random() < 0.35:
            q = kind_param(rng, rng.choice(list(KINDS)), split, ident, p.required)
            if q.name not in [x.name for x in params]:
                params[i] = q
    if rng.random() < 0.1:  # a route: "from {origin} to {destination}"
        a, b = rng.choice(ROUTES)
        route = [
            kind_param(rng, "place", split, ident, True, a, ROUTE_FROM),
            kind_param(rng, "place", split, ident, True, b, ROUTE_TO),
        ]
        params = route + [p for p in params if p.name not in [r.name for r in route]]
    for p in params:  # short names ("x", "n", "id"), whose words the matching features cannot see
        if rng.random() < 0.08 and not p.enum:
            short = rng.choice(SHORT_NAMES)
            if short not in used:
                used.add(short)
                p.name, p.phrases = short, [short]
    if rng.random() < 0.2 and params and not params[0].enum:
        # numbered twins ("value1", "value2"): same type, told apart only by the order the values come in
        first = params[0]
        stem = first.name if rng.random() < 0.5 else rng.choice(ws)
        names = rng.choice(
            [["{}1", "{}2"], ["{}_1", "{}_2"], ["first_{}", "second_{}"], ["{}_a", "{}_b"], ["{}1", "{}2"]]
        )
        twins = [
            P(n.format(stem), first.type, first.desc, required=True, gen=first.gen, items=first.items) for n in names
        ]
        params = twins + params[1:]
    if same_params_as is not None:
        params = same_params_as.params
    nn = " ".join(noun)
    intents = [f"{verb} the {nn}", f"{verb} a {nn}", f"{verb} {nn}", f"use {name}", f"run {verb} on the {nn}"]
    zh = [f"{verb} {nn}"]
    vz = VERB_ZH.get(verb)  # the verb in Chinese, the noun as the schema words it: the request meets the schema
    if vz:
        zh += [f"{vz}{nn}", f"{vz}一下{nn}", f"{vz} {nn}"]
    p0 = params[0] if params else None
    if p0 is not None and p0.type in ("string", "integer", "number") and not p0.enum and p0.bare is not ROUTE_FROM:
        v = "{" + p0.name + "}"  # the first parameter's value stated with no mention of its name
        intents += [
            f"{verb} the {nn} of {v}",
            f"{verb} the {nn} for {v}",
            f"{verb} {nn} {v}",
            f"{verb} {v} {nn}",
            f"{verb} the {nn} in {v}",
            f"what is the {nn} of {v}",
        ]
        zh += [f"{verb} {v}的{nn}", f"{verb} {nn} {v}"]
        if vz:
            zh += [f"{vz}{v}的{nn}", f"{vz}{nn}：{v}", f"{vz}一下{v}的{nn}"]
    tool = Tool(name, desc, params, intents, zh=zh)
    if vz:
        tool.zh_desc = [f"{vz}{nn}。", f"用于{vz}{nn}的工具。", f"{vz}指定的{nn}", f"根据参数{vz}{nn}。"]
    return tool


# Chinese verbs for the generic tools' verbs: a Chinese request says 获取, the schema says "get".
VERB_ZH = {
    "get": "获取",
    "create": "创建",
    "update": "更新",
    "delete": "删除",
    "list": "列出",
    "search": "搜索",
    "send": "发送",
    "book": "预订",
    "schedule": "安排",
    "compute": "计算",
    "convert": "转换",
    "fetch": "获取",
    "find": "查找",
    "check": "检查",
    "set": "设置",
    "cancel": "取消",
    "add": "添加",
    "remove": "移除",
    "register": "注册",
    "calculate": "计算",
    "translate": "翻译",
    "play": "播放",
    "reserve": "预约",
    "track": "跟踪",
    "lookup": "查询",
    "generate": "生成",
    "validate": "验证",
    "publish": "发布",
    "archive": "归档",
    "assign": "分配",
    "rename": "重命名",
    "notify": "通知",
}
# Chinese descriptions and bare phrasings of the real-world kinds of value (KINDS).
KINDS_ZH = {
    "place": dict(descs=["城市或地点", "城市名称", "地点", "要查询的城市"], bare=["在{v}", "{v}", "{v}的", "去{v}"]),
    "country": dict(descs=["国家", "国家名称"], bare=["在{v}", "{v}", "{v}的"]),
    "person": dict(descs=["姓名", "人的名字", "联系人姓名"], bare=["{v}", "给{v}", "{v}的"]),
    "company": dict(descs=["公司名称", "品牌或店铺"], bare=["{v}", "{v}的"]),
    "language": dict(descs=["语言", "目标语言"], bare=["{v}", "翻译成{v}"]),
    "title": dict(descs=["标题", "作品名称"], bare=["《{v}》", "{v}"]),
    "topic": dict(descs=["主题", "要搜索的内容"], bare=["关于{v}", "{v}"]),
    "date": dict(descs=["日期", "活动日期", "预订日期", "日期，如2026-12-08"], bare=["{v}", "{v}", "在{v}"]),
    "time": dict(descs=["时间", "开始时间", "几点"], bare=["{v}", "{v}", "在{v}"]),
}


def _zh_param_desc(rng, p):
    """A Chinese description of a parameter that has none of its own: its kind's, or one made from its name's words."""
    if p.kind in KINDS_ZH:
        return rng.choice(KINDS_ZH[p.kind]["descs"])
    w = " ".join(F.words(p.name)) or p.name
    return rng.choice([f"{w}", f"要使用的{w}", f"{w}的值", f"{w}（必填）" if p.required else f"可选的{w}", None])


def _ordinal(d):
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def date_text(rng):
    """A date as people write it: "March 8th, 2023", "8 March 2023", "the 2nd of march", "2023-03-08", "next Friday"."""
    y, m, d = rng.randint(2019, 2030), rng.randint(1, 12), rng.randint(1, 28)
    month = MONTH_NAMES[m - 1]
    month = month.lower() if rng.random() < 0.15 else month[:3] + "." if rng.random() < 0.1 else month
    return rng.choice(
        [
            f"{month} {_ordinal(d)}, {y}",
            f"{month} {d}, {y}",
            f"{d} {month} {y}",
            f"{month} {_ordinal(d)}",
            f"the {_ordinal(d)} of {month} {y}",
            f"the {_ordinal(d)} of {month}",
            f"{y}-{m:02d}-{d:02d}",
            f"{m:02d}/{d:02d}/{y}",
            f"{d}/{m}/{y}",
            f"{month} {d}",
            f"{month} {_ordinal(d)} {y}",
            rng.choice(
                [
                    "tomorrow",
                    "today",
                    f"next {rng.choice(WEEKDAYS)}",
                    f"this {rng.choice(WEEKDAYS)}",
                    rng.choice(WEEKDAYS),
                    f"the upcoming {rng.choice(WEEKDAYS)}",
                ]
            ),
        ]
    )


def time_text(rng):
    """A time of day: "14:00", "10:30 AM", "5pm", "3 in the afternoon", "noon"."""
    h, mm = rng.randint(1, 12), rng.choice([0, 0, 15, 30, 45, rng.randint(0, 59)])
    return rng.choice(
        [
            f"{rng.randint(0, 23)}:{mm:02d}",
            f"{rng.randint(0, 23):02d}:{mm:02d}",
            f"{h}:{mm:02d} AM",
            f"{h}:{mm:02d} PM",
            f"{h}pm",
            f"{h} am",
            f"{h} p.m.",
            f"{h} o'clock",
            f"{h} in the {rng.choice(['morning', 'afternoon', 'evening'])}",
            "noon",
            "midnight",
        ]
    )


def kind_param(rng, kind, split, ident, required, name=None, bare=None):
    """A string parameter whose value is of a real-world kind (KINDS): its name, description and bare phrasings."""
    k = KINDS[kind]
    name = name or rng.choice(k["names"])
    return P(
        ident(name.split("_")),
        "string",
        rng.choice(k["descs"]),
        required=required,
        kind=kind,
        entities=ENTITIES[split],
        bare=bare or k["bare"],
    )


def kind_value(rng, p, ws, lang="en"):
    """A value of parameter p's real-world kind, from the entities of its split (Chinese cities, names, dates and
    times in half or more of the Chinese requests)."""
    e = p.entities or next(ENTITIES[split] for split, words in WORDS.items() if words is ws)  # e-commerce: any split
    if lang == "zh" and rng.random() < (0.7 if p.kind in ("date", "time") else 0.5):
        split = next(split for split, words in WORDS.items() if words is ws)
        if p.kind == "place":
            return rng.choice(Z.split_words(Z.ZH_CITIES, split))
        if p.kind == "person":
            return Z.zh_person(rng, split)
        if p.kind == "date":
            return Z.zh_date(rng)
        if p.kind == "time":
            return Z.zh_time(rng)
    name = lambda: rng.choice(e["name"])
    if p.kind == "place":
        r = rng.random()
        return (
            rng.choice(e["city"])
            if r < 0.35
            else f"{name()}, {rng.choice(e['state'])}"
            if r < 0.5
            else f"{rng.choice(e['city'])}, {rng.choice(e['country'])}"
            if r < 0.6
            else rng.choice(e["region"])
            if r < 0.85
            else rng.choice(e["country"])
        )
    if p.kind == "country":
        return rng.choice(e["country"])
    if p.kind == "person":
        r = rng.random()
        return (
            f"{name()} {name()}"
            if r < 0.6
            else name()
            if r < 0.85
            else f"{name()} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {name()}"
            if r < 0.9
            else f"Dr. {name()}"
        )
    if p.kind == "company":
        r = rng.random()
        return (
            f"{name()} {rng.choice(COMPANY_SUFFIX)}"
            if r < 0.5
            else name()
            if r < 0.8
            else " ".join(w.capitalize() for w in rand_phrase(rng, ws, 2).split())
        )
    if p.kind == "language":
        return rng.choice(e["language"])
    if p.kind == "date":
        return date_text(rng)
    if p.kind == "time":
        return time_text(rng)
    if p.kind == "title":
        t = " ".join(w.capitalize() for w in rand_phrase(rng, ws, rng.randint(1, 4)).split())
        return ("The " + t) if rng.random() < 0.3 else t
    return rand_phrase(rng, ws, rng.choice([1, 1, 2]))


def ecommerce_tools():
    order = P(
        "order_id", "string", "The order ID", True, phrases=["order", "order ID", "order number", "order #"], gen="id"
    )
    prod = lambda req=True: P(
        "product_id",
        "string",
        "Product ID or SKU",
        req,
        phrases=["product", "item", "SKU", "product ID", "article"],
        gen="id",
    )
    return [
        Tool(
            "search_products",
            "Search the catalog for products matching keywords.",
            [
                P(
                    "query",
                    "string",
                    "Search keywords",
                    True,
                    phrases=["keywords", "query", "search terms"],
                    gen="product",
                ),
                P(
                    "max_price",
                    "number",
                    "Maximum price",
                    phrases=["max price", "under", "budget", "below", "price limit"],
                ),
                P(
                    "category",
                    "string",
                    "Product category",
                    enum=["electronics", "clothing", "home", "toys", "books"],
                    phrases=["category", "department", "section"],
                    enum_para={
                        "electronics": ["gadgets", "tech"],
                        "clothing": ["clothes", "apparel"],
                        "home": ["household", "kitchen stuff"],
                        "toys": ["for kids to play"],
                        "books": ["reading"],
                    },
                ),
                P(
                    "sort",
                    "string",
                    "Sort order",
                    enum=["price_asc", "price_desc", "rating", "newest"],
                    phrases=["sort by", "order by", "sorted"],
                    enum_para={
                        "price_asc": ["cheapest first", "lowest price first"],
                        "price_desc": ["most expensive first", "highest price first"],
                        "rating": ["best rated", "top rated first"],
                        "newest": ["latest first", "newest first", "most recent"],
                    },
                ),
                P("in_stock", "boolean", "Only products in stock", phrases=["in stock", "available now"]),
            ],
            ["search for {query}", "find {query}", "look for {query}", "show me {query}", "browse {query}"],
            zh=["搜索{query}", "找{query}"],
        ),
        Tool(
            "get_product_details",
            "Get details of a product.",
            [prod()],
            [
                "show the details of product {product_id}",
                "tell me about item {product_id}",
                "get info on SKU {product_id}",
                "describe product {product_id}",
            ],
            zh=["查看商品{product_id}"],
        ),
        Tool(
            "add_to_cart",
            "Add a product to the shopping cart.",
            [
                prod(),
                P("quantity", "integer", "Number of units", phrases=["quantity", "qty", "units", "copies"]),
                P(
                    "size",
                    "string",
                    "Clothing size",
                    enum=["XS", "S", "M", "L", "XL"],
                    phrases=["size"],
                    enum_para={"S": ["small"], "M": ["medium"], "L": ["large"], "XL": ["extra large"]},
                ),
                P(
                    "gift_wrap",
                    "boolean",
                    "Wrap as a gift",
                    phrases=["gift wrap", "gift wrapping", "wrapped as a present"],
                ),
            ],
            [
                "add {product_id} to my cart",
                "put {product_id} in the basket",
                "add item {product_id} to the cart",
                "buy {product_id}",
            ],
            zh=["把{product_id}加入购物车"],
        ),
        Tool(
            "remove_from_cart",
            "Remove a product from the cart.",
            [prod()],
            [
                "remove {product_id} from my cart",
                "take {product_id} out of the basket",
                "delete {product_id} from cart",
            ],
            zh=["从购物车删除{product_id}"],
        ),
        Tool(
            "view_cart",
            "Show the contents of the shopping cart.",
            [],
            ["show my cart", "what's in my basket", "view the cart", "list my cart items"],
            zh=["看看购物车"],
        ),
        Tool(
            "get_order_status",
            "Look up the status of an order.",
            [order],
            [
                "where is order {order_id}",
                "check the status of order {order_id}",
                "track my order {order_id}",
                "has order {order_id} shipped",
            ],
            zh=["查询订单{order_id}的状态"],
        ),
        Tool(
            "cancel_order",
            "Cancel an order that has not shipped.",
            [order, P("reason", "string", "Why the order is cancelled", phrases=["reason", "because"], gen="text")],
            [
                "cancel order {order_id}",
                "please cancel {order_id}",
                "I want to cancel my order {order_id}",
                "stop order {order_id}",
            ],
            zh=["取消订单{order_id}"],
        ),
        Tool(
            "create_return",
            "Start a return for an order item.",
            [
                order,
                P(
                    "reason",
                    "string",
                    "Return reason",
                    enum=["damaged", "wrong_item", "too_small", "too_large", "changed_mind"],
                    phrases=["reason"],
                    enum_para={
                        "damaged": ["it arrived broken", "it is damaged"],
                        "wrong_item": ["they sent the wrong thing", "wrong product"],
                        "too_small": ["it's too small"],
                        "too_large": ["it's too big"],
                        "changed_mind": ["I changed my mind", "don't want it anymore"],
                    },
                ),
                P(
                    "refund_method",
                    "string",
                    "How to refund",
                    enum=["original_payment", "store_credit"],
                    phrases=["refund"],
                    enum_para={
                        "original_payment": ["back to my card", "to the original payment"],
                        "store_credit": ["as store credit", "as credit"],
                    },
                ),
            ],
            [
                "return order {order_id}",
                "send back order {order_id}",
                "I want a refund for order {order_id}",
                "start a return for {order_id}",
            ],
            zh=["退货，订单{order_id}"],
        ),
        Tool(
            "apply_coupon",
            "Apply a discount coupon to the cart.",
            [P("code", "string", "Coupon code", True, phrases=["coupon", "code", "voucher", "promo code"], gen="id")],
            ["apply coupon {code}", "use promo code {code}", "redeem voucher {code}", "add discount code {code}"],
            zh=["使用优惠券{code}"],
        ),
        Tool(
            "track_shipment",
            "Track a parcel with its tracking number.",
            [
                P(
                    "tracking_number",
                    "string",
                    "Carrier tracking number",
                    True,
                    phrases=["tracking number", "tracking", "parcel"],
                    gen="id",
                ),
                P(
                    "carrier",
                    "string",
                    "Shipping carrier",
                    enum=["ups", "fedex", "dhl", "usps"],
                    phrases=["carrier", "with"],
                    enum_para={
                        "ups": ["UPS"],
                        "fedex": ["FedEx"],
                        "dhl": ["DHL"],
                        "usps": ["USPS", "the postal service"],
                    },
                ),
            ],
            [
                "track parcel {tracking_number}",
                "where is my package {tracking_number}",
                "trace shipment {tracking_number}",
            ],
            zh=["追踪包裹{tracking_number}"],
            heldout=True,
        ),
        Tool(
            "update_shipping_address",
            "Change the delivery address of an order.",
            [
                order,
                P("street", "string", "Street and number", phrases=["street", "address"], gen="street"),
                P("city", "string", "City", True, phrases=["city", "town"], kind="place", bare=KINDS["place"]["bare"]),
                P("postal_code", "string", "Postal code", phrases=["postal code", "zip", "zip code"], gen="zip"),
            ],
            [
                "ship order {order_id} to a new address",
                "change the delivery address of {order_id}",
                "deliver {order_id} somewhere else",
                "send order {order_id} to",
            ],
            zh=["修改订单{order_id}的收货地址"],
            nested={"street": "address", "city": "address", "postal_code": "address"},
        ),
        Tool(
            "convert_currency",
            "Convert an amount between currencies (ISO 4217 codes).",
            [
                P("amount", "number", "Amount to convert", True, phrases=["amount", "sum"]),
                P("from_currency", "string", "Source currency code", True, phrases=["from"], gen="currency"),
                P("to_currency", "string", "Target currency code", True, phrases=["to", "into"], gen="currency"),
            ],
            ["convert money", "how much is it in another currency", "change currency"],
            zh=["换算货币"],
        ),
        Tool(
            "estimate_shipping",
            "Estimate shipping cost and time.",
            [
                P("postal_code", "string", "Destination postal code", True, phrases=["postal code", "zip"], gen="zip"),
                P("weight_kg", "number", "Parcel weight in kg", phrases=["weight", "kg", "kilos"]),
                P(
                    "speed",
                    "string",
                    "Delivery speed",
                    enum=["standard", "express", "overnight"],
                    phrases=["speed", "delivery"],
                    enum_para={
                        "standard": ["regular", "normal"],
                        "express": ["fast", "expedited"],
                        "overnight": ["next day", "overnight"],
                    },
                ),
            ],
            ["estimate shipping", "how much is delivery", "quote the shipping cost"],
            zh=["估算运费"],
        ),
        Tool(
            "add_to_wishlist",
            "Save a product to the wishlist.",
            [prod()],
            ["save {product_id} to my wishlist", "add {product_id} to favorites", "remember item {product_id}"],
            zh=["收藏{product_id}"],
            heldout=True,
        ),
        Tool(
            "write_review",
            "Post a product review.",
            [
                prod(),
                P("rating", "integer", "Stars from 1 to 5", True, phrases=["rating", "stars", "score"]),
                P("comment", "string", "Review text", phrases=["comment", "saying", "review"], gen="text"),
            ],
            ["review product {product_id}", "rate item {product_id}", "leave a review for {product_id}"],
            zh=["评价商品{product_id}"],
            heldout=True,
        ),
        Tool(
            "place_order",
            "Place an order for the given items.",
            [
                P(
                    "items",
                    "array",
                    "Items to order",
                    True,
                    phrases=["items"],
                    items={
                        "type": "object",
                        "properties": {"product_id": {"type": "string"}, "quantity": {"type": "integer"}},
                    },
                ),
                P(
                    "payment_method",
                    "string",
                    "Payment method",
                    enum=["card", "paypal", "apple_pay"],
                    phrases=["pay with"],
                    enum_para={"card": ["by card", "credit card"], "paypal": ["PayPal"], "apple_pay": ["Apple Pay"]},
                ),
            ],
            ["place the order", "check out", "order these"],
            zh=["下单"],
        ),
        Tool(
            "contact_support",
            "Send a message to customer support.",
            [
                P(
                    "topic",
                    "string",
                    "Topic",
                    enum=["billing", "shipping", "returns", "account"],
                    phrases=["about", "topic"],
                    enum_para={
                        "billing": ["a charge on my card", "invoice"],
                        "shipping": ["delivery"],
                        "returns": ["a refund"],
                        "account": ["my login"],
                    },
                ),
                P(
                    "message",
                    "string",
                    "Message to support",
                    True,
                    phrases=["message", "saying", "tell them"],
                    gen="text",
                ),
            ],
            ["contact support", "message customer service", "talk to support"],
            zh=["联系客服"],
        ),
    ]


ECOM = ecommerce_tools()

# The e-commerce tools in Chinese: the tool's description, then per parameter (description, phrases, {option: Chinese
# paraphrases}), and more Chinese intents (after the original ones, so that template ids stay). Identifiers sit inside
# the Chinese text with no space around them ("查一下订单A-1042的状态"): the span is exactly the identifier.
ZH_ECOM = {
    "search_products": (
        "在商品目录中按关键词搜索商品。",
        {
            "query": ("搜索关键词", ["关键词", "搜索词"], {}),
            "max_price": ("最高价格", ["最高价", "预算", "价格上限"], {}),
            "category": (
                "商品类别",
                ["类别", "分类", "品类"],
                {
                    "electronics": ["数码产品", "电子产品"],
                    "clothing": ["衣服", "服装"],
                    "home": ["家居用品", "厨房用品"],
                    "toys": ["玩具", "儿童玩具"],
                    "books": ["图书", "书"],
                },
            ),
            "sort": (
                "排序方式",
                ["排序", "排序方式"],
                {
                    "price_asc": ["价格从低到高", "便宜的排前面"],
                    "price_desc": ["价格从高到低", "贵的排前面"],
                    "rating": ["评分最高", "好评优先"],
                    "newest": ["最新上架", "新品优先"],
                },
            ),
            "in_stock": ("只看有货的商品", ["有货", "现货"], {}),
        },
        ["帮我找找{query}", "有没有{query}", "我想买{query}", "看看{query}", "搜一下{query}"],
    ),
    "get_product_details": (
        "获取商品详情。",
        {"product_id": ("商品编号或SKU", ["商品", "商品编号", "SKU", "货号"], {})},
        ["商品{product_id}的详情", "介绍一下{product_id}", "看看货号{product_id}的信息", "{product_id}这个商品怎么样"],
    ),
    "add_to_cart": (
        "把商品加入购物车。",
        {
            "product_id": ("商品编号或SKU", ["商品", "SKU", "货号"], {}),
            "quantity": ("购买数量", ["数量", "件数"], {}),
            "size": ("尺码", ["尺码", "码数"], {"S": ["小号"], "M": ["中号"], "L": ["大号"], "XL": ["加大号"]}),
            "gift_wrap": ("礼品包装", ["礼品包装", "包装成礼物"], {}),
        },
        ["{product_id}加购物车", "帮我把{product_id}放进购物车", "我要买{product_id}", "加购{product_id}"],
    ),
    "remove_from_cart": (
        "从购物车移除商品。",
        {"product_id": ("商品编号或SKU", ["商品", "SKU"], {})},
        ["把{product_id}从购物车拿掉", "购物车里的{product_id}不要了", "删掉购物车的{product_id}"],
    ),
    "view_cart": ("查看购物车里的商品。", {}, ["购物车里有什么", "打开我的购物车", "我的购物车"]),
    "get_order_status": (
        "查询订单状态。",
        {"order_id": ("订单号", ["订单", "订单号", "单号"], {})},
        ["查一下订单{order_id}的状态", "订单{order_id}到哪了", "我的订单{order_id}发货了吗", "{order_id}这个订单怎么样了"],
    ),
    "cancel_order": (
        "取消尚未发货的订单。",
        {"order_id": ("订单号", ["订单", "订单号"], {}), "reason": ("取消原因", ["原因", "取消原因"], {})},
        ["把订单{order_id}取消掉", "订单{order_id}不要了，取消吧", "帮我取消订单{order_id}"],
    ),
    "create_return": (
        "为订单商品申请退货。",
        {
            "order_id": ("订单号", ["订单", "订单号"], {}),
            "reason": (
                "退货原因",
                ["原因", "退货原因"],
                {
                    "damaged": ["收到的时候坏了", "商品破损"],
                    "wrong_item": ["发错货了", "发错商品了"],
                    "too_small": ["太小了", "尺码小了"],
                    "too_large": ["太大了", "尺码大了"],
                    "changed_mind": ["不想要了", "改主意了"],
                },
            ),
            "refund_method": (
                "退款方式",
                ["退款", "退款方式"],
                {"original_payment": ["原路退回", "退回原支付方式"], "store_credit": ["退到账户余额", "换成店铺积分"]},
            ),
        },
        ["订单{order_id}我要退货", "申请退货，订单号{order_id}", "{order_id}这单想退了"],
    ),
    "apply_coupon": (
        "在购物车使用优惠券。",
        {"code": ("优惠码", ["优惠券", "优惠码", "券码"], {})},
        ["用一下优惠码{code}", "我有张优惠券{code}", "帮我用券{code}"],
    ),
    "track_shipment": (
        "用运单号追踪包裹。",
        {
            "tracking_number": ("快递单号", ["快递单号", "运单号", "物流单号"], {}),
            "carrier": ("承运商", ["快递公司", "承运商"], {"fedex": ["联邦快递"], "usps": ["美国邮政"]}),
        },
        ["查一下快递{tracking_number}", "运单{tracking_number}到哪了"],
    ),
    "update_shipping_address": (
        "修改订单的收货地址。",
        {
            "order_id": ("订单号", ["订单", "订单号"], {}),
            "street": ("街道和门牌号", ["街道", "地址"], {}),
            "city": ("城市", ["城市"], {}),
            "postal_code": ("邮政编码", ["邮编", "邮政编码"], {}),
        },
        ["订单{order_id}换个地址", "把订单{order_id}寄到新地址"],
    ),
    "convert_currency": (
        "按ISO 4217货币代码换算金额。",
        {
            "amount": ("要换算的金额", ["金额", "数额"], {}),
            "from_currency": ("原货币代码", ["原货币"], {}),
            "to_currency": ("目标货币代码", ["目标货币"], {}),
        },
        ["帮我换算一下汇率", "算一下换成别的货币是多少"],
    ),
    "estimate_shipping": (
        "估算运费和送达时间。",
        {
            "postal_code": ("收货地邮编", ["邮编", "邮政编码"], {}),
            "weight_kg": ("包裹重量（公斤）", ["重量", "公斤数"], {}),
            "speed": (
                "配送速度",
                ["配送", "速度"],
                {"standard": ["普通快递", "标准配送"], "express": ["加急", "快一点"], "overnight": ["次日达", "隔夜送达"]},
            ),
        },
        ["运费多少", "算一下邮费"],
    ),
    "add_to_wishlist": (
        "把商品收藏到心愿单。",
        {"product_id": ("商品编号或SKU", ["商品", "SKU"], {})},
        ["把{product_id}加到心愿单", "先收藏一下{product_id}"],
    ),
    "write_review": (
        "发表商品评价。",
        {
            "product_id": ("商品编号或SKU", ["商品", "SKU"], {}),
            "rating": ("星级，1到5", ["评分", "星级", "打分"], {}),
            "comment": ("评价内容", ["评论", "评价"], {}),
        },
        ["给{product_id}写个评价", "我想评价一下{product_id}"],
    ),
    "place_order": (
        "为所选商品下单。",
        {
            "items": ("要下单的商品", ["商品"], {}),
            "payment_method": (
                "支付方式",
                ["支付方式", "付款方式"],
                {"card": ["刷卡", "信用卡"], "paypal": ["PayPal"], "apple_pay": ["Apple Pay"]},
            ),
        },
        ["结账", "帮我下单"],
    ),
    "contact_support": (
        "给客服发消息。",
        {
            "topic": (
                "主题",
                ["主题"],
                {"billing": ["扣款问题", "发票"], "shipping": ["配送", "物流"], "returns": ["退款"], "account": ["账号登录"]},
            ),
            "message": ("发给客服的消息", ["留言", "消息"], {}),
        },
        ["我要找客服", "转人工客服"],
    ),
}


def _attach_zh(tools):
    for tool in tools:
        desc, params, intents = ZH_ECOM[tool.name]
        tool.zh_desc = desc
        tool.zh = list(tool.zh or []) + intents
        for p in tool.params:
            if p.name in params:
                p.zh_desc, p.zh_phrases, p.zh_enum_para = params[p.name]


_attach_zh(ECOM)


def named_cart_tool():
    """add_to_cart as shops often declare it: the product by its name ("2 blue mugs"), not an id, and the delivery in a
    nested object (shipping.city, shipping.express). Training only (ECOM_TRAIN), so the evaluation splits stay as they
    were; it shares add_to_cart's name, so a tool set never holds both."""
    cart = next(t for t in ECOM if t.name == "add_to_cart")
    size = next(p for p in cart.params if p.name == "size")
    tool = Tool(
        "add_to_cart",
        "Add a product to the shopping cart",
        [
            P("product", "string", "Product name", True, phrases=["product", "item"], gen="product"),
            P("quantity", "integer", "How many", phrases=["quantity", "qty", "units"]),
            size,
            P("city", "string", "Delivery city", phrases=["ship to", "deliver to", "delivery city"], kind="place"),
            P("express", "boolean", "Express delivery", phrases=["express shipping", "express delivery", "express"]),
        ],
        [
            "add {product} to my cart",
            "put {product} in my basket",
            "order {product}",
            "buy {product}",
            "get me {product}",
            "add {product} to the basket",
            "order {product} for me",
            "put {product} in the cart",
        ],
        zh=["把{product}加入购物车", "我要买{product}", "帮我下单{product}", "{product}加购物车", "来一份{product}"],
        nested={"city": "shipping", "express": "shipping"},
    )
    tool.zh_desc = "把商品加入购物车"
    zh = {
        "product": ("商品名称", ["商品", "东西"]),
        "quantity": ("购买数量", ["数量", "件数"]),
        "city": ("收货城市", ["寄到", "送到", "收货城市"]),
        "express": ("加急配送", ["加急配送", "快递加急", "加急"]),
    }
    for q in tool.params:
        if q.name in zh:
            q.zh_desc, q.zh_phrases = zh[q.name]
    return tool


ECOM_TRAIN = ECOM + [named_cart_tool()]


# ----------------------------------------------------------------------------------------------- example maker
def span_text(ex, key):
    """The text of an example's gold span `key` (message index, byte start, byte end)."""
    mi, bs, be = ex["spans"][key]
    return F.message_text(ex["messages"][mi]).encode("utf-8")[bs:be].decode("utf-8")


class Gold:
    """Gold call: tool index in the request's tools + {path: label}. Labels: ("span", key), ("spans", [keys]),
    ("option", i), ("bool", b), ("implicit",) or ("implicit", value) (a value only the origin can state)."""

    def __init__(self, tool_index, args):
        self.tool_index, self.args = tool_index, args


def _value_text(rng, p, ws, lang):
    g = p.gen
    if p.kind:
        return kind_value(rng, p, ws, lang)
    if p.type == "integer":
        return (
            rand_int(rng) if lang == "en" else Z.zh_integer(rng, quantity=bool(QUANTITY_WORDS & set(F.words(p.name))))
        )
    if p.type == "number":
        return rand_number(rng) if lang == "en" else Z.zh_amount(rng, money=bool(MONEY_WORDS & set(F.words(p.name))))
    if lang == "zh":  # Chinese products, streets and free text; identifiers as they are ("SKU-8812")
        if g == "product" and rng.random() < 0.7:
            return (rng.choice(Z.ZH_ADJ) if rng.random() < 0.5 else "") + rng.choice(Z.ZH_PRODUCTS)
        if g == "street" and rng.random() < 0.6:
            return f"{rng.choice(Z.ZH_STREETS)}{rng.randint(1, 400)}号"
        if g == "text" and rng.random() < 0.6:
            return rng.choice(Z.ZH_TEXTS)
        if g == "id" and "product" in p.name and rng.random() < 0.3:
            return f"SKU-{rng.randint(100, 99999)}"
    if g == "product":
        return f"{rng.choice(ADJ)} {rng.choice(PRODUCTS)}" if rng.random() < 0.7 else rand_phrase(rng, ws)
    if g == "street":
        return f"{rng.randint(1, 400)} {rng.choice(ws).capitalize()} {rng.choice(['Street', 'Road', 'Avenue', 'Lane'])}"
    if g == "zip":
        return rng.choice(
            [
                str(rng.randint(10000, 99999)),
                f"{rng.choice('ABCDEFGHMNSW')}{rng.randint(1, 20)} "
                f"{rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}",
            ]
        )
    if g == "currency":
        return rng.choice(list(CURRENCIES))
    if g == "text":
        return rand_phrase(rng, ws, rng.randint(2, 5))
    return rand_string(rng, ws, g)


def _distinct_values(rng, p, ws, lang, n):
    """n different values for parameter p: one per parallel call (identical calls would be one call)."""
    out = []
    while len(out) < n:
        v = _value_text(rng, p, ws, lang)
        if v not in out:
            out.append(v)
    return out


# Words of a parameter's name that make its Chinese value a count ("五件") or an amount of money ("一百二十元").
QUANTITY_WORDS = {"quantity", "qty", "count", "units", "copies", "pieces", "items", "num", "number", "tickets"}
MONEY_WORDS = {"price", "amount", "budget", "cost", "fee", "total", "payment", "salary", "balance", "max"}


def _param_phrase(rng, p, lang="en"):
    if lang == "zh" and p.zh_phrases and rng.random() < 0.8:
        return rng.choice(p.zh_phrases)
    if rng.random() < 0.75 or not p.desc:
        return rng.choice(p.phrases)
    return p.desc.lower()


def _context_word(rng, p):
    """A content word of the parameter's description (what a bare value may come with: "5 meters"), or ''."""
    ws = F.words(p.desc or "")
    return rng.choice(ws) if ws else ""


def _mention(rng, conv, p, key, ws, lang, split, value=None, bare=False, avoid=frozenset()):
    """Adds a mention of parameter p's value to the current message; returns its label.
    bare: the value is stated without the parameter's name (at most a word of its description next to it).
    avoid: words that name other parameters of the tool ("to" for to_currency); a bare value is never led by one, which
    would say that it is theirs ("from USD" as the target currency)."""
    phrase = _param_phrase(rng, p, lang)
    if p.type == "boolean":
        b = rng.random() < 0.5
        if lang == "zh":
            conv.add(("要" if b else "不要") + phrase)
        else:
            conv.add(
                rng.choice(
                    [f"with {phrase}", f"{phrase}: yes", f"enable {phrase}", f"{phrase} on"]
                    if b
                    else [f"without {phrase}", f"no {phrase}", f"disable {phrase}", f"{phrase}: no"]
                )
            )
        return ("bool", b)
    if p.enum:
        i = rng.randrange(len(p.enum))
        opt = p.enum[i]
        para = p.zh_enum_para.get(opt) if lang == "zh" and rng.random() < 0.8 else None
        para = para or p.enum_para.get(opt, [])
        text = (
            rng.choice(para) if para and rng.random() < 0.6 else (opt.replace("_", " ") if rng.random() < 0.3 else opt)
        )
        if bare or rng.random() < 0.5:
            conv.add(text)
        else:
            tid, t = pick_template(rng, MENTION_ZH if lang == "zh" else MENTION_EN, "m" + lang, split)
            conv.add(t.format(p=phrase, v=text))
        return ("option", i)
    if p.type == "array":
        n = rng.choice([1, 2, 3, 3, 4, 5, 6])
        item = (p.items or {}).get("type", "string")
        gen = rng.choice(["id", "name", "text"]) if item == "string" else None
        vals = [_value_text(rng, P("x", item, gen=gen), ws, lang) for _ in range(n)]
        keys = [f"{key}#{j}" for j in range(n)]
        if not bare:
            conv.add(f"{phrase} ")
        for j, (v, k) in enumerate(zip(vals, keys)):
            if j:
                conv.add(_comma(rng) if j < n - 1 else (" and " if lang == "en" else "和"))
            conv.add(v, k)
        return ("spans", keys)
    v = value if value is not None else _value_text(rng, p, ws, lang)
    label = ("span", key)
    if p.gen == "currency" and rng.random() < 0.3:
        # the code that the currency's name implies
        v, label = (Z.CURRENCY_ZH if lang == "zh" else CURRENCIES)[v], ("implicit", v)
    if bare:
        u = _context_word(rng, p)
        route = p.bare in (ROUTE_FROM, ROUTE_TO)
        table = (
            p.bare
            if p.bare and lang == "en" and (route or rng.random() < 0.85)
            else KINDS_ZH[p.kind]["bare"]
            if lang == "zh" and p.kind in KINDS_ZH and rng.random() < 0.7
            else BARE_ZH
            if lang == "zh"
            else BARE_EN
        )
        t = rng.choice(
            [b for b in table if (u or "{u}" not in b) and b.split("{v}")[0].strip() not in avoid] or ["{v}"]
        )
        # a unit glued to the value; Chinese numerals and amounts ("五件", "¥99") carry their own
        if p.type in ("integer", "number") and (lang == "en" or re.fullmatch(r"[\d.]+", v)) and rng.random() < 0.3:
            t = rng.choice(["{v}" + rng.choice(UNITS), "${v}", "{v} " + rng.choice(UNITS)])
        pre, post = t.split("{v}")
        conv.add(pre.format(u=u))
        conv.add(v, key)
        conv.add(post.format(u=u))
        _maybe_tail(rng, conv, p, post, split, ws, lang)
        return label
    tid, t = pick_template(rng, MENTION_ZH if lang == "zh" else MENTION_EN, "m" + lang, split)
    if rng.random() < 0.15 and lang == "en":
        t = "{p} '{v}'" if rng.random() < 0.5 else '{p} "{v}"'
    if p.type in ("integer", "number") and lang == "en" and rng.random() < 0.3:
        t = (
            rng.choice(["{v} {p}", "{p} {v}", "about {v} {p}"])
            if p.type == "integer"
            else rng.choice(["{p} ${v}", "{p} {v} dollars", "{p} {v}"])
        )
    pre, post = t.split("{v}")
    conv.add(pre.format(p=phrase))
    conv.add(v, key)
    conv.add(post.format(p=phrase))
    _maybe_tail(rng, conv, p, post, split, ws, lang)
    return label


def _maybe_tail(rng, conv, p, post, split, ws, lang):
    """Now and then a clause right after a name value that ends its template (TAILS_EN)."""
    if lang == "en" and p.kind in TAILED_KINDS and not post.strip() and rng.random() < TAIL_P:
        conv.add(_tail(rng, split, ws))


def _comma(rng):
    """A list comma, now and then without its space ("5,10 and 15": not a thousands separator)."""
    return "," if rng.random() < 0.1 else ", "


def _param_sep(rng, prev, p, bare, n_calls, lang):
    """What comes between the mentions of two parameters of one request. Two bare values of one type may be joined
    by "and" ("the gcd of 36 and 24", "between Paris and Rome"): one call whose twin slots take a value each, which
    the schema, not the "and", tells apart from parallel calls of a one-slot tool."""
    joinable = n_calls == 1 and "array" not in (prev.type, p.type)  # "and" also joins a list's items
    if prev.bare is ROUTE_FROM and p.bare is ROUTE_TO and prev.name in bare and p.name in bare:
        return " " if lang == "en" else "，"  # "from Lyon to Turin"
    if lang == "zh":
        return "和" if joinable and prev.name in bare and p.name in bare and rng.random() < 0.3 else "，"
    if joinable and prev.name in bare and p.name in bare and prev.type == p.type and prev.kind == p.kind:
        return rng.choice([" and ", " and ", ", ", " & "])
    return rng.choice([", ", ", and ", "; ", " "] + ([" and "] if joinable else []))


def _list_sep(rng, c, n, lang):
    """What comes before the c-th of n listed values: "", then ", " ... and " and " (or ", and ") before the last."""
    if c == 0:
        return ""
    if lang == "zh":
        return "和" if c == n - 1 else "、"
    if c < n - 1:
        return _comma(rng)
    return rng.choice([" and ", " and ", ", and " if n > 2 else " and ", " & "])


def _intent(rng, tool, lang, split, filled):
    """Intent text for a tool; e-commerce intents may embed one value ({order_id}); returns (parts, embedded param)."""
    table = tool.zh if lang == "zh" and tool.zh else tool.intents
    tid, t = pick_template(rng, table, tool.name + lang, split)
    for p in tool.params:
        if "{" + p.name + "}" in t:
            return t, p
    return t, None


def _request(
    rng, conv, tools, tool_idx, split, lang, stage, ws, n_calls=1, drop_required=False, mismatch=False, given=None
):
    """Adds one user request for tools[tool_idx] (n_calls parallel calls) to conv. Returns ([Gold], missing params).
    given: {param name: span key} values that an earlier message holds (the user refers to them as "it")."""
    tool = tools[tool_idx]
    given = given or {}
    params = [p for p in tool.params if p.name not in given]
    present = [p for p in params if p.required or rng.random() < (0.3 if stage == 1 else 0.5)]
    if stage == 1:  # at most two values, but never drop a required one (that would be a missing argument)
        present = [p for p in present if p.required] + [p for p in present if not p.required]
        present = present[: max(2, sum(p.required for p in present))]
    missing = []
    if drop_required:
        req = [p for p in present if p.required and p.type != "boolean"]
        if req:
            missing.append(rng.choice(req))
    intent, embedded = _intent(rng, tool, lang, split, None)
    avoid = {p.name: {w for q in tool.params if q is not p for w in q.phrases} for p in tool.params}

    def mention(p, c, value=None, bare=False):
        return _mention(rng, conv, p, f"{tool.name}.{p.name}.{c}", ws, lang, split, value, bare, avoid[p.name])

    golds = [Gold(tool_idx, {}) for _ in range(n_calls)]
    for p in tool.params:
        if p.name in given:
            for g in golds:
                g.args[tool.path(p)] = ("span", given[p.name])
    rt = pick_template(rng, REQUEST_ZH if lang == "zh" else REQUEST_EN, "r" + lang, split)[1]
    i_pre, i_post = intent.split("{" + embedded.name + "}") if embedded else (intent, "")
    r_pre, rest = rt.split("{i}") if rt.index("{i}") < rt.index("{m}") else (None, None)
    conv.start("user")
    if lang == "en" and rng.random() < PREAMBLE_P:
        conv.add(pick_template(rng, PREAMBLES_EN, "pre", split)[1].replace("{w}", rng.choice(ws)) + " ")
    elif lang == "zh" and rng.random() < PREAMBLE_P:
        conv.add(pick_template(rng, PREAMBLES_ZH, "prezh", split)[1])

    def add_intent():
        if embedded and embedded.name in given:
            conv.add(i_pre + rng.choice(["it", "that one", "the same one"]) + i_post)
            return
        conv.add(i_pre)
        if embedded:
            if embedded in missing:
                if lang == "zh":  # "把订单取消掉", "这个订单怎么样了": the sentence stays whole without its id
                    conv.add(i_post)
                return
            n = n_calls if embedded.type != "array" else 1
            for c, v in enumerate(_distinct_values(rng, embedded, ws, lang, n)):
                conv.add(_list_sep(rng, c, n_calls, lang))
                k = f"{tool.name}.{embedded.name}.{c}"
                conv.add(v, k)
                golds[c].args[tool.path(embedded)] = ("span", k)
            conv.add(i_post)

    def add_mentions():
        others = [p for p in present if p is not embedded and p not in missing]
        rng.shuffle(others)
        # values stated bare (no parameter name): they keep the schema's order among themselves
        p_bare = 0.45 if tool in ECOM_TRAIN else 0.55
        bare = {
            p.name
            for p in others
            if p.type != "boolean" and rng.random() < (0.8 if p.bare in (ROUTE_FROM, ROUTE_TO) else p_bare)
        }
        slots = iter(sorted((p for p in others if p.name in bare), key=tool.params.index))
        others = [next(slots) if p.name in bare else p for p in others]
        route = [p for p in others if p.name in bare and p.bare in (ROUTE_FROM, ROUTE_TO)]
        if len(route) == 2:  # a route's two places are told together: "from Lyon to Turin"
            others.remove(route[1])
            others.insert(others.index(route[0]) + 1, route[1])
        # parallel calls: some values are stated once and shared by every call (at least one value varies)
        varying = [p for p in others if n_calls > 1 and p.type not in ("boolean", "array") and not p.enum]
        embedded_varies = embedded is not None and embedded not in missing and embedded.name not in given
        shared = {p.name for i, p in enumerate(varying) if (i > 0 or embedded_varies) and rng.random() < 0.3}
        for p in tool.params:
            if p.name in given and not (embedded and embedded.name == p.name):
                conv.add(
                    rng.choice(
                        [
                            f"use that {p.phrases[0]}, ",
                            f"same {p.phrases[0]} as before, ",
                            f"the {p.phrases[0]} from the result, ",
                        ]
                    )
                    if lang == "en"
                    else "用刚才那个，"
                )
        if not others:
            conv.add("thanks" if lang == "en" else "谢谢")
            return
        per_call = [p for p in others if p in varying and p.name not in shared]
        if n_calls > 1 and per_call and not mismatch and not embedded_varies and rng.random() < 0.5:
            # call-major: each call's values together ("6 feet and 80 kg, and also 5.6 feet and 60 kg")
            values = {p.name: _distinct_values(rng, p, ws, lang, n_calls) for p in per_call}
            for c in range(n_calls):
                if c:
                    conv.add(rng.choice(CALL_SEP_EN) if lang == "en" else rng.choice(["；另外", "，还有", "，再"]))
                for j, p in enumerate(per_call):
                    if j:
                        conv.add(rng.choice([" ", ", ", " and "]) if lang == "en" else "，")
                    golds[c].args[tool.path(p)] = mention(
                        p, c, values[p.name][c], bare=p.name in bare or (c > 0 and rng.random() < 0.4)
                    )
            for p in others:
                if p not in per_call:
                    conv.add(", " if lang == "en" else "，")
                    label = mention(p, 0, bare=p.name in bare)
                    for g in golds:
                        g.args[tool.path(p)] = label
            return
        for j, p in enumerate(others):
            if j:
                conv.add(_param_sep(rng, others[j - 1], p, bare, n_calls, lang))
            if mismatch and p.type in ("integer", "number") and j == 0:
                if lang == "zh":
                    conv.add(f"{_param_phrase(rng, p, lang)}{rng.choice(['几个', '一些', '好多', '多一点', '少量'])}")
                else:
                    conv.add(f"{_param_phrase(rng, p)} {rng.choice(['a few', 'several', 'lots', 'some', 'many'])}")
                if p.required:
                    missing.append(p)
                continue
            if p in varying and p.name not in shared:
                values = _distinct_values(rng, p, ws, lang, n_calls)
                for c in range(n_calls):
                    conv.add(_list_sep(rng, c, n_calls, lang))
                    golds[c].args[tool.path(p)] = mention(
                        p, c, values[c], bare=p.name in bare or (c > 0 and rng.random() < 0.6)
                    )
                continue
            label = mention(p, 0, bare=p.name in bare)
            if tool.name == "place_order" and p.name == "items":
                label = ("implicit",)
            for g in golds:
                g.args[tool.path(p)] = label

    # the template holds the intent {i} and the mentions {m} in either order
    emit = {"{i}": add_intent, "{m}": add_mentions}
    first, second = sorted(emit, key=rt.index)
    a, rest = rt.split(first)
    b, c = rest.split(second)
    conv.add(a)
    emit[first]()
    conv.add(b)
    emit[second]()
    conv.add(c)
    conv.end()
    if n_calls > 1 and not any(lab[0] == "span" for lab in golds[0].args.values()):
        golds = golds[:1]
    return golds, missing


REQUEST_JOIN_EN = [" ", " Also, ", " And ", " Then ", " Plus: ", "; "]
REQUEST_JOIN_ZH = ["", "另外，", "然后，", "还有，"]


def _repeated_requests(rng, conv, tools, t, split, lang, stage, ws, n):
    """Parallel calls asked as n whole requests in one message ("Cancel order A. Also, cancel order B."): each request
    is made alone, its span keys get the suffix /r, and the requests are joined. Identical calls count once."""
    mi, parts, golds = len(conv.messages), [], []
    for r in range(n):
        g, _ = _request(rng, conv, tools, t, split, lang, stage, ws)
        text = conv.messages.pop()["content"]
        if r:
            parts.append(rng.choice(REQUEST_JOIN_ZH if lang == "zh" else REQUEST_JOIN_EN))
        shift = len("".join(parts).encode("utf-8"))
        for key in [k for k in conv.spans if k.startswith(tools[t].name + ".") and "/" not in k]:
            conv.spans[f"{key}/{r}"] = [
                (m, b + shift, e + shift) if m == mi else (m, b, e) for m, b, e in conv.spans.pop(key)
            ]
            if key in conv.values:
                conv.values[f"{key}/{r}"] = conv.values.pop(key)
        for gold in g:
            gold.args = {
                path: (lab[0], f"{lab[1]}/{r}")
                if lab[0] == "span"
                else (lab[0], [f"{k}/{r}" for k in lab[1]])
                if lab[0] == "spans"
                else lab
                for path, lab in gold.args.items()
            }
        golds += g
        parts.append(text)
    message = "".join(parts)
    conv.messages.append({"role": "user", "content": message})
    text = message.encode("utf-8")
    seen, out = set(), []
    for gold in golds:
        sig = tuple(
            sorted(
                (path, text[conv.spans[lab[1]][-1][1] : conv.spans[lab[1]][-1][2]] if lab[0] == "span" else repr(lab))
                for path, lab in gold.args.items()
            )
        )
        if sig not in seen:
            seen.add(sig)
            out.append(gold)
    return out


def _ghost_ecom(split):
    """The e-commerce tools an irrelevant request may ask for: in training, never a held-out one (those reached training
    as requests labelled "no call" until phase 15); the evaluation splits keep drawing from all, so they never move."""
    return [t for t in ECOM_TRAIN if not t.heldout] if split == "train" else ECOM


def _toolset(rng, split, stage, k):
    """k tools: generic and/or e-commerce (held-out e-commerce tools only in the test split)."""
    pool = ECOM_TRAIN if split == "train" else ECOM
    ecom = [t for t in pool if t.heldout == (split == "test") or (split == "test" and rng.random() < 0.3)]
    out = []
    use_ecom = rng.random() < 0.5
    for _ in range(k):
        if use_ecom and rng.random() < 0.8:
            t = rng.choice(ecom)
            if t.name not in [x.name for x in out]:
                out.append(t)
                continue
        out.append(generic_tool(rng, split))
    return out


def make_example(rng, split="train", stage=3, zh_frac=None):
    """One synthetic example of the split at curriculum stage 1-3: tools, conversation, gold calls and spans.
    zh_frac: the share of stage-3 examples phrased in Chinese (ZH_FRAC when None)."""
    if split == "train" and stage == 3 and rng.random() < EXTRACT_FRAC:  # the evaluation splits stay as they were
        return make_extraction(rng, split, zh_frac=zh_frac)
    lang = "zh" if stage == 3 and rng.random() < (ZH_FRAC if zh_frac is None else zh_frac) else "en"
    ws = WORDS[split]
    k = 1 if stage == 1 else rng.choice([1, 2, 3, 4, 5])
    tools = _toolset(rng, split, stage, k)
    conv = Conv()
    kind = "call"
    r = rng.random()
    if stage >= 2 and r < 0.15:
        kind = "irrelevant"
    elif stage == 3 and r < 0.29:
        kind = "multiturn"
    elif stage == 3 and r < 0.37:
        kind = "missing"
    elif stage == 3 and r < 0.41:
        kind = "mismatch"
    elif stage >= 2 and r < 0.55:
        kind = "parallel"
    elif stage >= 2 and r < 0.65 and len(tools) >= 2:
        kind = "multi_tool"
    if stage == 3 and rng.random() < 0.2:
        conv.say(
            "system",
            rng.choice(
                [
                    "You are a helpful shopping assistant.",
                    "Use the tools when needed.",
                    "你是购物助手。" if lang == "zh" else "Answer briefly.",
                ]
            ),
        )
    golds, missing, memory_pair = [], [], None
    if kind == "irrelevant":
        if rng.random() < 0.5:  # a request for a tool that is not in the list
            r2 = rng.random()
            if r2 < 0.4:  # a near miss: the values would fit a listed tool, but the request is for something else
                ghost = [generic_tool(rng, split, same_params_as=rng.choice(tools))]
            else:
                ghost = [generic_tool(rng, split)] if r2 < 0.7 else [rng.choice(_ghost_ecom(split))]
            if ghost[0].name not in [t.name for t in tools]:
                _request(rng, conv, ghost, 0, split, lang, stage, ws)
            else:
                conv.say(
                    "user",
                    rng.choice(IRRELEVANT_ZH if lang == "zh" else IRRELEVANT_EN).format(
                        w=rng.choice(ws), w2=rng.choice(ws), W=rng.choice(ws).capitalize()
                    ),
                )
        elif rng.random() < 0.5:  # a question about the world, with real values in it
            conv.say("user", world_question(rng, split, lang))
        else:
            table = IRRELEVANT_ZH if lang == "zh" else IRRELEVANT_EN
            conv.say(
                "user", rng.choice(table).format(w=rng.choice(ws), w2=rng.choice(ws), W=rng.choice(ws).capitalize())
            )
    elif kind == "multiturn":
        # an earlier exchange (maybe a call + result) then the request
        first = rng.randrange(len(tools))
        request_msg = len(conv.messages)
        g0, _ = _request(rng, conv, tools, first, split, lang, 2, ws)
        args = {}
        keys = {}
        for path, lab in g0[0].args.items():
            if lab[0] == "span":
                span = conv.spans[lab[1]][-1]
                text = conv.messages[span[0]]["content"].encode("utf-8")[span[1] : span[2]].decode("utf-8")
                args[path[-1]] = text
                keys[path[-1]] = lab[1]
        conv.assistant_calls([(tools[first].name, args)], [keys])
        rid = rand_id(rng)
        result_msg = len(conv.messages)
        conv.tool_result({"status": "ok", "id": rid}, {"id": "result.id"})
        conv.say("assistant", rng.choice(CHAT_FILLER_ZH if lang == "zh" else CHAT_FILLER))
        if rng.random() < 0.4:
            conv.say(
                "user",
                rng.choice(IRRELEVANT_ZH if lang == "zh" else IRRELEVANT_EN).format(
                    w=rng.choice(ws), w2=rng.choice(ws), W=rng.choice(ws).capitalize()
                ),
            )
            conv.say("assistant", rng.choice(CHAT_FILLER_ZH if lang == "zh" else CHAT_FILLER))
        if rng.random() < 0.5 and g0[0].args:
            # follow-up: same tool again, one value changed, the others carried over from the earlier call
            g1, _ = _request(rng, conv, tools, first, split, lang, 1, ws)
            merged = dict(g0[0].args)
            merged.update(g1[0].args)
            golds = [Gold(first, merged)]
            memory_pair = (len(conv.messages) - 1, request_msg)  # the follow-up recalls the earlier request
        else:
            nxt = rng.randrange(len(tools))
            ids = [p for p in tools[nxt].params if p.gen == "id" and p.type == "string"]
            given = {ids[0].name: "result.id"} if ids and rng.random() < 0.7 else None
            golds, missing = _request(rng, conv, tools, nxt, split, lang, 2, ws, given=given)
            if given:
                memory_pair = (len(conv.messages) - 1, result_msg)  # "it" = the id in the tool result
    else:
        t = rng.randrange(len(tools))
        n = rng.choice([2, 2, 2, 3, 3, 4]) if kind == "parallel" else 1
        if kind == "parallel" and rng.random() < 0.25:
            golds, m = _repeated_requests(rng, conv, tools, t, split, lang, stage, ws, n), []
        else:
            golds, m = _request(
                rng,
                conv,
                tools,
                t,
                split,
                lang,
                stage,
                ws,
                n_calls=n,
                drop_required=kind == "missing",
                mismatch=kind == "mismatch",
            )
        missing += m
        if kind == "multi_tool":
            u = rng.choice([i for i in range(len(tools)) if i != t])
            first_msg = conv.messages.pop()
            g2, _ = _request(rng, conv, tools, u, split, lang, stage, ws)
            second = conv.messages.pop()
            # merge the two requests into one user message (recorded spans shift by the first message's length)
            shift = len(first_msg["content"].encode("utf-8")) + 1
            mi = len(conv.messages)
            for key, spans in conv.spans.items():
                conv.spans[key] = [
                    (s[0], s[1] + shift, s[2] + shift) if s[0] == mi and key.startswith(tools[u].name) else s
                    for s in spans
                ]
            conv.messages.append({"role": "user", "content": first_msg["content"] + " " + second["content"]})
            golds = golds + g2
    # Chinese requests: a share of tool sets described in Chinese, the rest in English (the common case)
    zh_rng = rng if lang == "zh" and rng.random() < ZH_DESC_P else None
    tool_schemas = [t.schema(zh_rng) for t in tools]
    # labels: only the tool whose request was made; the (single) latest occurrence of each span key
    return dict(
        tools=tool_schemas,
        messages=conv.messages,
        spans={k: v[-1] for k, v in conv.spans.items()},
        golds=golds,
        missing=[(golds[0].tool_index, tools[golds[0].tool_index].path(m)) for m in missing],
        kind=kind,
        lang=lang,
        desc_lang="zh" if zh_rng is not None else "en",
        stage=stage,
        memory_pair=memory_pair,
        values={k: v for k, v in conv.values.items() if k in conv.spans},
    )


# ---------------------------------------------------------------------------------------- structured extraction
# Issue 34: a `response_format` json_schema reaches the model as one forced tool named after the schema, with bare
# field names and no descriptions (OpenAI's strict subset: every field required, optional ones nullable). A share of
# stage-3 training examples (EXTRACT_FRAC) are such extractions from shop messages: addresses, contact requests,
# product filters, cart lines, returns, delivery changes, gift options and order summaries, with the values stated
# bare; ZH_FRAC of them in Chinese (values inside Chinese text with no spaces: "订单DD55102的耳机坏了").
# Templates and values are the generator's own (eval/extraction is never read); places and names come from the split.
EXTRACT_FRAC = float(os.environ.get("EXTRACT_FRAC", "0.08"))
STREET_TYPES = ["Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Drive", "Way", "Boulevard", "Place", "Court"]
COLORS = ["red", "black", "navy", "white", "green", "beige", "grey", "pink", "blue", "olive", "burgundy", "yellow"]
CATEGORY_WORDS = {
    "electronics": ["headphones", "laptops", "gadgets", "tablets", "speakers"],
    "clothing": ["clothes", "shirts", "jackets", "dresses", "hoodies"],
    "shoes": ["shoes", "sneakers", "boots", "sandals", "trainers"],
    "home": ["lamps", "cushions", "furniture", "bedding", "rugs"],
    "toys": ["toys", "board games", "puzzles", "dolls"],
    "books": ["books", "novels", "cookbooks", "comics"],
    "sports": ["gym gear", "tennis rackets", "bikes", "sportswear"],
    "beauty": ["skincare", "lipstick", "perfume", "makeup"],
}
RETURN_REASONS = {
    "damaged": ["it arrived broken", "it came damaged", "the box was crushed and it is cracked"],
    "wrong_item": ["you sent the wrong one", "it's not what I ordered", "I got a different model"],
    "too_small": ["it's too small", "it runs small", "it's too tight"],
    "too_large": ["it's too big", "it's way too loose", "it runs large"],
    "not_as_described": ["it looks nothing like the photos", "it's not as described"],
    "changed_mind": ["I changed my mind", "I don't need it anymore"],
    "defective": ["it stopped working", "it doesn't turn on", "it's faulty"],
    "arrived_late": ["it came too late", "it arrived after the event"],
}
TIME_SLOTS = {
    "morning": ["in the morning", "before noon", "early, around 9"],
    "afternoon": ["in the afternoon", "after lunch", "between 2 and 5"],
    "evening": ["in the evening", "after 6pm", "after work"],
}


def _street(rng, ws):
    w, n = rng.choice(ws).capitalize(), str(rng.randint(1, 2400)) + (rng.choice("ABC") if rng.random() < 0.1 else "")
    return rng.choice(
        [
            f"{n} {w} {rng.choice(STREET_TYPES)}",
            f"{n} {rng.choice(ws).capitalize()} {w} {rng.choice(STREET_TYPES)}",
            f"{w}strasse {n}",
            f"{n} Rue {w}",
            f"Via {w} {n}",
            f"{w}laan {n}",
        ]
    )


def _postcode(rng):
    L, D = lambda: rng.choice("ABCDEFGHJKLMNPRSTUWXYZ"), lambda: str(rng.randint(0, 9))
    return rng.choice(
        [
            lambda: "".join(D() for _ in range(5)),
            lambda: "".join(D() for _ in range(4)),
            lambda: f"{L()}{L()}{D()} {D()}{L()}{L()}",
            lambda: f"{L()}{D()} {D()}{L()}{L()}",
            lambda: f"{L()}{D()}{L()} {D()}{L()}{D()}",
            lambda: f"{D()}{D()}{D()}-{D()}{D()}{D()}{D()}",
            lambda: "".join(D() for _ in range(5)) + "-" + "".join(D() for _ in range(4)),
        ]
    )()


def _phone(rng):
    D = lambda n: "".join(str(rng.randint(0, 9)) for _ in range(n))
    return rng.choice(
        [f"+44 {D(2)} {D(4)} {D(4)}", f"({D(3)}) {D(3)}-{D(4)}", f"{D(3)}-{D(4)}", f"+1 {D(3)} {D(3)} {D(4)}", D(10)]
    )


def _person(rng, split):
    names = ENTITIES[split]["name"]
    return f"{rng.choice(names)} {rng.choice(names)}"


def _email(rng, person, ws):
    first, last = person.lower().split()[:2]
    user = rng.choice([f"{first}.{last}", f"{first[0]}{last}", first, f"{first}{rng.randint(1, 99)}"])
    return f"{user}@{rng.choice(ws)}.{rng.choice(['com', 'net', 'org', 'co.uk', 'de', 'io'])}"


def _product(rng, ws):
    return rng.choice(PRODUCTS) if rng.random() < 0.5 else f"{rng.choice(ws)} {rng.choice(ws)}"


def _options(rng, table, chosen, k):
    """An enum of k options from table's keys that holds chosen, in a random order; -> (options, index of chosen)."""
    opts = rng.sample([o for o in table if o != chosen], k - 1) + [chosen]
    rng.shuffle(opts)
    return opts, opts.index(chosen)


class _Extraction:
    """A schema being filled while its message is written: fields (path -> schema), labels, and the user's text."""

    def __init__(self, rng, conv):
        self.rng, self.conv, self.fields, self.args, self.n = rng, conv, {}, {}, 0

    def field(self, path, schema, nullable=False):
        if nullable:
            schema = dict(schema, type=[schema["type"], "null"])
        self.fields[path] = schema

    def value(self, path, text, schema=None, nullable=False):
        """States a value bare (its span is the label); declares its field unless declared."""
        if path not in self.fields:
            self.field(path, schema or {"type": "string"}, nullable and self.rng.random() < 0.5)
        key = f"x.{'.'.join(path)}.{self.n}"
        self.n += 1
        self.conv.add(text, key)
        if self.fields[path].get("type") == "array":
            self.args[path] = ("spans", self.args.get(path, ("spans", []))[1] + [key])
        else:
            self.args[path] = ("span", key)

    def say(self, text):
        self.conv.add(text)

    def schema(self):
        """The reader's copy of a strict schema: nested objects for paths of length 2, closed, the fields that do
        not admit null required (src/structured/synthetic.ts readerSchema)."""
        props = {}
        for path, s in self.fields.items():
            node = props
            for k in path[:-1]:
                node = node.setdefault(k, {"type": "object", "properties": {}, "additionalProperties": False})
                node = node["properties"]
            node[path[-1]] = s
        self._close(props)
        return {"type": "object", "properties": props, "required": _non_null(props), "additionalProperties": False}

    def _close(self, props):
        for s in props.values():
            if s.get("type") == "object":
                self._close(s["properties"])
                s["required"] = _non_null(s["properties"])


def _non_null(props):
    return [k for k, s in props.items() if "null" not in (s.get("type") if isinstance(s.get("type"), list) else [])]


def _x_address(x, rng, split, ws):
    e = ENTITIES[split]
    street, city = rng.choice(["street", "street_address", "address_line1", "line1"]), rng.choice(["city", "town"])
    unit = rng.choice(["apartment", "unit", "apt", "address_line2"])
    post = rng.choice(["postal_code", "zip", "zip_code", "postcode"])
    us = rng.random() < 0.3
    x.say(
        rng.choice(
            ["Please send my order to ", "Ship it to ", "My address is ", "Deliver to ", "New address: ", ""]
            + [
                "The parcel should go to ",
                "Can you change the address to ",
                "I moved, it's now ",
                "Send everything to ",
            ]
        )
    )
    x.value((street,), _street(rng, ws))
    x.field((unit,), {"type": "string"}, nullable=True)
    if rng.random() < 0.35:
        x.say(rng.choice([", ", " ", ", "]))
        x.value((unit,), rng.choice(["Apt ", "Flat ", "Unit ", "Suite ", "#"]) + str(rng.randint(1, 60)))
    x.say(", ")
    if us:
        x.value((city,), rng.choice(e["city"]))
        region = rng.choice(["state", "region", "province"])
        x.say(", ")
        x.value((region,), rng.choice(e["state"]))
        x.say(" ")
        x.value((post,), _postcode(rng))
    elif rng.random() < 0.5:
        x.value((city,), rng.choice(e["city"]))
        x.say(" ")
        x.value((post,), _postcode(rng))
    else:
        x.value((post,), _postcode(rng))
        x.say(" ")
        x.value((city,), rng.choice(e["city"]))
    country = rng.random() < 0.75
    if country:
        x.say(", ")
        x.value(("country",), rng.choice(e["country"]))
    else:
        x.field(("country",), {"type": "string"}, nullable=True)
    x.say(rng.choice(["", ".", " please", ". Thanks!", ", thank you."]))
    return rng.choice(["shipping_address", "address", "delivery_address", "customer_address"]), "shipping address"


def _x_contact(x, rng, split, ws):
    person = _person(rng, split)
    name, email = rng.choice(["name", "full_name", "customer_name"]), rng.choice(["email", "email_address"])
    phone, topic = rng.choice(["phone", "phone_number", "telephone"]), rng.choice(["topic", "subject", "issue"])
    x.say(rng.choice(["Hi, I'm ", "Hello, this is ", "My name is ", "", "Hey there, "]))
    x.value((name,), person)
    stated = [k for k in (email, phone) if rng.random() < 0.7] or [email]
    for k in (email, phone):
        if k not in stated:
            x.field((k,), {"type": "string"}, nullable=True)
    for i, k in enumerate(stated):
        x.say(rng.choice([", you can reach me at ", ", my email is ", " - "]) if i == 0 else rng.choice([" or ", ", "]))
        x.value((k,), _email(rng, person, ws) if k == email else _phone(rng), nullable=True)
    x.say(rng.choice([". I'm writing about ", ". It's about ", ". I need help with ", ". Question about "]))
    x.value((topic,), rng.choice([f"a damaged {_product(rng, ws)}", "a late delivery", f"my {rng.choice(ws)} order"]))
    x.say(rng.choice([".", "", ", thanks."]))
    return rng.choice(["contact_request", "contact", "callback_request", "support_ticket"]), "contact details"


def _x_filter(x, rng, split, ws):
    cat = rng.choice(list(CATEGORY_WORDS))
    enum = rng.random() < 0.5  # a closed list of categories, or the kind of product in the user's words
    if enum:
        opts, idx = _options(rng, CATEGORY_WORDS, cat, rng.randint(4, 7))
        x.field(("category",), {"type": "string", "enum": opts})
        x.args[("category",)] = ("option", idx)
    else:
        x.field(("category",), {"type": "string"})
    x.say(rng.choice(["Show me ", "I'm looking for ", "Find ", "Any ", "Do you have ", "I need "]))
    x.field(("color",), {"type": "string"}, nullable=True)
    color = rng.choices([None, "before", "after"], [0.4, 0.35, 0.25])[0]  # "red dresses", "dresses in red"
    if color == "before":
        x.value(("color",), rng.choice(COLORS), nullable=True)
        x.say(" ")
    brand = rng.choice(["brand", "manufacturer"])
    x.field((brand,), {"type": "string"}, nullable=True)
    brand_first = rng.random() < 0.3  # "Nike sneakers"
    if brand_first:
        x.value((brand,), rng.choice(ws).capitalize(), nullable=True)
        x.say(" ")
    word = rng.choice(CATEGORY_WORDS[cat]) if enum or rng.random() < 0.5 else _product(rng, ws)
    if enum:
        x.say(word)
    else:
        x.value(("category",), word)
    if not brand_first and rng.random() < 0.5:
        x.say(rng.choice([" from ", " by ", " made by "]))
        x.value((brand,), rng.choice(ws).capitalize(), nullable=True)
    if color == "after":
        x.say(rng.choice([" in ", ", ", ", colour "]))
        x.value(("color",), rng.choice(COLORS), nullable=True)
    x.field(("max_price",), {"type": "number"}, nullable=True)
    if rng.random() < 0.7:
        lead, cur = rng.choice([" under ", " below ", " for less than ", ", max "]), rng.choice(["$", "£", "€", ""])
        x.say(lead + cur)
        x.value(("max_price",), str(rng.choice([15, 20, 25, 30, 40, 50, 60, 75, 80, 100, 120, 150, 200, 250])))
        x.say(rng.choice(["", " dollars", " euros"]) if not cur else "")
    x.field(("size",), {"type": "string"}, nullable=True)
    if rng.random() < 0.4:
        x.say(rng.choice([" in size ", ", size "]))
        x.value(("size",), rng.choice(["S", "M", "L", "XL", "XS", "38", "42", "9.5", "10"]))
    x.say(rng.choice(["", "?", ".", " please"]))
    return rng.choice(["product_filter", "search_filters", "filters", "catalog_query"]), "search filters"


def _x_cart(x, rng, split, ws):
    product, qty = rng.choice(["product", "product_name", "item"]), rng.choice(["quantity", "qty", "count"])
    x.say(rng.choice(["Add ", "Put ", "I'd like ", "I'll take ", "Please add "]))
    n = rng.randint(1, 12)
    x.value((qty,), NUM_WORDS[n] if n in NUM_WORDS and rng.random() < 0.3 else str(n), {"type": "integer"})
    x.say(" ")
    x.field(("color",), {"type": "string"}, nullable=True)
    color = rng.choice([None, "before", "after"])  # "2 blue mugs", "2 mugs in blue", "2 mugs, size M, blue"
    if color == "before":
        x.value(("color",), rng.choice(COLORS), nullable=True)
        x.say(" ")
    x.value((product,), _product(rng, ws))
    x.field(("size",), {"type": "string"}, nullable=True)

    def size():
        x.say(rng.choice([" in size ", ", size ", " in ", " size "]))
        x.value(("size",), rng.choice(["S", "M", "L", "XL", "XXL", "40", "44", "11"]), nullable=True)

    def after():
        x.say(rng.choice([" in ", ", ", ", colour ", ", color: ", " in the colour "]))
        x.value(("color",), rng.choice(COLORS), nullable=True)

    tail = ([size] if rng.random() < 0.5 else []) + ([after] if color == "after" else [])
    rng.shuffle(tail)
    for part in tail:
        part()
    x.say(rng.choice([" to my cart", " to the basket", "", " please"]) + rng.choice(["", ".", "!"]))
    return rng.choice(["cart_item", "cart_line", "basket_item", "add_to_cart_request"]), "cart item"


def _x_return(x, rng, split, ws):
    reason = rng.choice(list(RETURN_REASONS))
    opts, idx = _options(rng, RETURN_REASONS, reason, rng.randint(3, 6))
    item = rng.choice(["item", "product", "product_name"])
    x.say(rng.choice(["I want to return the ", "I'd like to send back the ", "Returning the ", "Please refund the "]))
    x.value((item,), _product(rng, ws))
    x.say(rng.choice([" from order ", " in order ", " (order ", " I got with order "]))
    x.value(("order_id",), rand_id(rng))
    x.say(rng.choice([" because ", ", ", " since ", "): "]))
    x.say(rng.choice(RETURN_REASONS[reason]))
    x.field(("reason",), {"type": "string", "enum": opts})
    x.args[("reason",)] = ("option", idx)
    x.say(rng.choice(["", ".", "!"]))
    return rng.choice(["return_request", "return_form", "refund_request"]), "return request"


def _x_delivery(x, rng, split, ws):
    slot = rng.choice(list(TIME_SLOTS))
    x.say(rng.choice(["Can you deliver order ", "Please move the delivery of ", "Reschedule ", "For order "]))
    x.value(("order_id",), rand_id(rng))
    x.say(rng.choice([" to ", " on ", ", new date "]))
    x.value((rng.choice(["new_date", "delivery_date", "date"]),), date_text(rng))
    x.field(("time_slot",), {"type": "string", "enum": list(TIME_SLOTS)}, nullable=True)
    if rng.random() < 0.7:
        x.say(" " + rng.choice(TIME_SLOTS[slot]))
        x.args[("time_slot",)] = ("option", list(TIME_SLOTS).index(slot))
    x.say(rng.choice(["", ".", "?", " please"]))
    return rng.choice(["delivery_change", "reschedule_delivery", "delivery_update"]), "delivery change"


def _x_gift(x, rng, split, ws):
    wrap, msg = rng.choice(["gift_wrap", "wrap", "gift_wrapping"]), rng.choice(["gift_message", "message", "card_text"])
    x.field((wrap,), {"type": "boolean"})
    on = rng.random() < 0.7
    x.args[(wrap,)] = ("bool", on)
    x.say(
        rng.choice(["Please gift wrap it", "Wrap it as a present", "Gift wrapping please"])
        if on
        else rng.choice(["No gift wrap needed", "Don't wrap it", "No wrapping"])
    )
    x.field((msg,), {"type": "string"}, nullable=True)
    if rng.random() < 0.7:
        x.say(rng.choice([' and add a card saying "', ', with the note "', '. Card: "']))
        x.value((msg,), rng.choice(["Happy ", "Congrats, ", "Love you, ", "All the best, "]) + _person(rng, split))
        x.say('"')
    x.say(rng.choice(["", ".", "!"]))
    return rng.choice(["gift_options", "gift", "gift_settings"]), "gift options"


def _x_summary(x, rng, split, ws):
    person = _person(rng, split)
    lead = rng.choice(["Order ", "Customer ", ""])
    x.say(lead)
    first_order = lead == "Order "
    if first_order:
        x.value(("order_id",), rand_id(rng))
        x.say(rng.choice([" for ", " by ", " from "]))
    x.value(("customer", "name"), person)
    x.field(("customer", "email"), {"type": "string"}, nullable=True)
    if rng.random() < 0.6:
        x.say(" (")
        x.value(("customer", "email"), _email(rng, person, ws))
        x.say(")")
    if not first_order:
        x.say(rng.choice([", order ", " ordered in ", " - order "]))
        x.value(("order_id",), rand_id(rng))
    x.say(rng.choice([": ", " contains ", ", items: "]))
    x.field(("items",), {"type": "array", "items": {"type": "string"}})
    for i in range(rng.randint(1, 3)):
        if i:
            x.say(rng.choice([", ", " and "]))
        x.value(("items",), _product(rng, ws))
    return rng.choice(["order_summary", "order", "order_record"]), "order summary"


EXTRACTIONS = [_x_address, _x_contact, _x_filter, _x_cart, _x_return, _x_delivery, _x_gift, _x_summary]


RETURN_REASONS_ZH = {
    "damaged": ["坏了", "收到就是破的", "摔坏了"],
    "wrong_item": ["发错货了", "不是我买的那款"],
    "too_small": ["太小了", "尺码偏小", "穿不下"],
    "too_large": ["太大了", "偏大"],
    "not_as_described": ["和描述不符", "跟图片不一样"],
    "changed_mind": ["不想要了", "买错了"],
    "defective": ["用不了", "开不了机"],
    "arrived_late": ["到得太晚了"],
}
TIME_SLOTS_ZH = {"morning": ["上午", "早上"], "afternoon": ["下午"], "evening": ["晚上", "傍晚"]}
CATEGORY_WORDS_ZH = {
    "electronics": ["手机", "耳机", "平板电脑"],
    "clothing": ["卫衣", "外套", "衬衫"],
    "shoes": ["运动鞋", "靴子", "凉鞋"],
    "home": ["台灯", "床单", "抱枕"],
    "toys": ["玩具", "积木"],
    "books": ["小说", "图书"],
    "sports": ["健身器材", "网球拍"],
    "beauty": ["口红", "护肤品"],
}
COLORS_ZH = ["红色", "黑色", "白色", "蓝色", "灰色", "粉色", "绿色", "米色", "藏青色"]


def _zh_id(rng):
    return rng.choice(["DD", "JD", "TB", "SN", ""]) + "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(4, 10)))


def _xz_address(x, rng, split, ws):
    city = rng.choice(Z.split_words(Z.ZH_CITIES, split))
    street, post = rng.choice(["street", "street_address", "address_line1"]), rng.choice(
        ["postal_code", "zip", "postcode"]
    )
    unit = rng.choice(["apartment", "unit", "address_line2"])
    x.say(rng.choice(["请寄到", "收货地址：", "我的地址是", "地址改成", "送到"]))
    if rng.random() < 0.6:
        x.value(("country",), "中国")
    else:
        x.field(("country",), {"type": "string"}, nullable=True)
    x.value(("city",), city + rng.choice(["市", "市", ""]))
    road = rng.choice(Z.ZH_STREETS)
    x.value(
        (street,), rng.choice(["", rng.choice(["朝阳区", "海淀区", "天河区", "浦东新区", "西湖区"])]) + f"{road}{rng.randint(1, 999)}号"
    )
    x.field((unit,), {"type": "string"}, nullable=True)
    parts = [lambda: (x.say("，邮编"), x.value((post,), "".join(str(rng.randint(0, 9)) for _ in range(6))))]
    if rng.random() < 0.35:
        parts.append(
            lambda: (x.say("，"), x.value((unit,), f"{rng.randint(1, 20)}栋{rng.randint(1, 30)}0{rng.randint(1, 9)}室"))
        )
    rng.shuffle(parts)
    for part in parts:
        part()
    x.say(rng.choice(["。", "", "，谢谢"]))
    return rng.choice(["shipping_address", "address", "delivery_address"]), "收货地址"


def _xz_cart(x, rng, split, ws):
    product, qty = rng.choice(["product", "product_name", "item"]), rng.choice(["quantity", "qty"])
    x.say(rng.choice(["加购", "我要买", "帮我加", "来"]))
    n = rng.randint(1, 9)
    x.value((qty,), str(n) if rng.random() < 0.6 else Z.numeral(n).replace("二", "两"), {"type": "integer"})
    x.say(rng.choice(Z.MEASURES))
    x.value((product,), rng.choice(Z.split_words(Z.ZH_PRODUCTS, split)))
    x.field(("size",), {"type": "string"}, nullable=True)
    x.field(("color",), {"type": "string"}, nullable=True)
    if rng.random() < 0.5:
        x.say("，尺码")
        x.value(("size",), rng.choice(["S", "M", "L", "XL", "42", "38"]))
    if rng.random() < 0.6:
        x.say(rng.choice(["，颜色", "，要"]))
        x.value(("color",), rng.choice(COLORS_ZH))
    x.say(rng.choice(["", "。", "，加入购物车"]))
    return rng.choice(["cart_item", "cart_line", "basket_item"]), "购物车商品"


def _xz_filter(x, rng, split, ws):
    cat = rng.choice(list(CATEGORY_WORDS_ZH))
    word = rng.choice(CATEGORY_WORDS_ZH[cat])
    enum = rng.random() < 0.5
    x.field(("max_price",), {"type": "number"}, nullable=True)
    x.field(("color",), {"type": "string"}, nullable=True)
    x.field(("brand",), {"type": "string"}, nullable=True)
    x.say(rng.choice(["找一下", "有没有", "帮我搜", "我想看看"]))
    price = rng.random() < 0.7
    if price and rng.random() < 0.5:
        x.value(("max_price",), str(rng.choice([50, 99, 100, 200, 300, 500, 800, 1000, 2000])))
        x.say(rng.choice(["元以内的", "块以下的", "元以下的"]))
        price = False
    if rng.random() < 0.4:
        x.value(("brand",), rng.choice(["华为", "小米", "李宁", "安踏", "联想", "海尔", rng.choice(ws).capitalize()]))
        x.say("的")
    if rng.random() < 0.5:
        x.value(("color",), rng.choice(COLORS_ZH))
    if enum:
        opts, idx = _options(rng, CATEGORY_WORDS, cat, rng.randint(4, 7))
        x.field(("category",), {"type": "string", "enum": opts})
        x.args[("category",)] = ("option", idx)
        x.say(word)
    else:
        x.value(("category",), word)
    if price:
        x.say(rng.choice(["，预算", "，不超过", "，价格"]))
        x.value(("max_price",), str(rng.choice([60, 150, 250, 400, 1500, 3000])))
        x.say(rng.choice(["", "元", "块"]))
    x.say(rng.choice(["", "？", "。"]))
    return rng.choice(["product_filter", "search_filters", "filters"]), "商品筛选条件"


def _xz_contact(x, rng, split, ws):
    name, email, phone = rng.choice(["name", "full_name"]), rng.choice(["email", "email_address"]), "phone"
    x.say(rng.choice(["我是", "你好，我叫", "您好，我是"]))
    x.value((name,), Z.zh_person(rng, split))
    x.say(rng.choice(["，", "。"]) + rng.choice(Z.ZH_TEXTS))
    x.field((email,), {"type": "string"}, nullable=True)
    x.field((phone,), {"type": "string"}, nullable=True)
    if rng.random() < 0.5:
        x.say(rng.choice(["，电话", "，手机号", "，联系电话："]))
        x.value((phone,), "1" + "".join(str(rng.randint(0, 9)) for _ in range(10)))
    else:
        x.say(rng.choice(["，邮箱 ", "，邮箱是"]))
        person = rng.choice(ws)
        x.value((email,), f"{person}@{rng.choice(ws)}.{rng.choice(['cn', 'com', 'com.cn'])}")
    x.say(rng.choice(["", "。"]))
    return rng.choice(["contact_request", "contact", "support_ticket"]), "联系信息"


def _xz_return(x, rng, split, ws):
    reason = rng.choice(list(RETURN_REASONS_ZH))
    opts, idx = _options(rng, RETURN_REASONS_ZH, reason, rng.randint(3, 6))
    x.say(rng.choice(["订单", "订单号 ", "我的订单"]))
    x.value(("order_id",), _zh_id(rng))
    x.say(rng.choice(["的", "，", "里的"]))
    x.value((rng.choice(["item", "product"]),), rng.choice(Z.split_words(Z.ZH_PRODUCTS, split)))
    x.say(rng.choice(RETURN_REASONS_ZH[reason]))
    x.field(("reason",), {"type": "string", "enum": opts})
    x.args[("reason",)] = ("option", idx)
    x.say(rng.choice(["，要退货", "，申请退货", "，想退款", "，退了吧"]))
    return rng.choice(["return_request", "return_form", "refund_request"]), "退货申请"


def _xz_delivery(x, rng, split, ws):
    slot = rng.choice(list(TIME_SLOTS_ZH))
    x.say(rng.choice(["订单", "订单号"]))
    x.value(("order_id",), _zh_id(rng))
    x.say(rng.choice(["改到", "换到", "请在"]))
    x.value((rng.choice(["new_date", "delivery_date"]),), Z.zh_date(rng))
    x.field(("time_slot",), {"type": "string", "enum": list(TIME_SLOTS)}, nullable=True)
    if rng.random() < 0.7:
        x.say(rng.choice(TIME_SLOTS_ZH[slot]))
        x.args[("time_slot",)] = ("option", list(TIME_SLOTS).index(slot))
    x.say(rng.choice(["送", "配送", "送货"]))
    return rng.choice(["delivery_change", "reschedule_delivery"]), "配送改期"


def _xz_gift(x, rng, split, ws):
    wrap, msg = rng.choice(["gift_wrap", "wrap"]), rng.choice(["gift_message", "message", "card_text"])
    x.field((wrap,), {"type": "boolean"})
    on = rng.random() < 0.7
    x.args[(wrap,)] = ("bool", on)
    x.say(rng.choice(["需要礼品包装", "帮我包装成礼物"]) if on else rng.choice(["不用礼品包装", "不需要包装"]))
    x.field((msg,), {"type": "string"}, nullable=True)
    if rng.random() < 0.7:
        x.say(rng.choice(["，贺卡写：", "，卡片上写"]))
        x.value((msg,), rng.choice(["生日快乐", "新年快乐", "节日快乐", "一路顺风", "早日康复"]))
        x.say(rng.choice(["", "！"]))
    return rng.choice(["gift_options", "gift"]), "礼品选项"


EXTRACTIONS_ZH = [_xz_address, _xz_cart, _xz_filter, _xz_contact, _xz_return, _xz_delivery, _xz_gift]


def make_extraction(rng, split="train", lang=None, zh_frac=None):
    """One structured-extraction example as src/structured/synthetic.ts builds the reader's request: the user's turn
    only (instructions are dropped before reading), one tool named after the schema and described as "Extract the
    <name's words>" unless the format has a description, nullable fields left out of `required`."""
    lang = lang or ("zh" if rng.random() < (ZH_FRAC if zh_frac is None else zh_frac) else "en")
    conv, ws = Conv(), WORDS[split]
    conv.start("user")
    x = _Extraction(rng, conv)
    name, what = rng.choice(EXTRACTIONS_ZH if lang == "zh" else EXTRACTIONS)(x, rng, split, ws)
    conv.end()
    described = rng.random() < 0.25
    fn = {
        "name": name,
        "description": what if described else "Extract the " + name.replace("_", " "),
        "parameters": x.schema(),
    }
    return dict(
        tools=[{"type": "function", "function": fn}],
        messages=conv.messages,
        spans={k: v[-1] for k, v in conv.spans.items()},
        golds=[Gold(0, x.args)],
        missing=[],
        kind="extract",
        lang=lang,
        desc_lang="zh" if lang == "zh" and described else "en",
        stage=3,
        memory_pair=None,
        values={},
    )


# ------------------------------------------------------------------------------------------------------ labels
def encode(ex):
    """Example -> model inputs + per-element labels (numpy), or None when a labelled span was truncated away."""
    x = F.model_inputs(ex["tools"], ex["messages"])
    els, ids = x["elements"], x["input_ids"]
    E, T = len(els), len(ids)
    tpos = {p: t for t, p in enumerate(x["positions"])}
    tool_el = [e for e, el in enumerate(els) if el["kind"] == F.KIND_TOOL]
    param_el = {(el["tool"], tuple(el["path"])): e for e, el in enumerate(els) if el["kind"] == F.KIND_PARAM}
    count = np.full(E, IGNORE, np.int64)
    action = np.full(E, IGNORE, np.int64)
    boolean = np.full(E, IGNORE, np.int64)
    option = np.full(E, IGNORE, np.int64)  # option rows of a labelled enum slot: 1 chosen, 0 sibling
    span_rows = np.zeros(E, np.float32)  # param rows whose start/end are supervised
    start = np.zeros((E, T), np.float32)
    end = np.zeros((E, T), np.float32)
    for ti, e in enumerate(tool_el):
        count[e] = min(sum(g.tool_index == ti for g in ex["golds"]), 4)
    gold_spans = {}
    for g in ex["golds"]:
        for (ti, path), e in param_el.items():
            if ti != g.tool_index:
                continue
            lab = g.args.get(path)
            if lab is None:
                action[e] = max(action[e], 0)
                continue
            action[e] = 2 if lab[0] == "implicit" else max(action[e], 1) if action[e] != 2 else 2
            if lab[0] == "bool":
                boolean[e] = int(lab[1])
            elif lab[0] == "option":
                for o in range(E):
                    if els[o]["kind"] == F.KIND_OPTION and els[o]["parent"] == e:
                        option[o] = int(o - e - 1 == lab[1])
            elif lab[0] in ("span", "spans"):
                keys = [lab[1]] if lab[0] == "span" else lab[1]
                for k in keys:
                    mi, bs, be = ex["spans"][k]
                    s, t = tpos.get((mi, bs)), tpos.get((mi, be - 1))
                    if s is None or t is None:
                        return None
                    start[e, s] = end[e, t] = 1.0
                    span_rows[e] = 1.0
                    gold_spans.setdefault(e, []).append((s, t))
    x.update(
        count=count,
        action=action,
        bool=boolean,
        option=option,
        span_rows=span_rows,
        start=start,
        end=end,
        gold_spans=gold_spans,
        msg_index=np.array([p[0] for p in x["positions"]], np.int64),
        memory_pair=np.array(ex.get("memory_pair") or (-1, -1), np.int64),
    )
    return x


def collate(items, window):
    """List of encoded examples -> batched torch tensors (padded: ids with pad, elements masked)."""
    B = len(items)
    T = max(len(x["input_ids"]) for x in items)
    E = max(len(x["elem_kind"]) for x in items)
    L = max(int((x["elem_ids"] != F.PAD).sum(1).max()) for x in items)
    b = dict(
        input_ids=np.full((B, T), F.PAD, np.int64),
        elem_ids=np.full((B, E, L), F.PAD, np.int64),
        elem_kind=np.zeros((B, E), np.int64),
        elem_parent=np.zeros((B, E), np.int64),
        elem_match=np.zeros((B, E, T, 2), np.float32),
        elem_mask=np.zeros((B, E), np.float32),
        count=np.full((B, E), IGNORE, np.int64),
        action=np.full((B, E), IGNORE, np.int64),
        bool=np.full((B, E), IGNORE, np.int64),
        option=np.full((B, E), IGNORE, np.int64),
        span_rows=np.zeros((B, E), np.float32),
        start=np.zeros((B, E, T), np.float32),
        end=np.zeros((B, E, T), np.float32),
        msg_index=np.full((B, T), -1, np.int64),
        memory_pair=np.full((B, 2), -1, np.int64),
    )
    for i, x in enumerate(items):
        t, e = len(x["input_ids"]), len(x["elem_kind"])
        b["input_ids"][i, :t] = x["input_ids"]
        b["elem_ids"][i, :e] = x["elem_ids"][:, :L]
        b["elem_kind"][i, :e] = x["elem_kind"]
        b["elem_parent"][i, :e] = x["elem_parent"]
        b["elem_parent"][i, e:] = np.arange(e, E)
        b["elem_match"][i, :e, :t] = x["elem_match"]
        b["elem_mask"][i, :e] = 1
        for k in ("count", "action", "bool", "option", "span_rows"):
            b[k][i, :e] = x[k]
        b["msg_index"][i, :t] = x["msg_index"]
        b["memory_pair"][i] = x["memory_pair"]
        b["start"][i, :e, :t] = x["start"]
        b["end"][i, :e, :t] = x["end"]
    flat = b["elem_ids"].reshape(B * E, L)
    enc_ids, inverse = np.unique(flat, axis=0, return_inverse=True)  # each distinct element text encoded once
    b["enc_ids"], b["elem_index"] = enc_ids, inverse.reshape(B, E)
    out = {k: torch.from_numpy(v) for k, v in b.items()}
    out["window"] = torch.full((B,), int(window), dtype=torch.int64)
    return out


def stage_for(rng, progress):
    """Curriculum: mostly stage 1 early, stage 3 dominant late (progress in [0, 1])."""
    w1 = max(0.05, 0.6 - progress)
    w2 = 0.35
    w3 = max(0.1, progress)
    return rng.choices([1, 2, 3], [w1, w2, w3])[0]


def parse_distilled(ex):
    """A JSON example (distill.py, convert_*.py) -> the example as make_example returns it (Gold objects, tuples)."""
    ex["spans"] = {k: tuple(v) for k, v in ex["spans"].items()}
    ex["golds"] = [
        Gold(
            g["tool_index"],
            {tuple(p): (lab[0], tuple(lab[1]) if isinstance(lab[1], list) else lab[1]) for p, lab in g["args"]},
        )
        for g in ex["golds"]
    ]
    ex["missing"] = [(t, tuple(p)) for t, p in ex["missing"]]
    ex.setdefault("stage", 3)
    return ex


class Distilled:
    """Examples written by distill.py or the convert_*.py converters, kept as their JSON lines and encoded when drawn
    (a hundred thousand encoded examples would hold tens of GB of match features). Indexing returns an encoded
    example; one whose spans do not survive truncation gives way to the next line."""

    def __init__(self, paths):
        self.lines = []
        for path in paths.split(",") if isinstance(paths, str) else paths:
            with open(path, "rb") as f:
                self.lines.extend(line for line in f if line.strip())

    def __len__(self):
        return len(self.lines)

    def __getitem__(self, i):
        for k in range(len(self.lines)):
            ex = parse_distilled(json.loads(self.lines[(i + k) % len(self.lines)]))
            x = encode(ex)
            if x is not None:
                x["example"] = ex
                return x
        raise ValueError("no example survives truncation")


def load_distilled(paths):
    """Examples written by distill.py (or convert_*.py; comma-separated files), encoded when drawn."""
    return Distilled(paths)


def batches(rng, split, n, progress, windows, pool=4, extra=None, extra_frac=0.0):
    """pool*n examples sorted by length into `pool` batches (less padding); a window W drawn per batch.
    extra: encoded examples (distilled, or real requests from real_mix.py) mixed in with probability extra_frac."""
    items = sorted(
        (
            rng.choice(extra) if extra and rng.random() < extra_frac else sample(rng, split, progress)
            for _ in range(n * pool)
        ),
        key=lambda x: len(x["input_ids"]),
    )
    groups = [items[i * n : (i + 1) * n] for i in range(pool)]
    rng.shuffle(groups)
    return [(collate(g, rng.choice(windows)), g) for g in groups]


def sample(rng, split, progress=1.0, max_tokens=F.T_MAX):
    while True:
        ex = make_example(rng, split, stage_for(rng, progress))
        x = encode(ex)
        if x is not None:
            x["example"] = ex
            return x
