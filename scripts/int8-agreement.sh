#!/usr/bin/env bash
# Issue 4's int8 target through the real tool caller: the int8 graphs of a model folder and the fp32 graphs of the
# same weights answer the synthetic held-out split (and the validation split), and scripts/agreement.ts counts the
# cases answered alike. The fp32 graphs come from export.py's fp32 folder (model_fp32.onnx, schema_encoder_fp32.onnx);
# without one, the weights are read back from the int8 graphs (training/from_onnx.py: int8 x scale, so the two differ
# by the activations' quantisation only) and exported in fp32.
# usage: scripts/int8-agreement.sh [model dir (wasm)] [fp32 folder]   WINDOWS="16" (default: config's), SPLITS="heldout val"
# Needs Debian's python3 (generator, and the read-back when no fp32 folder is given); files under $OUT (/tmp/int8-agreement).
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-wasm}"
FP32="${2:-}"
OUT="${OUT:-/tmp/int8-agreement}"
SPLITS="${SPLITS:-heldout val}"
WINDOWS="${WINDOWS:-$(node -p "JSON.parse(require('fs').readFileSync('$MODEL/config.json', 'utf8')).window.default")}"
export LD_PRELOAD="${LD_PRELOAD:-/usr/lib/x86_64-linux-gnu/libjemalloc.so.2}" MALLOC_CONF="${MALLOC_CONF:-dirty_decay_ms:-1,muzzy_decay_ms:-1}"
mkdir -p "$OUT"
LOG="$OUT/steps.log"
: > "$LOG"
quiet() {   # a step's output goes to $LOG; when it fails, its last lines are shown and the script stops
  "$@" >>"$LOG" 2>&1 || { tail -n 20 "$LOG" >&2; echo "failed: $*" >&2; exit 1; }
}
if [ -z "$FP32" ]; then
  FP32="$OUT/fp32-graphs"
  quiet /usr/bin/python3 training/from_onnx.py --onnx "$MODEL" --out "$OUT/read-back/ckpt.pt"
  quiet /usr/bin/python3 training/export.py --ckpt "$OUT/read-back/ckpt.pt" --out "$OUT/read-back/export" --fp32-dir "$FP32"
fi
# the fp32 graphs under the contract's file names, with the model's config.json, so that the eval CLI loads them as a model
rm -rf "$OUT/fp32-model" && mkdir -p "$OUT/fp32-model/onnx"
cp "$MODEL/config.json" "$OUT/fp32-model/"
cp "$FP32/model_fp32.onnx" "$OUT/fp32-model/onnx/model_int8.onnx"
cp "$FP32/schema_encoder_fp32.onnx" "$OUT/fp32-model/onnx/schema_encoder_int8.onnx"
unset LD_PRELOAD
for split in $SPLITS; do
  case "$split" in
    heldout) quiet /usr/bin/python3 training/heldout_bfcl.py --n 400 --seed 777 --out "$OUT/$split" ;;
    val) quiet /usr/bin/python3 training/heldout_bfcl.py --split val --n 800 --seed 777 --out "$OUT/$split" ;;
    *) echo "unknown split $split (heldout, val)" >&2; exit 2 ;;
  esac
  for w in $WINDOWS; do
    for graphs in int8 fp32; do
      dir="$MODEL"; [ "$graphs" = fp32 ] && dir="$OUT/fp32-model"
      quiet npx tsx src/eval/cli.ts --questions "$OUT/$split/questions.jsonl" --answers "$OUT/$split/answers.jsonl" \
        --model "$dir" --window "$w" ${CACHE:+--cache "$CACHE"} --json "$OUT/$split-w$w-$graphs.json"
      echo "$split W=$w $graphs $(node -p "JSON.parse(require('fs').readFileSync('$OUT/$split-w$w-$graphs.json', 'utf8')).summary.passed") whole cases passed"
    done
    npx tsx scripts/agreement.ts "$OUT/$split-w$w-int8.json" "$OUT/$split-w$w-fp32.json" | grep "^same answers" | sed "s/^/$split W=$w int8 vs fp32 /"
  done
done
