#!/usr/bin/env bash
# The synthetic held-out split (training/heldout_bfcl.py, the cases training/evaluate.py scores) through the real tool
# caller (npm run eval). usage: scripts/eval-heldout.sh [model dir] [backend] [n] [seed]   (wasm, ort-web, 400, 777)
# Needs Debian's python3 for the generator; files and the JSON report in $OUT (default /tmp/heldout).
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-wasm}"
BACKEND="${2:-ort-web}"
N="${3:-400}"
SEED="${4:-777}"
OUT="${OUT:-/tmp/heldout}"
(cd training && /usr/bin/python3 heldout_bfcl.py --n "$N" --seed "$SEED" --out "$OUT")
npx tsx src/eval/cli.ts --questions "$OUT/questions.jsonl" --answers "$OUT/answers.jsonl" --model "$MODEL" \
  --backend "$BACKEND" --json "$OUT/heldout.eval.json"
