"""Plotly figure builders: data in, go.Figure out. No Streamlit here."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz.params import GATE_NAMES
from lstm_viz.trace import STATE_GATES, GateTrace

# Fixed colour ranges, so that the same colour means the same number on every map.
SIGMOID_GATES = ("i", "f", "o")


def colour_range(gate: str, trace: GateTrace) -> tuple[float, float]:
    if gate in SIGMOID_GATES:
        return 0.0, 1.0
    if gate == "c":
        m = max(1.0, float(np.max(np.abs(trace.c))))
        return -m, m
    return -1.0, 1.0


def unit_order(trace: GateTrace, how: str = "as is", signal: np.ndarray | None = None) -> np.ndarray:
    """Units in order: "as is", "by variance" (of c, most varied first) or "by correlation" with a signal."""
    H = trace.hidden_size
    if how == "by variance":
        return np.argsort(-np.var(trace.c, axis=0), kind="stable")
    if how == "by correlation" and signal is not None and np.std(signal) > 0:
        c = trace.c - trace.c.mean(axis=0)
        s = np.asarray(signal, dtype=float) - np.mean(signal)
        denom = np.sqrt((c**2).sum(axis=0) * (s**2).sum()) + 1e-12
        return np.argsort(-np.abs(s @ c / denom), kind="stable")
    return np.arange(H)


def gate_heatmaps(trace: GateTrace, tokens: list[str], order: np.ndarray | None = None, height: int = 900) -> go.Figure:
    """i, f, g, o, c, h as unit x time heat maps sharing one time axis labelled by the input tokens."""
    if trace.batched:
        raise ValueError("trace: expected one sequence (T, H), got a batch")
    T, H = trace.steps, trace.hidden_size
    order = np.arange(H) if order is None else np.asarray(order)
    fig = make_subplots(
        rows=6,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.025,
        subplot_titles=[f"{g} — {GATE_NAMES[g]}" for g in STATE_GATES],
    )
    steps = np.arange(T)
    tok = np.broadcast_to(np.asarray(tokens, dtype=object), (H, T))
    for row, gate in enumerate(STATE_GATES, start=1):
        values = getattr(trace, gate)[:, order].T  # (H, T)
        lo, hi = colour_range(gate, trace)
        top = 1 - (row - 1) / 6
        fig.add_trace(
            go.Heatmap(
                z=values,
                x=steps,
                y=[f"u{u}" for u in order],
                zmin=lo,
                zmax=hi,
                colorscale="Viridis" if gate in SIGMOID_GATES else "RdBu_r",
                customdata=tok,
                hovertemplate=f"{gate}: %{{z:.3f}}<br>t=%{{x}} (%{{customdata}})<br>unit %{{y}}<extra></extra>",
                colorbar=dict(y=top - 1 / 12, len=1 / 6 - 0.03, thickness=12, x=1.01),
                name=gate,
            ),
            row=row,
            col=1,
        )
        fig.update_yaxes(autorange="reversed", row=row, col=1, showticklabels=H <= 32)
    tickstep = max(1, T // 40)
    fig.update_xaxes(
        tickmode="array",
        tickvals=steps[::tickstep].tolist(),
        ticktext=[str(tokens[t]) for t in steps[::tickstep]],
        tickangle=0,
        row=6,
        col=1,
    )
    fig.update_xaxes(title_text="time step (input token)", row=6, col=1)
    fig.update_layout(height=height, margin=dict(l=50, r=30, t=40, b=40))
    return fig


def saturation(trace: GateTrace) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per gate (i, f, o), for each unit: the fraction of steps below 0.1 and above 0.9."""
    return {g: ((getattr(trace, g) < 0.1).mean(axis=0), (getattr(trace, g) > 0.9).mean(axis=0)) for g in SIGMOID_GATES}
