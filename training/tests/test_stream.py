"""Batches made by worker processes (train.py --workers) and the lexicons read from packed copies: run with
    /usr/bin/python3 -m unittest discover -s training/tests -v
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from export import WINDOW  # noqa: E402
from stream import BatchStream, compact, expand, make_job  # noqa: E402

SEED, BATCH = 7, 6


def same(a, b):
    return a.keys() == b.keys() and all(a[k].dtype == b[k].dtype and torch.equal(a[k], b[k]) for k in a)


class WorkerStream(unittest.TestCase):
    def test_a_job_is_its_seed_and_number(self):
        first = make_job(SEED, 3, 0.9, BATCH, WINDOW["trained"], {})
        again = make_job(SEED, 3, 0.9, BATCH, WINDOW["trained"], {})
        other = make_job(SEED, 4, 0.9, BATCH, WINDOW["trained"], {})
        self.assertTrue(all(same(a, b) for a, b in zip(first, again)))
        self.assertFalse(same(first[0], other[0]))

    def test_compact_batches_expand_to_the_same_tensors(self):
        batch = make_job(SEED, 0, 0.9, BATCH, WINDOW["trained"], {})[0]
        batch["soft"] = torch.tensor([0.5, 1.0])  # not a small integer: stays float32
        batch["labels"] = torch.tensor([-100, 3, 40000])  # beyond int16: stays int64
        packed = compact(batch)
        self.assertEqual(packed["elem_match"][0].dtype, torch.uint8)
        self.assertEqual(packed["input_ids"][0].dtype, torch.int16)
        self.assertEqual(packed["soft"][0].dtype, torch.float32)
        self.assertEqual(packed["labels"][0].dtype, torch.int64)
        self.assertTrue(same(expand(packed, "cpu"), batch))

    def test_workers_give_the_jobs_in_order_and_a_resumed_stream_starts_at_its_job(self):
        expected = [b for j in range(3) for b in make_job(SEED, j, 0.9, BATCH, WINDOW["trained"], {})]
        stream = BatchStream(2, SEED, BATCH, WINDOW["trained"])
        try:
            got = [stream.next(0.9) for _ in expected]
            self.assertEqual(stream.done, 3)
        finally:
            stream.close()
        self.assertTrue(all(same(a, b) for a, b in zip(got, expected)))
        resumed = BatchStream(1, SEED, BATCH, WINDOW["trained"], job=2)
        try:
            self.assertTrue(same(resumed.next(0.9), make_job(SEED, 2, 0.9, BATCH, WINDOW["trained"], {})[0]))
        finally:
            resumed.close()


class TrainWithWorkers(unittest.TestCase):
    def test_a_run_with_workers_trains_saves_its_job_and_resumes_from_it(self):
        tmp = tempfile.mkdtemp()
        run = os.path.join(tmp, "run")  # an absolute --run: nothing lands under training/runs/
        ckpt = os.path.join(run, "ckpt.pt")
        train = lambda steps: subprocess.run(
            [
                sys.executable,
                os.path.join(os.path.dirname(HERE), "train.py"),
                "--run",
                run,
                "--workers",
                "1",
                "--batch",
                "4",
                "--threads",
                "1",
                "--minutes",
                "10",
                "--max-steps",
                str(steps),
                "--save-every",
                "100",
                "--eval-every",
                "100000",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        try:
            train(5)  # pool=4 batches a job: jobs 0 and 1 used
            first = torch.load(ckpt, weights_only=False)
            log = train(9)
            second = torch.load(ckpt, weights_only=False)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self.assertEqual((first["step"], first["job"]), (5, 2))
        self.assertIn("resumed at step 5", log)
        self.assertEqual((second["step"], second["job"]), (9, 3))  # resumed at job 2: its 4 batches


class PackedSystemFiles(unittest.TestCase):
    def test_lexicons_come_from_system_files_root(self):
        files = [
            "/usr/share/dict/words",
            "/usr/share/zoneinfo/zone1970.tab",
            "/usr/share/iso-codes/json/iso_3166-1.json",
            "/usr/share/iso-codes/json/iso_3166-2.json",
            "/usr/share/iso-codes/json/iso_639-2.json",
        ]
        count = "import data; print(sum(len(v) for v in data.WORDS.values()))"
        with tempfile.TemporaryDirectory() as root:
            for f in files:
                os.makedirs(root + os.path.dirname(f), exist_ok=True)
                shutil.copy(f, root + f)
            with open(root + files[0], "w") as f:
                f.write("\n".join(["apple", "banana", "cherry", "Zurich"]) + "\n")
            run = lambda env: subprocess.run(
                [sys.executable, "-c", count],
                cwd=os.path.dirname(HERE),
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            packed = run({**os.environ, "SYSTEM_FILES_ROOT": root})
            system = run({k: v for k, v in os.environ.items() if k != "SYSTEM_FILES_ROOT"})
        self.assertEqual(packed, "3")
        self.assertGreater(int(system), 1000)


if __name__ == "__main__":
    unittest.main()
