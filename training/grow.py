"""Deepen a trained model without changing what it computes: a new global block is inserted at block index `--at`
with its two residual branches (attention output, FFN output) zeroed, so it starts as the identity and the model's
outputs are exactly the old ones; later blocks move up one index. train.py then trains it on from there
(`--init <out> --set global_layers=<n + 1>`). The new block's other weights get the usual seeded initialisation.

    /usr/bin/python3 training/grow.py training/runs/soup912/ckpt.pt --at 3 --out training/runs/grown/init.pt
"""
import argparse
import os

import torch

from model import Block, Config
from weights import load


def grow(state, at, seed=0):
    """state: {"config", "model"} -> the same with one more global layer, identity-initialised, at block index at."""
    c = Config(**state["config"])
    n = c.local_layers + c.global_layers
    if not c.local_layers <= at <= n:
        raise ValueError(f"a global block goes between blocks {c.local_layers} and {n}, not at {at}")
    torch.manual_seed(seed)
    new = Block(c.d, c.heads)
    for lin in (new.att.o, new.ffn[2]):
        torch.nn.init.zeros_(lin.weight)
        torch.nn.init.zeros_(lin.bias)
    model = {}
    for k, v in state["model"].items():
        parts = k.split(".")
        if parts[:2] == ["caller", "blocks"] and int(parts[2]) >= at:
            parts[2] = str(int(parts[2]) + 1)
        model[".".join(parts)] = v
    model.update({f"caller.blocks.{at}.{k}": v for k, v in new.state_dict().items()})
    return {"config": {**c.__dict__, "global_layers": c.global_layers + 1}, "model": model,
            "grown": {"at": at, "seed": seed}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("--at", type=int, required=True, help="block index of the new global block")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    torch.save(grow(load(args.ckpt), args.at, args.seed), args.out)


if __name__ == "__main__":
    main()
