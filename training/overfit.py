"""How fast can a checkpoint learn a fixed handful of training examples by heart? A capacity probe beside
`evaluate.py --split train` (the fit to the whole training distribution): if the fixed set is learnt, the heads and
decoding can express those answers, and the stall on the stream is the model's generalisation across the
distribution, not its expressiveness.

    MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/bin/python3 training/overfit.py \
        --ckpt training/runs/soup912/ckpt.pt --steps 350 --lr 5e-4
"""
import argparse
import json
import random
import time

import torch

import data
import lowp
from evaluate import evaluate_torch
from model import load_model
from train import losses, optimise


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--batches", type=int, default=10, help="the fixed set: this many batches of 24 (W = 16)")
    ap.add_argument("--steps", type=int, default=350)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--seed", type=int, default=31337)
    ap.add_argument("--every", type=int, default=50, help="score the fixed set every this many steps")
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    model, _ = load_model(args.ckpt)
    lowp.enable(model)
    rng = random.Random(args.seed)
    groups = []
    while len(groups) < args.batches:
        groups += data.batches(rng, "train", 24, 1.0, [16])
    groups = groups[: args.batches]
    examples = [x for _, g in groups for x in g]
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    keys = ("tool_or_none", "exact_spans", "whole_calls")

    def report(step, extra):
        m = evaluate_torch(model, examples, 16)
        print(json.dumps({"step": step, **extra, **{k: m[k] for k in keys}}), flush=True)

    report(0, {})
    t0 = time.time()
    for step in range(1, args.steps + 1):
        b, _ = groups[step % len(groups)]
        model.train()
        l = losses(model.on_batch(b), b)
        optimise(model, opt, l)
        if step % args.every == 0:
            report(step, {"s": round(time.time() - t0), **{k: round(float(v), 3) for k, v in l.items()}})


if __name__ == "__main__":
    main()
