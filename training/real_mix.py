"""The real-data half of the training mix: every converter's training split, capped per set, shuffled, in one file
for train.py --distilled (read from ../shared/data at run time; written under training/runs/, never committed).

    /usr/bin/python3 training/real_mix.py --out training/runs/real/mix.jsonl

Caps (examples per set) keep SGD about half of the real data and the intent-only sets (tools without parameters) from
dominating; CrossWOZ's val split, the only Chinese, is converted three times with different seeds (different tool lists
and wording for the same turns).
"""
import argparse
import itertools
import json
import random

import convert_common as C
import convert_crosswoz
import convert_intents
import convert_sgd

CAPS = {"sgd": 48000, "clinc150": 8000, "banking77": 5000, "hwu64": 8000, "snips": 8000, "restaurant8k": 5000}
CROSSWOZ_COPIES = 3


def build(root, seed=0, caps=CAPS, crosswoz_copies=CROSSWOZ_COPIES):
    """-> (examples, [count reports])."""
    rng = random.Random(seed)
    out, reports = [], []
    sgd_counts = C.Counts("sgd/train")
    sgd = list(convert_sgd.convert(root, "train", 3, seed, counts=sgd_counts))
    rng.shuffle(sgd)
    out += sgd[: caps["sgd"]]
    reports.append(sgd_counts.report())
    for name in ("clinc150", "banking77", "hwu64", "snips", "restaurant8k"):
        counts = {}
        exs = list(convert_intents.convert(root, "train", seed, [name], counts))
        rng.shuffle(exs)
        out += exs[: caps[name]]
        reports += [c.report() for c in counts.values()]
    for copy in range(crosswoz_copies):
        counts = C.Counts(f"crosswoz/val copy {copy}")
        out += list(convert_crosswoz.convert(root, "val", seed * 100 + copy, counts))
        reports.append(counts.report())
    rng.shuffle(out)
    return out, reports


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=C.DATA)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    exs, reports = build(args.data, args.seed)
    for r in reports:
        print(json.dumps(r, ensure_ascii=False))
    n = C.write_jsonl(args.out, exs)
    by_source = {k: len(list(g)) for k, g in itertools.groupby(sorted(e["source"] for e in exs))}
    print(json.dumps({"written": n, "by_source": by_source}))


if __name__ == "__main__":
    main()
