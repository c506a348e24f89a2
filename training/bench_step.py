"""Seconds per training step on this machine: the same four batches of 24 (one length bucket each), forward, losses,
backward and AdamW (train.optimise), as train.py runs them. Compare allocators, thread counts or --bf16 in the same session:

    LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 \
        /usr/bin/python3 training/bench_step.py --ckpt training/runs/shipped/ckpt.pt --bf16
"""
import argparse
import json
import random
import time

import torch

import data
import lowp
from model import load_model
from train import losses, optimise

ap = argparse.ArgumentParser()
ap.add_argument("--ckpt")
ap.add_argument("--bf16", action="store_true")
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--rounds", type=int, default=2, help="passes over the four batches; the first one warms up")
args = ap.parse_args()
torch.set_num_threads(args.threads)
model = load_model(args.ckpt)[0]
if args.bf16:
    lowp.enable(model)
model.train()
batches = [b for b, _ in data.batches(random.Random(1), "train", 24, 1.0, [16, 64, 512])]
opt = torch.optim.AdamW(model.parameters(), lr=1e-6)
for r in range(args.rounds):
    seconds = []
    for b in batches:  # b["input_ids"]: [24, T]
        t = time.time()
        optimise(model, opt, losses(model.on_batch(b), b))
        seconds.append(round(time.time() - t, 2))
    print(
        json.dumps(
            {
                "round": r,
                "T": [b["input_ids"].shape[1] for b in batches],
                "seconds": seconds,
                "mean_s": round(sum(seconds) / len(seconds), 2),
            }
        ),
        flush=True,
    )
