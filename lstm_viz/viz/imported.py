"""Figures and tables of the Your model page: a model read from a file (lstm_viz.io.ImportedModel) on one input.
Data in, figures and plain rows out; no Streamlit here. The figures are the other pages' (heat maps, the bars of
every unit at t, a unit's timeline), on the ranges of theme.imported_ranges."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_viz.core.spec import DEFAULT_OPTIONS
from lstm_viz.core.trace import GateTrace
from lstm_viz.viz import figures, heatmaps

__all__ = ["layer_heatmaps", "prediction_rows", "step_bars", "summary_rows", "unit_row", "unit_timeline"]


def cell_options(spec) -> str:
    """A cell's activations in words: "tanh, gates sigmoid" (Keras' activation and recurrent_activation)."""
    options = dict(spec.options)
    act = options.get("activation", "tanh")
    changed = "" if tuple(spec.options) == DEFAULT_OPTIONS.get(spec.family) else " (not the default)"
    gates = f", gates {options['recurrent_activation']}" if "recurrent_activation" in options else ""
    return f"{act}{gates}{changed}"


def summary_rows(model) -> list[dict[str, str]]:
    """One row a layer of the model, bottom first: its name in the file, what it is, its shape and what it does."""
    rows = []
    if model.embedding is not None:
        V, D = model.embedding.weights.shape
        rows.append({"layer": model.embedding.name, "kind": "Embedding", "shape": f"{V} x {D}",
                     "details": f"token ids 0 to {V - 1}, each to {D} numbers"})  # fmt: skip
    for layer in model.recurrent:
        p = layer.params
        hands_on = "hands on every step" if layer.return_sequences else "hands on its last step"
        rows.append({"layer": layer.name, "kind": p.spec.title, "shape": f"{p.input_size} -> {p.hidden_size}",
                     "details": f"activation {cell_options(p.spec)}; {hands_on}"})  # fmt: skip
    for dense in model.readout:
        shape = "" if dense.W is None else f"{dense.W.shape[1]} -> {dense.W.shape[0]}"
        kind = "Activation" if dense.W is None else "Dense (read-out)"
        rows.append({"layer": dense.name, "kind": kind, "shape": shape, "details": f"activation {dense.activation}"})
    return rows


def prediction_rows(y: np.ndarray, tokens: list[str]) -> list[dict[str, object]]:
    """The prediction as table rows: one row (K outputs) for a model that answers once, one row a step for a model
    whose top layer returns sequences (y (T, K))."""
    y = np.asarray(y, dtype=float)
    if y.ndim == 1:
        return [{"output": "after the last step", **{f"y[{k}]": float(v) for k, v in enumerate(y)}}]
    return [
        {"output": f"t = {t} ({tokens[t]})", **{f"y[{k}]": float(v) for k, v in enumerate(row)}}
        for t, row in enumerate(y)
    ]


def unit_row(trace: GateTrace, t: int, unit: int) -> dict[str, float]:
    """Every quantity of the unit at step t, in one row: {"f — forget gate": value, ...} in the cell's order."""
    return {figures.title(trace.spec, q): float(trace[q][t, unit]) for q in trace.spec.names}


def layer_heatmaps(trace: GateTrace, tokens: list[str], ranges: dict, font_size: int = 12) -> go.Figure:
    """Every gate and state of one layer as unit x time maps (heatmaps.gate_heatmaps), hover only: the page's
    step-through view below picks t and the unit."""
    maps = len(trace.spec.names)
    height = None if font_size <= 12 else int(maps * max(120, min(320, 15 * trace.hidden_size)) + 140)
    return heatmaps.gate_heatmaps(trace, tokens, height=height, font_size=font_size, clickable=False, ranges=ranges)


def step_bars(trace: GateTrace, t: int, unit: int, ranges: dict, font_size: int = 12) -> go.Figure:
    """All units of the layer at step t, the chosen one outlined (figures.step_bars)."""
    step = trace.at(t)
    return figures.step_bars(trace.spec, {q: step[q] for q in trace.spec.names}, unit, ranges, font_size=font_size)


def unit_timeline(trace: GateTrace, tokens: list[str], t: int, unit: int, ranges: dict, font_size: int = 12):
    """The unit over the whole input, step t marked (figures.unit_timeline)."""
    values = {q: trace[q][:, unit] for q in trace.spec.names}
    return figures.unit_timeline(trace.spec, values, list(tokens), unit, t, ranges, font_size=font_size)
