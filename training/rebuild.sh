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
PY="${PY:-/usr/bin/python3}"   # PY=echo prints the commands instead
export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
export MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1   # freed pages kept: no refaults (training/README.md)
phase() {   # name, minutes, seed, then train.py's other arguments; the log lands next to the checkpoint
  local name="$1" minutes="$2" seed="$3"
  shift 3
  mkdir -p "training/runs/$RUN-$name"
  $PY training/train.py --run "$RUN-$name" --minutes "$minutes" --seed "$seed" --device "$DEVICE" "$@" \
    | tee "training/runs/$RUN-$name/train.log"
}
ckpt() { echo "training/runs/$RUN-$1/ckpt.pt"; }   # a phase's (or an average's) checkpoint
SHIPPED="training/runs/$RUN/ckpt.pt"
mkdir -p "training/runs/$RUN-avg" "training/runs/$RUN"
phase base "$MIN1" 0
phase mid "$MIN2" 1 --init "$(ckpt base)" --curriculum-from 0.5 --lr 1.5e-3
phase late "$MIN3" 2 --init "$(ckpt mid)" --curriculum-from 0.8 --lr 1e-3
phase last "$MIN4" 3 --init "$(ckpt late)" --curriculum-from 0.8 --lr 7e-4
$PY training/average.py "$(ckpt late)" "$(ckpt last)" --out "$(ckpt avg)"
phase p5 "$MIN5" 4 --init "$(ckpt avg)" --curriculum-from 0.8 --lr 5e-4
phase p6 "$MIN6" 5 --init "$(ckpt p5)" --curriculum-from 0.8 --lr 5e-4
phase p9 "$MIN7" 8 --init "$(ckpt p6)" --curriculum-from 0.8 --lr 5e-4
phase p12 "$MIN8" 11 --init "$(ckpt p9)" --curriculum-from 0.8 --lr 3e-4
$PY training/average.py "$(ckpt p9)" "$(ckpt p12)" --out "$SHIPPED"
$PY training/evaluate.py --ckpt "$SHIPPED" --n 400 --windows 8,16,32,64,128,512 \
  --out "training/runs/$RUN/eval.json"
$PY training/export.py --ckpt "$SHIPPED" --out wasm --check 400 --smooth 0.5
$PY training/evaluate.py --ckpt "$SHIPPED" --n 400 --onnx wasm --out "training/runs/$RUN/eval_int8.json"
$PY training/make_fixture.py
