"""Plotly figure builders of the step-through page (the bars of all units at t, the unit's timeline) and the
helpers every figure shares (titles, text widths): data in, go.Figure out. No Streamlit here; colours and ranges
from `theme`. The heat-map page's figures are in `heatmaps`."""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from lstm_viz import words
from lstm_viz.explain import analysis
from lstm_viz.viz import theme
from lstm_viz.viz.theme import COLOURS

__all__ = ["step_bars", "unit_timeline"]


FIGURE_PX = 800  # about the width a full-width figure is drawn at (the page's main column at 1280 x 800)


def text_px(text: str, font_size: float) -> float:
    """About how wide `text` is drawn at this font size (the app's sans-serif: about 0.55 em a character)."""
    return 0.55 * font_size * len(text)


def quantity_title(spec, name: str, lang: str = "en") -> str:
    """A quantity's title in `lang` ("forget gate", "遗忘门"): its declaration's, or the catalogue's."""
    q = spec[name]
    return words.quantity_words(lang, spec.name, q.name, q.title, q.role)[0]


def title(spec, name: str, lang: str = "en") -> str:
    q = spec[name]
    return f"{q.symbol if q.symbol != q.name else q.name} — {quantity_title(spec, name, lang)}"


def panel_title(spec, name: str, font_size: int, px: float, lang: str = "en") -> str:
    """A panel's title that fits in `px` pixels: "f — forget gate", else the symbol over the title in smaller type,
    else the symbol alone."""
    full = title(spec, name, lang)
    if text_px(full, font_size) <= px:
        return full
    q, small, words_title = spec[name], font_size - 3, quantity_title(spec, name, lang)
    if text_px(words_title, small) <= px:
        return f"<b>{q.symbol}</b><br><span style='font-size:{small}px'>{html.escape(words_title)}</span>"
    return f"<b>{q.symbol}</b>"


def emphasised(spec) -> set[str]:
    """The quantities drawn with thicker lines: the memory and the gate that keeps it (LSTM: c, f; GRU: h, z)."""
    keep = analysis.keep_factor(spec)
    return {analysis.memory_state(spec)} | ({keep.name} if keep is not None else set())


def step_bars(spec, values: dict[str, np.ndarray], unit: int, ranges: dict[str, tuple[float, float]],
              font_size: int = 12, lang: str = "en") -> go.Figure:  # fmt: skip
    """Every quantity's whole vector at one step as bar charts side by side, the chosen unit outlined; each
    on its quantity's fixed range (`ranges`: the model's, theme.model_ranges), widened where a value is past it.

    Built as one layout dict (x/y axis pairs side by side) rather than with make_subplots,
    which costs several times more: this figure is redrawn on every Next click.
    """
    w = words.of(lang).common
    names = spec.names
    gap, n = 0.035, len(names)
    width = (1 - gap * (n - 1)) / n
    bars, layout = [], {}
    for k, gate in enumerate(names):
        v = np.asarray(values[gate])
        H = len(v)
        ax = "" if k == 0 else str(k + 1)
        bars.append(
            go.Bar(
                x=np.arange(H),
                y=v,
                xaxis=f"x{ax}",
                yaxis=f"y{ax}",
                marker=dict(
                    color=COLOURS[gate],
                    opacity=[1.0 if u == unit else 0.45 for u in range(H)],
                    line=dict(color=[theme.CHOSEN_OUTLINE if u == unit else COLOURS[gate] for u in range(H)], width=2),
                ),
                hovertemplate=w.BARS_HOVER.format(gate=gate) + "<extra></extra>",
                showlegend=False,
            )
        )
        lo, hi = theme.fitted(*ranges[gate], v)
        x0 = k * (width + gap)
        tick = dict(size=font_size - 2)
        layout[f"xaxis{ax}"] = dict(domain=[x0, x0 + width], anchor=f"y{ax}", title=dict(text=w.UNIT_AXIS),
                                  tickfont=tick)  # fmt: skip
        layout[f"yaxis{ax}"] = dict(range=[lo, hi], anchor=f"x{ax}", tickfont=tick)
    size = font_size if n <= 4 else font_size - 1
    texts = [panel_title(spec, g, size, FIGURE_PX * width, lang) for g in names]
    titles = [
        dict(text=text, x=k * (width + gap) + width / 2, y=1.0, xref="paper", yref="paper", xanchor="center",
             yanchor="bottom", showarrow=False, font=dict(size=size))
        for k, text in enumerate(texts)
    ]  # fmt: skip
    top = 2.6 * size + 6 if any("<br>" in text for text in texts) else 35
    layout |= dict(annotations=titles, height=220 + 6 * font_size + round(top) - 35,
                   margin=dict(l=30, r=10, t=round(top), b=40), bargap=0.15)  # fmt: skip
    return go.Figure(data=bars, layout=layout)


Panel = tuple[str, list[str], tuple[float, float]]  # a timeline panel: its label, its lines, its y range


def timeline_panels(spec, ranges: dict[str, tuple[float, float]], values: dict | None = None,
                    lang: str = "en") -> list[Panel]:  # fmt: skip
    """The unit timeline's panels, top to bottom: the gates (0..1), the values in -1..1, and each unbounded
    quantity (C) on its own axis and range (widened where `values` go past it), so that a small C̃ or h is not
    flattened by a large C."""
    gates = [q.name for q in spec.quantities if q.kind == "gate"]
    unit_range = [q.name for q in spec.quantities if q.kind != "gate" and q.range == (-1.0, 1.0)]
    others = [q.name for q in spec.quantities if q.kind != "gate" and q.range != (-1.0, 1.0)]
    panels = []
    if gates:
        lo = min(ranges[g][0] for g in gates)
        hi = max(ranges[g][1] for g in gates)
        pad = 0.03 * (hi - lo)
        panels.append((words.of(lang).common.GATES_PANEL, gates, (lo - pad, hi + pad)))
    if unit_range:
        panels.append((", ".join(spec[n].symbol for n in unit_range), unit_range, (-1.05, 1.05)))
    for name in others:
        lo, hi = ranges[name] if values is None else theme.fitted(*ranges[name], values[name])
        panels.append((spec[name].symbol, [name], (lo * 1.05, hi * 1.05)))
    return panels


def unit_timeline(spec, values: dict[str, np.ndarray], tokens: list[str], unit: int, t: int,
                  ranges: dict[str, tuple[float, float]], font_size: int = 12,
                  lang: str = "en") -> go.Figure:  # fmt: skip
    """One unit over the whole sequence, step t marked: a panel for the gates (0..1), one for the values
    in -1..1, one per unbounded value (timeline_panels).

    `values[g]` is the unit's value at every step, (T,). Built as one layout dict, like step_bars:
    it is redrawn on every Next click.
    """
    T = len(tokens)
    steps = np.arange(T)
    panels = timeline_panels(spec, ranges, values, lang)
    hover = words.of(lang).common.TIMELINE_HOVER
    P = len(panels)
    gap = 0.08 if P > 1 else 0.0
    span = (1 - gap * (P - 1)) / P
    lines, layout = [], {}
    small = dict(size=font_size - 2)
    thick = emphasised(spec)
    for k, (label, names, (lo, hi)) in enumerate(panels):
        axis = "y" if k == 0 else f"y{k + 1}"
        top = 1 - k * (span + gap)
        layout["yaxis" if k == 0 else f"yaxis{k + 1}"] = dict(
            domain=[max(0.0, top - span), min(1.0, top)],
            range=[lo, hi],
            title=dict(text=label),
            tickfont=small,
            zeroline=True,
        )
        for gate in names:
            lines.append(
                go.Scatter(
                    x=steps,
                    y=np.asarray(values[gate]),
                    yaxis=axis,
                    mode="lines+markers",
                    marker=dict(size=5),
                    line=dict(color=COLOURS[gate], width=3 if gate in thick else 2),
                    name=title(spec, gate, lang),
                    meta=gate,  # which quantity the line is, for tests and tools
                    hovertemplate=hover.format(gate=gate, unit=unit) + "<extra></extra>",
                )
            )
    stride = max(1, int(np.ceil(T / 40)))
    mark = dict(type="line", xref="x", yref="paper", x0=t, x1=t, y0=0, y1=1, layer="below",
                line=dict(color=theme.STEP_MARKER, width=6))  # fmt: skip
    ticks = steps[::stride]
    layout |= dict(
        shapes=[mark],
        xaxis=dict(tickmode="array", tickvals=ticks.tolist(), ticktext=[html.escape(str(tokens[k])) for k in ticks],
                   range=[-0.5, T - 0.5], tickfont=dict(size=font_size), anchor=f"y{P}" if P > 1 else "y"),
        height=150 + 110 * P + 8 * font_size,
        margin=dict(l=60, r=10, t=10, b=40),
        legend=dict(orientation="h", y=-0.12 - 0.04 * (3 - min(P, 3)), font=dict(size=font_size)),
        font=dict(size=font_size),
    )  # fmt: skip
    return go.Figure(data=lines, layout=layout)
