"""Quantisation-aware training (`train.py --qat`): the Linear layers that export.py turns into int8 MatMuls run with
the same rounding in the forward pass, and gradients pass straight through it, so that the weights learn to keep
their decisions under int8 (the issue's target: int8 decoded calls equal fp32's on >= 98% of held-out cases).

What export.quantize does, simulated: weights symmetric int8 with a scale per output channel; activations as
DynamicQuantizeLinear, uint8 with a zero point, one scale per tensor, and a tensor is one request's (per example
here for the conversation reader; the schema encoder's batch of elements shares one). Layers export keeps in fp32
(keep_fp32) are left alone.
"""
import types

import torch
import torch.nn.functional as TF

from export import keep_fp32
from model import Config


def _kept(name, kept):
    """Whether export keeps module `name`'s MatMul in fp32 (keep_fp32's node-name parts, as module-name parts)."""
    graph, rest = ("encoder", name[len("encoder.") :]) if name.startswith("encoder.") else ("model", name)
    dotted = "." + rest + "."
    return any(p.replace("/", ".") in dotted for p in kept[graph])


def _through(x, q):
    """q in the forward pass, the identity in the backward pass (straight-through estimator)."""
    return x + (q - x).detach()


def weight_int8(w):
    """w [N, K] -> w rounded to symmetric int8 with one scale per output channel (row)."""
    scale = (w.abs().amax(1, keepdim=True) / 127).clamp(min=1e-12)
    return _through(w, (w / scale).round().clamp(-127, 127) * scale)


def activation_uint8(x, per_example):
    """x [B, ..., K] -> x as DynamicQuantizeLinear reads it: uint8 with a zero point, the range including 0, one
    scale per example (per_example) or for the whole tensor."""
    dims = tuple(range(1, x.dim())) if per_example else tuple(range(x.dim()))
    lo = x.detach().amin(dim=dims, keepdim=True).clamp(max=0)
    hi = x.detach().amax(dim=dims, keepdim=True).clamp(min=0)
    scale = ((hi - lo) / 255).clamp(min=1e-12)
    zero = (-lo / scale).round().clamp(0, 255)
    return _through(x, ((x / scale).round() + zero).clamp(0, 255).sub(zero) * scale)


def _int8_forward(self, x):
    if not self.qat_active:
        return TF.linear(x, self.weight, self.bias)
    return TF.linear(activation_uint8(x, self.qat_per_example), weight_int8(self.weight), self.bias)


def set_active(model, on):
    """Switches the int8 simulation of an enabled model on (int8 rounding, tanh GELU) or off (the fp32 model)."""
    for mod in model.modules():
        if isinstance(mod, torch.nn.GELU):
            mod.approximate = "tanh" if on else "none"
        elif hasattr(mod, "qat_active"):
            mod.qat_active = on


def enable(model):
    """Makes each Linear that export quantises run as int8 would, and every GELU the tanh form that export's FastGelu
    computes; returns the Linear layers' names (34 for the shipped shape)."""
    names, kept = [], keep_fp32(getattr(model, "c", Config()))
    for name, mod in model.named_modules():
        if isinstance(mod, torch.nn.Linear) and not _kept(name, kept):
            mod.qat_per_example = not name.startswith("encoder.")
            mod.qat_active = True
            mod.forward = types.MethodType(_int8_forward, mod)
            names.append(name)
    set_active(model, True)
    return names
