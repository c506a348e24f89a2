"""Train the edge tool caller on the synthetic curriculum (data.py), optionally mixed with converted real requests
(--distilled); resumable, checkpoints under training/runs/<run>/ (or --run /absolute/dir). The shipped recipe is
training/rebuild.sh.

    /usr/bin/python3 training/train.py --run main --minutes 65
"""
import argparse
import json
import math
import os
import random
import time

import torch
import torch.nn.functional as TF

import data
import lowp
from model import WINDOW, Config, EdgeModel, config_of, param_count
from stream import BatchStream
from weights import load

IGNORE = data.IGNORE
MEMORY_WEIGHT = 0.2
BOOL_WEIGHT = 4.0  # the span loss dominates the clipped gradient; at weight 1 the boolean head stayed at chance


def losses(out, b):
    """Per-head losses; every head is supervised only on the rows its label concerns."""
    ce = lambda logits, y: TF.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), ignore_index=IGNORE)
    l = {}
    for head, key, weight in (
        ("count_logits", "count", 1.0),
        ("action_logits", "action", 1.0),
        ("bool_logits", "bool", BOOL_WEIGHT),
    ):
        l[key] = weight * ce(out[head], b[key]) if (b[key] != IGNORE).any() else out[head].sum() * 0
    # options: softmax over the labelled siblings of a slot
    opt = b["option"]
    lab = opt != IGNORE  # [B, E]
    if lab.any():
        logits = out["option_logits"]  # [B, E]
        same = (b["elem_parent"].unsqueeze(2) == b["elem_parent"].unsqueeze(1)) & lab.unsqueeze(1) & lab.unsqueeze(2)
        grp = logits.unsqueeze(1).masked_fill(~same, -1e4).logsumexp(-1)  # [B, E]
        chosen = opt == 1
        l["option"] = (grp[chosen] - logits[chosen]).mean()
    else:
        l["option"] = out["option_logits"].sum() * 0
    # spans: sigmoid BCE per position (threshold 0.5 for arrays/parallel) + softmax CE over positions (ranking)
    rows = b["span_rows"] > 0  # [B, E]
    if rows.any():
        keep = (b["input_ids"] != data.F.PAD).unsqueeze(1).expand_as(b["start"])  # [B, E, T]
        tot = 0
        for head, key in (("start_logits", "start"), ("end_logits", "end")):
            lg, y = out[head][rows], b[key][rows]  # [R, T]
            k = keep[rows]
            bce = TF.binary_cross_entropy_with_logits(lg, y, reduction="none")
            tot = tot + (bce * k).sum(-1).mean()
            lsm = lg.masked_fill(~k, -1e4).log_softmax(-1)
            tot = tot - (lsm.masked_fill(y == 0, -1e4).logsumexp(-1)).mean()
        l["span"] = tot
    else:
        l["span"] = out["start_logits"].sum() * 0
    l["memory"] = MEMORY_WEIGHT * memory_loss(out["memory_states"], b)
    return l


def optimise(model, opt, l):
    """One AdamW step on the summed losses l ({name: scalar}), gradients clipped to norm 1."""
    opt.zero_grad(set_to_none=True)
    sum(l.values()).backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()


def memory_loss(mem, b, temperature=0.1):
    """Turn recall: a follow-up message's pooled memory vector must pick out the earlier message it depends on among
    every message of the batch (InfoNCE over cosine similarities). Pooling = mean over a message's positions."""
    pair = b["memory_pair"]  # [B, 2] (follow-up, recalled)
    B, T, K = mem.shape
    M = max(int(b["msg_index"].max()), int(pair.max())) + 1
    onehot = (b["msg_index"].unsqueeze(-1) == torch.arange(M, device=mem.device)).float()  # [B, T, M]
    n = onehot.sum(1)  # [B, M] positions per message
    # a pair counts only when both messages are in the window: a recalled message cut off by t_max would be a
    # target the softmax excludes (about 5,000 for that batch: training/tests/test_data.py)
    present = (pair >= 0).all(1) & (n.gather(1, pair.clamp(min=0)) > 0).all(1)  # [B]
    rows = present.nonzero().squeeze(1)  # [R]
    if rows.numel() == 0:
        return mem.sum() * 0
    pooled = torch.einsum("btm,btk->bmk", onehot, mem) / n.clamp(min=1).unsqueeze(-1)  # [B, M, K]
    pooled = TF.normalize(pooled, dim=-1).reshape(B * M, K)
    query = rows * M + pair[rows, 0]  # [R] rows of pooled
    sim = pooled[query] @ pooled.T / temperature  # [R, B*M]
    excluded = (n.reshape(-1) == 0).unsqueeze(0) | (torch.arange(B * M, device=mem.device) == query.unsqueeze(1))
    return TF.cross_entropy(sim.masked_fill(excluded, -1e4), rows * M + pair[rows, 1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", default="main", help="a name under training/runs/, or an absolute directory")
    ap.add_argument("--minutes", type=float, default=65)
    ap.add_argument("--batch", type=int, default=24)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--eval-every", type=int, default=300)
    ap.add_argument("--save-every", type=int, default=100, help="steps between checkpoints")
    ap.add_argument("--max-steps", type=int, default=0, help="> 0: stop at this step even with time left (smoke runs)")
    ap.add_argument(
        "--workers",
        type=int,
        default=0,
        help="> 0: batches made by this many worker processes (stream.py; for a GPU), else in this one",
    )
    ap.add_argument("--distilled", help="JSONL written by distill.py, mixed into the synthetic batches")
    ap.add_argument("--distilled-frac", type=float, default=0.25)
    ap.add_argument("--init", help="start from this checkpoint's weights (new optimizer, schedule and data stream)")
    ap.add_argument(
        "--bf16",
        action="store_true",
        help="Linear layers and attention products multiply in bf16 (lowp.py; 2.2x on a CPU with AMX)",
    )
    ap.add_argument(
        "--curriculum-from",
        type=float,
        default=0.0,
        help="curriculum progress at step 0 (e.g. 0.5 when --init already learnt stage 1)",
    )
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.device.startswith("cuda"):
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    run_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs", args.run)
    os.makedirs(run_dir, exist_ok=True)
    ckpt_path = os.path.join(run_dir, "ckpt.pt")
    torch.manual_seed(args.seed)
    c = Config()
    model = EdgeModel(c).to(args.device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01, betas=(0.9, 0.98))
    step, wall, tokens, job = 0, 0.0, 0, 0
    rng = random.Random(args.seed)
    if os.path.exists(ckpt_path):
        st = load(ckpt_path, args.device)
        assert config_of(st["config"]) == c, f"{ckpt_path} is another shape: {st['config']}"
        new = model.load_state_dict(st["model"], strict=False).missing_keys  # modules added since the checkpoint
        if new:
            print(f"new parameters, initialised fresh: {new}", flush=True)
        saved, n_now = st["opt"], len(list(model.parameters()))
        ids = saved["param_groups"][0]["params"]  # new modules come last in parameters(): extend the group
        saved["param_groups"][0]["params"] = ids + list(range(len(ids), n_now))
        opt.load_state_dict(saved)
        step, wall, tokens, job = st["step"], st["wall_s"], st["tokens"], st.get("job", 0)
        rng.setstate(st["rng"])
        torch.set_rng_state(st["torch_rng"])
        print(f"resumed at step {step}, {wall:.0f}s", flush=True)
    elif args.init:
        st = load(args.init, args.device)
        assert config_of(st["config"]) == c, f"{args.init} is another shape: {st['config']}"
        new = model.load_state_dict(st["model"], strict=False).missing_keys
        print(f"initialised from {args.init}; initialised fresh: {new}", flush=True)
    if args.bf16:
        print(f"mixed precision: {lowp.enable(model)} Linear layers and the attention products in bf16", flush=True)
    print(f"params {param_count(model)} config {c.__dict__}", flush=True)
    budget = args.minutes * 60
    eval_rng = random.Random(12345)
    eval_set = [data.sample(eval_rng, "test") for _ in range(96)]
    distilled = data.load_distilled(args.distilled) if args.distilled and not args.workers else None
    options = {"extra_frac": args.distilled_frac}
    stream = (
        BatchStream(args.workers, args.seed, args.batch, WINDOW["trained"], job, args.distilled, **options)
        if args.workers
        else None
    )

    def save():
        st = {
            "config": c.__dict__,
            "model": model.state_dict(),
            "opt": opt.state_dict(),
            "step": step,
            "wall_s": wall,
            "tokens": tokens,
            "rng": rng.getstate(),
            "torch_rng": torch.get_rng_state(),
            "job": stream.done if stream else 0,
        }
        torch.save(st, ckpt_path + ".tmp")
        os.replace(ckpt_path + ".tmp", ckpt_path)

    t_last = time.time()
    agg, queue, waited = {}, [], 0.0  # waited: seconds spent waiting for the workers' batches
    while wall < budget and not (args.max_steps and step >= args.max_steps):
        progress = wall / budget
        lr = args.lr * min(1.0, (step + 1) / 150) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))
        for g in opt.param_groups:
            g["lr"] = lr
        curriculum = args.curriculum_from + (1 - args.curriculum_from) * progress
        if stream:
            t_wait = time.time()
            b = stream.next(curriculum, args.device)
            waited += time.time() - t_wait
        else:
            if not queue:
                queue = [
                    t
                    for t, _ in data.batches(
                        rng, "train", args.batch, curriculum, WINDOW["trained"], extra=distilled, **options
                    )
                ]
            b = {k: v.to(args.device) for k, v in queue.pop().items()}
        model.train()
        l = losses(model.on_batch(b), b)
        optimise(model, opt, l)
        step += 1
        tokens += int((b["input_ids"] != data.F.PAD).sum())
        now = time.time()
        wall += now - t_last
        t_last = now
        for k, v in l.items():
            agg[k] = agg.get(k, 0.0) + v.detach()
        if step % 25 == 0:
            print(
                json.dumps(
                    {
                        "step": step,
                        "wall_s": round(wall),
                        "lr": round(lr, 6),
                        "tokens": tokens,
                        **({"waited_s": round(waited, 1)} if stream else {}),
                        **{k: round(float(v) / 25, 4) for k, v in agg.items()},
                    }
                ),
                flush=True,
            )
            agg = {}
        if step % args.save_every == 0:
            save()
        if step % args.eval_every == 0:
            from evaluate import evaluate_torch

            t0 = time.time()
            m = evaluate_torch(
                model.to("cpu") if args.device == "cpu" else model, eval_set, window=64, device=args.device
            )
            print(json.dumps({"step": step, "eval_heldout_W64": m}), flush=True)
            t_last += time.time() - t0
    save()
    if stream:
        stream.close()
    print(json.dumps({"done": True, "step": step, "wall_s": round(wall), "tokens": tokens}), flush=True)


if __name__ == "__main__":
    main()
