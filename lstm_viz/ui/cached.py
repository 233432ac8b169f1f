"""Cached figures for the pages, keyed by plain values (ids, t, unit, font size).

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
from lstm_viz.core import reference
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.trace import GateTrace
from lstm_viz.ui.models import batch_trace, trace_for
from lstm_viz.viz import diagram, figures, theme


def c_max(trace: GateTrace) -> float:
    return theme.colour_range("c", trace)[1]


@st.cache_resource(show_spinner=False, max_entries=512)
def cell_figure(task: str, model_id: str, seq_key: str, t: int, unit: int, token: str, font: int, _model) -> go.Figure:
    trace = trace_for(task, model_id, seq_key, _model)
    s = explain.state_terms(trace.at(t), unit)
    return diagram.cell_diagram(s, unit, token, c_max(trace), font_size=font + 1)


@st.cache_resource(show_spinner=False, max_entries=512)
def bars_figure(task: str, model_id: str, seq_key: str, t: int, unit: int, font: int, _model) -> go.Figure:
    trace = trace_for(task, model_id, seq_key, _model)
    step = trace.at(t)
    values = {g: getattr(step, g) for g in ("i", "f", "g", "o", "c", "h")}
    return figures.step_bars(values, unit, c_max(trace), font_size=font)


@st.cache_resource(show_spinner=False, max_entries=512)
def timeline_figure(task: str, model_id: str, seq_key: str, t: int, unit: int, tokens: tuple[str, ...], font: int,
                    _model) -> go.Figure:  # fmt: skip
    trace = trace_for(task, model_id, seq_key, _model)
    values = {g: getattr(trace, g)[:, unit] for g in ("i", "f", "g", "o", "c", "h")}
    return figures.unit_timeline(values, list(tokens), unit, t, c_max(trace), font_size=font)


@st.cache_resource(show_spinner=False, max_entries=512)
def strip_figure(tokens: tuple[str, ...], t: int, font: int) -> go.Figure:
    return figures.token_strip(list(tokens), t, font_size=font + 2)


@st.cache_resource(show_spinner=False, max_entries=64)
def heatmap_figure(
    task: str,
    model_id: str,
    seq_key: str,
    order_how: str,
    tokens: tuple[str, ...],
    font: int,
    _model: TrainedModel,
    _signal,
) -> tuple[go.Figure, list[int]]:
    """The six heat maps and the unit order they use (row r shows unit order[r])."""
    trace = trace_for(task, model_id, seq_key, _model)
    order = figures.unit_order(trace, order_how, _signal)
    height = None if font <= 12 else int(6 * max(120, min(320, 15 * trace.hidden_size)) + 140)
    fig = figures.gate_heatmaps(trace, list(tokens), order, height=height, font_size=font)
    return fig, [int(u) for u in order]


@st.cache_resource(show_spinner=False, max_entries=64)
def saturation_figure(task: str, model_id: str, font: int, _model: TrainedModel) -> go.Figure:
    fractions = figures.saturation(batch_trace(task, model_id, _model))
    return figures.saturation_figure(fractions, font_size=font)


@st.cache_data(show_spinner=False, max_entries=64)
def fixed_example(task: str, seq_len: int) -> np.ndarray:
    """The one example sequence the train-live page draws its gate maps on (seed 0)."""
    x, _ = tasks.get(task).make_batch(1, seq_len, np.random.default_rng(0))
    return x[0]


@st.cache_resource(show_spinner=False, max_entries=128)
def snapshot_heatmaps(task: str, run_id: str, step: int, seq_len: int, font: int, height: int, _params) -> go.Figure:
    """The gate maps of the fixed example under one snapshot's LSTM weights (no click layer)."""
    x = fixed_example(task, seq_len)
    trace = reference.forward(_params, x)
    tokens = tasks.get(task).token_labels(x)
    return figures.gate_heatmaps(trace, tokens, height=height, font_size=font, clickable=False)
