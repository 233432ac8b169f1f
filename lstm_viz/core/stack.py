"""Forward and backward through a stack of 1 to 3 layers of any cell.

    p = random_params("gru", input_size=3, hidden_size=4, num_layers=2, seed=0)
    tr = forward(p, xs)              # xs (T, D) or batch-first (B, T, D)
    tr.layers[0]["r"]                # any quantity of any layer by name; tr.h is the top layer's h
    gr = backward(p, tr, dh)         # dh like tr.h: gr.x, gr.params, gr.layers[l]["h"], gr.layers[l]["h0"]

Layer l+1 reads layer l's h. Everything is float64 NumPy; the maths of each cell is in its module
under lstm_viz/core/cells/, which the cell's CellSpec points to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from lstm_viz.core.checks import as_array, check_xs
from lstm_viz.core.params import CellParams, as_cell_params
from lstm_viz.core.spec import CellSpec
from lstm_viz.core.trace import GateTrace, Trace


def initial_states(spec: CellSpec, state0, num_layers: int, B: int, H: int, batched: bool) -> list[dict]:
    """state0 {name: (L, H) or (L, B, H)} (missing names and None are zeros) as one dict of (B, H) per layer."""
    state0 = {} if state0 is None else dict(state0)
    unknown = [k for k in state0 if k not in spec.states]
    if unknown:
        raise ValueError(f"state0: cell {spec.name} carries {', '.join(spec.states)}, not {unknown[0]!r}")
    out = [{} for _ in range(num_layers)]
    for name in spec.states:
        shape = (num_layers, B, H) if batched else (num_layers, H)
        value = np.zeros(shape) if state0.get(name) is None else as_array(f"state0[{name!r}]", state0[name], shape)
        for n in range(num_layers):
            out[n][name] = np.broadcast_to(value[n] if batched else value[n][None], (B, H))
    return out


def forward(p, xs, state0=None, fixes=None) -> Trace:
    """Run the stack over xs (T, D) or (B, T, D) and record every quantity of every layer at every step.

    state0: {"h": ..., "c": ...} with one row per layer, (num_layers, H) or (num_layers, B, H); None is zeros.
    fixes: None, or one `fix` per layer (None or fix(name, t, value) -> value) that may replace a gate's
    value before it is used (lstm_viz.core.clamp builds them).
    """
    p = as_cell_params(p)
    spec = p.spec
    xb, batched = check_xs(xs, p.input_size)  # (B, T, D)
    B = xb.shape[0]
    starts = initial_states(spec, state0, p.num_layers, B, p.hidden_size, batched)
    layers = []
    x = xb
    fixes = [None] * p.num_layers if fixes is None else list(fixes)
    for layer, start, fix in zip(p.layers, starts, fixes):
        with np.errstate(over="ignore"):  # σ(z) for z < -709: e^-z = inf, σ = 0 exactly (activations.sigmoid)
            rec = spec.forward(spec, layer, x, start, fix)
        pre = rec.pop("pre")
        if batched:
            lt = GateTrace(spec, x, {k: np.array(v) for k, v in start.items()}, pre, rec)
        else:
            lt = GateTrace(spec, x[0], {k: v[0] for k, v in start.items()}, pre[0], {k: v[0] for k, v in rec.items()})
        layers.append(lt)
        x = rec["h"]
    return Trace(tuple(layers))


@dataclass(frozen=True, eq=False)
class CellGrads:
    """Gradients from `backward`: params like the CellParams, x like xs, and per layer the total dL/dstate_t
    at every step ("h", "c") and dL/dstate_0 ("h0", "c0")."""

    params: CellParams
    x: np.ndarray
    layers: tuple[Mapping[str, np.ndarray], ...]

    def __getattr__(self, name: str):
        layers = self.__dict__.get("layers")
        if layers and name in layers[-1]:
            return layers[-1][name]
        raise AttributeError(name)


def backward(p, trace: Trace, dh) -> CellGrads:
    """Back-propagation through time and down the stack. `dh` is dL/dh_t of the top layer, shaped like trace.h;
    each layer's dL/dx is the dL/dh of the layer below."""
    p = as_cell_params(p)
    spec = p.spec
    if not isinstance(trace, Trace):
        raise ValueError(f"trace: expected the Trace that forward returned, got {type(trace).__name__}")
    if trace.spec != spec or len(trace.layers) != p.num_layers:
        raise ValueError(f"trace: recorded by {trace.spec.key} with {len(trace.layers)} layers, params are "
                         f"{spec.key} with {p.num_layers}")  # fmt: skip
    top = trace.layers[-1]
    dh = as_array("dh", dh, top["h"].shape)
    batched = top.batched
    if top.hidden_size != p.hidden_size or trace.x.shape[-1] != p.input_size:
        raise ValueError("trace: its sizes do not match the params")
    d_out = dh if batched else dh[None]
    grads, per_layer = [None] * p.num_layers, [None] * p.num_layers
    for n in reversed(range(p.num_layers)):
        lt = trace.layers[n]
        rec = {k: (v if batched else v[None]) for k, v in lt.values.items()}
        rec["x"] = lt.x if batched else lt.x[None]
        rec["pre"] = lt.pre if batched else lt.pre[None]
        rec |= {f"{k}0": (v if batched else v[None]) for k, v in lt.state0.items()}
        g, dx, dstates, dstate0 = spec.backward(spec, p.layers[n], rec, d_out)
        grads[n] = g
        unb = (lambda a: a) if batched else (lambda a: a[0])
        per_layer[n] = {k: unb(v) for k, v in dstates.items()} | {f"{k}0": unb(v) for k, v in dstate0.items()}
        d_out = dx
    return CellGrads(CellParams(spec, tuple(grads)), d_out if batched else d_out[0], tuple(per_layer))
