"""A tool_choice set from a synthetic split (training/heldout_bfcl.py output): each one-tool call case twice, with
tool_choice naming the tool it calls (expected: its call) and naming another offered tool with string parameters
required (expected: a question for them, since the request gives none of their values). Cases carry "tool_choice".
usage: python3 scripts/forced-choice-set.py --split DIR --out DIR [--seed 0]"""

import argparse
import json
import os
import random
import re


def lines(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    answers = {a["id"]: a for a in lines(os.path.join(args.split, "answers.jsonl"))}
    questions, expected = [], []
    for q in lines(os.path.join(args.split, "questions.jsonl")):
        truth = answers[q["id"]].get("ground_truth")
        called = {name for call in truth or [] for name in call}
        if len(called) != 1 or len(q["function"]) < 2:
            continue
        (name,) = called
        tagged = lambda tag: re.sub(r"_(\d+)$", rf"_{tag}_\1", q["id"])  # noqa: E731 (category val_call_en_named)
        questions.append({**q, "id": tagged("named"), "tool_choice": name})
        expected.append({"id": tagged("named"), "ground_truth": truth})
        others = [
            f
            for f in q["function"]
            if f["name"] != name
            and f["parameters"].get("required")
            and all(
                f["parameters"]["properties"][p].get("type") == "string"
                and "enum" not in f["parameters"]["properties"][p]
                for p in f["parameters"]["required"]
            )
        ]
        if others:
            other = rng.choice(others)
            questions.append({**q, "id": tagged("other"), "tool_choice": other["name"]})
            expected.append({"id": tagged("other"), "missing": {other["name"]: other["parameters"]["required"]}})
    os.makedirs(args.out, exist_ok=True)
    for name, rows in (("questions", questions), ("answers", expected)):
        with open(os.path.join(args.out, name + ".jsonl"), "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in rows)
    print(
        json.dumps(
            {
                "named": sum("_named_" in q["id"] for q in questions),
                "other": sum("_other_" in q["id"] for q in questions),
            }
        )
    )


if __name__ == "__main__":
    main()
