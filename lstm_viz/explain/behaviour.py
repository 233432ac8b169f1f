"""What a model does on many fresh samples of its task, as codes and numbers: the words are in lstm_viz.words.

The teaching texts that say what a model does are built from these, so that they are true of the model on
screen (a preset, a random initialisation, a model trained in this session), never written in advance:

    memory_finding(trace, labels)        sequence-to-one classification: the unit whose memory tells the answers
                                         apart, and whether it is a latch (written at the start, then held) or an
                                         integrator (it moves by about the same amount at every step)
    signal_finding(trace, signal, ids)   a running answer per step (a count, a depth): the unit whose memory
                                         gives it best, and how its memory and gates move on each symbol
    finding(task, model, layer)          the analysis that fits the task, on n fresh samples; None if none does

Any cell with a memory equation that has a keep and a write gate (an LSTM: f ⊙ c_{t-1} + i ⊙ g), read from
its declaration (lstm_viz.explain.analysis); arrays are batch first, (B, T, H).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.core.spec import CellSpec, Factor
from lstm_viz.core.trace import GateTrace
from lstm_viz.explain.analysis import (
    factor_values,
    gate_story,
    keep_factor,
    memory_state,
    memory_unit,
    write_factor,
)

N_SAMPLES = 256  # fresh samples each analysis runs on (the home tour's guide uses the same batch)
SEPARATES = 2.0  # answers told apart: final memories this many within-answer spreads apart
INTEGRATES = 0.5  # an integrator: more than this share of the final memory was added after t = 0
FOLLOWS = 0.8  # a unit follows the running answer: a line through its memory alone is right this often
FLAT = 0.1  # a symbol leaves the memory flat: it moves it, on average, by less than this share of the largest move
SWITCH = 0.3  # a gate is switched by the answer or the symbol: its means differ by at least this
RATIO = 2.0  # a gate opens more on some symbols: its largest mean is at least this many times its smallest


@dataclass(frozen=True)
class Symbols:
    """How the words name the memory's factors in this cell (LSTM: C, f, i, C̃)."""

    memory: str
    keep: str
    write: str
    candidate: str


@dataclass(frozen=True)
class MemoryFinding:
    """The unit that carries a sequence-to-one answer. Means over the samples whose answer is `cls` (the answer
    that moves the unit's memory most) and over the others (`_other`); `after`: over t >= 1."""

    code: str  # "integrator", "latch", or "none" (no unit tells the answers apart)
    switch: str  # the gate the answer sets after t = 0: "write", "keep", or "neither"
    unit: int
    cls: int
    separation: float  # |end - end_other| over the spread of the final memory within an answer
    start: float  # the memory after t = 0
    step: float  # its mean change per step after t = 0
    end: float  # the final memory
    end_other: float
    write0: float  # the write gate (i) at t = 0
    write_same: float  # the write gate after t = 0
    write_other: float
    keep_same: float  # the keep gate (f) after t = 0
    keep_other: float
    symbols: Symbols


@dataclass(frozen=True)
class SignalFinding:
    """The unit whose memory follows a running answer. Per-symbol means (in the task's alphabet order) over every
    step of every sample where that symbol is read."""

    code: str  # "follows" or "none" (no unit's memory gives the answer often enough)
    how: str  # what the symbol changes: "write" (how open the write gate is), "candidate" (what is written), "both"
    unit: int
    right: float  # share of steps a straight line through this unit's memory alone gets the answer right
    r: float  # correlation of the unit's memory with the running answer, over every step of every sample
    move: tuple[float, ...]  # the memory's mean change when the symbol is read
    flat: tuple[bool, ...]  # |move| < FLAT x the largest |move|
    write: tuple[float, ...]  # the write gate (i)
    keep: tuple[float, ...]  # the keep gate (f)
    candidate: tuple[float, ...]  # the candidate (C̃)
    symbols: Symbols


def _symbol(spec: CellSpec, f: Factor) -> str:
    return f"1 − {spec[f.name].symbol}" if f.one_minus else spec[f.name].symbol


def symbols(spec: CellSpec) -> Symbols | None:
    """The memory, keep, write and candidate symbols; None for a cell without both gates (nothing to report)."""
    kf, wf = keep_factor(spec), write_factor(spec)
    cands = [q for q in spec.quantities if q.kind == "candidate"]
    if kf is None or wf is None or not cands:
        return None
    return Symbols(spec[memory_state(spec)].symbol, _symbol(spec, kf), _symbol(spec, wf), cands[0].symbol)


def _steps(trace: GateTrace) -> np.ndarray:
    """The memory's change at every step, from the initial state: (B, T, H)."""
    m = memory_state(trace.spec)
    mem = trace[m]  # (B, T, H)
    start = np.broadcast_to(trace.state0[m], (mem.shape[0], mem.shape[2]))[:, None, :]  # (B, 1, H)
    return np.diff(np.concatenate([start, mem], axis=1), axis=1)


def memory_finding(trace: GateTrace, labels: np.ndarray) -> MemoryFinding:
    """The unit that carries the answer (explain.memory_unit) and how: latch, integrator, or none."""
    spec = trace.spec
    unit, _, _ = memory_unit(trace, labels)
    story = gate_story(trace, labels, unit)
    cls = story["cls"]
    same = labels == cls
    mem = trace[memory_state(spec)][..., unit]  # (B, T)
    T = mem.shape[1]
    start, end, end_other = float(mem[same, 0].mean()), float(mem[same, -1].mean()), float(mem[~same, -1].mean())
    within = float(np.mean([mem[same, -1].std(), mem[~same, -1].std()])) + 1e-9
    separation = abs(end - end_other) / within
    write = factor_values(trace, write_factor(spec))[..., unit]  # (B, T)
    code = "integrator" if abs(end - start) > INTEGRATES * abs(end) else "latch"  # most of it added after t = 0?
    code = "none" if separation < SEPARATES else code
    d_write = story["write_same"] - story["write_other"]
    d_keep = story["keep_same"] - story["keep_other"]
    switch = "neither"
    if abs(d_write) >= SWITCH or abs(d_keep) >= SWITCH:
        switch = "write" if abs(d_write) >= abs(d_keep) else "keep"
    return MemoryFinding(
        code=code,
        switch=switch,
        unit=unit,
        cls=cls,
        separation=separation,
        start=start,
        step=(end - start) / max(T - 1, 1),
        end=end,
        end_other=end_other,
        write0=float(write[same, 0].mean()),
        write_same=story["write_same"],
        write_other=story["write_other"],
        keep_same=story["keep_same"],
        keep_other=story["keep_other"],
        symbols=symbols(spec),
    )


def read_off(memory: np.ndarray, signal: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per unit, the share of steps at which the best straight line through that unit's memory alone, rounded,
    gives the whole-number running answer; and the correlation of the memory with it. memory (N, H), signal (N,)."""
    s = np.asarray(signal, dtype=float)
    right, r = np.zeros(memory.shape[1]), np.zeros(memory.shape[1])
    for u in range(memory.shape[1]):
        A = np.stack([memory[:, u], np.ones(len(s))], axis=1)  # (N, 2)
        coef, *_ = np.linalg.lstsq(A, s, rcond=None)
        right[u] = np.mean(np.rint(A @ coef) == s)
        r[u] = np.corrcoef(memory[:, u], s)[0, 1] if memory[:, u].std() > 0 else 0.0
    return right, r


def signal_finding(trace: GateTrace, signal: np.ndarray, ids: np.ndarray, n_symbols: int) -> SignalFinding:
    """The unit whose memory gives the whole-number running answer `signal` (B, T) best (read_off); ids (B, T):
    the symbol read at each step. A memory that merely grows with t correlates with a count too, so the unit is
    picked, and judged, by how often a straight line through its memory alone gets the answer right."""
    spec = trace.spec
    mem = trace[memory_state(spec)]  # (B, T, H)
    right, r = read_off(mem.reshape(-1, mem.shape[-1]), np.asarray(signal).reshape(-1))
    unit = int(np.lexsort((-np.abs(r), -right))[0])  # most often right; ties: the stronger correlation
    cand = next(q.name for q in spec.quantities if q.kind == "candidate")
    values = {
        "move": _steps(trace)[..., unit],
        "write": factor_values(trace, write_factor(spec))[..., unit],
        "keep": factor_values(trace, keep_factor(spec))[..., unit],
        "candidate": trace[cand][..., unit],
    }  # each (B, T)
    per = {k: tuple(float(v[ids == sym].mean()) if (ids == sym).any() else float("nan") for sym in range(n_symbols))
           for k, v in values.items()}  # fmt: skip
    return SignalFinding(
        code="follows" if right[unit] >= FOLLOWS else "none",
        how=_how(per["write"], per["candidate"]),
        unit=unit,
        right=float(right[unit]),
        r=float(r[unit]),
        flat=tuple(bool(abs(m) < FLAT * np.nanmax(np.abs(per["move"]))) for m in per["move"]),
        symbols=symbols(spec),
        **per,
    )


def _how(write: tuple[float, ...], candidate: tuple[float, ...]) -> str:
    """What the symbol changes: "write" (the write gate switches: its means differ by SWITCH), "both" (it opens
    RATIO times more on some symbols, and the candidate differs by a third of its size too), else "candidate"."""
    lo, hi = np.nanmin(write), np.nanmax(write)
    if hi - lo >= SWITCH:
        return "write"
    spread = np.nanmax(candidate) - np.nanmin(candidate)
    if hi >= RATIO * max(lo, 1e-12) and spread >= np.nanmax(np.abs(candidate)) / 3:
        return "both"
    return "write" if hi >= RATIO * max(lo, 1e-12) else "candidate"


def finding(task, model, layer: int = 0, n: int = N_SAMPLES, seed: int = 0) -> MemoryFinding | SignalFinding | None:
    """What the model's layer does on n fresh samples of the task (the rng is [seed, 4], as the home tour's): a
    memory finding for a sequence-to-one classification of symbols, a signal finding for a task with a running
    answer per step, else None (and None for a cell without a keep and a write gate)."""
    x, y = task.make_batch(n, task.default_config().seq_len, np.random.default_rng([seed, 4]))
    trace = model.trace(x).layers[layer]
    if symbols(trace.spec) is None or not hasattr(task, "alphabet"):
        return None
    if task.kind.output == "classification" and not task.kind.seq2seq:
        return memory_finding(trace, np.asarray(y))
    y = np.asarray(y)
    if task.kind.seq2seq and y.shape == x.shape[:2]:
        return signal_finding(trace, y, task.ids(x), len(task.alphabet))
    return None
