#!/usr/bin/env bash
# Every BFCL v4 file in ../shared/bfcl through the real tool caller (npm run eval); one line per file.
# usage: scripts/eval-bfcl.sh [model dir] [backend]   (defaults: wasm, ort-web); JSON reports in $OUT (default /tmp)
# CACHE=dir keeps the graph outputs there (src/eval/cli.ts --cache): a rerun after a decoding change is quick.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-wasm}"
BACKEND="${2:-ort-web}"
OUT="${OUT:-/tmp}"
cache=()
[ -n "${CACHE:-}" ] && cache=(--cache "$CACHE")
BFCL=../shared/bfcl
for q in "$BFCL"/BFCL_v4_*.json; do
  name=$(basename "$q" .json)
  answers=()
  [ -f "$BFCL/possible_answer/$name.json" ] && answers=(--answers "$BFCL/possible_answer/$name.json")
  line=$(npx tsx src/eval/cli.ts --questions "$q" "${answers[@]}" --model "$MODEL" --backend "$BACKEND" "${cache[@]}" \
    --json "$OUT/$name.eval.json" 2>/dev/null | grep -E "^overall|^schema-valid|^not expressible" | tr '\n' ' ')
  echo "${name#BFCL_v4_}: $line"
done
