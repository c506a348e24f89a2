#!/usr/bin/env bash
# One training phase on a lent GPU machine, as one prepared command for the device tool's `run` (README "GPU").
# That machine has PyTorch with CUDA but none of the Debian files data.py builds its lexicons from, so they travel
# in .gpu/ (git-ignored, carried) with the weights to start from.
#   here:  training/gpu_phase.sh pack [start checkpoint]         -> .gpu/root/usr/share/..., .gpu/init.pt
#   there: training/gpu_phase.sh train MINUTES [train.py options] -> $OUT/ckpt.pt (weights only), $OUT/train.log
# train.py runs with --device cuda, one batch-making worker per core but two (stream.py), checkpoints every 2,000
# steps and no evaluation in the loop; options given after MINUTES are added (--batch, --lr, --seed ...).
set -euo pipefail
cd "$(dirname "$0")/.."
FILES="/usr/share/dict/words /usr/share/zoneinfo/zone1970.tab /usr/share/iso-codes/json/iso_3166-1.json
       /usr/share/iso-codes/json/iso_3166-2.json /usr/share/iso-codes/json/iso_639-2.json"
case "${1:-}" in
  pack)
    START="${2:-training/runs/shipped/ckpt.pt}"   # the shipped weights (from_onnx.py reads them back)
    rm -rf .gpu
    for f in $FILES; do
      mkdir -p ".gpu/root$(dirname "$f")"
      cp -L "$f" ".gpu/root$f"
    done
    /usr/bin/python3 training/weights.py "$START" --out .gpu/init.pt
    du -sh .gpu
    ;;
  train)
    MINUTES="${2:?minutes}"
    shift 2
    PY="${PYTHON:-python3}"
    DEVICE="${DEVICE:-cuda}"
    DEST="${OUT:-training/runs/gpu-out}"
    RUN="${RUN:-gpu}"
    mkdir -p "$DEST"
    export SYSTEM_FILES_ROOT="$PWD/.gpu/root" PYTHONUNBUFFERED=1
    WORKERS=$(( $(nproc) > 3 ? $(nproc) - 2 : 1 ))
    rm -rf "training/runs/$RUN"
    # fail in seconds, not after the workers start, where the device or a file is missing
    "$PY" -c "import sys, torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available()); \
sys.exit(0 if '$DEVICE' == 'cpu' or torch.cuda.is_available() else 1)"
    test -f .gpu/init.pt && test -f .gpu/root/usr/share/dict/words
    "$PY" training/train.py --run "$RUN" --device "$DEVICE" --workers "$WORKERS" --init .gpu/init.pt \
      --minutes "$MINUTES" --curriculum-from 0.8 --eval-every 1000000 --save-every 2000 "$@" 2>&1 | tee "$DEST/train.log"
    "$PY" training/weights.py "training/runs/$RUN/ckpt.pt" --out "$DEST/ckpt.pt"
    ;;
  *)
    echo "usage: training/gpu_phase.sh pack [checkpoint] | train MINUTES [train.py options]" >&2
    exit 2
    ;;
esac
