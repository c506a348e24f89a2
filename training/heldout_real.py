"""Held-out splits of the real corpora that training never sees, in the evaluation format (BFCL questions + answers,
with DESIGN.md's `missing` and `no_call` answers), so the real TypeScript caller is measured on them:

    /usr/bin/python3 training/heldout_real.py --out /tmp/real
    npm run eval -- --questions /tmp/real/questions.jsonl --answers /tmp/real/answers.jsonl

Sets (category = the id without its number): `sgd_unseen` (SGD dev dialogues whose service is not among SGD train's:
one user turn per dialogue, original schema wording), `clinc150` (test + oos_test), `banking77` (test), `hwu64`
(test_annotated), `snips` (validate), `restaurant8k` (test), `crosswoz` (test; the converters train on its val split).
Converted by the same code as the training examples (convert_*.py), up to --n cases per set, drawn with --seed.
A span's value is its text; SGD's other surface forms of the same value (state `slot_values`) are accepted too.
"""
import argparse
import json
import os
import random

import convert_common as C
import convert_crosswoz
import convert_intents
import convert_sgd
import data
from heldout_bfcl import expected

INTENT_SETS = ("clinc150", "banking77", "hwu64", "snips", "restaurant8k")


def sgd_unseen(root, seed, counts):
    train = {s["service_name"] for s in C.load_json(os.path.join(root, "sgd", "train", "schema.json"))}
    dev = {s["service_name"] for s in C.load_json(os.path.join(root, "sgd", "dev", "schema.json"))}
    return convert_sgd.convert(root, "dev", 1, seed, services=dev - train, versions=[0], counts=counts)


def sets(root, seed):
    """-> {set name: (example iterator, Counts)}."""
    out = {}
    c = C.Counts("sgd_unseen")
    out["sgd_unseen"] = (sgd_unseen(root, seed, c), c)
    for name in INTENT_SETS:
        c = C.Counts(name)
        out[name] = (convert_intents.convert(root, "test", seed, [name], {name: c}), c)
    c = C.Counts("crosswoz")
    out["crosswoz"] = (convert_crosswoz.convert(root, "test", seed, c), c)
    return out


def answer(ex):
    """The evaluation answer of a converted example (its other surface forms accepted)."""
    alt = ex.get("alt") or {}
    parsed = data.parse_distilled(json.loads(json.dumps(ex)))
    out = expected(parsed)
    for call in out.get("ground_truth", []):
        for args in call.values():
            for param, values in args.items():
                values += [a for a in alt.get(f"0.{param}", []) if a not in values]
    return out


def write(out_dir, named_sets, n, seed, skip=0):
    """questions.jsonl + answers.jsonl of up to n shuffled cases per set, after the first `skip` of that shuffle (the
    calibration split takes the cases after the test split's); prints what each set gave."""
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "questions.jsonl"), "w") as q, open(
        os.path.join(out_dir, "answers.jsonl"), "w"
    ) as a:
        for name, (examples, counts) in named_sets.items():
            exs = list(examples)
            random.Random(f"{seed}/{name}").shuffle(exs)
            kinds = {}
            for i, ex in enumerate(exs[skip : skip + n]):
                cid = f"{name}_{i}"
                q.write(
                    json.dumps(
                        {"id": cid, "question": [ex["messages"]], "function": [t["function"] for t in ex["tools"]]},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                a.write(json.dumps({"id": cid, **answer(ex)}, ensure_ascii=False) + "\n")
                kinds[ex["kind"]] = kinds.get(ex["kind"], 0) + 1
            print(
                json.dumps(
                    {"set": name, "written": len(exs[skip : skip + n]), "by_kind": kinds, "converted": counts.report()},
                    ensure_ascii=False,
                )
            )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=C.DATA)
    ap.add_argument("--n", type=int, default=300, help="cases per set at most")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    write(args.out, sets(args.data, args.seed), args.n, args.seed)


if __name__ == "__main__":
    main()
