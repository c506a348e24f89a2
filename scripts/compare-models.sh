#!/usr/bin/env bash
# Two exported models side by side through the real tool caller, on the same splits: the synthetic held-out split
# (400 cases), the validation split (800 cases) and every BFCL v4 file; one line per figure, whole cases passed.
# usage: scripts/compare-models.sh <model dir A> <model dir B>   (reports under $OUT, default /tmp/compare)
# A phase ships only if it gains on the held-out split and on BFCL (training/README.md, "Choosing what ships").
set -euo pipefail
cd "$(dirname "$0")/.."
A="${1:?model dir A}"
B="${2:?model dir B}"
OUT="${OUT:-/tmp/compare}"
mkdir -p "$OUT/a" "$OUT/b"
(cd training && /usr/bin/python3 heldout_bfcl.py --n 400 --seed 777 --out "$OUT/heldout" \
  && /usr/bin/python3 heldout_bfcl.py --split val --n 800 --seed 777 --out "$OUT/val")
passed() { grep "^overall" | sed -E 's/overall: ([0-9]+)\/.*/\1/'; }
for split in heldout val; do
  a=$(npx tsx src/eval/cli.ts --questions "$OUT/$split/questions.jsonl" --answers "$OUT/$split/answers.jsonl" --model "$A" \
    --json "$OUT/a/$split.eval.json" 2>/dev/null | passed)
  b=$(npx tsx src/eval/cli.ts --questions "$OUT/$split/questions.jsonl" --answers "$OUT/$split/answers.jsonl" --model "$B" \
    --json "$OUT/b/$split.eval.json" 2>/dev/null | passed)
  echo "$split: $a -> $b"
done
total_a=0
total_b=0
for q in ../shared/bfcl/BFCL_v4_*.json; do
  name=$(basename "$q" .json)
  answers=()
  [ -f "../shared/bfcl/possible_answer/$name.json" ] && answers=(--answers "../shared/bfcl/possible_answer/$name.json")
  a=$(npx tsx src/eval/cli.ts --questions "$q" "${answers[@]}" --model "$A" --json "$OUT/a/$name.eval.json" 2>/dev/null | passed)
  b=$(npx tsx src/eval/cli.ts --questions "$q" "${answers[@]}" --model "$B" --json "$OUT/b/$name.eval.json" 2>/dev/null | passed)
  total_a=$((total_a + a))
  total_b=$((total_b + b))
  echo "${name#BFCL_v4_}: $a -> $b"
done
echo "bfcl: $total_a -> $total_b"
