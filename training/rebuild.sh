#!/usr/bin/env bash
# Rebuilds the shipped model from random weights with today's recipe (wasm/MODEL_CARD.md "Training"), seeded:
#   phases 1-4 in a row; phases 3 and 4 averaged; phases 5, 6, 9, 12 in a row from that average; phases 9 and 12
#   averaged (the model shipped in sessions 11-23), exported to int8 and read back (from_onnx.py: phase 35 started from
#   the weights of the shipped graphs); the real half of the mix built from ../shared/data (real_mix.py); phase 35 on
#   half real, half generated examples from the read-back weights; the read-back weights and phase 35 averaged half and
#   half (the model shipped in sessions 24-26), exported and read back; phases 37 and 39 in a row from it, with the
#   Chinese glosses, structured extractions and more Chinese (shipped); evaluation, export with the parity checks, the
#   calibration refitted on its held-out split, the synthetic held-out split through the TypeScript caller.
# usage: training/rebuild.sh [minutes of phases 1 2 3 4 5 6 9 12 35 37 39]
#   (default 92 124 125 125 112 130 120 115 75 105 100: about 20.5 h of training on 2 CPU cores)
# environment: MODEL (folder written, default wasm), RUNS (checkpoints and logs, default training/runs/rebuild),
#   DATA (default ../shared/data), DEVICE (cpu; cuda for the phases on a GPU), PY (default /usr/bin/python3),
#   SMOKE=1: every step at toy size (2 steps of 4 per phase, 8 cases per check, 10 per calibration set), to check the
#   chain in minutes: use it with MODEL and RUNS under /tmp.
# A rebuild reproduces the recipe, not the shipped bytes: phases 1-12 ran on the generators of their sessions (git
# history), and wall-time budgets reach other step counts on other machines.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=("${1:-92}" "${2:-124}" "${3:-125}" "${4:-125}" "${5:-112}" "${6:-130}" "${7:-120}" "${8:-115}" "${9:-75}"
  "${10:-105}" "${11:-100}")
MODEL="${MODEL:-wasm}"
RUNS="$(realpath -m "${RUNS:-training/runs/rebuild}")"   # absolute: train.py --run takes it as the run's folder
DATA="${DATA:-../shared/data}"
DEVICE="${DEVICE:-cpu}"
PY="${PY:-/usr/bin/python3}"
N=400         # cases per check
CALIB=()      # calibration_split.py's defaults: 200 per set
TOY=()        # train.py options of a smoke run
WINDOWS=8,16,32,64,128,512
if [ -n "${SMOKE:-}" ]; then
  N=8
  CALIB=(--n 10 --per-set 10)
  TOY=(--max-steps 2 --batch 4)
  WINDOWS=16
fi
JEMALLOC=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
mkdir -p "$RUNS"
# phases 1-35 had neither the Chinese glosses nor the structured extractions (training/README.md "Data")
export ZH_GLOSSES=0 EXTRACT_FRAC=0

phase() {   # name, minutes, seed, then train.py's other options; the log lands next to the checkpoint
  local name="$1" minutes="$2" seed="$3"
  shift 3
  mkdir -p "$RUNS/$name"
  "$PY" training/train.py --run "$RUNS/$name" --minutes "$minutes" --seed "$seed" --device "$DEVICE" "$@" "${TOY[@]}" \
    2>&1 | tee "$RUNS/$name/train.log"
}
ckpt() { echo "$RUNS/$1/ckpt.pt"; }
average() { "$PY" training/average.py "$(ckpt "$1")" "$(ckpt "$2")" --out "$(ckpt "$3")"; }

# phases 1-12 on the generators alone; jemalloc keeps freed pages (decay off: no refaults, training/README.md)
(
  export LD_PRELOAD="$JEMALLOC" MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1
  phase p1 "${MINUTES[0]}" 0
  phase p2 "${MINUTES[1]}" 1 --init "$(ckpt p1)" --curriculum-from 0.5 --lr 1.5e-3
  phase p3 "${MINUTES[2]}" 2 --init "$(ckpt p2)" --curriculum-from 0.8 --lr 1e-3
  phase p4 "${MINUTES[3]}" 3 --init "$(ckpt p3)" --curriculum-from 0.8 --lr 7e-4
  average p3 p4 avg34
  phase p5 "${MINUTES[4]}" 4 --init "$(ckpt avg34)" --curriculum-from 0.8 --lr 5e-4
  phase p6 "${MINUTES[5]}" 5 --init "$(ckpt p5)" --curriculum-from 0.8 --lr 5e-4
  phase p9 "${MINUTES[6]}" 8 --init "$(ckpt p6)" --curriculum-from 0.8 --lr 5e-4
  phase p12 "${MINUTES[7]}" 11 --init "$(ckpt p9)" --curriculum-from 0.8 --lr 3e-4
)
average p9 p12 avg912
# the int8 graphs of phases 9 + 12 and the weights read back from them (smoothing included; within half a
# quantisation step of the average)
"$PY" training/export.py --ckpt "$(ckpt avg912)" --out "$RUNS/avg912-int8" --fp32-dir "$RUNS/avg912-fp32" --smooth 0.5
"$PY" training/from_onnx.py --onnx "$RUNS/avg912-int8" --out "$(ckpt readback)"
# the real half: converted human-written requests (counts per set printed; training/README.md "Real data")
mkdir -p "$RUNS/real"
"$PY" training/real_mix.py --data "$DATA" --out "$RUNS/real/mix.jsonl" | tee "$RUNS/real/counts.jsonl"
# phase 35: jemalloc's decay on (with it off, mixed real data grew memory ~1.2 GB a minute); passive OpenMP threads
(
  export LD_PRELOAD="$JEMALLOC" MALLOC_CONF=background_thread:true,dirty_decay_ms:30000,muzzy_decay_ms:30000
  export OMP_WAIT_POLICY=PASSIVE
  phase p35 "${MINUTES[8]}" 35 --init "$(ckpt readback)" --bf16 --curriculum-from 0.8 --lr 4e-4 --threads 2 \
    --distilled "$RUNS/real/mix.jsonl" --distilled-frac 0.5 --save-every 120 --eval-every 100000
)
average readback p35 avg35
# phases 37 and 39 (sessions 26-27) from the weights of avg35's int8 graphs: the Chinese glosses in the matching
# features, structured extractions in 8% of stage 3, a quarter of stage 3 in Chinese
"$PY" training/export.py --ckpt "$(ckpt avg35)" --out "$RUNS/avg35-int8" --smooth 0.5
"$PY" training/from_onnx.py --onnx "$RUNS/avg35-int8" --out "$(ckpt readback35)"
export ZH_GLOSSES=1 EXTRACT_FRAC=0.08 ZH_FRAC=0.25
(
  export LD_PRELOAD="$JEMALLOC" MALLOC_CONF=background_thread:true,dirty_decay_ms:30000,muzzy_decay_ms:30000
  export OMP_WAIT_POLICY=PASSIVE
  phase p37 "${MINUTES[9]}" 37 --init "$(ckpt readback35)" --bf16 --curriculum-from 0.8 --lr 4e-4 --threads 2 \
    --distilled "$RUNS/real/mix.jsonl" --distilled-frac 0.45 --save-every 60 --eval-every 100000
  phase p39 "${MINUTES[10]}" 39 --init "$(ckpt p37)" --bf16 --curriculum-from 0.9 --lr 3e-4 --threads 2 \
    --distilled "$RUNS/real/mix.jsonl" --distilled-frac 0.4 --save-every 200 --eval-every 100000
)
SHIPPED="$(ckpt p39)"

# checks in Python: the synthetic held-out split per window; export (fp32 ONNX vs PyTorch, int8 vs fp32 decoded
# agreement: $RUNS/fp32/parity.json); the int8 graphs' metrics
"$PY" training/evaluate.py --ckpt "$SHIPPED" --n "$N" --windows "$WINDOWS" --out "$RUNS/shipped/eval.json"
"$PY" training/export.py --ckpt "$SHIPPED" --out "$MODEL" --fp32-dir "$RUNS/fp32" --check "$N" --smooth 0.5
"$PY" training/evaluate.py --ckpt "$SHIPPED" --n "$N" --onnx "$MODEL" --out "$RUNS/shipped/eval_int8.json"

# confidence: export.py leaves config.json uncalibrated; fitted on the calibration split through the real caller
"$PY" training/calibration_split.py --data "$DATA" --out "$RUNS/calib" "${CALIB[@]}"
for s in sgd_seen held_out_rest; do
  npx tsx src/eval/cli.ts --questions "$RUNS/calib/$s/questions.jsonl" --answers "$RUNS/calib/$s/answers.jsonl" \
    --model "$MODEL" --backend ort-node --json "$RUNS/calib/$s.json"
done
"$PY" training/calibrate.py --reports "$RUNS/calib/sgd_seen.json" "$RUNS/calib/held_out_rest.json" --model "$MODEL"

# through the TypeScript caller (onnxruntime-web), as the model card reports: the held-out real splits (7 sets) and
# the synthetic held-out split
"$PY" training/heldout_real.py --data "$DATA" --out "$RUNS/heldout-real" --n "$((N < 300 ? N : 300))"
npx tsx src/eval/cli.ts --questions "$RUNS/heldout-real/questions.jsonl" --answers "$RUNS/heldout-real/answers.jsonl" \
  --model "$MODEL" --json "$RUNS/heldout-real/eval.json"
OUT="$RUNS/heldout" scripts/eval-heldout.sh "$MODEL" ort-web "$N"
