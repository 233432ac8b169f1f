"""Plotly figure builders of the heat-map page: every quantity as a unit x time map, the unit order, the chosen
unit outlined, a click read back as (t, unit), and the saturation plot. No Streamlit here; colours and ranges
from `theme`."""

from __future__ import annotations

import html
import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz import words
from lstm_viz.core.trace import GateTrace
from lstm_viz.explain import analysis
from lstm_viz.viz import theme
from lstm_viz.viz.figures import title

__all__ = ["click_to_cell", "gate_heatmaps", "mark_unit", "memory", "saturation", "saturation_figure", "unit_order"]


def memory(trace: GateTrace) -> np.ndarray:
    """The cell's memory: C where the cell has one, else h (explain.analysis.memory_state)."""
    return trace[analysis.memory_state(trace.spec)]


def unit_order(trace: GateTrace, how: str = "as is", signal: np.ndarray | None = None) -> np.ndarray:
    """Units in order: "as is", "by variance" (of the memory C, or h, most varied first) or "by correlation"
    of the memory with a signal."""
    H = trace.hidden_size
    mem = memory(trace)
    if how == "by variance":
        return np.argsort(-np.var(mem, axis=0), kind="stable")
    if how == "by correlation" and signal is not None and np.std(signal) > 0:
        c = mem - mem.mean(axis=0)
        s = np.asarray(signal, dtype=float) - np.mean(signal)
        denom = np.sqrt((c**2).sum(axis=0) * (s**2).sum()) + 1e-12
        return np.argsort(-np.abs(s @ c / denom), kind="stable")
    return np.arange(H)


def gate_heatmaps(
    trace: GateTrace,
    tokens: list[str],
    order: np.ndarray | None = None,
    height: int | None = None,
    font_size: int = 12,
    clickable: bool = True,
    ranges: dict[str, tuple[float, float]] | None = None,
    lang: str = "en",
) -> go.Figure:
    """Every quantity of the cell (LSTM: i, f, g, o, c, h) as unit x time heat maps sharing one time axis
    labelled by the input tokens, each on its fixed range (`ranges`: the model's, theme.model_ranges; without
    them, theme.ranges of this trace). A value past its range takes the end colour; its hover gives the number.

    Plotly heat maps send no click events to Streamlit, so each map carries an invisible
    scatter layer, one point per cell, that does: its points give (t, row) and its hover
    gives t, token, unit and value. Row r of every map is unit order[r].
    """
    if trace.batched:
        raise ValueError("trace: expected one sequence (T, H), got a batch")
    T, H = trace.steps, trace.hidden_size
    spec = trace.spec
    w = words.of(lang).heatmaps
    names = spec.names
    N = len(names)
    order = np.arange(H) if order is None else np.asarray(order)
    ranges = theme.ranges(trace) if ranges is None else ranges
    map_px = max(90, min(260, 12 * H)) if height is None else (height - 110) / N  # each map's height in px
    height = height or int(N * map_px + 110)
    fig = make_subplots(
        rows=N,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.08, 32 / height) if N > 1 else 0.0,  # room for each title (about 32 px)
        subplot_titles=[title(spec, g, lang) for g in names],
    )
    steps = np.arange(T)
    rows = np.arange(H)
    tt, rr = np.meshgrid(steps, rows)  # (H, T) each: cell (r, t)
    tok = np.asarray([html.escape(str(tk)) for tk in tokens], dtype=object)  # a file's words: text, not markup
    for n, gate in enumerate(names, start=1):
        values = trace[gate][:, order].T  # (H, T), row r is unit order[r]
        lo, hi = ranges[gate]
        top = 1 - (n - 1) / N
        fig.add_trace(
            go.Heatmap(
                z=values,
                x=steps,
                y=rows,
                zmin=lo,
                zmax=hi,
                colorscale=theme.colourscale(spec[gate]),
                hoverinfo="skip" if clickable else None,
                customdata=np.broadcast_to(tok, (H, T)),
                hovertemplate=w.MAP_HOVER.format(gate=gate) + "<extra></extra>",
                colorbar=dict(
                    y=top - 1 / (2 * N), len=1 / N - 0.04, thickness=12, x=1.01, tickfont=dict(size=font_size)
                ),
                name=gate,
            ),
            row=n,
            col=1,
        )
        if clickable:
            fig.add_trace(
                go.Scattergl(
                    x=tt.ravel(),
                    y=rr.ravel(),
                    mode="markers",
                    marker=dict(size=max(4, min(14, 800 // max(T, H))), opacity=0, symbol="square"),
                    customdata=np.stack([values.ravel(), np.broadcast_to(order[:, None], (H, T)).ravel()], axis=-1),
                    text=np.broadcast_to(tok, (H, T)).ravel(),
                    hovertemplate=w.CLICK_HOVER.format(gate=gate) + f"<extra>{w.CLICK_HINT}</extra>",
                    showlegend=False,
                    name=w.CLICK_LAYER.format(gate=gate),
                ),
                row=n,
                col=1,
            )
        show_ticks = map_px >= 12 * H
        fig.update_yaxes(
            range=[H - 0.5, -0.5],
            row=n,
            col=1,
            showticklabels=show_ticks,
            tickmode="array",
            tickvals=rows.tolist() if show_ticks else None,
            ticktext=[f"u{u}" for u in order] if show_ticks else None,
            tickfont=dict(size=max(8, font_size - 3)),
            title_text=w.UNIT_AXIS if n == 1 else None,
        )
    tickstep = max(1, int(np.ceil(T / 40)))
    fig.update_xaxes(range=[-0.5, T - 0.5], showgrid=False)
    fig.update_xaxes(
        tickmode="array",
        tickvals=steps[::tickstep].tolist(),
        ticktext=[html.escape(str(tokens[t])) for t in steps[::tickstep]],
        tickangle=0 if T <= 30 else -60,
        tickfont=dict(size=font_size),
        title_text=w.TIME_AXIS,
        row=N,
        col=1,
    )
    fig.update_annotations(font_size=font_size + 1)
    fig.update_layout(height=height, margin=dict(l=50, r=30, t=30, b=50), clickmode="event", font=dict(size=font_size))
    return fig


def mark_unit(fig: go.Figure, order: np.ndarray | list[int], unit: int | None, lang: str = "en") -> go.Figure:
    """gate_heatmaps' figure with unit `unit`'s row outlined in every map and its tick label in bold (the unit the
    step-through page shows). Returns a copy: the figure passed in, a cached one, is left as it is. A unit the
    maps do not have (None, or one of another model) marks nothing."""
    order = [int(u) for u in order]
    if unit is None or unit not in order:
        return fig
    row = order.index(unit)
    marked = go.Figure(data=fig.data, layout=fig.layout)
    shapes = list(marked.layout.shapes)
    for trace in fig.data:
        if not isinstance(trace, go.Heatmap):
            continue
        x, y = trace.xaxis or "x", trace.yaxis or "y"
        for colour, width in ((theme.CHOSEN_OUTLINE, 3), (theme.PAPER, 1)):  # dark under light: seen on any colour
            shapes.append(dict(type="rect", xref=f"{x} domain", yref=y, x0=0, x1=1, y0=row - 0.5, y1=row + 0.5,
                               line=dict(color=colour, width=width),
                               name=words.of(lang).heatmaps.MARKED.format(unit=unit)))  # fmt: skip
        axis = marked.layout["yaxis" + y[1:]]
        if axis.ticktext:
            axis.ticktext = [f"<b>{text}</b>" if r == row else text for r, text in enumerate(axis.ticktext)]
    marked.update_layout(shapes=shapes)
    return marked


def click_to_cell(points, order: np.ndarray, steps: int) -> tuple[int, int] | None:
    """(t, unit) of the first clicked cell in a Streamlit selection of gate_heatmaps' figure, or None.
    The selection comes from the browser: a point that is not a dict with finite numbers x in 0..steps-1 and
    y in 0..len(order)-1 (NaN, inf, a list, null, text) is skipped."""
    if not isinstance(points, list):
        return None
    for p in points:
        if not isinstance(p, dict):
            continue
        t, row = _index(p.get("x"), steps), _index(p.get("y"), len(order))
        if t is not None and row is not None:
            return t, int(order[row])
    return None


def _index(value, n: int) -> int | None:
    """A finite number rounded to an index in 0..n-1, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    k = round(value) if math.isfinite(value) else -1
    return k if 0 <= k < n else None


def saturation_figure(spec, fractions: dict[str, tuple[np.ndarray, np.ndarray]], font_size: int = 12,
                      lang: str = "en") -> go.Figure:  # fmt: skip
    """Karpathy, Johnson & Fei-Fei (2015), fig. 3: one point per unit, per gate: how often it is
    left-saturated (< 0.1) against how often right-saturated (> 0.9); the lowest and the highest tenth of
    the gate's range (saturation), so -0.8 and 0.8 for a gate through tanh."""
    w = words.of(lang).heatmaps
    gates = list(fractions)
    fig = make_subplots(
        rows=1, cols=len(gates), subplot_titles=[title(spec, g, lang) for g in gates], horizontal_spacing=0.07
    )
    for n, gate in enumerate(gates, start=1):
        low, high = fractions[gate]
        lo, hi = spec[gate].range or (0.0, 1.0)
        below, above = f"{lo + 0.1 * (hi - lo):g}", f"{lo + 0.9 * (hi - lo):g}"
        fig.add_trace(
            go.Scatter(
                x=low,
                y=high,
                mode="markers",
                marker=dict(size=10, color=theme.COLOURS[gate], opacity=0.8, line=dict(width=1, color=theme.PAPER)),
                text=[f"u{u}" for u in range(len(low))],
                hovertemplate=w.SATURATION_HOVER.format(below=below, above=above) + "<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=n,
        )
        fig.add_shape(type="line", x0=0, y0=1, x1=1, y1=0, line=dict(color=theme.GUIDE_LINE, dash="dot"), row=1, col=n)
        fig.update_xaxes(range=list(theme.UNIT_AXIS), tickformat=".0%", title_text=w.SATURATION_X.format(below=below),
                         row=1, col=n)  # fmt: skip
        fig.update_yaxes(
            range=list(theme.UNIT_AXIS),
            tickformat=".0%",
            title_text=w.SATURATION_Y.format(above=above) if n == 1 else None,
            row=1,
            col=n,
        )
    fig.update_annotations(font_size=font_size + 1)
    fig.update_layout(height=300 + 6 * font_size, margin=dict(l=50, r=20, t=35, b=50), font=dict(size=font_size))
    return fig


def saturation(trace: GateTrace) -> dict[str, tuple[np.ndarray, np.ndarray]] | None:
    """Per gate of the cell (spec.gates; LSTM: i, f, o), for each unit: the fraction of steps in the lowest tenth
    of the gate's range (< 0.1) and in the highest (> 0.9), over a batch too. None for a cell without gates
    (the plain RNN)."""
    spec = trace.spec
    if not spec.gates:
        return None
    out = {}
    for g in spec.gates:
        lo, hi = spec[g].range or (0.0, 1.0)
        v = trace[g].reshape(-1, trace.hidden_size)  # every step of every sequence, (N, H)
        out[g] = ((v < lo + 0.1 * (hi - lo)).mean(axis=0), (v > lo + 0.9 * (hi - lo)).mean(axis=0))
    return out
