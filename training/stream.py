"""Training batches made by worker processes (`train.py --workers N`), for a machine whose accelerator trains faster
than one CPU core generates examples (about 20 batches of 24 a second, data.py).

Job j's batches come from `random.Random(f"{seed}/{j}")` and the curriculum progress the job was asked at, whichever
process makes them, and jobs are consumed in the order they were asked: the stream depends on the seed and on when
the trainer asked, not on which worker was quicker. A resumed run asks again from the job after the last one used.
"""
import collections
import multiprocessing as mp
import random

import torch

import data

_extra = None  # a worker's distilled examples (data.load_distilled), loaded once per process


def _start_worker(distilled):
    global _extra
    torch.set_num_threads(1)
    _extra = data.load_distilled(distilled) if distilled else None


def make_job(seed, job, progress, batch, windows, options):
    """Job `job`'s batches: a list of collated tensor dicts (the examples themselves stay in the worker)."""
    rng = random.Random(f"{seed}/{job}")
    made = data.batches(rng, "train", batch, progress, windows, extra=_extra, **options)
    return [tensors for tensors, _ in made]


def compact(tensors):
    """A batch in the smallest integer type that holds it exactly, each with its own type (ids in int16, 0 / 1 masks
    and match features in uint8: a quarter of the bytes through the pipe)."""
    out = {}
    for k, v in tensors.items():
        small = v
        if v.dtype == torch.int64 and (v.numel() == 0 or (v.min() >= -32768 and v.max() <= 32767)):
            small = v.to(torch.int16)
        elif v.dtype == torch.float32 and (v.numel() == 0 or bool(((v == v.round()) & (v >= 0) & (v <= 255)).all())):
            small = v.to(torch.uint8)
        out[k] = (small, v.dtype)
    return out


def expand(packed, device):
    """compact's batch on `device` in its own types (widened there, after the copy)."""
    return {k: small.to(device, non_blocking=True).to(dtype) for k, (small, dtype) in packed.items()}


def _make_compact_job(*args):
    return [compact(tensors) for tensors in make_job(*args)]


class BatchStream:
    """`next(progress, device)` -> one collated batch on `device`. `workers` processes keep `2 * workers` jobs in
    flight; `job` is the first job to ask for (0 for a new run, the checkpoint's `job` when resuming); `done` counts
    the jobs consumed."""

    def __init__(self, workers, seed, batch, windows, job=0, distilled=None, **options):
        self.seed, self.batch, self.windows, self.options = seed, batch, list(windows), options
        self.done = job
        self.asked = job
        ctx = mp.get_context("spawn")  # a forked child would inherit the parent's CUDA state
        self.pool = ctx.Pool(workers, initializer=_start_worker, initargs=(distilled,))
        self.depth = 2 * workers
        self.pending = collections.deque()
        self.ready = []

    def _ask(self, progress):
        while len(self.pending) < self.depth:
            args = (self.seed, self.asked, progress, self.batch, self.windows, self.options)
            self.pending.append(self.pool.apply_async(_make_compact_job, args))
            self.asked += 1

    def next(self, progress, device="cpu"):
        if not self.ready:
            self._ask(progress)
            self.ready = list(reversed(self.pending.popleft().get()))
            self.done += 1
        return expand(self.ready.pop(), device)

    def close(self):
        # let the jobs in flight finish: terminate() with results pending can trip CPython's pool ("Cannot have cache
        # with result_hander not alive", 1 run in ~8 of test_stream)
        for r in self.pending:
            r.wait()
        self.pool.close()
        self.pool.join()
