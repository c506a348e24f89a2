"""The worker's distillation log as training labels: the R2 objects the worker writes (DISTILL_LOG binding,
src/distill/log.ts; one JSONL record per validated origin answer: {"request", "response", "tenant", ...}) become
distilled examples through the teacher path's own converter (distill.to_example), as if the origin were the teacher.

    wrangler r2 object get edgecall-distill/distill/2026-12-07/ab12cd34-000000.jsonl --file logs/a.jsonl  # or rclone
    /usr/bin/python3 training/distill_log.py --logs logs/ --out training/data/distilled_log.jsonl

--logs takes files or folders (every *.jsonl under them). Output lines are distill.py's (train.py --distilled).
Records whose answer is not a usable label (values not in the conversation, object values, ...) are dropped and
counted by reason; identical requests are kept once (the last answer wins).
"""
import argparse
import json
import os
import sys

import distill


def log_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in sorted(os.walk(path)):
                for name in sorted(names):
                    if name.endswith(".jsonl"):
                        yield os.path.join(root, name)
        else:
            yield path


def read_records(paths):
    for path in log_files(paths):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def examples(records):
    """-> (examples, dropped counts by reason)."""
    by_request, dropped = {}, {}
    for record in records:
        request, response = record.get("request"), record.get("response")
        if not isinstance(request, dict) or not isinstance(response, dict) or not request.get("tools"):
            dropped["not a tool request"] = dropped.get("not a tool request", 0) + 1
            continue
        ex, why = distill.to_example(request, response)
        if ex is None:
            dropped[why] = dropped.get(why, 0) + 1
            continue
        key = json.dumps([request["tools"], request["messages"]], sort_keys=True)
        by_request[key] = ex
    return list(by_request.values()), dropped


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--logs", nargs="+", required=True, help="JSONL files or folders of the worker's distillation log")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    kept, dropped = examples(read_records(args.logs))
    with open(args.out, "w", encoding="utf-8") as out:
        for ex in kept:
            out.write(json.dumps(ex, ensure_ascii=False) + "\n")
    print(json.dumps({"kept": len(kept), "dropped": dropped}), file=sys.stdout)


if __name__ == "__main__":
    main()
