"""Analysis over many steps or sequences: which unit carries a memory, and how its gates behave."""

from __future__ import annotations

import numpy as np

from lstm_viz.core.trace import GateTrace


def needs_lstm(trace: GateTrace) -> None:
    """These analyses read an LSTM's memory C and its gates i and f (the home page's tour runs the LSTM preset)."""
    missing = [name for name in ("c", "i", "f") if name not in trace.spec]
    if missing:
        raise ValueError(f"trace: cell {trace.spec.name} has no {', '.join(missing)}; this analysis reads an LSTM's")


def memory_unit(trace: GateTrace, labels: np.ndarray) -> tuple[int, float, float]:
    """The unit that best latches a class label over a batch of sequences: (unit, mean f, mean i) after step 0.

    Score: the spread of the final cell state between classes over its spread within a class,
    times how much the forget gate keeps (mean f over t >= 1), times how shut the input gate
    stays (1 - mean i over t >= 1).
    """
    needs_lstm(trace)
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
    needs_lstm(trace)
    c_end = trace.c[:, -1, unit]
    classes = np.unique(labels)
    k = classes[int(np.argmax([abs(c_end[labels == c].mean()) for c in classes]))]
    story = {"cls": int(k)}
    for name, rows in (("same", labels == k), ("other", labels != k)):
        story[f"i_{name}"] = float(trace.i[rows, 1:, unit].mean())
        story[f"f_{name}"] = float(trace.f[rows, 1:, unit].mean())
        story[f"c_{name}"] = float(c_end[rows].mean())
    return story
