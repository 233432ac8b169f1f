"""Plotly figures of the Why gates page: memory against distance, gradient flow through time, the keep products,
a clamped trace beside the unclamped one. Data in, go.Figure out; colours from `theme`."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz.core import cells
from lstm_viz.explain import analysis
from lstm_viz.explain.gradients import Flow
from lstm_viz.io.study import Point
from lstm_viz.viz.theme import BLIND_LINE, CELL_COLOURS, INK, UNIT_AXIS

__all__ = ["carousel_figure", "clamp_figure", "click_to_step", "gradient_figure", "memory_figure"]


def short(cell: str) -> str:
    """A cell's name in a legend: "LSTM", "GRU", "plain RNN", "LSTM NFG", "misread LSTM"."""
    if cell.startswith("lstm_") and cell != "lstm_misread":
        return f"LSTM {cell[5:].upper()}"
    return cells.spec(cell).title.split(" (")[0]


def _layout(fig: go.Figure, font_size: int, height: int, legend_y: float = -0.25) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=60, r=20, t=40, b=60),
        font=dict(size=font_size),
        legend=dict(orientation="h", y=legend_y),
        hoverlabel=dict(font_size=font_size),
    )
    return fig


def memory_figure(
    points: list[Point],
    metric: str,
    blind: dict[int, float],
    shown: list[str],
    live: list[tuple[str, int, float]] = (),
    font_size: int = 12,
) -> go.Figure:
    """The held-out metric against sequence length, one line per cell in `shown` (the median over seeds, a bar
    from the worst to the best seed), a dashed line for a blind guess, and diamonds for runs trained live
    (cell, length, metric)."""
    fig = go.Figure()
    lengths = sorted(blind)
    fig.add_trace(
        go.Scatter(
            x=lengths,
            y=[blind[n] for n in lengths],
            mode="lines",
            name="blind guess",
            line=dict(color=BLIND_LINE, dash="dash"),
            hovertemplate="length %{x}: a blind guess scores %{y:.3g}<extra></extra>",
        )
    )
    for cell in shown:
        ps = sorted((p for p in points if p.cell == cell), key=lambda p: p.length)
        if not ps:
            continue
        med = np.array([p.median for p in ps])
        fig.add_trace(
            go.Scatter(
                x=[p.length for p in ps],
                y=med,
                mode="lines+markers",
                name=short(cell),
                line=dict(
                    color=CELL_COLOURS.get(cell, INK),
                    width=3 if cell in cells.MAIN else 2,
                    dash="solid" if cell in (*cells.MAIN, "lstm_misread") else "dot",
                ),
                error_y=dict(
                    type="data",
                    symmetric=False,
                    array=[p.high - p.median for p in ps],
                    arrayminus=[p.median - p.low for p in ps],
                    thickness=1.2,
                    width=4,
                ),
                customdata=[[p.low, p.high, p.reached, len(p.values)] for p in ps],
                hovertemplate=f"{short(cell)}, length %{{x}}: median {metric} %{{y:.3g}} "
                "(seeds from %{customdata[0]:.3g} to %{customdata[1]:.3g}; %{customdata[2]} of %{customdata[3]} "
                "reached the target)<extra></extra>",
            )
        )
    for cell, length, value in live:
        fig.add_trace(
            go.Scatter(
                x=[length],
                y=[value],
                mode="markers",
                name=f"{short(cell)}, trained now",
                marker=dict(
                    symbol="diamond", size=13, color=CELL_COLOURS.get(cell, INK), line=dict(color=INK, width=1.5)
                ),
                hovertemplate=f"{short(cell)} trained now, length %{{x}}: {metric} %{{y:.3g}}<extra></extra>",
            )
        )
    fig.update_xaxes(
        type="log",
        tickvals=lengths,
        ticktext=[str(n) for n in lengths],
        title_text="sequence length (steps)",
    )
    if metric == "accuracy":
        fig.update_yaxes(range=UNIT_AXIS, tickformat=".0%", title_text="held-out accuracy (higher is better)")
    else:
        fig.update_yaxes(type="log", dtick=1, exponentformat="power", title_text=f"held-out {metric} (lower is better)")
    return _layout(fig, font_size, 430 + 10 * font_size)


def _curve(y: np.ndarray, name: str, line: dict, hover: str, customdata=None) -> go.Scatter:
    """One line over t = 0..T-1 on a log axis (a value of 0 drawn at 1e-300); `hover` says what y is."""
    T = len(y)
    return go.Scatter(x=np.arange(T), y=np.maximum(y, 1e-300), mode="lines", name=name, line=line,
                      customdata=customdata, hovertemplate=f"{hover} = %{{y:.3g}}<extra></extra>")  # fmt: skip


def gradient_figure(flows: dict[str, dict[str, Flow]], font_size: int = 12) -> go.Figure:
    """‖dL/dh_t‖ against t on a log axis: `flows` maps "trained" / "random" to {cell: Flow}; the trained presets
    solid, the random initialisations dashed, the LSTM's ‖dL/dc_t‖ dotted. A point's customdata names its cell,
    for a click to open that cell at that t."""
    fig = go.Figure()
    for kind, by_cell in flows.items():
        for cell, fl in by_cell.items():
            name = f"{short(cell)} ({'trained' if kind == 'trained' else 'random init'})"
            style = dict(color=CELL_COLOURS.get(cell, INK), width=3 if kind == "trained" else 2,
                         dash="solid" if kind == "trained" else "dash")  # fmt: skip
            who = [[cell, kind]] * len(fl.dh)
            fig.add_trace(_curve(fl.dh, f"‖dL/dh‖ {name}", style, f"{name}, t = %{{x}}: ‖dL/dh_t‖", who))
            fig.data[-1].update(mode="lines+markers", marker=dict(size=4))  # points to click
            if fl.dc is not None and cell == "lstm":
                fig.add_trace(_curve(fl.dc, f"‖dL/dC‖ {name}", dict(style, dash="dot"),
                                     f"{name}, t = %{{x}}: ‖dL/dC_t‖", who))  # fmt: skip
    fig.update_yaxes(type="log", dtick=1, exponentformat="power", title_text="size of the gradient (log scale)")
    fig.update_xaxes(title_text="t (the loss is at the last step)")
    fig.update_layout(clickmode="event+select")
    return _layout(fig, font_size, 430 + 10 * font_size, legend_y=-0.3)


def carousel_figure(flows: dict[str, Flow], font_size: int = 12) -> go.Figure:
    """What multiplies the error on its way back from the last step to t: per cell with a keep gate (the factor of
    its memory's keep term, analysis.keep_factor: the LSTM's f, the GRU's z), the product of that gate from t+1 to
    the end (mean over units, solid; the unit that keeps most, dotted); for the plain RNN the product of its step
    Jacobians' norms."""
    fig = go.Figure()
    for cell, fl in flows.items():
        colour, who = CELL_COLOURS.get(cell, INK), short(cell)
        if fl.keep is not None:
            kept = analysis.keep_factor(cells.spec(cell))
            gate = kept.name if kept is not None else "1"  # no keep gate (the 1997 cell): the product is 1
            best = int(np.argmax(fl.keep[0]))
            fig.add_trace(_curve(fl.keep.mean(axis=1), f"{who}: ∏ {gate}, mean over units",
                                 dict(color=colour, width=3), f"{who}, t = %{{x}}: mean ∏ {gate}"))  # fmt: skip
            fig.add_trace(_curve(fl.keep[:, best], f"{who}: ∏ {gate}, unit {best}", dict(color=colour, dash="dot"),
                                 f"{who} unit {best}, t = %{{x}}: ∏ {gate}"))  # fmt: skip
        if fl.jacobian is not None:
            fig.add_trace(_curve(fl.jacobian, f"{who}: ∏ ‖∂h_s/∂h_(s-1)‖", dict(color=colour, width=3),
                                 f"{who}, t = %{{x}}: ∏ ‖J‖"))  # fmt: skip
    fig.update_yaxes(type="log", dtick=1, exponentformat="power", title_text="product from t+1 to the last step")
    fig.update_xaxes(title_text="t")
    return _layout(fig, font_size, 430 + 10 * font_size, legend_y=-0.3)


def clamp_figure(spec, free, clamped, gate: str, unit: int, tokens: list[str], font_size: int = 12) -> go.Figure:
    """One unit's clamped gate, its memory and its h over the sequence: unclamped solid, clamped dashed."""
    memory = spec.states[-1]
    names = list(dict.fromkeys([gate, memory, "h"]))
    fig = make_subplots(
        rows=len(names),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=[f"{spec[n].symbol}: {spec[n].title}, unit {unit}" for n in names],
    )
    T = len(tokens)
    for row, name in enumerate(names, 1):
        for label, tr, dash in (("as trained", free, "solid"), ("clamped", clamped, "dash")):
            fig.add_trace(
                go.Scatter(
                    x=np.arange(T),
                    y=tr[name][:, unit],
                    mode="lines+markers",
                    name=label,
                    showlegend=row == 1,
                    legendgroup=label,
                    line=dict(color=CELL_COLOURS["rnn"] if label == "clamped" else INK, dash=dash),
                    hovertemplate=f"{label}, t = %{{x}}: {spec[name].symbol} = %{{y:.3f}}<extra></extra>",
                ),
                row=row,
                col=1,
            )
    fig.update_xaxes(tickvals=list(range(T)), ticktext=tokens, row=len(names), col=1)
    fig.update_annotations(font_size=font_size)
    return _layout(fig, font_size, 190 * len(names) + 12 * font_size, legend_y=1.12)


def click_to_step(points, length: int) -> tuple[str, str, int] | None:
    """(cell, "trained" or "random", t) of a click on the gradient chart, from the selection the browser sent
    (anything: checked here), or None."""
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return None
    data, t = points[0].get("customdata"), points[0].get("x")
    if not (isinstance(data, list) and len(data) == 2 and isinstance(t, int) and not isinstance(t, bool)):
        return None
    cell, kind = data
    if cell not in cells.MAIN or kind not in ("trained", "random") or not 0 <= t < length:
        return None
    return cell, kind, t
