"""Write the held-out synthetic split in the evaluation format (BFCL questions and answers, plus DESIGN.md's `missing`
and `no_call` answers), so that the real TypeScript tool caller is measured on it:

    /usr/bin/python3 training/heldout_bfcl.py --n 400 --seed 777 --out /tmp/heldout
    npm run eval -- --questions /tmp/heldout/questions.jsonl --answers /tmp/heldout/answers.jsonl

Values are the gold spans' text read under the parameter's type ("85,935.56" -> 85935.56, "six" -> 6, "5%" -> 0.05 for a
number parameter that does not speak of percent). Categories
are `heldout_<kind>_<lang>`. A value that only the origin can produce (an implied currency code, order items) is an
answer the edge cannot give: such cases count as failures, where evaluate.py counts the "implicit" verdict as right.
"""
import argparse
import json
import os
import random
import re

import data
import data_zh
import features as F

WORD_NUMBERS = {w: n for n, w in data.NUM_WORDS.items()}
MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def typed(text, schema):
    """A gold span's text as the JSON value a caller should produce for a parameter of this schema."""
    t = (schema or {}).get("type")
    if t in ("integer", "number"):
        if not text.isascii():  # Chinese numerals, amounts and counts ("一百二十元", "五件"), read as src/lang/zh does
            return data_zh.read_number(text)
        if text.lower() in WORD_NUMBERS:
            return WORD_NUMBERS[text.lower()]
        number, _, magnitude = text.replace(",", "").partition(" ")
        v = float(number) * MAGNITUDES.get(magnitude, 1)
        return int(v) if t == "integer" else v
    return text


def param_schema(tool, path):
    s = tool["function"]["parameters"]
    for name in path:
        s = (s.get("properties") or {}).get(name) or {}
    return s


IN_PERCENT = re.compile(r"percent|pct|%|\b0\s*(?:-|to)\s*100\b", re.I)


def share(ex, key, name, schema):
    """Whether a span is a percentage ("5%") for a number slot that takes shares as fractions (0.05), as the edge reads
    it (src/tools/domain.ts percentAsFraction)."""
    mi, _, be = ex["spans"][key]
    after = F.message_text(ex["messages"][mi]).encode("utf-8")[be : be + 2]
    words = " ".join([name, schema.get("title") or "", schema.get("description") or ""])
    return schema.get("type") == "number" and after.lstrip(b" ")[:1] == b"%" and not IN_PERCENT.search(words)


def answer_value(ex, tool, path, label):
    """-> the value, or None where the edge cannot state it."""
    schema = param_schema(tool, path)
    kind = label[0]
    if kind == "span":
        v = typed(data.span_text(ex, label[1]), schema)
        return v / 100 if share(ex, label[1], path[-1], schema) else v
    if kind == "spans":
        return [typed(data.span_text(ex, k), schema.get("items")) for k in label[1]]
    if kind == "option":
        return schema["enum"][label[1]]
    if kind == "bool":
        return bool(label[1])
    return label[1] if len(label) > 1 else None  # ("implicit", value)


def expected(ex):
    tools = ex["tools"]
    name = lambda i: tools[i]["function"]["name"]
    if ex["missing"]:
        out = {}
        for t, path in ex["missing"]:
            out.setdefault(name(t), []).append(".".join(path))
        return {"missing": out}
    if not ex["golds"]:
        return {"no_call": True}
    calls = []
    for g in ex["golds"]:
        args = {}
        for path, label in g.args.items():
            v = answer_value(ex, tools[g.tool_index], path, label)
            if v is None:
                continue
            if len(path) == 1:
                args[path[0]] = [v]
            else:
                args.setdefault(path[0], [{}])[0][path[1]] = [v]
        call = {name(g.tool_index): args}
        if call not in calls:  # identical parallel calls are one call
            calls.append(call)
    return {"ground_truth": calls}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=777)
    ap.add_argument("--out", required=True)
    ap.add_argument(
        "--split",
        default="test",
        choices=["test", "val"],
        help="test: the held-out split (report); val: the validation split (choose decoding rules)",
    )
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    with open(os.path.join(args.out, "questions.jsonl"), "w") as q, open(
        os.path.join(args.out, "answers.jsonl"), "w"
    ) as a:
        for i in range(args.n):
            ex = data.sample(rng, args.split)["example"]
            cid = f"{'heldout' if args.split == 'test' else 'val'}_{ex['kind']}_{ex['lang']}_{i}"
            q.write(
                json.dumps(
                    {"id": cid, "question": [ex["messages"]], "function": [t["function"] for t in ex["tools"]]},
                    ensure_ascii=False,
                )
                + "\n"
            )
            a.write(json.dumps({"id": cid, **expected(ex)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
