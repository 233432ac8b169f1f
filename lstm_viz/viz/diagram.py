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


class Drawing:
    """Shapes, labels and hover points, collected as plain dicts (one validation pass at the end)."""

    def __init__(self, font_size: int):
        self.font_size = font_size
        self.shapes, self.notes = [], []
        self.hover_x, self.hover_y, self.hover_text, self.hover_data = [], [], [], []

    def hover(self, x, y, text, key="", value=None):
        """A hover point; `key` names the quantity whose value it shows ("c", "c_prev", ...), for tools and tests."""
        self.hover_x.append(x)
        self.hover_y.append(y)
        self.hover_text.append(text)
        self.hover_data.append([key, float("nan") if value is None else float(value)])

    def wire(self, points, value, scale, label, width=6, key=""):
        colour = theme.colour_of(value, *scale)
        for (x0, y0), (x1, y1) in pairwise(points):
            # A dark casing under the coloured wire keeps a near-zero (near-white) wire visible.
            for c, w in ((theme.WIRE_CASING, width + 3), (colour, width)):
                self.shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color=c, width=w),
                                        layer="below"))  # fmt: skip
        (x0, y0), (x1, y1) = points[-2], points[-1]
        self.hover((x0 + x1) / 2, (y0 + y1) / 2, f"{label} = {value:.3f}", key, value)

    def thin(self, points, colour):
        for (x0, y0), (x1, y1) in pairwise(points):
            self.shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1,
                                    line=dict(color=colour, width=2, dash="dot"), layer="below"))  # fmt: skip

    def plain(self, points, label):
        """A wire that carries a constant (a gate the variant lacks, ≡ 1): grey, no value colour."""
        for (x0, y0), (x1, y1) in pairwise(points):
            self.shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color=theme.BUS, width=4),
                                    layer="below"))  # fmt: skip
        (x0, y0), (x1, y1) = points[-2], points[-1]
        self.hover((x0 + x1) / 2, (y0 + y1) / 2, label)

    def bus(self, x0, y0, x1, y1):
        self.shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color=theme.BUS, width=5),
                                layer="below"))  # fmt: skip

    def node(self, x, y, symbol, label, value, scale, edge_of=None, w=0.7, h=0.55, key=""):
        lo, hi = scale[:2]
        fill = theme.colour_of(value, *scale) if value is not None else theme.BLANK_FILL
        edge = COLOURS.get(edge_of, theme.EDGE)
        self.shapes.append(dict(type="rect", x0=x - w, y0=y - h, x1=x + w, y1=y + h, fillcolor=fill,
                                line=dict(color=edge, width=3)))  # fmt: skip
        gate_scale = (scale[2] if len(scale) > 2 else None) == theme.GATE_SCALE or (len(scale) == 2 and lo >= 0)
        dark = value is not None and ((value - lo) / (hi - lo) < 0.45 if gate_scale else abs(value / hi) > 0.6)
        text = symbol if value is None else f"{symbol}<br><b>{value:.2f}</b>"
        ink = theme.PAPER if dark else theme.INK
        self.notes.append(dict(x=x, y=y, text=text, showarrow=False, font=dict(size=self.font_size, color=ink)))
        self.hover(x, y, label if value is None else f"{label} = {value:.3f}", key, value)

    def op(self, x, y, symbol, label, value, key=""):
        self.shapes.append(dict(type="circle", x0=x - 0.32, y0=y - 0.32, x1=x + 0.32, y1=y + 0.32,
                                fillcolor=theme.PAPER, line=dict(color=theme.EDGE, width=2)))  # fmt: skip
        self.notes.append(dict(x=x, y=y, text=symbol, showarrow=False, font=dict(size=self.font_size + 3)))
        self.hover(x, y, f"{label} = {value:.3f}", key, value)

    def label(self, x, y, text, **kw):
        self.notes.append(dict(x=x, y=y, text=text, showarrow=False, font=dict(size=self.font_size), **kw))

    def figure(self, x_range, y_range, height) -> go.Figure:
        hover = go.Scatter(x=self.hover_x, y=self.hover_y, mode="markers", marker=dict(size=22, opacity=0),
                           text=self.hover_text, customdata=self.hover_data, hovertemplate="%{text}<extra></extra>",
                           showlegend=False)  # fmt: skip
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


def scales(spec: CellSpec, ranges: dict) -> dict[str, tuple[float, float, str]]:
    """Each quantity's colour range and scale: (lo, hi, colour scale), its own, as on the heat maps."""
    return {q.name: (*ranges[q.name], theme.colourscale(q)) for q in spec.quantities}


def cell_diagram(spec: CellSpec, step: GateStep, unit: int, token: str, ranges: dict, font_size: int = 13):
    """The cell of `spec` for unit k at one step (step: a GateStep of one sequence; ranges: theme.ranges of the
    layer's trace). The hover layer's customdata holds [name, value] per point: "i", "c", "c_prev", ..."""
    draw = {"lstm": lstm_diagram, "gru": gru_diagram, "rnn": rnn_diagram}[spec.family]
    return draw(spec, step, unit, token, ranges, font_size)


def squash_of(spec: CellSpec) -> str:
    """The activation that h applies to c, read from h's declaration (h = o ⊙ tanh(c)); "linear" if none."""
    for term in spec["h"].sum_of:
        for f in term:
            if f.name == "c":
                return f.fn or "linear"
    return "linear"


def lstm_diagram(spec, step, unit, token, ranges, font_size=13) -> go.Figure:
    """The belt: c_t = f × c_{t-1} + i × g along the top, h_t = o × squash(c_t) on the right. A gate the variant
    lacks is a plain box "≡ 1"; the coupled gate f is wired from i ("1 − i"); peepholes are thin dotted wires."""
    d = Drawing(font_size)
    k = unit
    BELT, BUS, GATE_Y = 5.0, 0.6, 2.4
    sc = scales(spec, ranges)
    one = (0.0, 1.0, theme.GATE_SCALE)

    def value(name):  # a gate the variant does not have is 1
        return float(step[name][k]) if name in spec else 1.0

    def gate_scale(name):
        return sc.get(name, one)

    i, f, g, c, h = (value(n) for n in "ifgch")
    c_prev = float(step.prev["c"][k])
    squash = squash_of(spec)
    s = float(ACTIVATIONS[squash].fn(np.array(c)))
    bounded = ACTIVATIONS[squash].range
    s_scale = (*bounded, theme.SIGNED_SCALE) if bounded else sc["c"]
    fx, ix, gx, ox, tx = 2.0, 3.7, 5.5, 7.4, 9.6  # x of the gates and of the squashing
    # The memory belt: c_{t-1} -> x f -> + i*g -> c_t.
    d.wire([(0, BELT), (fx, BELT)], c_prev, sc["c"], f"c_{{t-1}}[{k}] (memory in)", 9, key="c_prev")
    d.wire([(fx, BELT), (4.6, BELT)], f * c_prev, sc["c"], "f × c_{t-1} (memory kept)", 9)
    d.wire([(4.6, BELT), (12, BELT)], c, sc["c"], f"c_t[{k}] (memory out)", 9, key="c")
    # The input bus: h_{t-1} and x_t feed every gate that has weights.
    d.bus(0, BUS, ox, BUS)
    d.bus(1.0, -0.6, 1.0, BUS)
    for name, x in (("f", fx), ("i", ix), ("g", gx), ("o", ox)):
        if name in spec.weighted:
            d.bus(x, BUS, x, GATE_Y)
    gate_wires = {"f": [(fx, GATE_Y), (fx, BELT)], "i": [(ix, GATE_Y), (ix, 3.9), (4.6, 3.9)],
                  "o": [(ox, GATE_Y), (tx, GATE_Y)]}  # fmt: skip
    for name, points in gate_wires.items():
        if name in spec:
            d.wire(points, value(name), gate_scale(name), f"{name}_t[{k}] ({name} gate)", key=name)
        else:
            d.plain(points, f"{name} ≡ 1: this variant has no {name} gate")
    d.wire([(gx, GATE_Y), (gx, 3.9), (4.6, 3.9)], g, sc["g"], f"g_t[{k}] (candidate C̃)", key="g")
    d.wire([(4.6, 3.9), (4.6, BELT)], i * g, sc["c"], "i × g (written to memory)")
    d.wire([(tx, BELT), (tx, 3.65)], c, sc["c"], f"c_t[{k}]")
    d.wire([(tx, 3.65), (tx, GATE_Y)], s, s_scale, f"{squash}(c_t[{k}])")
    d.wire([(tx, GATE_Y), (tx, BUS - 0.2), (12, BUS - 0.2)], h, sc["h"], f"h_t[{k}] (to the next step)", key="h")
    d.wire([(tx, GATE_Y), (10.5, GATE_Y), (10.5, 6.0)], h, sc["h"], f"h_t[{k}] (to the read-out)")
    peep = [q for q in spec.quantities if q.peephole]
    for q in peep:  # thin dotted wires from the belt: c_{t-1} into i and f, c_t into o
        x = {"f": fx, "i": ix, "o": ox}[q.name]
        tap = {"f": 1.2, "i": 3.0, "o": 8.4}[q.name]
        lane = {"f": GATE_Y + 0.85, "i": GATE_Y + 0.85, "o": 3.3}[q.name]
        d.thin([(tap, BELT), (tap, lane), (x - 0.35, lane), (x - 0.35, GATE_Y + 0.55)], COLOURS["c"])
    titles = {"f": "forget gate", "i": "input gate", "o": "output gate"}
    for name, x in (("f", fx), ("i", ix), ("o", ox)):
        title = titles[name]
        if name in spec.weighted:
            act = act_name(spec[name].activation)
            d.node(x, GATE_Y, f"{name}  {act}", f"{title} {name}_t[{k}]", value(name), sc[name], name, key=name)
        elif name in spec:  # derived: the coupled gate, from i
            lane = GATE_Y + 0.9
            d.thin([(ix - 0.35, GATE_Y + 0.55), (ix - 0.35, lane), (x + 0.35, lane), (x + 0.35, GATE_Y + 0.55)],
                   COLOURS["i"])  # fmt: skip
            d.label((x + ix) / 2, lane + 0.25, "1 − i")
            d.node(x, GATE_Y, f"{name} = 1 − i", f"{title} {name}_t[{k}] = 1 − i", value(name), sc[name], name,
                   w=0.78, key=name)  # fmt: skip
        else:
            d.node(x, GATE_Y, f"{name} ≡ 1", f"no {title}: {name} ≡ 1", None, one, name)
    cand = act_name(spec["g"].activation)
    d.node(gx, GATE_Y, f"C̃  {cand}", f"candidate C̃ = g_t[{k}]", g, sc["g"], "g", w=0.8, key="g")
    d.node(tx, 3.65, act_name(squash), f"{squash}(c_t[{k}])", s, s_scale, "c", h=0.5)
    d.op(fx, BELT, "×", "f × c_{t-1}", f * c_prev)
    d.op(4.6, 3.9, "×", "i × g", i * g)
    d.op(4.6, BELT, "+", f"c_t[{k}] = f × c_{{t-1}} + i × g", c, key="c")
    d.op(tx, GATE_Y, "×", f"h_t[{k}] = o × {squash}(c_t)", h, key="h")
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
    sc = scales(spec, ranges)
    zx, rx, nx, mx = 2.2, 4.4, 6.8, 9.0  # x of z, r, n and of the mixing
    d.wire([(0, TOP), (mx - 1.2, TOP)], h_prev, sc["h"], f"h_{{t-1}}[{k}] (state in)", 9, key="h_prev")
    d.wire([(mx - 1.2, TOP), (mx, TOP)], z * h_prev, sc["h"], "z × h_{t-1} (kept)", 9)
    d.wire([(mx, TOP), (12, TOP)], h, sc["h"], f"h_t[{k}] (state out, to the read-out)", 9, key="h")
    d.bus(0, BUS, nx, BUS)
    d.bus(1.0, -0.6, 1.0, BUS)
    for x in (rx, zx, nx):
        d.bus(x, BUS, x, GATE_Y)
    d.wire([(rx + 0.7, GATE_Y), (nx - 0.8, GATE_Y)], r, sc["r"], f"r_t[{k}] (reset gate: scales W_hn h_{{t-1}} + b_hn)",
           key="r")  # fmt: skip
    d.wire([(zx, GATE_Y), (zx, 4.1), (mx - 1.2, 4.1), (mx - 1.2, TOP)], z, sc["z"], f"z_t[{k}] (update gate)",
           key="z")  # fmt: skip
    d.wire([(nx, GATE_Y), (mx, GATE_Y), (mx, 3.4)], n, sc["n"], f"n_t[{k}] (candidate)", key="n")
    d.wire([(mx - 1.2, 4.1), (mx - 1.2, 3.4), (mx, 3.4)], 1 - z, sc["z"], "1 − z (what is renewed)")
    d.wire([(mx, 3.4), (mx, TOP)], (1 - z) * n, sc["h"], "(1 − z) × n (new)")
    gate = act_name(spec["z"].activation)
    d.node(rx, GATE_Y, f"r  {gate}", f"reset gate r_t[{k}]", r, sc["r"], "r", key="r")
    d.node(zx, GATE_Y, f"z  {gate}", f"update gate z_t[{k}]", z, sc["z"], "z", key="z")
    cand = act_name(spec["n"].activation)
    d.node(nx, GATE_Y, f"n  {cand}", f"candidate n_t[{k}] (reads r × (W_hn h + b_hn))", n, sc["n"], "n", w=0.8,
           key="n")  # fmt: skip
    d.op(mx - 1.2, TOP, "×", "z × h_{t-1}", z * h_prev)
    d.op(mx, 3.4, "×", "(1 − z) × n", (1 - z) * n)
    d.op(mx, TOP, "+", f"h_t[{k}] = (1 − z) × n + z × h_{{t-1}}", h, key="h")
    d.label(mx - 1.15, 3.15, "1 − z", xanchor="left")
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
    sc = scales(spec, ranges)
    act = act_name(spec["h"].activation)
    d.wire([(0, 3.0), (4.5, 3.0), (4.5, 2.2)], h_prev, sc["h"], f"h_{{t-1}}[{k}] (all units feed it)", 9,
           key="h_prev")  # fmt: skip
    d.bus(4.5, 0.0, 4.5, 1.6)
    d.bus(2.0, 0.0, 4.5, 0.0)
    d.wire([(4.5, 1.6), (9.0, 1.6), (12, 1.6)], h, sc["h"], f"h_t[{k}] (to the next step and the read-out)", 9,
           key="h")  # fmt: skip
    d.node(4.5, 1.6, f"h  {act}", f"h_t[{k}] = {act}(W_x x_t + W_h h_{{t-1}} + b)", h, sc["h"], "h", w=1.0, key="h")
    d.label(0, 3.45, f"h<sub>t-1</sub> = {h_prev:.2f}", xanchor="left")
    d.label(12, 2.05, f"h<sub>t</sub> = {h:.2f}", xanchor="right")
    d.label(2.0, -0.45, f"x<sub>t</sub> = {html.escape(token)}", xanchor="left")
    d.label(8.5, 3.3, "no gate: the whole state is rewritten at every step")
    return d.figure((-0.3, 12.3), (-0.9, 4.0), round(16 * font_size + 40))
