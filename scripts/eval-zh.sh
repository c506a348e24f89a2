#!/usr/bin/env bash
# The Chinese shop set (eval/zh-shop, issue 38): both halves through `npm run eval`, then the comparison of twins
# (scripts/eval-zh.ts). With --crosswoz, also the CrossWOZ held-out turns (its test split, which training never
# sees: training/heldout_real.py, Debian's python3 and ../shared/data needed).
# usage: scripts/eval-zh.sh [--crosswoz] [npm run eval options: --model DIR --cache DIR --backend ...]
# Reports in $OUT (default /tmp/eval-zh).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${OUT:-/tmp/eval-zh}"
mkdir -p "$OUT"
CROSSWOZ=0
MODEL=wasm
ARGS=()
PREV=""
for arg in "$@"; do
  if [ "$arg" = --crosswoz ]; then CROSSWOZ=1; else ARGS+=("$arg"); fi
  if [ "$PREV" = --model ]; then MODEL="$arg"; fi
  PREV="$arg"
done
for lang in zh en; do
  echo "== Chinese shop set, $lang half"
  npm run -s eval -- --questions "eval/zh-shop/questions.$lang.jsonl" --answers "eval/zh-shop/answers.$lang.jsonl" \
    --json "$OUT/$lang.json" ${ARGS[@]+"${ARGS[@]}"}
done
echo "== twins"
npx tsx scripts/eval-zh.ts eval/zh-shop "$OUT/zh.json" "$OUT/en.json" "$MODEL"
if [ "$CROSSWOZ" = 1 ]; then
  echo "== CrossWOZ held-out turns"
  /usr/bin/python3 training/heldout_real.py --out "$OUT/real" > "$OUT/real.log"
  grep '"id": "crosswoz_' "$OUT/real/questions.jsonl" > "$OUT/crosswoz.questions.jsonl"
  grep '"id": "crosswoz_' "$OUT/real/answers.jsonl" > "$OUT/crosswoz.answers.jsonl"
  npm run -s eval -- --questions "$OUT/crosswoz.questions.jsonl" --answers "$OUT/crosswoz.answers.jsonl" \
    --json "$OUT/crosswoz.json" ${ARGS[@]+"${ARGS[@]}"}
fi
