"""Plotly figures of the Why gates page: memory against distance, gradient flow through time, the keep products,
a clamped trace beside the unclamped one. Data in, go.Figure out; colours from `theme`."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz import words
from lstm_viz.core import cells
from lstm_viz.explain import analysis
from lstm_viz.explain.gradients import Flow
from lstm_viz.io.study import Point
from lstm_viz.viz.theme import BLIND_LINE, CELL_COLOURS, INK, UNIT_AXIS

__all__ = ["carousel_figure", "clamp_figure", "click_to_step", "gradient_figure", "memory_figure"]


def short(cell: str, lang: str = "en") -> str:
    """A cell's name in a legend: "LSTM", "GRU", "plain RNN", "LSTM NFG", "misread LSTM" (in `lang`: its title
    without what follows in brackets)."""
    if cell.startswith("lstm_") and cell != "lstm_misread":
        return f"LSTM {cell[5:].upper()}"
    return words.cell_title(lang, cell, cells.spec(cell).title).split(" (")[0]


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
    lang: str = "en",
) -> go.Figure:
    """The held-out metric against sequence length, one line per cell in `shown` (the median over seeds, a bar
    from the worst to the best seed), a dashed line for a blind guess, and diamonds for runs trained live
    (cell, length, metric). `metric` is the task's ("accuracy" or "mse"); the words are in `lang`."""
    w = words.of(lang).why
    said, named = w.FIGURES, w.METRICS[metric]
    fig = go.Figure()
    lengths = sorted(blind)
    fig.add_trace(
        go.Scatter(
            x=lengths,
            y=[blind[n] for n in lengths],
            mode="lines",
            name=said["blind"],
            line=dict(color=BLIND_LINE, dash="dash"),
            hovertemplate=said["blind_hover"].format(),
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
                name=short(cell, lang),
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
                hovertemplate=said["point_hover"].format(cell=short(cell, lang), metric=named),
            )
        )
    for cell, length, value in live:
        fig.add_trace(
            go.Scatter(
                x=[length],
                y=[value],
                mode="markers",
                name=said["live"].format(cell=short(cell, lang)),
                marker=dict(
                    symbol="diamond", size=13, color=CELL_COLOURS.get(cell, INK), line=dict(color=INK, width=1.5)
                ),
                hovertemplate=said["live_hover"].format(cell=short(cell, lang), metric=named),
            )
        )
    fig.update_xaxes(
        type="log",
        tickvals=lengths,
        ticktext=[str(n) for n in lengths],
        title_text=said["length_axis"],
    )
    if metric == "accuracy":
        fig.update_yaxes(range=UNIT_AXIS, tickformat=".0%", title_text=said["accuracy_axis"])
    else:
        axis = said["metric_axis"].format(metric=named)
        fig.update_yaxes(type="log", dtick=1, exponentformat="power", title_text=axis)
    return _layout(fig, font_size, 430 + 10 * font_size)


def _curve(y: np.ndarray, name: str, line: dict, hover: str, customdata=None) -> go.Scatter:
    """One line over t = 0..T-1 on a log axis (a value of 0 drawn at 1e-300); `hover` says what y is."""
    T = len(y)
    return go.Scatter(x=np.arange(T), y=np.maximum(y, 1e-300), mode="lines", name=name, line=line,
                      customdata=customdata, hovertemplate=f"{hover} = %{{y:.3g}}<extra></extra>")  # fmt: skip


def gradient_figure(flows: dict[str, dict[str, Flow]], font_size: int = 12, lang: str = "en") -> go.Figure:
    """‖dL/dh_t‖ against t on a log axis: `flows` maps "trained" / "random" to {cell: Flow}; the trained presets
    solid, the random initialisations dashed, the LSTM's ‖dL/dc_t‖ dotted. A point's customdata names its cell,
    for a click to open that cell at that t."""
    said = words.of(lang).why.FIGURES
    fig = go.Figure()
    for kind, by_cell in flows.items():
        for cell, fl in by_cell.items():
            name = said["model"].format(cell=short(cell, lang), kind=said["kinds"][kind])
            style = dict(color=CELL_COLOURS.get(cell, INK), width=3 if kind == "trained" else 2,
                         dash="solid" if kind == "trained" else "dash")  # fmt: skip
            who = [[cell, kind]] * len(fl.dh)
            fig.add_trace(_curve(fl.dh, said["dh"].format(model=name), style, said["dh_hover"].format(model=name), who))
            fig.data[-1].update(mode="lines+markers", marker=dict(size=4))  # points to click
            if fl.dc is not None and cell == "lstm":
                fig.add_trace(_curve(fl.dc, said["dc"].format(model=name), dict(style, dash="dot"),
                                     said["dc_hover"].format(model=name), who))  # fmt: skip
    fig.update_yaxes(type="log", dtick=1, exponentformat="power", title_text=said["gradient_axis"])
    fig.update_xaxes(title_text=said["loss_axis"])
    fig.update_layout(clickmode="event+select")
    return _layout(fig, font_size, 430 + 10 * font_size, legend_y=-0.3)


def carousel_figure(flows: dict[str, Flow], font_size: int = 12, lang: str = "en") -> go.Figure:
    """What multiplies the error on its way back from the last step to t: per cell with a keep gate (the factor of
    its memory's keep term, analysis.keep_factor: the LSTM's f, the GRU's z), the product of that gate from t+1 to
    the end (mean over units, solid; the unit that keeps most, dotted); for the plain RNN the product of its step
    Jacobians' norms."""
    said = words.of(lang).why.FIGURES
    fig = go.Figure()
    for cell, fl in flows.items():
        colour, who = CELL_COLOURS.get(cell, INK), short(cell, lang)
        if fl.keep is not None:
            kept = analysis.keep_factor(cells.spec(cell))
            gate = kept.name if kept is not None else "1"  # no keep gate (the 1997 cell): the product is 1
            best = int(np.argmax(fl.keep[0]))
            mean, one = dict(cell=who, gate=gate), dict(cell=who, gate=gate, unit=best)
            fig.add_trace(_curve(fl.keep.mean(axis=1), said["keep_mean"].format(**mean), dict(color=colour, width=3),
                                 said["keep_mean_hover"].format(**mean)))  # fmt: skip
            fig.add_trace(_curve(fl.keep[:, best], said["keep_unit"].format(**one), dict(color=colour, dash="dot"),
                                 said["keep_unit_hover"].format(**one)))  # fmt: skip
        if fl.jacobian is not None:
            fig.add_trace(_curve(fl.jacobian, said["jacobian"].format(cell=who), dict(color=colour, width=3),
                                 said["jacobian_hover"].format(cell=who)))  # fmt: skip
    fig.update_yaxes(type="log", dtick=1, exponentformat="power", title_text=said["product_axis"])
    fig.update_xaxes(title_text=said["t_axis"])
    return _layout(fig, font_size, 430 + 10 * font_size, legend_y=-0.3)


def clamp_figure(
    spec, free, clamped, gate: str, unit: int, tokens: list[str], font_size: int = 12, lang: str = "en"
) -> go.Figure:
    """One unit's clamped gate, its memory and its h over the sequence: unclamped solid, clamped dashed."""
    said = words.of(lang).why.FIGURES
    memory = spec.states[-1]
    names = list(dict.fromkeys([gate, memory, "h"]))

    def title(n: str) -> str:
        q = spec[n]
        return words.quantity_words(lang, spec.name, n, q.title, q.role)[0]

    fig = make_subplots(
        rows=len(names),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=[said["panel"].format(symbol=spec[n].symbol, title=title(n), unit=unit) for n in names],
    )
    T = len(tokens)
    for row, name in enumerate(names, 1):
        for key, tr, dash in (("free", free, "solid"), ("clamped", clamped, "dash")):
            label = said[key]
            fig.add_trace(
                go.Scatter(
                    x=np.arange(T),
                    y=tr[name][:, unit],
                    mode="lines+markers",
                    name=label,
                    showlegend=row == 1,
                    legendgroup=label,
                    line=dict(color=CELL_COLOURS["rnn"] if key == "clamped" else INK, dash=dash),
                    hovertemplate=said["clamp_hover"].format(label=label, symbol=spec[name].symbol),
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
