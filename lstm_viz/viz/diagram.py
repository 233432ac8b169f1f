"""Each cell drawn with Plotly shapes for one unit at one step, every wire and box coloured by its value.

    cell_diagram(spec, step, unit, token, ranges)   # dispatches on the cell's family

- LSTM family: the conveyor belt (after Olah, 2015). The memory C runs along the top; the gates sit
  on the input bus below it. A variant's missing gate is a plain box "≡ 1", the coupled gate says
  "1 − i", peepholes are thin wires from C to the gates they feed.
- GRU: h runs along the top; z blends the old h with the candidate n, r scales what n reads of h.
- plain RNN: x_t and h_{t-1} into one box that rewrites h.

Colours come from the heat maps' scales on each quantity's own range (`ranges`, theme.ranges of the
layer's trace): gates 0..1, C̃ and h -1..1, C on its own range. Hovering a wire or a box gives its number.
"""

from __future__ import annotations

import html
from itertools import pairwise

import numpy as np
import plotly.graph_objects as go

from lstm_viz.core.activations import ACTIVATIONS
from lstm_viz.core.spec import CellSpec
from lstm_viz.core.trace import GateStep
from lstm_viz.viz import theme
from lstm_viz.viz.theme import COLOURS

__all__ = ["cell_diagram"]
GATE = (0.0, 1.0)


class Drawing:
    """Shapes, labels and hover points, collected as plain dicts (one validation pass at the end)."""

    def __init__(self, font_size: int):
        self.font_size = font_size
        self.shapes, self.notes = [], []
        self.hover_x, self.hover_y, self.hover_text = [], [], []

    def hover(self, x, y, text):
        self.hover_x.append(x)
        self.hover_y.append(y)
        self.hover_text.append(text)

    def wire(self, points, value, scale, label, width=6):
        colour = theme.colour_of(value, *scale)
        for (x0, y0), (x1, y1) in pairwise(points):
            # A dark casing under the coloured wire keeps a near-zero (near-white) wire visible.
            for c, w in ((theme.WIRE_CASING, width + 3), (colour, width)):
                self.shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color=c, width=w),
                                        layer="below"))  # fmt: skip
        (x0, y0), (x1, y1) = points[-2], points[-1]
        self.hover((x0 + x1) / 2, (y0 + y1) / 2, f"{label} = {value:.3f}")

    def thin(self, points, colour):
        for (x0, y0), (x1, y1) in pairwise(points):
            self.shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1,
                                    line=dict(color=colour, width=2, dash="dot"), layer="below"))  # fmt: skip

    def bus(self, x0, y0, x1, y1):
        self.shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color=theme.BUS, width=5),
                                layer="below"))  # fmt: skip

    def node(self, x, y, symbol, label, value, scale, edge_of=None, w=0.7, h=0.55):
        lo, hi = scale
        fill = theme.colour_of(value, lo, hi) if value is not None else theme.BLANK_FILL
        edge = COLOURS.get(edge_of, theme.EDGE)
        self.shapes.append(dict(type="rect", x0=x - w, y0=y - h, x1=x + w, y1=y + h, fillcolor=fill,
                                line=dict(color=edge, width=3)))  # fmt: skip
        dark = value is not None and (value < 0.45 if lo >= 0 else abs(value / hi) > 0.6)
        text = symbol if value is None else f"{symbol}<br><b>{value:.2f}</b>"
        ink = theme.PAPER if dark else theme.INK
        self.notes.append(dict(x=x, y=y, text=text, showarrow=False, font=dict(size=self.font_size, color=ink)))
        self.hover(x, y, label if value is None else f"{label} = {value:.3f}")

    def op(self, x, y, symbol, label, value):
        self.shapes.append(dict(type="circle", x0=x - 0.32, y0=y - 0.32, x1=x + 0.32, y1=y + 0.32,
                                fillcolor=theme.PAPER, line=dict(color=theme.EDGE, width=2)))  # fmt: skip
        self.notes.append(dict(x=x, y=y, text=symbol, showarrow=False, font=dict(size=self.font_size + 3)))
        self.hover(x, y, f"{label} = {value:.3f}")

    def label(self, x, y, text, **kw):
        self.notes.append(dict(x=x, y=y, text=text, showarrow=False, font=dict(size=self.font_size), **kw))

    def figure(self, x_range, y_range, height) -> go.Figure:
        hover = go.Scatter(x=self.hover_x, y=self.hover_y, mode="markers", marker=dict(size=22, opacity=0),
                           text=self.hover_text, hovertemplate="%{text}<extra></extra>", showlegend=False)  # fmt: skip
        layout = dict(
            shapes=self.shapes,
            annotations=self.notes,
            xaxis=dict(visible=False, range=list(x_range), fixedrange=True),
            yaxis=dict(visible=False, range=list(y_range), fixedrange=True, scaleanchor="x", scaleratio=1),
            height=height,
            margin=dict(l=5, r=5, t=5, b=5),
            plot_bgcolor=theme.PAPER,
            dragmode=False,
        )
        return go.Figure(data=[hover], layout=layout)


def act_name(activation: str) -> str:
    return {"sigmoid": "σ", "hard_sigmoid": "σ hard", "linear": "linear"}.get(activation, activation)


def cell_diagram(spec: CellSpec, step: GateStep, unit: int, token: str, ranges: dict, font_size: int = 13):
    """The cell of `spec` for unit k at one step (step: a GateStep of one sequence)."""
    draw = {"lstm": lstm_diagram, "gru": gru_diagram, "rnn": rnn_diagram}[spec.family]
    return draw(spec, step, unit, token, ranges, font_size)


def lstm_diagram(spec, step, unit, token, ranges, font_size=13) -> go.Figure:
    d = Drawing(font_size)
    k = unit
    BELT, BUS, GATE_Y = 5.0, 0.6, 2.4
    c_rng, g_rng, h_rng = ranges["c"], ranges["g"], ranges["h"]

    def value(name):  # a gate the variant does not have is 1
        return float(step[name][k]) if name in spec else 1.0

    i, f, g, o, c, h = (value(n) for n in "ifgoch")
    c_prev = float(step.prev["c"][k])
    squash_name = "linear" if spec.name == "lstm_noaf" else spec.option("activation")
    s = float(ACTIVATIONS[squash_name].fn(np.array(c)))
    s_rng = (-1.0, 1.0) if squash_name == "tanh" else c_rng
    fx, ix, gx, ox, tx = 2.0, 3.7, 5.5, 7.4, 9.6  # x of the gates and of the squashing
    # The memory belt: c_{t-1} -> x f -> + i*g -> c_t.
    d.wire([(0, BELT), (fx, BELT)], c_prev, c_rng, f"c_{{t-1}}[{k}] (memory in)", 9)
    d.wire([(fx, BELT), (4.6, BELT)], f * c_prev, c_rng, "f × c_{t-1} (memory kept)", 9)
    d.wire([(4.6, BELT), (12, BELT)], c, c_rng, f"c_t[{k}] (memory out)", 9)
    # The input bus: h_{t-1} and x_t feed every gate that has weights.
    d.bus(0, BUS, ox, BUS)
    d.bus(1.0, -0.6, 1.0, BUS)
    for name, x in (("f", fx), ("i", ix), ("g", gx), ("o", ox)):
        if name in spec.weighted:
            d.bus(x, BUS, x, GATE_Y)
    d.wire([(fx, GATE_Y), (fx, BELT)], f, GATE, f"f_t[{k}] (forget gate)")
    d.wire([(ix, GATE_Y), (ix, 3.9), (4.6, 3.9)], i, GATE, f"i_t[{k}] (input gate)")
    d.wire([(gx, GATE_Y), (gx, 3.9), (4.6, 3.9)], g, g_rng, f"g_t[{k}] (candidate C̃)")
    d.wire([(4.6, 3.9), (4.6, BELT)], i * g, c_rng, "i × g (written to memory)")
    d.wire([(ox, GATE_Y), (tx, GATE_Y)], o, GATE, f"o_t[{k}] (output gate)")
    d.wire([(tx, BELT), (tx, 3.65)], c, c_rng, f"c_t[{k}]")
    d.wire([(tx, 3.65), (tx, GATE_Y)], s, s_rng, f"{squash_name}(c_t[{k}])")
    d.wire([(tx, GATE_Y), (tx, BUS - 0.2), (12, BUS - 0.2)], h, h_rng, f"h_t[{k}] (to the next step)")
    d.wire([(tx, GATE_Y), (10.5, GATE_Y), (10.5, 6.0)], h, h_rng, f"h_t[{k}] (to the read-out)")
    if "w_c" in spec.shapes(1, 1):  # peepholes: c_{t-1} into i and f, c_t into o
        d.thin([(fx - 0.4, BELT), (fx - 0.4, GATE_Y + 0.6)], COLOURS["c"])
        d.thin([(3.0, BELT), (3.0, GATE_Y + 0.9), (ix, GATE_Y + 0.9), (ix, GATE_Y + 0.55)], COLOURS["c"])
        d.thin([(8.4, BELT), (8.4, 3.3), (ox, 3.3), (ox, GATE_Y + 0.55)], COLOURS["c"])
    for name, x, title in (("f", fx, "forget gate"), ("i", ix, "input gate"), ("o", ox, "output gate")):
        gate = spec.option("recurrent_activation")
        if name in spec.weighted:
            d.node(x, GATE_Y, f"{name}  {act_name(gate)}", f"{title} {name}_t[{k}]", value(name), GATE, name)
        elif name in spec:  # derived: the coupled gate
            d.node(x, GATE_Y, f"{name} = 1 − i", f"{title} {name}_t[{k}] = 1 − i", value(name), GATE, name, w=0.85)
        else:
            d.node(x, GATE_Y, f"{name} ≡ 1", f"no {title}: {name} ≡ 1", 1.0, GATE, name)
    cand = spec["g"].activation
    d.node(gx, GATE_Y, f"C̃  {act_name(cand)}", f"candidate C̃ = g_t[{k}]", g, g_rng, "g", w=0.8)
    d.node(tx, 3.65, act_name(squash_name), f"{squash_name}(c_t[{k}])", s, s_rng, "c", h=0.5)
    d.op(fx, BELT, "×", "f × c_{t-1}", f * c_prev)
    d.op(4.6, 3.9, "×", "i × g", i * g)
    d.op(4.6, BELT, "+", f"c_t[{k}] = f × c_{{t-1}} + i × g", c)
    d.op(tx, GATE_Y, "×", f"h_t[{k}] = o × {squash_name}(c_t)", h)
    d.label(0, BELT + 0.45, f"c<sub>t-1</sub> = {c_prev:.2f}", xanchor="left")
    d.label(12, BELT + 0.45, f"c<sub>t</sub> = {c:.2f}", xanchor="right")
    d.label(0, BUS + 0.35, "h<sub>t-1</sub> (all units)", xanchor="left")
    d.label(1.15, -0.45, f"x<sub>t</sub> = {html.escape(token)}", xanchor="left")
    d.label(12, BUS + 0.05, f"h<sub>t</sub> = {h:.2f}", xanchor="right")
    d.label(10.5, 6.25, "to the read-out")
    return d.figure((-0.3, 12.3), (-0.9, 6.5), round(27 * font_size + 40))


def gru_diagram(spec, step, unit, token, ranges, font_size=13) -> go.Figure:
    """h along the top: h_t = (1 − z) × n + z × h_{t-1}; r scales the part of h_{t-1} that n reads."""
    d = Drawing(font_size)
    k = unit
    TOP, BUS, GATE_Y = 5.0, 0.6, 2.4
    r, z, n, h = (float(step[q][k]) for q in ("r", "z", "n", "h"))
    h_prev = float(step.prev["h"][k])
    h_rng, n_rng = ranges["h"], ranges["n"]
    gate = act_name(spec.option("recurrent_activation"))
    rx, zx, nx, mx = 2.2, 4.4, 6.8, 9.0  # x of r, z, n and of the mixing
    d.wire([(0, TOP), (mx - 1.2, TOP)], h_prev, h_rng, f"h_{{t-1}}[{k}] (state in)", 9)
    d.wire([(mx - 1.2, TOP), (mx, TOP)], z * h_prev, h_rng, "z × h_{t-1} (kept)", 9)
    d.wire([(mx, TOP), (12, TOP)], h, h_rng, f"h_t[{k}] (state out, to the read-out)", 9)
    d.bus(0, BUS, nx, BUS)
    d.bus(1.0, -0.6, 1.0, BUS)
    for x in (rx, zx, nx):
        d.bus(x, BUS, x, GATE_Y)
    d.wire([(rx, GATE_Y), (rx, 3.7), (nx - 0.9, 3.7), (nx - 0.9, GATE_Y + 0.3)], r, GATE, f"r_t[{k}] (reset gate)")
    d.wire([(zx, GATE_Y), (zx, 4.1), (mx - 1.2, 4.1), (mx - 1.2, TOP)], z, GATE, f"z_t[{k}] (update gate)")
    d.wire([(nx, GATE_Y), (mx, GATE_Y), (mx, 3.4)], n, n_rng, f"n_t[{k}] (candidate)")
    d.wire([(mx, 3.4), (mx, TOP)], (1 - z) * n, h_rng, "(1 − z) × n (new)")
    d.node(rx, GATE_Y, f"r  {gate}", f"reset gate r_t[{k}]", r, GATE, "r")
    d.node(zx, GATE_Y, f"z  {gate}", f"update gate z_t[{k}]", z, GATE, "z")
    cand = act_name(spec.option("activation"))
    d.node(nx, GATE_Y, f"n  {cand}", f"candidate n_t[{k}] (reads r × (W_hn h + b_hn))", n, n_rng, "n", w=0.8)
    d.op(mx - 1.2, TOP, "×", "z × h_{t-1}", z * h_prev)
    d.op(mx, 3.4, "×", "(1 − z) × n", (1 - z) * n)
    d.op(mx, TOP, "+", f"h_t[{k}] = (1 − z) × n + z × h_{{t-1}}", h)
    d.label(mx + 0.45, 3.0, "1 − z", xanchor="left")
    d.label(0, TOP + 0.45, f"h<sub>t-1</sub> = {h_prev:.2f}", xanchor="left")
    d.label(12, TOP + 0.45, f"h<sub>t</sub> = {h:.2f}", xanchor="right")
    d.label(0, BUS + 0.35, "h<sub>t-1</sub> (all units)", xanchor="left")
    d.label(1.15, -0.45, f"x<sub>t</sub> = {html.escape(token)}", xanchor="left")
    return d.figure((-0.3, 12.3), (-0.9, 6.0), round(25 * font_size + 40))


def rnn_diagram(spec, step, unit, token, ranges, font_size=13) -> go.Figure:
    """x_t and h_{t-1} into one box: h_t = act(W_x x_t + W_h h_{t-1} + b); nothing is kept unless rewritten."""
    d = Drawing(font_size)
    k = unit
    h, h_prev = float(step["h"][k]), float(step.prev["h"][k])
    h_rng = ranges["h"]
    act = act_name(spec.option("activation"))
    d.wire([(0, 3.0), (4.5, 3.0), (4.5, 2.2)], h_prev, h_rng, f"h_{{t-1}}[{k}] (all units feed it)", 9)
    d.bus(4.5, 0.0, 4.5, 1.6)
    d.bus(2.0, 0.0, 4.5, 0.0)
    d.wire([(4.5, 1.6), (9.0, 1.6), (12, 1.6)], h, h_rng, f"h_t[{k}] (to the next step and the read-out)", 9)
    d.node(4.5, 1.6, f"h  {act}", f"h_t[{k}] = {act}(W_x x_t + W_h h_{{t-1}} + b)", h, h_rng, "h", w=1.0)
    d.label(0, 3.45, f"h<sub>t-1</sub> = {h_prev:.2f}", xanchor="left")
    d.label(12, 2.05, f"h<sub>t</sub> = {h:.2f}", xanchor="right")
    d.label(2.0, -0.45, f"x<sub>t</sub> = {html.escape(token)}", xanchor="left")
    d.label(8.5, 3.3, "no gate: the whole state is rewritten at every step")
    return d.figure((-0.3, 12.3), (-0.9, 4.0), round(16 * font_size + 40))
