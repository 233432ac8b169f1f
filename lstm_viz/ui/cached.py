"""Cached figures for the pages, keyed by plain values (ids, layer, t, unit, font size).

Figures are kept with st.cache_resource, as objects: st.cache_data would pickle a Figure on
every hit, and unpickling one (or handing st.plotly_chart a dict) re-validates every property,
which costs more than a Next click may. The figures are read-only: st.plotly_chart only reads
them (Figure.to_dict() makes its own copy), and nothing else touches them.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from lstm_viz import explain, tasks
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.stack import forward
from lstm_viz.core.trace import GateTrace
from lstm_viz.ui.models import batch_trace, trace_for
from lstm_viz.viz import diagram, figures, heatmaps, stepper, theme


def layer_of(task: str, model_id: str, seq_key: str, layer: int, model) -> GateTrace:
    return trace_for(task, model_id, seq_key, model).layers[layer]


@st.cache_data(show_spinner=False, max_entries=64)
def model_ranges(task: str, model_id: str, _model: TrainedModel) -> list[dict[str, tuple[float, float]]]:
    """Every layer's colour and axis ranges, fixed once per model (theme.model_ranges: 64 samples of the task)."""
    return theme.model_ranges(_model)


@st.cache_resource(show_spinner=False, max_entries=512)
def cell_figure(task: str, model_id: str, seq_key: str, layer: int, t: int, unit: int, token: str, font: int,
                _model, lang: str = "en") -> go.Figure:  # fmt: skip
    """The cell diagram of the layer's unit at step t; its hover gives each box's terms, from the layer's weights."""
    trace = layer_of(task, model_id, seq_key, layer, _model)
    ranges = model_ranges(task, model_id, _model)[layer]
    return diagram.cell_diagram(trace.spec, trace.at(t), unit, token, ranges, font_size=font + 1,
                                layer=_model.params.layers[layer], lang=lang)  # fmt: skip


@st.cache_resource(show_spinner=False, max_entries=512)
def bars_figure(task: str, model_id: str, seq_key: str, layer: int, t: int, unit: int, font: int,
                _model, lang: str = "en") -> go.Figure:  # fmt: skip
    trace = layer_of(task, model_id, seq_key, layer, _model)
    step = trace.at(t)
    values = {q: step[q] for q in trace.spec.names}
    ranges = model_ranges(task, model_id, _model)[layer]
    return figures.step_bars(trace.spec, values, unit, ranges, font_size=font, lang=lang)


@st.cache_resource(show_spinner=False, max_entries=512)
def timeline_figure(task: str, model_id: str, seq_key: str, layer: int, t: int, unit: int, tokens: tuple[str, ...],
                    font: int, _model, lang: str = "en") -> go.Figure:  # fmt: skip
    trace = layer_of(task, model_id, seq_key, layer, _model)
    values = {q: trace[q][:, unit] for q in trace.spec.names}
    ranges = model_ranges(task, model_id, _model)[layer]
    return figures.unit_timeline(trace.spec, values, list(tokens), unit, t, ranges, font_size=font, lang=lang)


@st.cache_data(show_spinner=False, max_entries=64)
def step_frames(task: str, model_id: str, seq_key: str, layer: int, unit: int, _model: TrainedModel,
                lang: str = "en") -> dict:  # fmt: skip
    trace = trace_for(task, model_id, seq_key, _model)
    tokens = tasks.get(task).token_labels(trace.x)
    ranges = model_ranges(task, model_id, _model)[layer]
    return stepper.step_frames(tasks.get(task), _model, trace, layer, unit, tokens, ranges, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def heatmap_figure(
    task: str,
    model_id: str,
    seq_key: str,
    layer: int,
    order_how: str,
    tokens: tuple[str, ...],
    font: int,
    _model: TrainedModel,
    _signal,
    marked: int | None = None,
    lang: str = "en",
) -> tuple[go.Figure, list[int]]:
    """The heat maps of every quantity of the layer with unit `marked` outlined, and the unit order they use (row r
    shows unit order[r]), their words in `lang`."""
    trace = layer_of(task, model_id, seq_key, layer, _model)
    order = heatmaps.unit_order(trace, order_how, _signal)
    maps = len(trace.spec.names)
    height = None if font <= 12 else int(maps * max(120, min(320, 15 * trace.hidden_size)) + 140)
    ranges = model_ranges(task, model_id, _model)[layer]
    fig = heatmaps.gate_heatmaps(trace, list(tokens), order, height=height, font_size=font, ranges=ranges, lang=lang)
    return heatmaps.mark_unit(fig, order, marked, lang), [int(u) for u in order]


@st.cache_data(show_spinner=False, max_entries=64)
def finding(task: str, model_id: str, layer: int, _model: TrainedModel):
    """What the model's layer does on fresh samples of its task (explain.finding), for the heat-map note and the
    home tour."""
    return explain.finding(tasks.get(task), _model, layer)


@st.cache_resource(show_spinner=False, max_entries=64)
def saturation_figure(task: str, model_id: str, layer: int, font: int, _model: TrainedModel,
                      lang: str = "en") -> go.Figure | None:  # fmt: skip
    """The saturation plot of the layer's gates over a batch; None for a cell without gates (the plain RNN)."""
    trace = batch_trace(task, model_id, _model).layers[layer]
    fractions = heatmaps.saturation(trace)
    return heatmaps.saturation_figure(trace.spec, fractions, font_size=font, lang=lang) if fractions else None


@st.cache_data(show_spinner=False, max_entries=64)
def fixed_example(task: str, seq_len: int) -> np.ndarray:
    """The one example sequence the train-live page draws its gate maps on (seed 0)."""
    x, _ = tasks.get(task).make_batch(1, seq_len, np.random.default_rng(0))
    return x[0]


@st.cache_resource(show_spinner=False, max_entries=128)
def snapshot_heatmaps(task: str, run_id: str, step: int, seq_len: int, font: int, height: int, _params,
                      lang: str = "en") -> go.Figure:  # fmt: skip
    """The maps of the fixed example under one snapshot's weights (any cell; its first layer; no click layer)."""
    x = fixed_example(task, seq_len)
    trace = forward(_params, x).layers[0]
    tokens = tasks.get(task).token_labels(x)
    return heatmaps.gate_heatmaps(trace, tokens, height=height, font_size=font, clickable=False, lang=lang)
