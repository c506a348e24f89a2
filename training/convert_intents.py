"""Intent / slot corpora of ../shared/data -> training examples (convert_common.py's format):
CLINC150 (CC BY 3.0), BANKING77, HWU64, Restaurant-8k (CC BY 4.0), SNIPS (CC0).

    /usr/bin/python3 training/convert_intents.py --split train --out training/runs/real/intents.jsonl

Each intent is a tool: its name in one of three spellings, a description built from the intent's words and its
domain, parameters = the slot types annotated for that intent in the training split (all optional, strings; spans from
the annotations). A request is offered its intent plus 1-5 distractor intents (half of them from the same domain
where the set has domains). No call: CLINC out-of-scope queries and small talk, HWU64 `general_*` (chit-chat,
confirmations), and 10% of in-scope requests whose intent is removed from the list (not offered).
Restaurant-8k: one booking tool (date, time, people, first_name, last_name); when the turn answers a system question
(`context.requestedSlots`), the question is the preceding assistant message; turns with no value are dropped.
NLU++ (multi-label facets, not single tools) and SLURP (no train split) are not converted.
"""
import argparse
import json
import os
import random
import re

import convert_common as C

SPLITS = {  # our split -> each set's file(s)
    "clinc150": {"train": ["train", "val", "oos_train", "oos_val"], "test": ["test", "oos_test"]},
    "banking77": {"train": ["train"], "test": ["test"]},
    "hwu64": {"train": ["train"], "test": ["test_annotated"]},
    "snips": {"train": ["train_full"], "test": ["validate"]},
    "restaurant8k": {"train": ["train"], "test": ["test"]},
}
CLINC_CHAT = {"yes", "no", "maybe", "repeat", "cancel", "user_name"}
DESCRIPTIONS = [
    "{W}.",
    "{W} ({d}).",
    "Use this for {w} requests.",
    "Handles {w}.",
    "{d}: {w}.",
    "Tool for {w} in the {d} app.",
]
ASK = {
    "date": ["What date would you like?", "For which day?", "When would you like to come?"],
    "time": ["What time would you like?", "At what time?", "What time should I book?"],
    "people": ["For how many people?", "How many guests?", "How many will there be?"],
    "first_name": ["What's your first name?", "Can I have your first name?"],
    "last_name": ["And your last name?", "What surname should I put the booking under?"],
}
R8K = [
    ("date", "Date of the reservation"),
    ("time", "Time of the reservation"),
    ("people", "Number of people in the party"),
    ("first_name", "First name of the guest"),
    ("last_name", "Last name of the guest"),
]


def style_name(label, rng):
    return rng.choice([C.snake, C.snake, C.camel, lambda s: C.camel(s)[:1].upper() + C.camel(s)[1:]])(label)


def describe(label, dom, rng):
    w = C.words_of(label)
    return rng.choice(DESCRIPTIONS).format(W=w.capitalize(), w=w, d=C.words_of(dom) if dom else "assistant")


def _read(root, name, files):
    for f in files:
        path = os.path.join(root, name, f + ".jsonl.gz")
        yield from C.read_jsonl(path)


# --------------------------------------------------------------------------------------------------- per set readers
def clinc(root, split):
    """-> (domains {intent: domain}, records [(text, intent or None for no call, spans)])."""
    doms = C.load_json(os.path.join(root, "clinc150", "domains.json"))
    of = {i: d for d, ints in doms.items() for i in ints}
    recs = []
    for text, intent in _read(root, "clinc150", SPLITS["clinc150"][split]):
        chat = intent == "oos" or of.get(intent) == "small_talk" or intent in CLINC_CHAT
        recs.append((text, None if chat else intent, [], "oos" if intent == "oos" else "chit_chat" if chat else "call"))
    tools = sorted(i for i, d in of.items() if d != "small_talk" and i not in CLINC_CHAT)
    return {i: of[i] for i in tools}, recs


def banking(root, split):
    recs = [(r["text"], r["category"], [], "call") for r in _read(root, "banking77", SPLITS["banking77"][split])]
    return {c: "banking" for c in C.load_json(os.path.join(root, "banking77", "categories.json"))}, recs


_ANN = re.compile(r"\[\s*([^\]:]+?)\s*:\s*([^\]]*?)\s*\]")


def parse_inline(annotated):
    """'wake me at [time : ten am]' -> ('wake me at ten am', [(slot, char start, char end)])."""
    text, spans, pos = "", [], 0
    for m in _ANN.finditer(annotated):
        text += annotated[pos : m.start()]
        start = len(text)
        text += m.group(2)
        if m.group(2):
            spans.append((m.group(1).strip().replace(" ", "_"), start, len(text)))
        pos = m.end()
    text += annotated[pos:]
    return text, spans


def hwu(root, split):
    recs, doms = [], {}
    for r in _read(root, "hwu64", SPLITS["hwu64"][split]):
        if split == "train":
            intent = r["scenario"] + "_" + r["intent"]
            text, spans = parse_inline(r["answer_annotation"])
        else:
            intent, text = r["intent"], r["text"]
            spans = [(e["entity"], e["start"], e["end"]) for e in r["entities"]]
        chat = intent.startswith("general_")
        if not chat:
            doms[intent] = intent.split("_")[0]
        recs.append((text, None if chat else intent, spans, "chit_chat" if chat else "call"))
    return doms, recs


def snips(root, split):
    recs, doms = [], {}
    for intent in sorted(os.listdir(os.path.join(root, "snips"))):
        if not os.path.isdir(os.path.join(root, "snips", intent)):
            continue
        doms[intent] = None
        for r in _read(root, os.path.join("snips", intent), SPLITS["snips"][split]):
            text, spans = "", []
            for chunk in r["data"]:
                if chunk.get("entity"):
                    spans.append((chunk["entity"], len(text), len(text) + len(chunk["text"])))
                text += chunk["text"]
            recs.append((text, intent, spans, "call"))
    return doms, recs


READERS = {"clinc150": clinc, "banking77": banking, "hwu64": hwu, "snips": snips}


def slot_table(recs):
    """{intent: [slot types in first-seen order]} from the training records."""
    out = {}
    for _, intent, spans, _ in recs:
        for slot, _, _ in spans:
            if intent and slot not in out.setdefault(intent, []):
                out[intent].append(slot)
    return out


NOT_OFFERED = 0.1  # share of in-scope requests whose intent is removed from the tool list (no call)


def intent_example(source, text, intent, spans, kind, doms, slots, rng, counts):
    """One utterance -> example; intent None is no call."""
    same = [i for i in doms if doms[i] == doms.get(intent) and i != intent]
    other = [i for i in doms if i != intent and i not in same]
    k = rng.choice([1, 2, 3, 4, 5])
    picks = rng.sample(same, min(len(same), k // 2)) if intent else []
    picks += rng.sample(other, min(len(other), k - len(picks)))
    if not picks:  # sets without domains: every other intent is "same"
        picks = rng.sample(same + other, 1)
    if intent and rng.random() < NOT_OFFERED:
        intent, kind = None, "not_offered"
    elif intent:
        picks.append(intent)
    rng.shuffle(picks)
    picks = picks[: C.MAX_TOOLS]
    tools, names = [], {}
    for i in picks:
        params = [
            (C.snake(s), {"type": "string", "description": C.words_of(s).capitalize()}, False) for s in slots.get(i, [])
        ]
        tools.append(C.tool(style_name(i, rng), describe(i, doms[i], rng), params))
        names[i] = [C.snake(s) for s in slots.get(i, [])]
    ex = {
        "tools": tools,
        "messages": [{"role": "user", "content": text}],
        "spans": {},
        "golds": [],
        "missing": [],
        "kind": f"{source}_{kind}",
        "lang": "en",
        "source": source,
    }
    if intent:
        g = {"tool_index": picks.index(intent), "args": []}
        seen = set()
        for slot, s, e in spans:
            p = C.snake(slot)
            if p in seen or p not in names[intent] or not text[s:e].strip():
                counts.drop("a slot twice in one request (or unseen in training)")
                return None
            seen.add(p)
            bs, be = C.byte_span(text, s, e)
            ex["spans"][f"0.{p}"] = [0, bs, be]
            g["args"].append([[p], ["span", f"0.{p}"]])
        ex["golds"] = [g]
    if len(text.encode("utf-8")) > C.MAX_BYTES:
        counts.drop("longer than the reader's window")
        return None
    C.check_example(ex)
    counts.keep(ex["kind"])
    return ex


def convert_set(root, name, split, seed, counts, train_slots=None):
    doms, recs = READERS[name](root, split)
    if train_slots is None:
        train_doms, train_recs = READERS[name](root, "train") if split != "train" else (doms, recs)
        train_slots = slot_table(train_recs)
        doms = {**train_doms, **doms}
    rng = random.Random(f"{seed}/{name}/{split}")
    for text, intent, spans, kind in recs:
        if intent and intent not in doms:
            counts.drop("intent unseen in training")
            continue
        ex = intent_example(name, text, intent, spans, kind, doms, train_slots, rng, counts)
        if ex is not None:
            yield ex


def restaurant8k(root, split, seed, counts):
    rng = random.Random(f"{seed}/restaurant8k/{split}")
    others = sorted(clinc(root, "train")[0])
    for r in _read(root, "restaurant8k", SPLITS["restaurant8k"][split]):
        text = r["userInput"]["text"]
        labels = r.get("labels") or []
        if not labels:
            counts.drop("no value in the turn")
            continue
        asked = (r.get("context") or {}).get("requestedSlots") or []
        messages = [{"role": "user", "content": text}]
        if asked and asked[0] in ASK:
            messages.insert(0, {"role": "assistant", "content": rng.choice(ASK[asked[0]])})
        name = rng.choice(["book_table", "reserveTable", "make_restaurant_booking", "BookRestaurant"])
        desc = rng.choice(["Book a table at the restaurant.", "Reserve a table.", "Make a restaurant reservation."])
        pname = (lambda p: p) if "_" in name else C.camel
        params = [(pname(p), {"type": "string", "description": d}, False) for p, d in R8K]
        picks = rng.sample(others, rng.choice([0, 1, 2, 3]))
        tools = [C.tool(style_name(i, rng), describe(i, "", rng), []) for i in picks]
        ti = rng.randrange(len(tools) + 1)
        tools.insert(ti, C.tool(name, desc, params))
        ex = {
            "tools": tools,
            "messages": messages,
            "spans": {},
            "golds": [{"tool_index": ti, "args": []}],
            "missing": [],
            "kind": "restaurant8k_call",
            "lang": "en",
            "source": "restaurant8k",
        }
        mi = len(messages) - 1
        for lab in labels:
            span = lab["valueSpan"]
            s, e = span.get("startIndex", 0), span["endIndex"]
            key = f"0.{pname(lab['slot'])}"
            if key in ex["spans"] or not text[s:e].strip():
                counts.drop("a slot twice in one request")
                break
            bs, be = C.byte_span(text, s, e)
            ex["spans"][key] = [mi, bs, be]
            ex["golds"][0]["args"].append([[pname(lab["slot"])], ["span", key]])
        else:
            C.check_example(ex)
            counts.keep(ex["kind"])
            yield ex


def convert(root, split, seed, sets, counts_by_set):
    for name in sets:
        counts = counts_by_set.setdefault(name, C.Counts(f"{name}/{split}"))
        if name == "restaurant8k":
            yield from restaurant8k(root, split, seed, counts)
        else:
            yield from convert_set(root, name, split, seed, counts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=C.DATA)
    ap.add_argument("--split", default="train", choices=["train", "test"])
    ap.add_argument("--sets", default="clinc150,banking77,hwu64,snips,restaurant8k")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    counts = {}
    C.write_jsonl(args.out, convert(args.data, args.split, args.seed, args.sets.split(","), counts))
    for c in counts.values():
        print(json.dumps(c.report()))


if __name__ == "__main__":
    main()
