"""Deepen a trained model without changing what it computes: a new block is inserted at block index `--at` with its
two residual branches (attention output, FFN output) zeroed, so it starts as the identity and the model's outputs are
exactly the old ones; later blocks move up one index. A global block goes among the global ones; with `--local`, a
windowed block goes among the windowed ones (before the cross-attention, which follows the last windowed block).
train.py then trains it on from there (`--init <out> --set global_layers=<n + 1>`, or `local_layers=`). The new
block's other weights get the usual seeded initialisation.

    /usr/bin/python3 training/grow.py training/runs/soup912/ckpt.pt --at 3 --out training/runs/grown/init.pt
    /usr/bin/python3 training/grow.py training/runs/soup912/ckpt.pt --at 2 --local --out training/runs/l19/init.pt
"""
import argparse
import os

import torch

from model import Block, Config
from weights import load


def grow(state, at, seed=0, local=False):
    """state: {"config", "model"} -> the same with one more layer (global, or windowed if local), identity-initialised,
    at block index at."""
    c = Config(**state["config"])
    n = c.local_layers + c.global_layers
    lo, hi, kind = (0, c.local_layers, "windowed") if local else (c.local_layers, n, "global")
    if not lo <= at <= hi:
        raise ValueError(f"a {kind} block goes between blocks {lo} and {hi}, not at {at}")
    torch.manual_seed(seed)
    new = Block(c.d, c.heads).silenced()
    model = {}
    for k, v in state["model"].items():
        parts = k.split(".")
        if parts[:2] == ["caller", "blocks"] and int(parts[2]) >= at:
            parts[2] = str(int(parts[2]) + 1)
        model[".".join(parts)] = v
    model.update({f"caller.blocks.{at}.{k}": v for k, v in new.state_dict().items()})
    field = "local_layers" if local else "global_layers"
    return {
        "config": {**c.__dict__, field: getattr(c, field) + 1},
        "model": model,
        "grown": {"at": at, "seed": seed, "kind": kind},
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("--at", type=int, required=True, help="block index of the new block")
    ap.add_argument("--local", action="store_true", help="a windowed block (among the windowed ones), not a global one")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    torch.save(grow(load(args.ckpt), args.at, args.seed, args.local), args.out)


if __name__ == "__main__":
    main()
