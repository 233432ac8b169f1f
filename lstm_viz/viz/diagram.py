"""The LSTM cell as a conveyor belt (after Olah, 2015), drawn with Plotly shapes for one unit at one step.

The memory C runs along the top; the four gates sit on the input bus below it. Every wire and
gate is coloured by its current value with the heat maps' colour scales (theme.value_colour: gates
0..1, C̃, C and h around 0), and hovering a wire or a gate gives its number.
"""

from __future__ import annotations

import html
from itertools import pairwise

import plotly.graph_objects as go

from lstm_viz.explain import StateTerms
from lstm_viz.viz import theme
from lstm_viz.viz.theme import COLOURS, value_colour

__all__ = ["cell_diagram", "value_colour"]


def cell_diagram(s: StateTerms, unit: int, token: str, c_max: float = 1.0, font_size: int = 13) -> go.Figure:
    """The cell for unit k: s holds the step's numbers (explain.state_terms)."""
    shapes, notes = [], []  # collected as plain dicts: one validation pass instead of one per add_shape
    hover_x, hover_y, hover_text = [], [], []
    BELT, BUS, GATE = 5.0, 0.6, 2.4

    def wire(points, value, signed, label, width=6):
        colour = value_colour(value, signed, c_max)
        for (x0, y0), (x1, y1) in pairwise(points):
            # A dark casing under the coloured wire keeps a near-zero (near-white) wire visible.
            shapes.append(
                dict(
                    type="line",
                    x0=x0,
                    y0=y0,
                    x1=x1,
                    y1=y1,
                    line=dict(color=theme.WIRE_CASING, width=width + 3),
                    layer="below",
                )
            )
            shapes.append(
                dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color=colour, width=width), layer="below")
            )
        (x0, y0), (x1, y1) = points[-2], points[-1]
        hover_x.append((x0 + x1) / 2)
        hover_y.append((y0 + y1) / 2)
        hover_text.append(f"{label} = {value:.3f}")

    def node(x, y, symbol, label, value=None, gate=None, signed=False, w=0.68, h=0.55):
        fill = value_colour(value, signed, c_max) if value is not None else theme.BLANK_FILL
        edge = COLOURS.get(gate, theme.EDGE)
        shapes.append(
            dict(type="rect", x0=x - w, y0=y - h, x1=x + w, y1=y + h, fillcolor=fill, line=dict(color=edge, width=3))
        )
        dark = value is not None and (value < 0.45 if not signed else abs(value / c_max) > 0.6)
        text = symbol if value is None else f"{symbol}<br><b>{value:.2f}</b>"
        notes.append(
            dict(
                x=x,
                y=y,
                text=text,
                showarrow=False,
                font=dict(size=font_size, color=theme.PAPER if dark else theme.INK),
            )
        )
        hover_x.append(x)
        hover_y.append(y)
        hover_text.append(label if value is None else f"{label} = {value:.3f}")

    def op(x, y, symbol, label, value, signed):
        shapes.append(
            dict(
                type="circle",
                x0=x - 0.32,
                y0=y - 0.32,
                x1=x + 0.32,
                y1=y + 0.32,
                fillcolor=theme.PAPER,
                line=dict(color=theme.EDGE, width=2),
            )
        )
        notes.append(dict(x=x, y=y, text=symbol, showarrow=False, font=dict(size=font_size + 3)))
        hover_x.append(x)
        hover_y.append(y)
        hover_text.append(f"{label} = {value:.3f}")

    fx, ix, gx, ox, tx = 2.0, 3.7, 5.5, 7.4, 9.6  # x of the gates and of tanh(c)
    k = unit
    # The memory belt: c_{t-1} -> x f -> + i*g -> c_t.
    wire([(0, BELT), (fx, BELT)], s.c_prev, True, f"c_{{t-1}}[{k}] (memory in)", 9)
    wire([(fx, BELT), (4.6, BELT)], s.f * s.c_prev, True, "f × c_{t-1} (memory kept)", 9)
    wire([(4.6, BELT), (12, BELT)], s.c, True, f"c_t[{k}] (memory out)", 9)
    # The input bus: h_{t-1} and x_t feed all four gates.
    bus = dict(color=theme.BUS, width=5)
    shapes.append(dict(type="line", x0=0, y0=BUS, x1=ox, y1=BUS, line=bus, layer="below"))
    shapes.append(dict(type="line", x0=1.0, y0=-0.6, x1=1.0, y1=BUS, line=bus, layer="below"))
    for gx_ in (fx, ix, gx, ox):
        shapes.append(dict(type="line", x0=gx_, y0=BUS, x1=gx_, y1=GATE, line=bus, layer="below"))
    # Gate outputs.
    wire([(fx, GATE), (fx, BELT)], s.f, False, f"f_t[{k}] (forget gate)")
    wire([(ix, GATE), (ix, 3.9), (4.6, 3.9)], s.i, False, f"i_t[{k}] (input gate)")
    wire([(gx, GATE), (gx, 3.9), (4.6, 3.9)], s.g, True, f"g_t[{k}] (candidate C̃)")
    wire([(4.6, 3.9), (4.6, BELT)], s.i * s.g, True, "i × g (written to memory)")
    wire([(ox, GATE), (tx, GATE)], s.o, False, f"o_t[{k}] (output gate)")
    wire([(tx, BELT), (tx, 3.65)], s.c, True, f"c_t[{k}]")
    wire([(tx, 3.65), (tx, GATE)], s.tanh_c, True, f"tanh(c_t[{k}])")
    wire([(tx, GATE), (tx, BUS - 0.2), (12, BUS - 0.2)], s.h, True, f"h_t[{k}] (to the next step)")
    wire([(tx, GATE), (10.5, GATE), (10.5, 6.0)], s.h, True, f"h_t[{k}] (to the read-out)")

    node(fx, GATE, "f  σ", f"forget gate f_t[{k}]", s.f, "f")
    node(ix, GATE, "i  σ", f"input gate i_t[{k}]", s.i, "i")
    node(gx, GATE, "C̃  tanh", f"candidate C̃ = g_t[{k}]", s.g, "g", signed=True, w=0.8)
    node(ox, GATE, "o  σ", f"output gate o_t[{k}]", s.o, "o")
    node(tx, 3.65, "tanh", f"tanh(c_t[{k}])", s.tanh_c, "c", signed=True, h=0.5)
    op(fx, BELT, "×", "f × c_{t-1}", s.f * s.c_prev, True)
    op(4.6, 3.9, "×", "i × g", s.i * s.g, True)
    op(4.6, BELT, "+", f"c_t[{k}] = f × c_{{t-1}} + i × g", s.c, True)
    op(tx, GATE, "×", f"h_t[{k}] = o × tanh(c_t)", s.h, True)

    label = dict(showarrow=False, font=dict(size=font_size))
    notes.append(dict(x=0, y=BELT + 0.45, text=f"c<sub>t-1</sub> = {s.c_prev:.2f}", xanchor="left", **label))
    notes.append(dict(x=12, y=BELT + 0.45, text=f"c<sub>t</sub> = {s.c:.2f}", xanchor="right", **label))
    notes.append(dict(x=0, y=BUS + 0.35, text="h<sub>t-1</sub> (all units)", xanchor="left", **label))
    notes.append(dict(x=1.15, y=-0.45, text=f"x<sub>t</sub> = {html.escape(token)}", xanchor="left", **label))
    notes.append(dict(x=12, y=BUS + 0.05, text=f"h<sub>t</sub> = {s.h:.2f}", xanchor="right", **label))
    notes.append(dict(x=10.5, y=6.25, text="to the read-out", **label))

    hover = go.Scatter(
        x=hover_x,
        y=hover_y,
        mode="markers",
        marker=dict(size=22, opacity=0),
        text=hover_text,
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
    )
    layout = dict(
        shapes=shapes,
        annotations=notes,
        xaxis=dict(visible=False, range=[-0.3, 12.3], fixedrange=True),
        yaxis=dict(visible=False, range=[-0.9, 6.5], fixedrange=True, scaleanchor="x", scaleratio=1),
        height=round(27 * font_size + 40),
        margin=dict(l=5, r=5, t=5, b=5),
        plot_bgcolor=theme.PAPER,
        dragmode=False,
    )
    return go.Figure(data=[hover], layout=layout)
