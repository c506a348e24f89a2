#!/usr/bin/env bash
# A trained checkpoint as a shippable model, measured on every set through the real caller (onnxruntime-node):
#   export (int8, --smooth 0.5, parity on 200 cases) -> calibration fitted on the calibration split -> held-out real
#   (7 x 300, and its CrossWOZ part), synthetic held-out (400) and validation (800) splits, the Chinese shop set with
#   its English twins, the extraction set, every BFCL file (scripts/eval-bfcl.sh). One line per set; JSON under $OUT.
# usage: scripts/eval-candidate.sh <checkpoint | -> <model dir>   ("-": measure the model dir as it is, no export)
# environment: OUT (reports, default /tmp/candidate), ZH_GLOSSES (the checkpoint's setting, default 1), DATA
# (default ../shared/data). Needs Debian's python3 (training/README.md). Session 26 measured phase 37 with it.
set -uo pipefail
cd "$(dirname "$0")/.."
CKPT="${1:?checkpoint or -}"
MODEL="${2:?model dir}"
OUT="${OUT:-/tmp/candidate}"
DATA="${DATA:-../shared/data}"
PY=/usr/bin/python3
export ZH_GLOSSES="${ZH_GLOSSES:-1}"
mkdir -p "$OUT"
ev() {   # name, questions, answers -> "risk-coverage ... overall: P/T"
  npx tsx src/eval/cli.ts --questions "$2" ${3:+--answers "$3"} --model "$MODEL" --backend ort-node --json "$OUT/$1.json" \
    2>/dev/null | grep -E "^overall|calibration error" | tr '\n' ' '
  echo
}
if [ "$CKPT" != "-" ]; then
  "$PY" training/export.py --ckpt "$CKPT" --out "$MODEL" --smooth 0.5 --check 200 > "$OUT/export.log" 2>&1 || {
    tail "$OUT/export.log"
    exit 1
  }
  grep int8_vs_fp32 "$OUT/export.log"
  [ -d "$OUT/calib" ] || "$PY" training/calibration_split.py --data "$DATA" --out "$OUT/calib" > /dev/null
  for s in sgd_seen held_out_rest; do ev "calib_$s" "$OUT/calib/$s/questions.jsonl" "$OUT/calib/$s/answers.jsonl" > /dev/null; done
  "$PY" training/calibrate.py --reports "$OUT/calib_sgd_seen.json" "$OUT/calib_held_out_rest.json" --model "$MODEL" | head -1
fi
[ -d "$OUT/real" ] || "$PY" training/heldout_real.py --data "$DATA" --out "$OUT/real" > /dev/null
grep '"id": "crosswoz_' "$OUT/real/questions.jsonl" > "$OUT/real/crosswoz.questions.jsonl"
grep '"id": "crosswoz_' "$OUT/real/answers.jsonl" > "$OUT/real/crosswoz.answers.jsonl"
[ -d "$OUT/heldout" ] || (cd training && "$PY" heldout_bfcl.py --n 400 --seed 777 --out "$OUT/heldout" > /dev/null)
[ -d "$OUT/val" ] || (cd training && "$PY" heldout_bfcl.py --split val --n 800 --seed 777 --out "$OUT/val" > /dev/null)
echo "held-out real: $(ev real "$OUT/real/questions.jsonl" "$OUT/real/answers.jsonl")"
echo "crosswoz: $(ev crosswoz "$OUT/real/crosswoz.questions.jsonl" "$OUT/real/crosswoz.answers.jsonl")"
echo "synthetic held-out: $(ev heldout "$OUT/heldout/questions.jsonl" "$OUT/heldout/answers.jsonl")"
echo "validation: $(ev val "$OUT/val/questions.jsonl" "$OUT/val/answers.jsonl")"
OUT="$OUT/zh" scripts/eval-zh.sh --model "$MODEL" --backend ort-node 2>/dev/null | grep -E "Chinese shop set|confidence > 0.9"
npm run -s eval:extraction -- --model "$MODEL" --backend ort-node 2>/dev/null | grep -E "^overall"
mkdir -p "$OUT/bfcl"
OUT="$OUT/bfcl" scripts/eval-bfcl.sh "$MODEL" ort-node
