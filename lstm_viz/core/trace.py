"""GateTrace: everything one forward run of the LSTM cell recorded.

Axis order: time-major within a sequence, batch first when there is a batch.

    x        (T, D)     or (B, T, D)     the inputs
    h0, c0   (H,)       or (B, H)        the initial state
    z        (T, 4, H)  or (B, T, 4, H)  pre-activations, gates i, f, g, o
    i f g o  (T, H)     or (B, T, H)     gate activations (g is the candidate C̃)
    c h      (T, H)     or (B, T, H)     cell state and hidden state after step t
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np

TRACE_FIELDS = ("x", "h0", "c0", "z", "i", "f", "g", "o", "c", "h")
STATE_GATES = ("i", "f", "g", "o", "c", "h")


@dataclass(frozen=True, eq=False)
class GateStep:
    """One timestep t of a trace: the state coming in, the pre-activations and what came out."""

    t: int
    x: np.ndarray  # (D,)    or (B, D)
    h_prev: np.ndarray  # (H,)    or (B, H)
    c_prev: np.ndarray  # (H,)    or (B, H)
    z: np.ndarray  # (4, H)  or (B, 4, H)
    i: np.ndarray  # (H,)    or (B, H)
    f: np.ndarray
    g: np.ndarray
    o: np.ndarray
    c: np.ndarray
    h: np.ndarray


@dataclass(frozen=True, eq=False)
class GateTrace:
    x: np.ndarray
    h0: np.ndarray
    c0: np.ndarray
    z: np.ndarray
    i: np.ndarray
    f: np.ndarray
    g: np.ndarray
    o: np.ndarray
    c: np.ndarray
    h: np.ndarray

    def __post_init__(self):
        for name in TRACE_FIELDS:
            arr = np.asarray(getattr(self, name), dtype=np.float64).view()  # a read-only view, no copy
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        if self.i.ndim not in (2, 3):
            raise ValueError(f"i: expected shape (T, H) or (B, T, H), got {self.i.shape}")
        for name in ("f", "g", "o", "c", "h"):
            if getattr(self, name).shape != self.i.shape:
                raise ValueError(f"{name}: expected shape {self.i.shape} like i, got {getattr(self, name).shape}")
        if self.z.shape != self.i.shape[:-1] + (4,) + self.i.shape[-1:]:
            raise ValueError(f"z: expected shape (..., T, 4, H) matching i, got {self.z.shape}")

    @property
    def batched(self) -> bool:
        return self.i.ndim == 3

    @property
    def steps(self) -> int:
        return self.i.shape[-2]

    @property
    def hidden_size(self) -> int:
        return self.i.shape[-1]

    def at(self, t: int) -> GateStep:
        """Step t: its input, the state it started from (h_{t-1}, c_{t-1}) and its outputs."""
        T = self.steps
        if not -T <= t < T:
            raise ValueError(f"t: must be in [0, {T}), got {t}")
        t = t % T
        h_prev = self.h0 if t == 0 else self.h[..., t - 1, :]
        c_prev = self.c0 if t == 0 else self.c[..., t - 1, :]
        pick = {name: getattr(self, name)[..., t, :] for name in STATE_GATES}
        z = self.z[:, t] if self.batched else self.z[t]
        return GateStep(t=t, x=self.x[..., t, :], h_prev=h_prev, c_prev=c_prev, z=z, **pick)

    # --- export ---

    def to_npz(self, file) -> None:
        """Save every field to `file` (a path or a binary file object), no pickling."""
        np.savez(file, **{name: getattr(self, name) for name in TRACE_FIELDS})

    @classmethod
    def from_npz(cls, file) -> GateTrace:
        with np.load(file, allow_pickle=False) as data:
            missing = [name for name in TRACE_FIELDS if name not in data.files]
            if missing:
                raise ValueError(f"file: not a GateTrace .npz, missing {', '.join(missing)}")
            return cls(**{name: data[name] for name in TRACE_FIELDS})

    def to_npz_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.to_npz(buf)
        return buf.getvalue()

    def to_csv(self) -> str:
        """A tidy table with columns (batch,) t, unit, gate, value; gates i, f, g, o, c, h."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow((["batch"] if self.batched else []) + ["t", "unit", "gate", "value"])
        values = self._as_batch()
        for b, seq in enumerate(values):
            prefix = [b] if self.batched else []
            for t in range(self.steps):
                for gate in STATE_GATES:
                    for unit, v in enumerate(seq[gate][t]):
                        writer.writerow(prefix + [t, unit, gate, repr(float(v))])
        return out.getvalue()

    def _as_batch(self) -> list[dict[str, np.ndarray]]:
        if self.batched:
            return [{g: getattr(self, g)[b] for g in STATE_GATES} for b in range(self.i.shape[0])]
        return [{g: getattr(self, g) for g in STATE_GATES}]
