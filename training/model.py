"""Schema-guided tool caller: a byte-level schema encoder and a conversation reader with per-element heads.

Shapes: B batch, T conversation tokens, E schema elements, L element tokens, d model width, D = d element vector.
The main model is written batched for training; export.py wraps it for the contract's unbatched inputs.
"""
import math
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

PAD = 256
NEG = -1e4


@dataclass
class Config:
    vocab: int = 264
    d: int = 128
    heads: int = 4
    enc_layers: int = 2  # schema encoder
    local_layers: int = 2  # conversation layers with the |i-j| <= W window
    global_layers: int = 2  # conversation layers attending everywhere
    t_max: int = 512
    l_max: int = 64
    kernel: int = 65  # per-parameter match kernel over +-32 positions
    memory_dim: int = 64
    counts: int = 5


# Config fields of experiments that did not ship (git history has them): checkpoints written before they left still
# name them, at 0, which is the model as it is now
RETIRED = {"ranks": 0, "elem_layers": 0}


def config_of(saved):
    """The Config of a checkpoint's saved config dict; fails on a retired field set to anything but its off value."""
    on = {k: v for k, v in saved.items() if k in RETIRED and v != RETIRED[k]}
    assert not on, f"checkpoint uses retired Config fields {on} (git history has their code)"
    return Config(**{k: v for k, v in saved.items() if k not in RETIRED})


def product(a, b, lowp=False):
    """a @ b, multiplied in bf16 and returned in float32 when lowp (lowp.py)."""
    return (a.to(torch.bfloat16) @ b.to(torch.bfloat16)).float() if lowp else a @ b


class Attention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.h = heads
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
        self.lowp = False  # lowp.py: score and value products in bf16 (training on a CPU with bf16 units)

    def forward(self, x, ctx, bias):
        # x [B, N, d], ctx [B, M, d], bias [B or 1, 1 or h, N, M] additive, or None (every key visible)
        B, N, d = x.shape
        M = ctx.shape[1]
        q = self.q(x).view(B, N, self.h, d // self.h).transpose(1, 2)  # [B, h, N, dh]
        k = self.k(ctx).view(B, M, self.h, d // self.h).transpose(1, 2)  # [B, h, M, dh]
        v = self.v(ctx).view(B, M, self.h, d // self.h).transpose(1, 2)
        att = product(q, k.transpose(-1, -2), self.lowp) / math.sqrt(d // self.h)  # [B, h, N, M]
        if bias is not None:
            att = att + bias
        y = product(att.softmax(-1), v, self.lowp)  # [B, h, N, dh]
        return self.o(y.transpose(1, 2).reshape(B, N, d))

    def banded(self, x, band):
        """Self-attention within the window, computed chunk by chunk (band_plan): the same function as forward with
        the window mask (masked keys weigh exactly 0 there); export uses it. x [B, T, d]."""
        keys, bias, chunk = band
        B, T, d = x.shape
        n = keys.shape[0]
        h, dh = self.h, d // self.h
        q = F.pad(self.q(x), (0, 0, 0, n * chunk - T)).view(B, n, chunk, h, dh).permute(0, 3, 1, 2, 4)  # [B,h,n,C,dh]
        k = self.k(x).view(B, T, h, dh).transpose(1, 2)[:, :, keys]  # [B, h, n, L, dh]
        v = self.v(x).view(B, T, h, dh).transpose(1, 2)[:, :, keys]
        att = (q @ k.transpose(-1, -2)) / math.sqrt(dh) + bias  # [B, h, n, C, L]
        y = att.softmax(-1) @ v  # [B, h, n, C, dh]
        return self.o(y.permute(0, 2, 3, 1, 4).reshape(B, n * chunk, d)[:, :T])


def band_plan(kbias, window, chunk):
    """Which keys each chunk of `chunk` query positions reads when attention is limited to |i-j| <= window: the
    min(chunk + 2 window, T) keys that can reach the chunk, so the cost is T x that instead of T x T. Computed once
    per forward pass and shared by the windowed layers. kbias [B, 1, 1, T], window [1] ->
    (keys [n, L], bias [B, 1, n, C, L], chunk)."""
    T = kbias.shape[-1]
    n = (T + chunk - 1) // chunk
    w = window.reshape(())
    t = torch.ones_like(kbias[0, 0, 0], dtype=torch.long).sum()  # T as a tensor (dynamic in the graph)
    span = torch.minimum(2 * w + chunk, t)  # keys per chunk, L
    first = (torch.arange(n) * chunk - w).clamp(min=0)
    first = torch.minimum(first, t - span)  # [n] first key of each chunk
    keys = first[:, None] + torch.arange(span)[None, :]  # [n, L]
    qpos = torch.arange(n * chunk).view(n, chunk, 1)  # [n, C, 1]
    near = (qpos - keys[:, None, :]).abs() <= w  # [n, C, L]
    bias = (~near).float() * NEG + kbias[:, :, 0][:, :, keys].unsqueeze(3)  # [B, 1, n, C, L]
    return keys, bias, chunk


class Block(nn.Module):
    """Pre-norm block: self-attention (or cross-attention when ctx is given) then a 4x FFN."""

    def __init__(self, d, heads):
        super().__init__()
        self.n1, self.n2, self.nc = nn.LayerNorm(d), nn.LayerNorm(d), nn.LayerNorm(d)
        self.att = Attention(d, heads)
        self.ffn = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x, bias, ctx=None, band=None):
        # band: a band_plan; the windowed self-attention is then computed chunk by chunk (Attention.banded)
        h = self.n1(x)
        x = x + (self.att.banded(h, band) if band else self.att(h, h if ctx is None else self.nc(ctx), bias))
        return x + self.ffn(self.n2(x))


class SchemaEncoder(nn.Module):
    """elem_ids [E, L] -> elem_vecs [E, d]: byte embeddings, small transformer, masked mean pool."""

    def __init__(self, c: Config):
        super().__init__()
        self.tok = nn.Embedding(c.vocab, c.d)
        self.pos = nn.Embedding(c.l_max, c.d)
        self.blocks = nn.ModuleList(Block(c.d, c.heads) for _ in range(c.enc_layers))
        self.norm = nn.LayerNorm(c.d)
        self.out = nn.Linear(c.d, c.d)

    def forward(self, elem_ids):
        L = elem_ids.shape[1]
        keep = (elem_ids != PAD).float()  # [E, L]
        x = self.tok(elem_ids) + self.pos.weight[:L].unsqueeze(0)  # [E, L, d]
        bias = ((1.0 - keep) * NEG)[:, None, None, :]  # [E, 1, 1, L]
        for blk in self.blocks:
            x = blk(x, bias)
        x = self.norm(x) * keep.unsqueeze(-1)
        pooled = x.sum(1) / keep.sum(1, keepdim=True).clamp(min=1.0)  # [E, d]
        return self.out(pooled)


class ToolCaller(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.c = c
        self.band_chunk = 0  # > 0: windowed layers attend chunk by chunk (export; one window for the batch)
        d = c.d
        self.tok = nn.Embedding(c.vocab, d)
        self.pos = nn.Embedding(c.t_max, d)
        self.match_in = nn.Linear(6, d)  # max over elements of each kind x 2 match channels
        self.kind = nn.Embedding(3, d)
        self.elem_in = nn.Linear(d, d)
        self.blocks = nn.ModuleList(Block(d, c.heads) for _ in range(c.local_layers + c.global_layers))
        self.cross = Block(d, c.heads)  # conversation tokens attend to the elements
        self.norm = nn.LayerNorm(d)
        self.pool = Attention(d, c.heads)  # element queries pool the conversation
        self.pool_match = nn.Parameter(torch.tensor([2.0, 1.0]))  # match channels bias the pooling
        self.elem_mlp = nn.Sequential(nn.Linear(3 * d + 4, 2 * d), nn.GELU(), nn.Linear(2 * d, d))
        self.pair = nn.Sequential(nn.Linear(2 * d, 2 * d), nn.GELU(), nn.LayerNorm(2 * d))
        self.count = nn.Linear(2 * d, c.counts)
        self.action = nn.Linear(2 * d, 3)
        self.boolh = nn.Linear(2 * d, 2)
        self.option = nn.Sequential(nn.Linear(2 * d, d), nn.GELU(), nn.Linear(d, 1))
        self.span_q = nn.Linear(2 * d, 2 * d)  # start and end queries
        self.span_k = nn.Linear(d, 2 * d)
        self.span_conv = nn.Conv1d(2, 2, c.kernel, padding=c.kernel // 2)
        self.span_bias = nn.Parameter(torch.tensor([-4.0]))
        self.memory = nn.Linear(d, c.memory_dim)
        # boolean cue: a learned +-8 position profile over an element's match channels says where to read the token
        # states ("with"/"without", "enable"/"disable", ": yes"/": no" sit next to the mention)
        self.bool_cue = nn.Conv1d(2, 1, 17, padding=8)
        self.bool_read = nn.Linear(d, 2)
        # count evidence: how many values a tool's parameters point at (the expected number of span starts of its
        # most-pointed parameter, each parameter gated so that arrays, one call's several spans, can be ignored);
        # zero-initialised, so a checkpoint without it decodes as before
        self.count_gate = nn.Linear(2 * d, 1)
        self.count_evidence = nn.Linear(1, c.counts)
        nn.init.zeros_(self.count_evidence.weight)
        nn.init.zeros_(self.count_evidence.bias)
        # option evidence: an enum slot's action also reads how clearly one of its options stands out (softmax top
        # probability over the siblings) and whether any option's words occur; zero-initialised like count evidence
        self.option_evidence = nn.Linear(3, 3)
        nn.init.zeros_(self.option_evidence.weight)
        nn.init.zeros_(self.option_evidence.bias)

    def forward(self, input_ids, window, elem_vecs, elem_kind, elem_parent, elem_match, elem_mask=None):
        # input_ids [B, T], window [B] or [1], elem_vecs [B, E, d], elem_kind/elem_parent [B, E],
        # elem_match [B, E, T, 2], elem_mask [B, E] (1 = real element; None = all real)
        B, T = input_ids.shape
        d = self.c.d
        emask = torch.ones_like(elem_kind, dtype=torch.float) if elem_mask is None else elem_mask.float()
        keep = (input_ids != PAD).float()  # [B, T]
        kinds = torch.arange(3, device=elem_kind.device)
        kind_1h = (elem_kind.unsqueeze(-1) == kinds).float() * emask.unsqueeze(-1)  # [B, E, 3]
        per_kind = elem_match.unsqueeze(2) * kind_1h[:, :, :, None, None]  # [B, E, 3, T, 2]
        mfeat = per_kind.max(1)[0].permute(0, 2, 1, 3).reshape(B, T, 6)  # [B, T, 6]
        x = self.tok(input_ids) + self.pos.weight[:T].unsqueeze(0) + self.match_in(mfeat)  # [B, T, d]

        idx = torch.arange(T, device=input_ids.device)
        dist = (idx[:, None] - idx[None, :]).abs()  # [T, T]
        local = (dist[None] <= window.view(-1, 1, 1)).float()  # [B or 1, T, T]
        kbias = ((1.0 - keep) * NEG)[:, None, None, :]  # [B, 1, 1, T]
        lbias = kbias + ((1.0 - local) * NEG).unsqueeze(1)  # [B, 1, T, T]

        e = self.elem_in(elem_vecs) + self.kind(elem_kind)  # [B, E, d]
        ebias = ((1.0 - emask) * NEG)[:, None, None, :]  # [B, 1, 1, E]
        band = band_plan(kbias, window, self.band_chunk) if self.band_chunk else None
        gbias = None if band else kbias  # export: one request, no padding, so the global layers mask nothing
        for i, blk in enumerate(self.blocks):
            local = i < self.c.local_layers
            x = blk(x, lbias if local else gbias, band=band if local else None)
            if i == self.c.local_layers - 1:
                x = self.cross(x, ebias, ctx=e)
        h = self.norm(x)  # [B, T, d]

        mbias = (elem_match * self.pool_match).sum(-1)  # [B, E, T]
        pbias = kbias + mbias.unsqueeze(1)  # [B, 1, E, T]
        pooled = self.pool(e, h, pbias)  # [B, E, d]
        cls = h[:, :1, :].expand(B, e.shape[1], d)  # [B, E, d]
        keep_t = keep[:, None, :, None]  # [B, 1, T, 1]
        m_max = (elem_match * keep_t).max(2)[0]  # [B, E, 2] is e mentioned at all
        m_frac = (elem_match * keep_t).sum(2) / keep_t.sum(2).clamp(min=1.0) * 10.0  # [B, E, 2]
        z = self.elem_mlp(torch.cat([e, pooled, cls, m_max, m_frac], -1))  # [B, E, d]
        zp = torch.gather(z, 1, elem_parent.unsqueeze(-1).expand(B, z.shape[1], d))  # parent's z [B, E, d]
        zz = self.pair(torch.cat([z, zp], -1))  # [B, E, 2d]

        E = elem_match.shape[1]
        e_idx = torch.arange(E, device=elem_parent.device)
        option_logits = self.option(zz).squeeze(-1)  # [B, E]
        opt_child = (
            (elem_parent.unsqueeze(1) == e_idx[None, :, None])
            & (elem_kind == 2).unsqueeze(1)
            & (emask > 0).unsqueeze(1)
        )  # [B, E(param), E(option)]
        has_opt = opt_child.any(-1, keepdim=True).float()  # [B, E, 1]
        sib = option_logits.unsqueeze(1).masked_fill(~opt_child, NEG)  # [B, E, E]
        top_prob = (sib.max(-1)[0] - sib.logsumexp(-1)).exp().unsqueeze(-1)  # [B, E, 1]
        opt_match = (m_max.unsqueeze(1) * opt_child.unsqueeze(-1).float()).max(2)[0]  # [B, E, 2]
        opt_feat = torch.cat([top_prob, opt_match], -1)  # [B, E, 3]
        action_logits = self.action(zz) + self.option_evidence(opt_feat) * has_opt  # [B, E, 3]
        cue = self.bool_cue(elem_match.reshape(B * E, T, 2).transpose(1, 2)).view(B, E, T) + kbias[:, 0]
        bool_logits = self.boolh(zz) + self.bool_read(cue.softmax(-1) @ h)  # [B, E, 2]
        q = self.span_q(zz).view(B, E, 2, d).transpose(1, 2)  # [B, 2, E, d]
        k = self.span_k(h).view(B, T, 2, d).permute(0, 2, 3, 1)  # [B, 2, d, T]
        bil = (q @ k).transpose(1, 2) / math.sqrt(d)  # [B, E, 2, T]
        conv = self.span_conv(elem_match.reshape(B * E, T, 2).transpose(1, 2)).view(B, E, 2, T)
        span = bil + conv + self.span_bias  # [B, E, 2, T]
        mass = (span[:, :, 0].detach().sigmoid() * keep[:, None, :]).sum(-1)  # [B, E] expected span starts
        gated = mass * self.count_gate(zz).squeeze(-1).sigmoid() * emask  # [B, E]
        child = (elem_parent.unsqueeze(1) == e_idx[None, :, None]) & (elem_kind == 1).unsqueeze(1)  # [B, E(tool), E]
        evidence = (gated.unsqueeze(1) * child.float()).max(-1)[0]  # [B, E]
        count_logits = self.count(zz) + self.count_evidence(evidence.unsqueeze(-1))  # [B, E, 5]
        memory_states = self.memory(h)  # [B, T, M]
        return dict(
            count_logits=count_logits,
            action_logits=action_logits,
            start_logits=span[:, :, 0],
            end_logits=span[:, :, 1],
            bool_logits=bool_logits,
            option_logits=option_logits,
            memory_states=memory_states,
        )


class EdgeModel(nn.Module):
    """Both graphs, trained end to end."""

    def __init__(self, c: Config = Config()):
        super().__init__()
        self.c = c
        self.encoder = SchemaEncoder(c)
        self.caller = ToolCaller(c)

    def on_batch(self, b):
        """The model on a collated batch (data.collate's dict of tensors)."""
        return self(
            b["enc_ids"],
            b["elem_index"],
            b["input_ids"],
            b["window"],
            b["elem_kind"],
            b["elem_parent"],
            b["elem_match"],
            b["elem_mask"],
        )

    def forward(self, enc_ids, elem_index, input_ids, window, elem_kind, elem_parent, elem_match, elem_mask):
        # enc_ids [U, L]: the distinct element texts of the batch; elem_index [B, E]: row of enc_ids per element
        # encoded in two length buckets, each trimmed to its longest text (same result, less padding)
        lens = (enc_ids != PAD).sum(1)
        order = lens.argsort()
        half = order.shape[0] // 2
        vecs = torch.zeros(enc_ids.shape[0], self.c.d, device=enc_ids.device)
        for part in (order[:half], order[half:]):
            if part.numel():
                vecs[part] = self.encoder(enc_ids[part][:, : max(1, int(lens[part].max()))])
        vecs = vecs[elem_index]  # [B, E, d]
        return self.caller(input_ids, window, vecs, elem_kind, elem_parent, elem_match, elem_mask)


def param_count(m):
    return sum(p.numel() for p in m.parameters())


# the attention windows the model is trained and exported for (export.py writes them to config.json)
WINDOW = {"min": 8, "max": 512, "default": 16, "trained": [8, 16, 32, 64, 128, 512]}

ZERO_INIT = (
    "caller.count_gate",
    "caller.count_evidence",
    "caller.option_evidence",
)  # modules whose initial weights leave the outputs unchanged


def load_model(ckpt=None, seed=0, overrides=None):
    """A checkpoint's model, or seeded random weights (with Config fields overridden: speed of other shapes)."""
    if ckpt:
        state = torch.load(ckpt, map_location="cpu")
        model = EdgeModel(config_of(state["config"]))
        missing = model.load_state_dict(state["model"], strict=False).missing_keys
        assert all(k.startswith(ZERO_INIT) for k in missing), f"checkpoint lacks {missing}"
        return model, state
    torch.manual_seed(seed)
    return EdgeModel(Config(**(overrides or {}))), None
