"""A checkpoint's weights alone (config, model, step, tokens, wall time), without the optimizer state: what travels
to and from a lent GPU machine (training/gpu_phase.sh; files come back at 16 MB at most).

    /usr/bin/python3 training/weights.py training/runs/gpu/ckpt.pt --out /tmp/gpu.pt
"""
import argparse
import os

import torch

KEPT = ("config", "model", "step", "tokens", "wall_s", "averaged")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    st = torch.load(args.ckpt, map_location="cpu", weights_only=False)
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    torch.save({k: st[k] for k in KEPT if k in st}, args.out)


if __name__ == "__main__":
    main()
