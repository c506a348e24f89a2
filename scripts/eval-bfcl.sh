#!/usr/bin/env bash
# Every BFCL v4 file in ../shared/bfcl through the real tool caller (npm run eval); one line per file.
# usage: scripts/eval-bfcl.sh [model dir] [backend]   (defaults: wasm, ort-web); JSON reports in $OUT (default /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-wasm}"
BACKEND="${2:-ort-web}"
OUT="${OUT:-/tmp}"
BFCL=../shared/bfcl
for q in "$BFCL"/BFCL_v4_*.json; do
  name=$(basename "$q" .json)
  answers=()
  [ -f "$BFCL/possible_answer/$name.json" ] && answers=(--answers "$BFCL/possible_answer/$name.json")
  line=$(npx tsx src/eval/cli.ts --questions "$q" "${answers[@]}" --model "$MODEL" --backend "$BACKEND" \
    --json "$OUT/$name.eval.json" 2>/dev/null | grep -E "^overall|^schema-valid|^not expressible" | tr '\n' ' ')
  echo "${name#BFCL_v4_}: $line"
done
