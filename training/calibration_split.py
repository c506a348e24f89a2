"""The split the confidence calibration is fitted on: real requests that neither training nor the held-out test
splits use. SGD dev dialogues whose service SGD train also has (heldout_real.py tests on the dev services train lacks;
training reads SGD train only), one user turn per dialogue, in the original and the five SGD-X wordings.

    /usr/bin/python3 training/calibration_split.py --out /tmp/calib
    npm run eval -- --questions /tmp/calib/questions.jsonl --answers /tmp/calib/answers.jsonl --json /tmp/calib/r.json
    /usr/bin/python3 training/calibrate.py --reports /tmp/calib/r.json --model wasm
"""
import argparse
import os

import convert_common as C
import convert_sgd
from heldout_real import write


def sgd_seen(root, seed, counts):
    train = {s["service_name"] for s in C.load_json(os.path.join(root, "sgd", "train", "schema.json"))}
    dev = {s["service_name"] for s in C.load_json(os.path.join(root, "sgd", "dev", "schema.json"))}
    return convert_sgd.convert(root, "dev", 1, seed, services=dev & train, counts=counts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=C.DATA)
    ap.add_argument("--n", type=int, default=1200, help="cases at most")
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    counts = C.Counts("sgd_seen")
    write(args.out, {"sgd_seen": (sgd_seen(args.data, args.seed, counts), counts)}, args.n, args.seed)


if __name__ == "__main__":
    main()
