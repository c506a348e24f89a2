#!/usr/bin/env bash
# Two exported models side by side through the real tool caller, on the same splits: the synthetic held-out split
# (400 cases), the validation split (800 cases) and every BFCL v4 file; one line per figure, whole cases passed.
# usage: scripts/compare-models.sh <model dir A> <model dir B>   (reports under $OUT, default /tmp/compare)
# CACHE=dir keeps the graph outputs there (src/eval/cli.ts --cache), keyed by each model's files.
# A phase ships only if it gains on the held-out split and on BFCL (training/README.md, "Choosing what ships").
set -euo pipefail
cd "$(dirname "$0")/.."
A="${1:?model dir A}"
B="${2:?model dir B}"
OUT="${OUT:-/tmp/compare}"
mkdir -p "$OUT/a" "$OUT/b"
(cd training && /usr/bin/python3 heldout_bfcl.py --n 400 --seed 777 --out "$OUT/heldout" \
  && /usr/bin/python3 heldout_bfcl.py --split val --n 800 --seed 777 --out "$OUT/val")
cache=()
[ -n "${CACHE:-}" ] && cache=(--cache "$CACHE")
passed() { grep "^overall" | sed -E 's/overall: ([0-9]+)\/.*/\1/'; }
run() {   # split, model dir, report folder -> whole cases passed
  npx tsx src/eval/cli.ts --questions "$OUT/$1/questions.jsonl" --answers "$OUT/$1/answers.jsonl" --model "$2" "${cache[@]}" \
    --json "$OUT/$3/$1.eval.json" 2>/dev/null | passed
}
for split in heldout val; do echo "$split: $(run "$split" "$A" a) -> $(run "$split" "$B" b)"; done
# BFCL through scripts/eval-bfcl.sh: "<file> <passed>" per line for each model, then side by side.
bfcl() { OUT="$OUT/$1" scripts/eval-bfcl.sh "$2" | sed -E 's/^([a-z_]+):.*overall: ([0-9]+)\/.*/\1 \2/'; }
bfcl a "$A" | sort > "$OUT/a/bfcl.txt"
bfcl b "$B" | sort > "$OUT/b/bfcl.txt"
join "$OUT/a/bfcl.txt" "$OUT/b/bfcl.txt" | awk '{ print $1 ": " $2 " -> " $3; a += $2; b += $3 } END { print "bfcl: " a " -> " b }'
