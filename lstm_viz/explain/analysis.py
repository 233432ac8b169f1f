"""Analysis over many steps or sequences: which unit carries a memory, and how its gates behave.

Any cell, read from its declaration rather than from gate names:

    memory_state(spec)    the state that carries the memory: c where the cell has one, else h
    keep_factor(spec)     the gate factor that multiplies memory_{t-1} in the memory's equation
                          (LSTM: f in f ⊙ c_{t-1}; GRU: z in z ⊙ h_{t-1}); None when nothing does
    write_factor(spec)    the gate factor of the memory's other term (LSTM: i in i ⊙ g; GRU: 1 - z in (1 - z) ⊙ n)

A cell whose memory equation has no such gate (no forget gate: c = c_{t-1} + i ⊙ g; no input gate)
keeps or writes everything: the gate is ≡ 1 and the analyses report 1. A plain RNN has no memory
equation at all (h = tanh(W_x x_t + W_h h_{t-1} + b) rewrites h at every step): its keep and write
are reported as NaN, and its memory unit is picked by how well h separates the classes alone.
"""

from __future__ import annotations

import numpy as np

from lstm_viz.core.activations import ACTIVATIONS
from lstm_viz.core.spec import CellSpec, Factor
from lstm_viz.core.trace import GateTrace


def memory_state(spec: CellSpec) -> str:
    """The carried state that holds the memory: the last of spec.states (c for an LSTM, h for a GRU or an RNN)."""
    return spec.states[-1]


def _gate_factor(spec: CellSpec, term: tuple[Factor, ...]) -> Factor | None:
    gates = [f for f in term if not f.prev and spec[f.name].kind == "gate"]
    return gates[0] if gates else None


def _terms(spec: CellSpec) -> tuple[tuple[Factor, ...] | None, list[tuple[Factor, ...]]]:
    """The memory equation's keep term (the one with memory_{t-1}) and its other terms."""
    m = memory_state(spec)
    keep, other = None, []
    for term in spec[m].sum_of:
        if any(f.name == m and f.prev for f in term):
            keep = term
        else:
            other.append(term)
    return keep, other


def keep_factor(spec: CellSpec) -> Factor | None:
    """The gate factor that multiplies memory_{t-1} (f, or z); None when the cell has none (≡ 1, or a plain RNN)."""
    keep, _ = _terms(spec)
    return None if keep is None else _gate_factor(spec, keep)


def write_factor(spec: CellSpec) -> Factor | None:
    """The gate factor that lets the candidate in (i, or 1 - z); None when the cell has none."""
    _, other = _terms(spec)
    found = [_gate_factor(spec, term) for term in other]
    found = [f for f in found if f is not None]
    return found[0] if found else None


def has_memory_equation(spec: CellSpec) -> bool:
    return bool(spec[memory_state(spec)].sum_of)


def factor_values(trace: GateTrace, f: Factor) -> np.ndarray:
    """A (non-lagged) factor's value at every step: the quantity, through its activation, maybe 1 - it."""
    v = trace[f.name]
    if f.fn:
        v = ACTIVATIONS[f.fn].fn(v)
    return 1.0 - v if f.one_minus else v


def _mean_after_first(trace: GateTrace, f: Factor | None) -> np.ndarray:
    """Mean over sequences and over t >= 1 per unit, (H,); ones for a missing gate, NaN without a memory equation."""
    H = trace.hidden_size
    if f is None:
        return np.ones(H) if has_memory_equation(trace.spec) else np.full(H, np.nan)
    return factor_values(trace, f)[:, 1:, :].mean(axis=(0, 1))


def memory_unit(trace: GateTrace, labels: np.ndarray) -> tuple[int, float, float]:
    """The unit that best latches a class label over a batch of sequences: (unit, mean keep, mean write) after
    step 0 (an LSTM: mean f, mean i; a GRU: mean z, mean 1 - z).

    Score: the spread of the final memory (C, or h) between classes over its spread within a class,
    times how much the keep gate keeps (mean over t >= 1), times how shut the write gate stays
    (1 - its mean over t >= 1). A gate the cell lacks leaves its factor out of the score (it is ≡ 1: the
    score of "how shut" would be 0 for every unit); a plain RNN is scored by the spread alone.
    """
    spec = trace.spec
    mem = trace[memory_state(spec)][:, -1, :]  # (B, H)
    classes = np.unique(labels)
    means = np.stack([mem[labels == k].mean(axis=0) for k in classes])  # (K, H)
    within = np.mean([mem[labels == k].std(axis=0) for k in classes], axis=0) + 1e-9
    kf, wf = keep_factor(spec), write_factor(spec)
    keep = _mean_after_first(trace, kf)  # (H,)
    write = _mean_after_first(trace, wf)  # (H,)
    score = means.std(axis=0) / within
    if kf is not None:
        score = score * keep
    if wf is not None:
        score = score * (1 - write)
    unit = int(np.argmax(score))
    return unit, float(keep[unit]), float(write[unit])


def gate_story(trace: GateTrace, labels: np.ndarray, unit: int) -> dict[str, float]:
    """How one unit's gates behave after the first step, for the class that moves its memory most
    (`cls`, by its mean final memory) against all other classes.

    Keys: "cls"; "keep_same", "write_same", "memory_same" and the same with "_other" (mean keep and
    write gate over t >= 1, mean final memory; see memory_unit for a cell without them). Each is also
    given under the quantity's own name when the factor is the gate itself: an LSTM's "f_same",
    "i_same", "c_same"; a GRU's "z_same", "h_same" (its write factor is 1 - z: "write_same" only).
    """
    spec = trace.spec
    m = memory_state(spec)
    end = trace[m][:, -1, unit]
    classes = np.unique(labels)
    k = classes[int(np.argmax([abs(end[labels == c].mean()) for c in classes]))]
    story = {"cls": int(k)}
    factors = {"keep": keep_factor(spec), "write": write_factor(spec)}
    for which, rows in (("same", labels == k), ("other", labels != k)):
        for role, f in factors.items():
            if f is None:
                value = 1.0 if has_memory_equation(spec) else float("nan")
            else:
                value = float(factor_values(trace, f)[rows, 1:, unit].mean())
            story[f"{role}_{which}"] = value
            if f is not None and not (f.fn or f.one_minus):
                story[f"{f.name}_{which}"] = value
        story[f"memory_{which}"] = story[f"{m}_{which}"] = float(end[rows].mean())
    return story
