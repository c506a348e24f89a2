"""The split the confidence calibration is fitted on: real requests that neither training nor the held-out test
splits use. (1) SGD dev dialogues whose service SGD train also has (heldout_real.py tests on the dev services train
lacks; training reads SGD train only), one user turn per dialogue, in the original and the five SGD-X wordings;
(2) from each held-out set of heldout_real.py, the cases that follow the test split's in the same shuffle (same sets,
same seed: disjoint cases from the same distribution).

    /usr/bin/python3 training/calibration_split.py --out /tmp/calib
    for s in sgd_seen held_out_rest; do npm run eval -- --questions /tmp/calib/$s/questions.jsonl \
      --answers /tmp/calib/$s/answers.jsonl --json /tmp/calib/$s.json; done
    /usr/bin/python3 training/calibrate.py --reports /tmp/calib/sgd_seen.json /tmp/calib/held_out_rest.json --model wasm
"""
import argparse
import os

import convert_common as C
import convert_sgd
import heldout_real
from heldout_real import write


def sgd_seen(root, seed, counts):
    train = {s["service_name"] for s in C.load_json(os.path.join(root, "sgd", "train", "schema.json"))}
    dev = {s["service_name"] for s in C.load_json(os.path.join(root, "sgd", "dev", "schema.json"))}
    return convert_sgd.convert(root, "dev", 1, seed, services=dev & train, counts=counts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=C.DATA)
    ap.add_argument(
        "--n", type=int, default=200, help="SGD seen-service cases at most (as many as each held-out set gives)"
    )
    ap.add_argument("--per-set", type=int, default=200, help="cases per held-out set, after its test cases")
    ap.add_argument("--test-n", type=int, default=300, help="heldout_real.py's --n: the test cases to skip")
    ap.add_argument("--test-seed", type=int, default=2026, help="heldout_real.py's --seed")
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    counts = C.Counts("sgd_seen")
    os.makedirs(args.out, exist_ok=True)
    write(
        os.path.join(args.out, "sgd_seen"),
        {"sgd_seen": (sgd_seen(args.data, args.seed, counts), counts)},
        args.n,
        args.seed,
    )
    write(
        os.path.join(args.out, "held_out_rest"),
        heldout_real.sets(args.data, args.test_seed),
        args.per_set,
        args.test_seed,
        skip=args.test_n,
    )


if __name__ == "__main__":
    main()
