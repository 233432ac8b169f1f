"""Figures and tables of the Your model page: a model read from a file (lstm_viz.io.ImportedModel) on one input.
Data in, figures and plain rows out; no Streamlit here. The figures are the other pages' (heat maps, the bars of
every unit at t, a unit's timeline), on the ranges of theme.imported_ranges. Words are the catalogue's
(lstm_viz/words/*/model.py) in the language asked; the layers' names and Keras' classes stay as they are."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_viz import words
from lstm_viz.core.spec import DEFAULT_OPTIONS
from lstm_viz.core.trace import GateTrace
from lstm_viz.viz import figures, heatmaps

__all__ = ["layer_heatmaps", "prediction_rows", "step_bars", "summary_rows", "unit_row", "unit_timeline"]


def cell_options(spec, lang: str = "en") -> str:
    """A cell's activations in words: "tanh, gates sigmoid" (Keras' activation and recurrent_activation)."""
    said = words.of(lang).model.SUMMARY
    options = dict(spec.options)
    out = options.get("activation", "tanh")
    if "recurrent_activation" in options:
        out = said["gates"].format(activation=out, gates=options["recurrent_activation"])
    return out if tuple(spec.options) == DEFAULT_OPTIONS.get(spec.family) else said["not_default"].format(options=out)


def summary_rows(model, lang: str = "en") -> list[dict[str, str]]:
    """One row a layer of the model, bottom first: its name in the file, what it is, its shape and what it does
    (the columns' names and the words in `lang`)."""
    w = words.of(lang).model
    said, col = w.SUMMARY, w.SUMMARY_COLUMNS
    rows = []
    if model.embedding is not None:
        V, D = model.embedding.weights.shape
        rows.append({col["layer"]: model.embedding.name, col["kind"]: "Embedding", col["shape"]: f"{V} x {D}",
                     col["details"]: said["embedding"].format(last=V - 1, size=D)})  # fmt: skip
    for layer in model.recurrent:
        spec = layer.params.spec
        hands_on = said["every_step" if layer.return_sequences else "last_step"]
        shape = f"{layer.params.input_size} -> {layer.params.hidden_size}"
        details = said["recurrent"].format(activation=cell_options(spec, lang), hands_on=hands_on)
        rows.append({col["layer"]: layer.name, col["kind"]: words.cell_title(lang, spec.name, spec.title),
                     col["shape"]: shape, col["details"]: details})  # fmt: skip
    for dense in model.readout:
        shape = "" if dense.W is None else f"{dense.W.shape[1]} -> {dense.W.shape[0]}"
        kind = said["activation_layer" if dense.W is None else "dense"]
        rows.append({col["layer"]: dense.name, col["kind"]: kind, col["shape"]: shape,
                     col["details"]: said["dense_details"].format(activation=dense.activation)})  # fmt: skip
    return rows


def prediction_rows(y: np.ndarray, tokens: list[str], lang: str = "en") -> list[dict[str, object]]:
    """The prediction as table rows: one row (K outputs) for a model that answers once, one row a step for a model
    whose top layer returns sequences (y (T, K)). The first column is the catalogue's OUTPUT_COLUMN."""
    w = words.of(lang).model
    y = np.asarray(y, dtype=float)
    if y.ndim == 1:
        return [{w.OUTPUT_COLUMN: w.OUTPUT_LAST, **{f"y[{k}]": float(v) for k, v in enumerate(y)}}]
    return [
        {w.OUTPUT_COLUMN: w.OUTPUT_AT.format(t=t, token=tokens[t]), **{f"y[{k}]": float(v) for k, v in enumerate(row)}}
        for t, row in enumerate(y)
    ]


def unit_row(trace: GateTrace, t: int, unit: int, lang: str = "en") -> dict[str, float]:
    """Every quantity of the unit at step t, in one row: {"f — forget gate": value, ...} in the cell's order."""
    return {figures.title(trace.spec, q, lang): float(trace[q][t, unit]) for q in trace.spec.names}


def layer_heatmaps(
    trace: GateTrace, tokens: list[str], ranges: dict, font_size: int = 12, lang: str = "en"
) -> go.Figure:
    """Every gate and state of one layer as unit x time maps (heatmaps.gate_heatmaps), hover only: the page's
    step-through view below picks t and the unit."""
    maps = len(trace.spec.names)
    height = None if font_size <= 12 else int(maps * max(120, min(320, 15 * trace.hidden_size)) + 140)
    return heatmaps.gate_heatmaps(trace, tokens, height=height, font_size=font_size, clickable=False, ranges=ranges,
                                  lang=lang)  # fmt: skip


def step_bars(trace: GateTrace, t: int, unit: int, ranges: dict, font_size: int = 12, lang: str = "en") -> go.Figure:
    """All units of the layer at step t, the chosen one outlined (figures.step_bars)."""
    step = trace.at(t)
    values = {q: step[q] for q in trace.spec.names}
    return figures.step_bars(trace.spec, values, unit, ranges, font_size=font_size, lang=lang)


def unit_timeline(trace: GateTrace, tokens: list[str], t: int, unit: int, ranges: dict, font_size: int = 12,
                  lang: str = "en") -> go.Figure:  # fmt: skip
    """The unit over the whole input, step t marked (figures.unit_timeline)."""
    values = {q: trace[q][:, unit] for q in trace.spec.names}
    return figures.unit_timeline(trace.spec, values, list(tokens), unit, t, ranges, font_size=font_size, lang=lang)
