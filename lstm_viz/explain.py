"""One unit at one step, taken apart: the terms of every equation, in LaTeX and in plain words.

    terms = explain.unit_terms(params, trace.at(t), k)
    terms["f"].x_part + terms["f"].h_part + terms["f"].bias == terms["f"].pre == trace.z[t, 1, k]

The x and h contributions are the two dot products of the separated form,
W_x[gate, k] · x_t and W_h[gate, k] · h_{t-1}; their sum with the bias is the pre-activation
the NumPy reference recorded (a test checks it to 1e-12). The concatenated form
W[gate, k] · [h_{t-1}, x_t] is the same sum over one longer vector.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.core.params import GATES, LSTMParams
from lstm_viz.core.trace import GateStep, GateTrace

# One colour per gate, used by every figure and equation: i, f, g, o, then c and h.
COLOURS = {
    "i": "#2e7d32",  # green: what gets written
    "f": "#c62828",  # red: what gets kept or erased
    "g": "#6a1b9a",  # purple: the candidate
    "o": "#1565c0",  # blue: what gets shown
    "c": "#e65100",  # orange: the memory
    "h": "#37474f",  # slate: the output
}
ACTIVATION = {"i": r"\sigma", "f": r"\sigma", "g": r"\tanh", "o": r"\sigma"}


@dataclass(frozen=True)
class GateTerms:
    gate: str
    x_part: float  # W_x[gate, k] · x_t
    h_part: float  # W_h[gate, k] · h_{t-1}
    bias: float  # b[gate, k]
    pre: float  # the pre-activation z, as the reference recorded it
    value: float  # the activation: sigma(z), or tanh(z) for g


@dataclass(frozen=True)
class StateTerms:
    f: float
    c_prev: float
    i: float
    g: float
    c: float
    o: float
    tanh_c: float
    h: float


def unit_terms(params: LSTMParams, step: GateStep, unit: int) -> dict[str, GateTerms]:
    """The four gates' terms for unit k at one step of an unbatched trace."""
    if step.x.ndim != 1:
        raise ValueError("step: expected one sequence's step (x of shape (D,)), got a batch")
    if not 0 <= unit < params.hidden_size:
        raise ValueError(f"unit: expected 0 to {params.hidden_size - 1}, got {unit}")
    out = {}
    for n, gate in enumerate(GATES):
        x_part = float(params.W_x[n, unit] @ step.x)
        h_part = float(params.W_h[n, unit] @ step.h_prev)
        value = float(getattr(step, gate)[unit])
        out[gate] = GateTerms(gate, x_part, h_part, float(params.b[n, unit]), float(step.z[n, unit]), value)
    return out


def state_terms(step: GateStep, unit: int) -> StateTerms:
    k = unit
    return StateTerms(
        f=float(step.f[k]),
        c_prev=float(step.c_prev[k]),
        i=float(step.i[k]),
        g=float(step.g[k]),
        c=float(step.c[k]),
        o=float(step.o[k]),
        tanh_c=float(np.tanh(step.c[k])),
        h=float(step.h[k]),
    )


def products(params: LSTMParams, step: GateStep, unit: int, gate: str, x_labels: list[str]) -> list[dict]:
    """Every product in W[gate, k] · [h_{t-1}, x_t]: one row per input, h first (the concatenated order)."""
    n = GATES.index(gate)
    rows = [
        {"input": f"h_prev[{j}]", "value": float(v), "weight": float(w), "product": float(v * w)}
        for j, (v, w) in enumerate(zip(step.h_prev, params.W_h[n, unit]))
    ]
    rows += [
        {"input": f"x[{j}] ({label})", "value": float(v), "weight": float(w), "product": float(v * w)}
        for j, (v, w, label) in enumerate(zip(step.x, params.W_x[n, unit], x_labels))
    ]
    return rows


# --- LaTeX: one equation, one line; numbers with 3 decimals, signs made explicit ---


def num(v: float) -> str:
    return f"{v:.3f}".replace("-0.000", "0.000")


def factor(v: float) -> str:
    """A number as a factor in a product: negative ones in parentheses."""
    return num(v) if v >= 0 else rf"({num(v)})"


def signed(v: float) -> str:
    return f"+ {num(v)}" if v >= 0 else f"- {num(-v)}"


def coloured(gate: str, body: str) -> str:
    return rf"\color{{{COLOURS[gate]}}}{{{body}}}"


def latex_separated(t: GateTerms, unit: int) -> str:
    """i_t[k] = σ(W_xi x_t + W_hi h_{t-1} + b_i) with the numbers: one line."""
    g = t.gate
    lhs = coloured(g, rf"{g}_{{t}}[{unit}]")
    terms = (
        rf"\underbrace{{{num(t.x_part)}}}_{{W_{{x{g}}} x_t}} "
        rf"\underbrace{{{signed(t.h_part)}}}_{{W_{{h{g}}} h_{{t-1}}}} "
        rf"\underbrace{{{signed(t.bias)}}}_{{b_{g}}}"
    )
    return rf"{lhs} = {ACTIVATION[g]}\big({terms}\big) = {ACTIVATION[g]}({num(t.pre)}) = {coloured(g, num(t.value))}"


def latex_concatenated(t: GateTerms, unit: int) -> str:
    """i_t[k] = σ(W_i · [h_{t-1}, x_t] + b_i) with the numbers: one line."""
    g = t.gate
    lhs = coloured(g, rf"{g}_{{t}}[{unit}]")
    dot = t.x_part + t.h_part
    return (
        rf"{lhs} = {ACTIVATION[g]}\big(\underbrace{{{num(dot)}}}_{{W_{g} \cdot [h_{{t-1}},\, x_t]}} "
        rf"\underbrace{{{signed(t.bias)}}}_{{b_{g}}}\big) = {ACTIVATION[g]}({num(t.pre)}) = {coloured(g, num(t.value))}"
    )


def latex_cell(s: StateTerms, unit: int) -> str:
    k = unit
    return (
        rf"{coloured('c', f'c_{{t}}[{k}]')} = {coloured('f', num(s.f))} \times {factor(s.c_prev)} "
        rf"+ {coloured('i', num(s.i))} \times {coloured('g', factor(s.g))} "
        rf"= {num(s.f * s.c_prev)} {signed(s.i * s.g)} = {coloured('c', num(s.c))}"
    )


def latex_hidden(s: StateTerms, unit: int) -> str:
    k = unit
    return (
        rf"{coloured('h', f'h_{{t}}[{k}]')} = {coloured('o', num(s.o))} \times \tanh({coloured('c', num(s.c))}) "
        rf"= {num(s.o)} \times {factor(s.tanh_c)} = {coloured('h', num(s.h))}"
    )


# --- plain words ---


def pct(v: float) -> str:
    return f"{v:.0%}"


def sentences(step: GateStep, unit: int, token: str) -> dict[str, str]:
    """One plain sentence per gate and state, with its numbers, for unit k at this step."""
    s = state_terms(step, unit)
    k = unit
    write = s.i * s.g
    moved = s.c - s.c_prev
    return {
        "f": f"The forget gate keeps {pct(s.f)} of unit {k}'s memory (f = {num(s.f)}): "
        f"{num(s.c_prev)} becomes {num(s.f * s.c_prev)}.",
        "i": f"The input gate lets {pct(s.i)} of the candidate into the memory (i = {num(s.i)}).",
        "g": f"Reading {token!r}, the candidate C̃ proposes {num(s.g)} for unit {k}; "
        f"{pct(s.i)} of it, {num(write)}, is written.",
        "o": f"The output gate shows {pct(s.o)} of tanh(C) = {num(s.tanh_c)} (o = {num(s.o)}).",
        "c": f"The memory C of unit {k} stays at about {num(s.c)}."
        if abs(moved) < 0.01
        else f"The memory C of unit {k} goes {'up' if moved > 0 else 'down'}, from {num(s.c_prev)} to {num(s.c)}.",
        "h": f"Unit {k} passes h = {num(s.h)} on to the next step and to the read-out.",
    }


def memory_unit(trace: GateTrace, labels: np.ndarray) -> tuple[int, float, float]:
    """The unit that best latches a class label over a batch of sequences: (unit, mean f, mean i) after step 0.

    Score: the spread of the final cell state between classes over its spread within a class,
    times how much the forget gate keeps (mean f over t >= 1), times how shut the input gate
    stays (1 - mean i over t >= 1).
    """
    c_end = trace.c[:, -1, :]  # (B, H)
    classes = np.unique(labels)
    means = np.stack([c_end[labels == k].mean(axis=0) for k in classes])  # (K, H)
    within = np.mean([c_end[labels == k].std(axis=0) for k in classes], axis=0) + 1e-9
    keep = trace.f[:, 1:, :].mean(axis=(0, 1))  # (H,)
    write = trace.i[:, 1:, :].mean(axis=(0, 1))  # (H,)
    unit = int(np.argmax(means.std(axis=0) / within * keep * (1 - write)))
    return unit, float(keep[unit]), float(write[unit])


def gate_story(trace: GateTrace, labels: np.ndarray, unit: int) -> dict[str, float]:
    """How one unit's gates behave after the first step, for the class that moves its memory most
    (`cls`, by its mean final C) against all other classes: mean i and f over t >= 1, mean final C."""
    c_end = trace.c[:, -1, unit]
    classes = np.unique(labels)
    k = classes[int(np.argmax([abs(c_end[labels == c].mean()) for c in classes]))]
    story = {"cls": int(k)}
    for name, rows in (("same", labels == k), ("other", labels != k)):
        story[f"i_{name}"] = float(trace.i[rows, 1:, unit].mean())
        story[f"f_{name}"] = float(trace.f[rows, 1:, unit].mean())
        story[f"c_{name}"] = float(c_end[rows].mean())
    return story


def answer_words(task, y) -> str:
    """A right answer (class index or value) in words: a class name, or a number without trailing zeros."""
    if task.kind.output == "classification" and task.class_names:
        return task.class_names[int(y)]
    return f"{float(np.asarray(y).reshape(-1)[0]):.3f}".rstrip("0").rstrip(".")


def output_words(task, x: np.ndarray, out: np.ndarray, t: int) -> str:
    """What the model's read-out at step t says, and the right answer when the task knows it (plain text)."""
    said = task.describe_output(out)
    try:
        truth = np.asarray(task.targets(x[None])[0])
    except ValueError:
        truth = None
    T = len(x)
    if task.kind.seq2seq:
        right = "" if truth is None else f" (the answer: {answer_words(task, truth[t])})"
        return f"the model's output at t = {t}: {said}{right}"
    if t < T - 1:
        return f"the read-out at t = {t} would say {said}; only the last step's output counts for this task"
    right = "" if truth is None else f" (the answer: {answer_words(task, truth)})"
    return f"the model's answer at the last step: {said}{right}"


def prediction_rows(task, model, seq_len: int, n: int = 5, seed: int = 0) -> list[dict[str, str]]:
    """The model's answers beside the truth on n held-out sequences, by the NumPy reference (for a table)."""
    x, y = task.held_out_batch(n, seq_len, np.random.default_rng([seed, 5]))
    pred = model.predict(x, task.kind.seq2seq)
    rows = []
    for k in range(len(x)):
        tokens = task.token_labels(x[k])
        if task.kind.seq2seq:  # show the last step's answer of a sequence-to-sequence task
            said, truth = pred[k, -1], np.asarray(y[k])[-1]
        else:
            said, truth = pred[k], y[k]
        rows.append(
            {
                "sequence": " ".join(tokens),
                "answer": answer_words(task, truth),
                "model says": task.describe_output(said),
            }
        )
    return rows
