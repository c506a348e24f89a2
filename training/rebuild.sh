#!/usr/bin/env bash
# Rebuilds the shipped model from scratch (seeded): train, evaluate, export to wasm/ with parity checks.
# usage: training/rebuild.sh [minutes]   (CPU, ~92 min by default; add DEVICE=cuda to train on a GPU)
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-92}"
RUN="${RUN:-rebuild}"
DEVICE="${DEVICE:-cpu}"
PY=/usr/bin/python3
export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
mkdir -p "training/runs/$RUN"
$PY training/train.py --run "$RUN" --minutes "$MINUTES" --seed 0 --device "$DEVICE" | tee "training/runs/$RUN/train.log"
$PY training/evaluate.py --ckpt "training/runs/$RUN/ckpt.pt" --n 400 --windows 8,16,32,64,128,512 \
  --out "training/runs/$RUN/eval.json"
$PY training/export.py --ckpt "training/runs/$RUN/ckpt.pt" --out wasm --check 200
$PY training/evaluate.py --ckpt "training/runs/$RUN/ckpt.pt" --n 400 --onnx wasm --out "training/runs/$RUN/eval_int8.json"
$PY training/make_fixture.py
