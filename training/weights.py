"""A checkpoint's weights alone (config, model, step, tokens, wall time), without the optimizer state: what travels
to and from a lent GPU machine (training/gpu_phase.sh; files come back at 16 MB at most).

    /usr/bin/python3 training/weights.py training/runs/gpu/ckpt.pt --out /tmp/gpu.pt
"""
import argparse
import os

import torch

KEPT = ("config", "model", "step", "tokens", "wall_s", "averaged")


def load(path, device="cpu"):
    """A checkpoint of this project's (weights, optimizer, python RNG state): PyTorch >= 2.6 reads only tensors
    unless told otherwise."""
    return torch.load(path, map_location=device, weights_only=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    st = load(args.ckpt)
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    torch.save({k: st[k] for k in KEPT if k in st}, args.out)


if __name__ == "__main__":
    main()
