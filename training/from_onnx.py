"""Recover PyTorch weights from the shipped int8 graphs (wasm/onnx), so that training can go on from the shipped
model when its fp32 checkpoint is gone (training/runs/ is not in git).

How: the model code is exported once more with every parameter set to distinct random values, which tells, for each
graph node, which parameter each of its initializers is (equal, or transposed for a MatMul). The shipped graphs have
the same node names; a MatMul that export.py quantised is found as "<node>_q<k>_mmi" and its weight is read back as
(int8, or uint8 less its zero point) x per-column scale (error at most half a step, scale / 2). Every parameter the
graphs read must be found, or this fails, unless it is a zero-initialised layer added since the graphs were
exported; those they never read (the self-attention blocks' unused context norm) keep their initial values.
usage: training/from_onnx.py [--onnx wasm] --out training/runs/shipped/ckpt.pt [--check 200]
"""
import argparse
import json
import os
import re
import tempfile

import numpy as np
import onnx
import torch
from onnx import numpy_helper

import features as F
from export import export_fp32
from model import load_model

GRAPHS = (("schema_encoder_fp32.onnx", "schema_encoder_int8.onnx"), ("model_fp32.onnx", "model_int8.onnx"))


def param_of_initializer(model):
    """{value bytes -> (parameter name, transposed)} for parameters holding distinct random values."""
    index = {}
    for name, p in model.named_parameters():
        a = p.detach().numpy().astype(np.float32)
        index[a.tobytes()] = (name, False)
        if a.ndim == 2:
            index[np.ascontiguousarray(a.T).tobytes()] = (name, True)
    return index


def shipped_value(fresh_node, i, shipped_nodes, shipped_inits):
    """The shipped graph's value for input i of fresh_node (same name, or its quantised rewrite), or None."""
    same = shipped_nodes.get(fresh_node.name)
    if same is not None:
        return numpy_helper.to_array(shipped_inits[same.input[i]]) if same.input[i] in shipped_inits else None
    q = [n for n in shipped_nodes if re.fullmatch(re.escape(fresh_node.name) + r"_q\d+_mmi", n)]
    if len(q) != 1:
        return None
    p = q[0][: -len("_mmi")]
    if i == 1:
        mmi = shipped_nodes[p + "_mmi"]
        zero = numpy_helper.to_array(shipped_inits[mmi.input[3]]).astype(np.float32) if len(mmi.input) > 3 else 0.0
        w = (numpy_helper.to_array(shipped_inits[p + "_w"]).astype(np.float32) - zero) * numpy_helper.to_array(
            shipped_inits[p + "_ws"]
        )
        transposed = fresh_node.op_type == "Gemm" and any(a.name == "transB" and a.i for a in fresh_node.attribute)
        return w.T if transposed else w  # the layout of the fresh initializer
    if i == 2:
        return numpy_helper.to_array(shipped_inits[shipped_nodes[p + "_bias"].input[1]])
    return None


def recover(onnx_dir, seed=0):
    model, _ = load_model(None, seed)
    model.eval()
    g = torch.Generator().manual_seed(1234)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=g))
    index = param_of_initializer(model)
    found, used = {}, set()
    with tempfile.TemporaryDirectory() as tmp:
        export_fp32(model, tmp)
        for fresh_file, shipped_file in GRAPHS:
            fresh = onnx.load(os.path.join(tmp, fresh_file)).graph
            shipped = onnx.load(os.path.join(onnx_dir, shipped_file)).graph
            fresh_inits = {i.name: numpy_helper.to_array(i) for i in fresh.initializer}
            shipped_inits = {i.name: i for i in shipped.initializer}
            shipped_nodes = {n.name: n for n in shipped.node}
            for node in fresh.node:
                for i, inp in enumerate(node.input):
                    hit = index.get(fresh_inits[inp].astype(np.float32).tobytes()) if inp in fresh_inits else None
                    if hit is None or hit[0] in found:
                        continue
                    used.add(hit[0])
                    v = shipped_value(node, i, shipped_nodes, shipped_inits)
                    if v is not None:
                        found[hit[0]] = v.T if hit[1] else v
    state = load_model(None, seed)[0].state_dict()  # parameters the graphs never read keep their initial values
    # a zero-initialised addition (model.py's evidence layers, ZERO_INIT) adds nothing until trained: graphs
    # exported before it existed are the same model with it at zero
    missing = sorted(name for name in used - set(found) if bool(state[name].any()))
    assert not missing, f"parameters not found in the shipped graphs: {missing}"
    for name, v in found.items():
        assert tuple(state[name].shape) == v.shape, (name, state[name].shape, v.shape)
        state[name] = torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32))
    model.load_state_dict(state)
    return model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", default="wasm", help="model folder with onnx/ and config.json")
    ap.add_argument("--out", required=True)
    ap.add_argument("--check", type=int, default=0, help="decoded agreement with the shipped int8 graphs on n cases")
    args = ap.parse_args()
    model = recover(os.path.join(args.onnx, "onnx"))
    with open(os.path.join(args.onnx, "config.json")) as f:
        shipped = json.load(f)
    F.ZH_GLOSSES = F.glosses_of(shipped)  # the check's features as the read model was trained on them
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    torch.save(
        {
            "config": model.c.__dict__,
            "model": model.state_dict(),
            "recovered_from": args.onnx,
            "step": shipped.get("step"),
        },
        args.out,
    )
    print(f"recovered {sum(p.numel() for p in model.parameters())} parameters from {args.onnx} -> {args.out}")
    if args.check:
        from export import check

        with tempfile.TemporaryDirectory() as tmp:
            export_fp32(model, tmp)
            print(json.dumps(check(model, tmp, args.onnx, args.check)))


if __name__ == "__main__":
    main()
