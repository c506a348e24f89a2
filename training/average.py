"""Average the weights of two checkpoints of one model (a "model soup"): the shipped model is phase 3 and phase 4
averaged half and half. Parameters only the second has (modules added since the first) are taken from it as they are.

    /usr/bin/python3 training/average.py training/runs/v3/final.pt training/runs/v4/final.pt --out training/runs/soup.pt
"""
import argparse
import os

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("first")
    ap.add_argument("second")
    ap.add_argument("--weight", type=float, default=0.5, help="weight of the second checkpoint")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    a, b = (torch.load(p, map_location="cpu") for p in (args.first, args.second))
    w = args.weight
    model = {
        k: (1 - w) * a["model"][k] + w * v if k in a["model"] and v.is_floating_point() else v
        for k, v in b["model"].items()
    }
    out = {"config": b["config"], "model": model, "averaged": {"first": args.first, "second": args.second, "weight": w}}
    out.update({k: b[k] for k in ("step", "tokens", "wall_s") if k in b})
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    torch.save(out, args.out)


if __name__ == "__main__":
    main()
