"""How OPTIONAL_OPTION_FLOOR (src/decode/slot.ts) was chosen: on the *training* split, the optional enum slots of the
tools each example calls; a slot is decoded present when its action is `value` and its best option's softmax
probability over the slot's options reaches the floor. Prints slot accuracy per floor.

    /usr/bin/python3 training/choose_option_floor.py --ckpt training/runs/v3/final.pt --n 900 --seed 4242
"""
import argparse
import random

import numpy as np
import torch

import data
import features as F
from evaluate import _softmax, gold_answer, torch_outputs
from model import load_model


def optional_enum_slots(model, x):
    """-> [(gold present, p(action = value), best option probability)] for the called tools' optional enum slots."""
    gold = {t: dict(a) for t, a in gold_answer(x)["calls"]}
    o = torch_outputs(model, x, 64)
    els, rows = x["elements"], []
    for pe, pl in enumerate(els):
        tool = els[pl["parent"]]["tool"] if pl["kind"] == F.KIND_PARAM else None
        opts = [k for k, ol in enumerate(els) if ol["kind"] == F.KIND_OPTION and ol["parent"] == pe]
        if tool not in gold or pl["required"] or not opts:
            continue
        rows.append(
            (
                tuple(pl["path"]) in gold[tool],
                float(_softmax(o["action_logits"][pe])[1]),
                float(_softmax(np.array([o["option_logits"][k] for k in opts])).max()),
            )
        )
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--n", type=int, default=900)
    ap.add_argument("--seed", type=int, default=4242)
    args = ap.parse_args()
    torch.set_num_threads(2)
    model, _ = load_model(args.ckpt)
    model.eval()
    rng = random.Random(args.seed)
    rows = []
    for _ in range(args.n):
        x = data.sample(rng, "train")
        if not x["example"]["missing"]:
            rows += optional_enum_slots(model, x)
    present, p_value, p_option = (np.array(c) for c in zip(*rows))
    print(f"{len(rows)} optional enum slots, {present.mean():.1%} present")
    for floor in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9):
        decided = (p_value > 0.5) & (p_option >= floor)
        print(f"floor {floor:.1f}: slot accuracy {np.mean(decided == present):.1%}")


if __name__ == "__main__":
    main()
