#!/usr/bin/env bash
# Rebuilds the shipped model from scratch (seeded): four training phases, the average of phases 3 and 4, three more
# phases in a row from that average, evaluation, export to wasm/ with parity checks.
# usage: training/rebuild.sh [phase-1 min] [phase-2 min] [phase-3 min] [phase-4 min] [phase-5 min] [phase-6 min]
#        [phase-9 min] [phase-12 min]   (CPU, 92 + 124 + 125 + 125 + 112 + 130 + 120 + 115 by default; DEVICE=cuda)
# Phase 1 trains from random weights through the whole curriculum; phases 2-4 start from the previous phase's
# weights with a fresh optimizer and schedule, the curriculum starting half way (stage 1 faded), then at 0.8 (twice);
# phases 3 and 4 are averaged half and half, phase 5 starts from that average, phase 6 from phase 5, phase 9 (phases
# 7 and 8 were not shipped) from phase 6, phase 12 from phase 9 (10 and 11 were not shipped), and the shipped weights
# are phases 9 and 12 averaged. (Session 11 started phase 12 from phase 9 read back from its int8 graphs,
# training/from_onnx.py, as its checkpoint was gone; this script starts it from the checkpoint itself.)
set -euo pipefail
cd "$(dirname "$0")/.."
MIN1="${1:-92}"
MIN2="${2:-124}"
MIN3="${3:-125}"
MIN4="${4:-125}"
MIN5="${5:-112}"
MIN6="${6:-130}"
MIN7="${7:-120}"
MIN8="${8:-115}"
RUN="${RUN:-rebuild}"
DEVICE="${DEVICE:-cpu}"
PY=/usr/bin/python3
export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
export MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1   # freed pages kept: no refaults (training/README.md)
mkdir -p "training/runs/$RUN-base" "training/runs/$RUN-mid" "training/runs/$RUN-late" "training/runs/$RUN-last" \
  "training/runs/$RUN-avg" "training/runs/$RUN-p5" "training/runs/$RUN-p6" "training/runs/$RUN-p9" \
  "training/runs/$RUN-p12" "training/runs/$RUN"
$PY training/train.py --run "$RUN-base" --minutes "$MIN1" --seed 0 --device "$DEVICE" | tee "training/runs/$RUN-base/train.log"
$PY training/train.py --run "$RUN-mid" --minutes "$MIN2" --seed 1 --device "$DEVICE" --init "training/runs/$RUN-base/ckpt.pt" \
  --curriculum-from 0.5 --lr 1.5e-3 | tee "training/runs/$RUN-mid/train.log"
$PY training/train.py --run "$RUN-late" --minutes "$MIN3" --seed 2 --device "$DEVICE" --init "training/runs/$RUN-mid/ckpt.pt" \
  --curriculum-from 0.8 --lr 1e-3 | tee "training/runs/$RUN-late/train.log"
$PY training/train.py --run "$RUN-last" --minutes "$MIN4" --seed 3 --device "$DEVICE" --init "training/runs/$RUN-late/ckpt.pt" \
  --curriculum-from 0.8 --lr 7e-4 | tee "training/runs/$RUN-last/train.log"
$PY training/average.py "training/runs/$RUN-late/ckpt.pt" "training/runs/$RUN-last/ckpt.pt" --out "training/runs/$RUN-avg/ckpt.pt"
$PY training/train.py --run "$RUN-p5" --minutes "$MIN5" --seed 4 --device "$DEVICE" --init "training/runs/$RUN-avg/ckpt.pt" \
  --curriculum-from 0.8 --lr 5e-4 | tee "training/runs/$RUN-p5/train.log"
$PY training/train.py --run "$RUN-p6" --minutes "$MIN6" --seed 5 --device "$DEVICE" --init "training/runs/$RUN-p5/ckpt.pt" \
  --curriculum-from 0.8 --lr 5e-4 | tee "training/runs/$RUN-p6/train.log"
$PY training/train.py --run "$RUN-p9" --minutes "$MIN7" --seed 8 --device "$DEVICE" --init "training/runs/$RUN-p6/ckpt.pt" \
  --curriculum-from 0.8 --lr 5e-4 | tee "training/runs/$RUN-p9/train.log"
$PY training/train.py --run "$RUN-p12" --minutes "$MIN8" --seed 11 --device "$DEVICE" --init "training/runs/$RUN-p9/ckpt.pt" \
  --curriculum-from 0.8 --lr 3e-4 | tee "training/runs/$RUN-p12/train.log"
$PY training/average.py "training/runs/$RUN-p9/ckpt.pt" "training/runs/$RUN-p12/ckpt.pt" --out "training/runs/$RUN/ckpt.pt"
$PY training/evaluate.py --ckpt "training/runs/$RUN/ckpt.pt" --n 400 --windows 8,16,32,64,128,512 \
  --out "training/runs/$RUN/eval.json"
$PY training/export.py --ckpt "training/runs/$RUN/ckpt.pt" --out wasm --check 400 --smooth 0.5
$PY training/evaluate.py --ckpt "training/runs/$RUN/ckpt.pt" --n 400 --onnx wasm --out "training/runs/$RUN/eval_int8.json"
$PY training/make_fixture.py
