"""Decode the heads exactly as wasm/CONTRACT.md's decoding rules say, and score held-out synthetic examples.

    /usr/bin/python3 training/evaluate.py --ckpt training/runs/main/ckpt.pt --n 400 --windows 8,16,32,64,128,512
    /usr/bin/python3 training/evaluate.py --ckpt ... --onnx wasm --n 300   # int8 (onnxruntime-node) vs fp32 torch
"""
import argparse
import json
import os
import random
import re

import numpy as np
import torch

import data
import features as F

SPAN_MAX = 64


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def _span_ok(ids, pos, s, e):
    return (
        e >= s
        and e - s < SPAN_MAX
        and all(i < 256 for i in ids[s : e + 1])
        and pos[s][0] == pos[e][0]
        and pos[s][0] >= 0
    )


# The decoder's thresholds: the shipped model folder's config.json "decode" block, the one the TypeScript decoder
# reads (src/decode/config.ts); never copied here.
DECODE_CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wasm", "config.json")


def decode_thresholds(path=DECODE_CONFIG):
    """config.json's "decode" block (a model folder's config.json, or the shipped one)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)["decode"]


_DECODE = decode_thresholds()
OPTIONAL_SPAN_FLOOR = _DECODE["optional_span_floor"]
OPTIONAL_OPTION_FLOOR = _DECODE["optional_option_floor"]
SPAN_COUNT_MIN = _DECODE["span_count_min"]
OPTIONAL_ABSENT_MARGIN = _DECODE["optional_absent_margin"]
REQUIRED_RESCUE_ABSENT_MAX = _DECODE["required_rescue_absent_max"]
REQUIRED_RESCUE_SPAN_FLOOR = _DECODE["required_rescue_span_floor"]


def _alnum(i):
    return 48 <= i <= 57 or 65 <= i <= 90 or 97 <= i <= 122


def on_word_boundaries(ids, pos, s, e):
    """The span does not cut an ASCII letter/digit run ("0" out of "10"): src/decode/read/spans.ts onWordBoundaries."""
    cut = lambda a, b: 0 <= a and b < len(ids) and _alnum(ids[a]) and _alnum(ids[b]) and pos[a][0] == pos[b][0]
    return not cut(s - 1, s) and not cut(e, e + 1)


_OPENERS = re.compile(
    r"(?:find|get|give|provide|show|tell|calculate|compute|list|fetch|search|retrieve|locate|book|help|"
    r"please|can|could|would|what|who|where|when|how|which|identify|predict|estimate|convert|determine|"
    r"check|look|send|create|make|i|hey|hi)",
    re.I,
)


def opens_message_with_words(ids, pos, s, e):
    """The span starts at a message's first byte and holds a space or is a word requests open with ("Find"):
    src/decode/decide/slot.ts opensMessageWithWords."""
    if pos[s][1] != 0:
        return False
    span = bytes(i for i in ids[s : e + 1] if i < 256)
    return 32 in span or bool(_OPENERS.fullmatch(span.decode("utf-8", "replace")))


def span_candidates(start, end, ids, pos, k=16):
    """The k best valid spans (start[s] + end[e]): on word boundaries, then opening a message with words, then cutting a
    word; by score within each:
    [(score, s, e, sigmoid(start[s]) * sigmoid(end[e]))] (src/decode/decide/slot.ts readableSpans)."""
    out = []
    for s in np.argsort(-start)[:16]:
        for e in range(s, min(len(ids), s + SPAN_MAX)):
            if not _span_ok(ids, pos, s, e):
                if ids[e] >= 256 or pos[e][0] != pos[s][0]:
                    break
                continue
            out.append((float(start[s] + end[e]), int(s), int(e), float(_sigmoid(start[s]) * _sigmoid(end[e]))))
    top = sorted(out, reverse=True)[:16]
    return sorted(
        top,
        key=lambda c: 2
        if not on_word_boundaries(ids, pos, c[1], c[2])
        else 1
        if opens_message_with_words(ids, pos, c[1], c[2])
        else 0,
    )[:k]


def best_span(start, end, ids, pos):
    """The best valid span, one on word boundaries when the candidates hold one."""
    c = span_candidates(start, end, ids, pos, 1)
    return (c[0][1], c[0][2]) if c else None


def distinct_spans(candidates, required):
    """One span per slot of a call, the slots taking turns by their best score: a slot whose best span overlaps one
    already taken gets its best span that does not; when every candidate overlaps, a required slot keeps its best
    and an optional one is left out, as it is when its span is below OPTIONAL_SPAN_FLOOR."""
    taken, out = [], {}
    for slot, cands in sorted(candidates.items(), key=lambda kv: -kv[1][0][0]):
        free = [c for c in cands if all(c[2] < s or c[1] > e for s, e in taken)]
        if slot not in required and (not free or free[0][3] < OPTIONAL_SPAN_FLOOR):
            continue
        _, s, e, _ = (free or cands)[0]
        taken.append((s, e))
        out[slot] = (s, e)
    return out


def to_closing_quote(ids, pos, s, e):
    """The end of a span that starts right after an opening quote: right before the closing quote
    (src/decode/parse/whole.ts toClosingQuote; here only the value's text follows it)."""
    word = lambda t: 0 <= t < len(ids) and pos[t][0] == pos[s][0] and _alnum(ids[t])
    q = ids[s - 1] if s > 0 and pos[s - 1][0] == pos[s][0] and pos[s - 1][1] >= 0 else None
    if q not in (39, 34) or word(s - 2):
        return e
    for j in range(s + 1, min(len(ids), s + SPAN_MAX + 1)):
        if pos[j][0] != pos[s][0] or pos[j][1] < 0:
            break
        if ids[j] == q and not word(j + 1):
            return j - 1
    return e


def twin_ordinal(name):
    """(stem, ordinal) of a numbered twin ("num1", "x_b", "first_value"), else None: src/decode/assemble/twins.ts twinOrdinal."""
    m = re.match(r"^(.*?)[_-]?(\d)$", name)
    if m and m[1]:
        return m[1].lower(), int(m[2])
    m = re.match(r"^(.+)[_-]([abc])$", name)
    if m:
        return m[1].lower(), "abc".index(m[2]) + 1
    m = re.match(r"^(first|second|third)(?:[_-]|(?=[A-Z]))(.+)$", name)
    if m:
        return m[2].lower(), ["first", "second", "third"].index(m[1]) + 1
    return None


def in_text_order(taken):
    """Numbered twins of one object take their spans in text order: src/decode/assemble/distinct.ts inTextOrder."""
    groups = {}
    for path in taken:
        twin = twin_ordinal(path[-1])
        if twin:
            groups.setdefault((path[:-1], twin[0]), []).append((twin[1], path))
    for members in groups.values():
        if len(members) > 1:
            spans = sorted(taken[path] for _, path in members)
            for (_, path), span in zip(sorted(members), spans):
                taken[path] = span
    return taken


def multi_spans(start, end, ids, pos):
    """Every start with sigmoid > 0.5 paired with its best end before the next start, in text order."""
    starts = [t for t in range(len(ids)) if _sigmoid(start[t]) > 0.5 and ids[t] < 256]
    out = []
    for i, s in enumerate(starts):
        hi = starts[i + 1] if i + 1 < len(starts) else len(ids)
        best, arg = -1e30, None
        for e in range(s, min(hi, s + SPAN_MAX)):
            if ids[e] >= 256 or pos[e][0] != pos[s][0]:
                break
            if end[e] > best:
                best, arg = end[e], (s, e)
        if arg:
            out.append(arg)
    return out


_NUM = r"[-+]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?"  # "56,732" is one number, "5,10" two
_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*)"
_NEXT = re.compile(r"(" + _SEP + r")(" + _NUM + r")(?!\w|\.\d)")
_PREV = re.compile(r"(?<![\w.-])(" + _NUM + r")(" + _SEP + r")$")


def extend_number_list(ids, pos, spans, max_items=None):
    """A numeric array's items plus the numbers that continue their list in the text ("85, 90, 88 and 92"): from the
    last item forward and the first backward, numbers joined by a list separator (src/decode/parse/lists.ts)."""
    if not spans:
        return spans
    text = bytes(i if i < 128 else 0 for i in ids).decode("ascii")
    lo, hi = spans[0][0], spans[-1][1]
    first = min(t for t, p in enumerate(pos) if p[0] == pos[lo][0] and p[1] >= 0)
    last = max(t for t, p in enumerate(pos) if p[0] == pos[hi][0] and p[1] >= 0)
    after, before = [], []
    while max_items is None or len(spans) + len(after) + len(before) < max_items:
        m = _NEXT.match(text, hi + 1, last + 1)
        if not m:
            break
        after.append((m.start(2), m.end(2) - 1))
        hi = m.end(2) - 1
    while max_items is None or len(spans) + len(after) + len(before) < max_items:
        m = _PREV.search(text, first, lo)
        if not m:
            break
        before.insert(0, (m.start(1), m.end(1) - 1))
        lo = m.start(1)
    return before + list(spans) + after


def options_of(els, pe):
    """The option elements of parameter element pe (empty unless it is an enum slot)."""
    return [k for k, ol in enumerate(els) if ol["kind"] == F.KIND_OPTION and ol["parent"] == pe]


def is_span_slot(els, pe):
    """Whether parameter element pe is read from one span (not an enum, boolean or array)."""
    return (els[pe]["schema"] or {}).get("type") not in ("array", "boolean") and not options_of(els, pe)


def span_count(x, o, te):
    """The most spans (starts above 0.5) that one required single-value slot of tool element te points at."""
    els, ids = x["elements"], list(x["input_ids"])
    single = [
        pe
        for pe, pl in enumerate(els)
        if pl["kind"] == F.KIND_PARAM and pl["parent"] == te and pl["required"] and is_span_slot(els, pe)
    ]
    return max(
        (len(multi_spans(o["start_logits"][pe], o["end_logits"][pe], ids, x["positions"])) for pe in single), default=0
    )


def decode(x, o):
    """x: encoded example (elements, input_ids, positions); o: outputs for it (unbatched). -> answer dict:
    {"calls": sorted [(tool index, ((path, value), ...))], "missing": sorted [(tool index, path)], "implicit": bool}"""
    els, ids, pos = x["elements"], list(x["input_ids"]), x["positions"]
    text = lambda s, e: bytes(ids[s : to_closing_quote(ids, pos, s, e) + 1]).decode("utf-8", "replace")
    calls, missing, implicit = [], [], False
    for te, el in enumerate(els):
        if el["kind"] != F.KIND_TOOL:
            continue
        n = int(o["count_logits"][te].argmax())
        if n == 0:
            continue
        k = min(span_count(x, o, te), len(o["count_logits"][te]) - 1)
        if k >= SPAN_COUNT_MIN:  # one call per value of a required slot pointing at several
            n = max(n, k)
        args, tentative = [dict() for _ in range(n)], []
        single, required = {}, set()  # path -> span candidates of the single-span slots of one call
        for pe, pl in enumerate(els):
            if pl["kind"] != F.KIND_PARAM or pl["parent"] != te:
                continue
            path = tuple(pl["path"])
            act = int((o["action_logits"][pe] + [0 if pl["required"] else OPTIONAL_ABSENT_MARGIN, 0, 0]).argmax())
            if (
                act == 0
                and pl["required"]
                and n == 1
                and is_span_slot(els, pe)
                and _softmax(o["action_logits"][pe])[0] <= REQUIRED_RESCUE_ABSENT_MAX
            ):
                cands = span_candidates(o["start_logits"][pe], o["end_logits"][pe], ids, pos)
                if cands:  # tentative: filled only from a span no other slot of the call takes
                    tentative.append((path, cands))
                    continue
            if act == 0:
                if pl["required"]:
                    missing.append((el["tool"], path))
                continue
            if act == 2:
                implicit = True
                for a in args:
                    a[path] = "IMPLICIT"
                continue
            opts = options_of(els, pe)
            typ = (pl["schema"] or {}).get("type")
            if opts:
                probs = _softmax(np.array([o["option_logits"][k] for k in opts]))
                if not pl["required"] and probs.max() < OPTIONAL_OPTION_FLOOR:
                    continue
                vals = [("option", int(np.argmax(probs)))] * n
            elif typ == "boolean":
                vals = [("bool", int(o["bool_logits"][pe].argmax()))] * n
            else:
                st, en = o["start_logits"][pe], o["end_logits"][pe]
                if typ != "array" and n == 1:
                    cands = span_candidates(st, en, ids, pos)
                    if cands:
                        single[path] = cands
                    if pl["required"]:
                        required.add(path)
                    continue
                spans = multi_spans(st, en, ids, pos) or [best_span(st, en, ids, pos)]
                spans = [s for s in spans if s]
                if typ == "array" and ((pl["schema"] or {}).get("items") or {}).get("type") in ("integer", "number"):
                    spans = extend_number_list(ids, pos, spans, (pl["schema"] or {}).get("maxItems"))
                if typ == "array":
                    vals = [("spans", tuple(text(*s) for s in spans))] * n
                else:
                    vals = [("span", text(*spans[i])) if i < len(spans) else None for i in range(n)]
            for a, v in zip(args, vals):
                if v is not None:
                    a[path] = v
        taken = distinct_spans(single, required)
        for path, (s, e) in taken.items():
            args[0][path] = ("span", text(s, e))
        for path, cands in tentative:
            free = [
                c
                for c in cands
                if all(c[2] < s or c[1] > e for s, e in taken.values())
                and on_word_boundaries(ids, pos, c[1], c[2])
                and not opens_message_with_words(ids, pos, c[1], c[2])
            ]
            if free and free[0][3] >= REQUIRED_RESCUE_SPAN_FLOOR:
                args[0][path] = ("span", text(free[0][1], free[0][2]))
                taken[path] = (free[0][1], free[0][2])
            else:
                missing.append((el["tool"], path))
        for path, (s, e) in in_text_order(dict(taken)).items():
            args[0][path] = ("span", text(s, e))
        for a in dict.fromkeys(tuple(sorted(a.items())) for a in args):  # identical parallel calls are one call
            calls.append((el["tool"], a))
    return {"calls": sorted(calls, key=repr), "missing": sorted(missing), "implicit": implicit}


def gold_answer(x):
    ex = x["example"]
    calls, implicit = [], False
    for g in ex["golds"]:
        a = {}
        for path, lab in g.args.items():
            if lab[0] == "span":
                a[path] = ("span", data.span_text(ex, lab[1]))
            elif lab[0] == "spans":
                a[path] = ("spans", tuple(data.span_text(ex, k) for k in lab[1]))
            elif lab[0] == "implicit":
                a[path] = "IMPLICIT"
                implicit = True
            else:
                a[path] = lab
        calls.append((g.tool_index, tuple(sorted(a.items()))))
    return {
        "calls": sorted(calls, key=repr),
        "missing": sorted((t, tuple(p)) for t, p in ex["missing"]),
        "implicit": implicit,
    }


def whole_right(g, p):
    """A decoded answer counts whole: every call equal to gold's, or, where gold says arguments are missing, the same
    missing ones."""
    return g == p if not g["missing"] else g["missing"] == p["missing"]


def score(pairs):
    """pairs: [(gold, pred, example)] -> metrics (percentages)."""
    m = {
        k: [0, 0]
        for k in (
            "tool_or_none",
            "exact_spans",
            "whole_calls",
            "irrelevance_recall",
            "missing_acc",
            "options",
            "booleans",
            "unseen_tool_whole",
        )
    }

    def add(k, ok):
        m[k][0] += int(ok)
        m[k][1] += 1

    for g, p, ex in pairs:
        gt = sorted(t for t, _ in g["calls"])
        pt = sorted(t for t, _ in p["calls"])
        add("tool_or_none", gt == pt)
        whole = whole_right(g, p)
        add("whole_calls", whole)
        if ex["kind"] in ("call", "parallel", "multi_tool", "multiturn") and ex["lang"] == "en":
            add("unseen_tool_whole", whole)
        if not g["calls"]:
            add("irrelevance_recall", not p["calls"])
        if g["missing"]:
            add("missing_acc", g["missing"] == p["missing"])
        if gt == pt:
            for (gti, ga), (pti, pa) in zip(g["calls"], p["calls"]):
                pd = dict(pa)
                for path, v in ga:
                    if isinstance(v, tuple) and v[0] in ("span", "spans"):
                        add("exact_spans", pd.get(path) == v)
                    if isinstance(v, tuple) and v[0] == "option":
                        add("options", pd.get(path) == v)
                    if isinstance(v, tuple) and v[0] == "bool":
                        add("booleans", pd.get(path) == v)
    return {k: round(100.0 * a / b, 1) if b else None for k, (a, b) in m.items()} | {"n": len(pairs)}


def torch_outputs(model, x, window, device="cpu"):
    b = data.collate([x], window)
    b = {k: v.to(device) for k, v in b.items()}
    with torch.no_grad():
        out = model.on_batch(b)
    return {k: v[0].float().cpu().numpy() for k, v in out.items()}


def evaluate_torch(model, examples, window=64, device="cpu"):
    model.eval()
    pairs = [(gold_answer(x), decode(x, torch_outputs(model, x, window, device)), x["example"]) for x in examples]
    model.train()
    return score(pairs)


def memory_recall(model, examples, window=64):
    """Share of follow-ups whose pooled memory vector is closest (cosine) to the earlier message they depend on,
    among the other messages of the same conversation; and the share a random pick would get."""
    hits, chance, n = 0, 0.0, 0
    for x in examples:
        q, target = x["example"].get("memory_pair") or (-1, -1)
        if q < 0:
            continue
        mem = torch_outputs(model, x, window)["memory_states"]  # [T, K]
        msg = x["msg_index"]
        vecs = {m: mem[msg == m].mean(0) for m in set(msg.tolist()) if m >= 0}
        unit = {m: v / (np.linalg.norm(v) + 1e-9) for m, v in vecs.items()}
        others = [m for m in unit if m != q]
        hits += max(others, key=lambda m: float(unit[m] @ unit[q])) == target
        chance += 1 / len(others)
        n += 1
    return {
        "memory_recall_at_1": round(100 * hits / max(n, 1), 1),
        "chance": round(100 * chance / max(n, 1), 1),
        "n": n,
    }


def onnx_outputs(onnx_dir, examples, window):
    from ort import run_many

    enc = os.path.join(onnx_dir, "onnx/schema_encoder_int8.onnx")
    main = os.path.join(onnx_dir, "onnx/model_int8.onnx")
    vecs = run_many([(enc, {"elem_ids": x["elem_ids"]}) for x in examples])
    outs = run_many(
        [
            (
                main,
                dict(
                    input_ids=x["input_ids"][None],
                    window=np.array([window]),
                    elem_vecs=v["elem_vecs"],
                    elem_kind=x["elem_kind"],
                    elem_parent=x["elem_parent"],
                    elem_match=x["elem_match"],
                ),
            )
            for x, v in zip(examples, vecs)
        ]
    )
    return outs


def print_failures(model, examples, window, n):
    """The first n examples whose decoded answer differs from the gold one, as JSON lines with what a person auditing
    them reads: the conversation and the tools (names, descriptions, parameter schemas)."""
    model.eval()
    for case, x in enumerate(examples):
        g, p = gold_answer(x), decode(x, torch_outputs(model, x, window))
        if whole_right(g, p):
            continue
        ex = x["example"]
        names = [t["function"]["name"] for t in ex["tools"]]

        def calls(answer):
            return [[names[t], {".".join(k): v for k, v in args}] for t, args in answer["calls"]]

        user = [m["content"] for m in ex["messages"] if m["role"] == "user"][-1]
        print(
            json.dumps(
                {
                    "case": case,
                    "kind": ex["kind"],
                    "user": user,
                    "gold": calls(g),
                    "gold_missing": g["missing"],
                    "decoded": calls(p),
                    "decoded_missing": p["missing"],
                    "messages": ex["messages"],
                    "tools": [t["function"] for t in ex["tools"]],
                },
                ensure_ascii=False,
                default=str,
            )
        )
        n -= 1
        if n == 0:
            return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=777)
    ap.add_argument(
        "--split",
        default="test",
        choices=["test", "val", "train"],
        help="test: the held-out split (report); val: the validation split (choose between checkpoints); "
        "train: the training distribution itself (how well the model fits what it learns from)",
    )
    ap.add_argument("--windows", default=None, help="comma-separated W to score (default: config's default W)")
    ap.add_argument("--onnx", help="model folder (wasm): also decode its int8 graphs and report agreement")
    ap.add_argument("--out", help="write the metrics JSON here")
    ap.add_argument(
        "--failures",
        type=int,
        default=0,
        help="> 0: print this many examples the model decodes wrong (index, conversation, tools, gold, "
        "decoded), to audit by hand",
    )
    args = ap.parse_args()
    if args.onnx:  # the features as that model was trained on them (config.json match.zh_glosses)
        with open(os.path.join(args.onnx, "config.json"), encoding="utf-8") as f:
            F.ZH_GLOSSES = F.glosses_of(json.load(f))
    torch.set_num_threads(2)
    from model import WINDOW, load_model

    model, _ = load_model(args.ckpt)
    model.eval()
    rng = random.Random(args.seed)
    examples = [data.sample(rng, args.split) for _ in range(args.n)]
    if args.failures:
        print_failures(model, examples, WINDOW["default"], args.failures)
    res = {}
    for w in [int(v) for v in (args.windows or str(WINDOW["default"])).split(",")]:
        res[f"W{w}"] = evaluate_torch(model, examples, w)
        print(json.dumps({f"W{w}": res[f"W{w}"]}), flush=True)
    by_kind = {}
    for x in examples:
        by_kind.setdefault(x["example"]["kind"] + "/" + x["example"]["lang"], []).append(x)
    w0 = WINDOW["default"]
    res[f"by_kind_W{w0}"] = {k: evaluate_torch(model, v, w0)["whole_calls"] for k, v in sorted(by_kind.items())}
    print(json.dumps({f"by_kind_W{w0}": res[f"by_kind_W{w0}"]}), flush=True)
    res[f"memory_W{w0}"] = memory_recall(model, examples, w0)
    print(json.dumps({f"memory_W{w0}": res[f"memory_W{w0}"]}), flush=True)
    if args.onnx:
        outs = onnx_outputs(args.onnx, examples, w0)
        model.eval()
        fp = [decode(x, torch_outputs(model, x, w0)) for x in examples]
        q = [decode(x, o) for x, o in zip(examples, outs)]
        agree = sum(a == b for a, b in zip(fp, q)) / len(examples)
        res["int8"] = score([(gold_answer(x), p, x["example"]) for x, p in zip(examples, q)])
        res["int8_vs_fp32_decoded_agreement"] = round(100 * agree, 1)
        print(json.dumps({"int8": res["int8"], "agreement": res["int8_vs_fp32_decoded_agreement"]}), flush=True)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
