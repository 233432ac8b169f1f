"""Traces: everything a forward run recorded, for any cell (its CellSpec says what there is).

    tr = lstm_viz.forward(p, xs)     # a Trace: one GateTrace per layer, bottom first
    tr.layers[0]["r"]                # any quantity by name: (T, H), or (B, T, H) for a batch
    tr.h                             # the top layer's h; tr.f, tr.c, ... the top layer's too
    tr.layers[0].at(t)               # a GateStep: x, the state at t-1 (step.h_prev), pre, every quantity

A layer's record (GateTrace), time-major within a sequence, batch first when there is a batch:

    x          (T, D)     or (B, T, D)      the layer's input
    state0     {"h", "c"} (H,) or (B, H)    the initial state (tr.h0, tr.c0)
    pre        (T, G, H)  or (B, T, G, H)   pre-activations, rows in spec.weighted order (LSTM: tr.z too)
    values     every quantity by name, (T, H) or (B, T, H)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from lstm_viz.core import cells
from lstm_viz.core.spec import CellSpec


def _read_only(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64).view()
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class GateStep:
    """One timestep t of one layer: its input, the state it started from, the pre-activations and every quantity.

    step["i"], step.i, step.h_prev, step.c_prev, step.pre (G, H) (step.z too, for a cell without a gate z)."""

    spec: CellSpec
    t: int
    x: np.ndarray
    prev: Mapping[str, np.ndarray]  # state at t-1 by name: {"h": ..., "c": ...}
    pre: np.ndarray
    values: Mapping[str, np.ndarray]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]

    def __getattr__(self, name: str):
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        if name.endswith("_prev") and name[:-5] in self.__dict__.get("prev", {}):
            return self.prev[name[:-5]]
        if name == "z" and "z" not in values:
            return self.pre
        raise AttributeError(name)


@dataclass(frozen=True, eq=False)
class GateTrace:
    """Everything one layer recorded. Time-major within a sequence, batch first when there is a batch.

    x          (T, D)     or (B, T, D)      the layer's input
    state0     {"h", "c"} (H,) or (B, H)    the initial state
    pre        (T, G, H)  or (B, T, G, H)   pre-activations, rows in spec.weighted order
    values     every quantity by name, (T, H) or (B, T, H)
    """

    spec: CellSpec
    x: np.ndarray
    state0: Mapping[str, np.ndarray]
    pre: np.ndarray
    values: Mapping[str, np.ndarray]

    def __post_init__(self):
        object.__setattr__(self, "x", _read_only(self.x))
        object.__setattr__(self, "pre", _read_only(self.pre))
        object.__setattr__(self, "state0", {k: _read_only(self.state0[k]) for k in self.spec.states})
        object.__setattr__(self, "values", {k: _read_only(self.values[k]) for k in self.spec.names})

    def __getitem__(self, name: str) -> np.ndarray:
        try:
            return self.values[name]
        except KeyError:
            raise KeyError(f"cell {self.spec.name} has no {name!r}; it has {', '.join(self.spec.names)}") from None

    def __getattr__(self, name: str):
        d = self.__dict__
        if name in d.get("values", {}):
            return d["values"][name]
        if name.endswith("0") and name[:-1] in d.get("state0", {}):
            return d["state0"][name[:-1]]
        if name == "z" and "values" in d and "z" not in d["values"]:
            return d["pre"]
        raise AttributeError(name)

    @property
    def cell(self) -> str:
        return self.spec.name

    @property
    def batched(self) -> bool:
        return self.x.ndim == 3

    @property
    def steps(self) -> int:
        return self.x.shape[-2]

    @property
    def hidden_size(self) -> int:
        return self.pre.shape[-1]

    # --- export: .npz (no pickling) and a tidy CSV, each saying which cell recorded it ---

    def to_npz(self, file) -> None:
        """Save the record to `file` (a path or a binary file object): x, pre, h0 (and c0), every quantity,
        and the cell's key ("lstm", "gru(activation=relu)", ...). An LSTM's pre-activations are also saved as z."""
        arrays = {"cell": np.array(self.spec.key), "x": self.x, "pre": self.pre}
        arrays |= {f"{k}0": v for k, v in self.state0.items()} | dict(self.values)
        if "z" not in self.values:
            arrays["z"] = self.pre
        np.savez(file, **arrays)

    def to_npz_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.to_npz(buf)
        return buf.getvalue()

    @classmethod
    def from_npz(cls, file) -> GateTrace:
        """A trace saved by to_npz (a file without a cell key is an LSTM's, as lstm-viz wrote them before)."""
        with np.load(file, allow_pickle=False) as data:
            key = str(data["cell"]) if "cell" in data.files else "lstm"
            spec = cells.from_key(key)
            pre = "pre" if "pre" in data.files else "z"
            need = ["x", pre, *(f"{s}0" for s in spec.states), *spec.names]
            missing = [name for name in need if name not in data.files]
            if missing:
                raise ValueError(f"file: not a GateTrace .npz, missing {', '.join(missing)}")
            state0 = {s: data[f"{s}0"] for s in spec.states}
            return cls(spec, data["x"], state0, data[pre], {k: data[k] for k in spec.names})

    def to_csv(self) -> str:
        """A tidy table, columns cell, (batch,) t, unit, gate, value: a row per step, unit and quantity (c, h too)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["cell"] + (["batch"] if self.batched else []) + ["t", "unit", "gate", "value"])
        key = self.spec.key
        for b in range(self.x.shape[0] if self.batched else 1):
            prefix = [key] + ([b] if self.batched else [])
            for t in range(self.steps):
                for name in self.spec.names:
                    row = self.values[name][b, t] if self.batched else self.values[name][t]
                    for unit, v in enumerate(row):
                        writer.writerow([*prefix, t, unit, name, repr(float(v))])
        return out.getvalue()

    def at(self, t: int) -> GateStep:
        T = self.steps
        if not -T <= t < T:
            raise ValueError(f"t: must be in [0, {T}), got {t}")
        t = t % T
        prev = {k: (self.state0[k] if t == 0 else self.values[k][..., t - 1, :]) for k in self.spec.states}
        values = {k: v[..., t, :] for k, v in self.values.items()}
        pre = self.pre[:, t] if self.batched else self.pre[t]
        return GateStep(self.spec, t, self.x[..., t, :], prev, pre, values)


@dataclass(frozen=True, eq=False)
class Trace:
    """A stack's record: one GateTrace per layer, bottom first. tr.h, tr.x and any name go to the top layer
    (tr.x is the stack's input, the bottom layer's)."""

    layers: tuple[GateTrace, ...]

    @property
    def spec(self) -> CellSpec:
        return self.layers[0].spec

    @property
    def cell(self) -> str:
        return self.spec.name

    @property
    def x(self) -> np.ndarray:
        return self.layers[0].x

    @property
    def h(self) -> np.ndarray:
        return self.layers[-1]["h"]

    def __getattr__(self, name: str):
        layers = self.__dict__.get("layers")
        if not layers:
            raise AttributeError(name)
        return getattr(layers[-1], name)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.layers[-1][name]
