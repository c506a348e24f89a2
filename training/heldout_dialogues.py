"""Whole held-out SGD dialogues for the conversation-memory bench (bench/dialogue-memory.ts; evaluation only, never
training): the SGD dev dialogues whose first service is not among SGD train's (heldout_real.py's `sgd_unseen`),
each with every turn, so a client can replay it turn by turn.

    /usr/bin/python3 training/heldout_dialogues.py --out /tmp/dialogues.jsonl

One JSON line per dialogue: `id`, `tools` (the intents of the dialogue's services as OpenAI chat tools, original
schema wording, names as given) and `turns`, one per user turn: `user` (its utterance), `system` (the system's
next utterance, or null), `results` (the first of that system turn's `service_results`, or null) and `expected`
(the answer in `npm run eval`'s format: `ground_truth`, `missing` or `no_call`; null where convert_sgd.py's
labelling makes no verdict). The verdict and its arguments are convert_sgd.convert_turn's, with the whole dialogue
up to the turn kept (not cut to the reader's window) and the service's tools always offered.
"""
import argparse
import json
import math
import os
import random

import convert_common as C
import convert_sgd
from heldout_real import answer


def expected_of(d, i, views, services, counts):
    """The eval answer of user turn i (convert_turn's labelling, original wording), or None."""
    for attempt in range(4):  # another draw of distractor tools when their names collide (they play no part)
        rng = random.Random(f"{d['dialogue_id']}/{i}/{attempt}")
        tally = C.Counts("one turn")
        # the whole conversation up to the turn (every earlier message, no byte limit): the bench, not the converter,
        # decides what is read
        ex = convert_sgd.convert_turn(
            d,
            i,
            views,
            services,
            rng,
            tally,
            version=0,
            style="as_is",
            extra_context=i,
            absent_share=0,
            max_bytes=math.inf,
        )
        if ex is not None or "tool names collide" not in tally.dropped:
            break
    counts.kept.update(tally.kept)
    counts.dropped.update(tally.dropped)
    return None if ex is None else answer(ex)


def tools_of(d, view):
    """The intents of the dialogue's services as tools (the first of two same-named intents kept)."""
    tools, names = [], set()
    rng = random.Random(d["dialogue_id"])
    for service in d["services"]:
        for intent in view[service]["orig_intents"]:
            tool, _ = convert_sgd.intent_tool(view[service], intent, "as_is", rng)
            if tool["function"]["name"] not in names:
                names.add(tool["function"]["name"])
                tools.append(tool)
    return tools


def dialogues(root, counts):
    train = {s["service_name"] for s in C.load_json(os.path.join(root, "sgd", "train", "schema.json"))}
    views = convert_sgd.load_schemas(root, "dev")[:1]
    services = sorted(views[0])
    for d in convert_sgd.dialogues(root, "dev"):
        if d["services"][0] in train or any(s not in views[0] for s in d["services"]):
            continue
        turns = d["turns"]
        out = []
        for i, t in enumerate(turns):
            if t["speaker"] != "USER":
                continue
            sys = turns[i + 1] if i + 1 < len(turns) else None
            results = [r for f in (sys or {}).get("frames", []) for r in f.get("service_results", [])[:1]]
            out.append(
                {
                    "user": t["utterance"],
                    "system": None if sys is None else sys["utterance"],
                    "results": results[0] if results else None,
                    "expected": expected_of(d, i, views, services, counts),
                }
            )
        yield {"id": d["dialogue_id"], "services": d["services"], "tools": tools_of(d, views[0]), "turns": out}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=C.DATA)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    counts = C.Counts("sgd_unseen_dialogues")
    n = 0
    with open(args.out, "w") as f:
        for d in dialogues(args.data, counts):
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
            n += 1
    print(json.dumps({"dialogues": n, "turns": counts.report()}))


if __name__ == "__main__":
    main()
