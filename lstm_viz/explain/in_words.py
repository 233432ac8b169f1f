"""Plain words: one sentence per gate and state with its numbers, and what the read-out says.

Every sentence the step-through, heat-map and train-live pages show about a unit or the model's
answer is built here, from the numbers of the NumPy reference.
"""

from __future__ import annotations

import numpy as np

from lstm_viz.core.trace import GateStep
from lstm_viz.explain.terms import num, state_terms


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
