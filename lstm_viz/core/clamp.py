"""Clamp a gate: the cell's own NumPy forward with one gate forced to a value, to see what breaks.

    c = Clamp("f", 0.0)                      # the forget gate of every unit forced to 0 at every step
    c = Clamp("i", 1.0, unit=3)              # only unit 3's input gate, forced to 1
    c = Clamp("o", "mean")                   # each unit's output gate held at its own mean over the sequence
    tr = clamped_forward(p, xs, c)           # a Trace, like lstm_viz.forward(p, xs)

The forward is the reference one (lstm_viz/core/cells/), line for line: the gate is computed, then replaced
before anything uses it, so everything downstream (C, h, the next step, the read-out) follows from the
clamped value. The trace keeps the gate's pre-activation as computed, and the gate's value as clamped.
"mean" is each unit's mean over the steps of the unclamped run (per sequence in a batch). A value may also
be an array (T, H), or (B, T, H) for a batch: clamping a gate to the values it had changes nothing (a test).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.core.checks import check_xs
from lstm_viz.core.params import as_cell_params
from lstm_viz.core.spec import CellSpec
from lstm_viz.core.stack import forward
from lstm_viz.core.trace import Trace


@dataclass(frozen=True, eq=False)
class Clamp:
    gate: str  # a gate of the cell: "f", "i", "o" (LSTM), "r", "z" (GRU)
    value: float | str | np.ndarray  # a number in the gate's range, "mean", or values (T, H) / (B, T, H)
    unit: int | None = None  # None: every unit
    layer: int = 0


def check(spec: CellSpec, clamp: Clamp, num_layers: int, hidden_size: int) -> None:
    """ValueError naming the field of `clamp` that this cell and stack cannot take."""
    gates = spec.gates  # its quantities of kind "gate": a plain RNN has none
    if not gates:
        raise ValueError(f"gate: the {spec.title} has no gate to clamp")
    if clamp.gate not in gates:
        raise ValueError(f"gate: the {spec.title} has no gate {str(clamp.gate)[:20]!r}; its gates are "
                         f"{', '.join(gates)}")  # fmt: skip
    if clamp.unit is not None and not (isinstance(clamp.unit, int | np.integer) and 0 <= clamp.unit < hidden_size):
        raise ValueError(f"unit: expected a unit from 0 to {hidden_size - 1} or None, got {clamp.unit!r:.20}")
    if not (isinstance(clamp.layer, int | np.integer) and 0 <= clamp.layer < num_layers):
        raise ValueError(f"layer: expected a layer from 0 to {num_layers - 1}, got {clamp.layer!r:.20}")
    value = clamp.value
    if isinstance(value, str):
        if value != "mean":
            raise ValueError(f"value: expected a number, 'mean' or an array, got {value[:20]!r}")
        return
    lo, hi = spec[clamp.gate].range
    a = np.asarray(value, dtype=np.float64)
    if not np.all(np.isfinite(a)) or a.min(initial=lo) < lo or a.max(initial=hi) > hi:
        raise ValueError(f"value: a gate {clamp.gate} takes values from {lo:g} to {hi:g}")


def clamped_forward(p, xs, clamp: Clamp, state0=None) -> Trace:
    """Run the stack over xs (T, D) or (B, T, D) with one gate of one layer clamped (see the module's docstring)."""
    p = as_cell_params(p)
    spec = p.spec
    check(spec, clamp, p.num_layers, p.hidden_size)
    xb, batched = check_xs(xs, p.input_size)  # (B, T, D)
    B, T = xb.shape[:2]
    H = p.hidden_size
    if isinstance(clamp.value, str):  # "mean": each unit's own mean over the unclamped run's steps
        free = forward(p, xs, state0).layers[clamp.layer][clamp.gate]  # (T, H) or (B, T, H)
        held = np.broadcast_to(free.reshape(B, T, H).mean(axis=1, keepdims=True), (B, T, H))
    else:
        a = np.asarray(clamp.value, dtype=np.float64)
        shape = (B, T, H) if batched else (T, H)
        if a.ndim != 0 and a.shape != shape:
            raise ValueError(f"value: expected a number or an array of shape {shape}, got shape {a.shape}")
        held = np.broadcast_to(a.reshape(B, T, H) if a.ndim else a, (B, T, H))
    units = np.zeros(H, dtype=bool)
    units[slice(None) if clamp.unit is None else clamp.unit] = True

    def fix(name: str, t: int, value: np.ndarray) -> np.ndarray:  # value (B, H)
        return np.where(units, held[:, t], value) if name == clamp.gate else value

    return forward(p, xs, state0, fixes=[fix if n == clamp.layer else None for n in range(p.num_layers)])
