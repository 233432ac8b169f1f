"""Each cell drawn with Plotly shapes for one unit at one step, every wire and box coloured by its value.

    cell_diagram(spec, step, unit, token, ranges)   # dispatches on the cell's family

- LSTM family: the conveyor belt (after Olah, 2015). The memory C runs along the top; the gates sit
  on the input bus below it. A variant's missing gate is a plain box "≡ 1", the coupled gate says
  "1 − i", peepholes are thin wires from C to the gates they feed.
- GRU: h runs along the top; z blends the old h with the candidate n, r scales what n reads of h.
- plain RNN: x_t and h_{t-1} into one box that rewrites h.

Colours come from the heat maps' scales on each quantity's own range (`ranges`: the model's, fixed per
model, theme.model_ranges): gates 0..1, C̃ and h -1..1, tanh(C) -1..1, C on the model's range; what the
candidate writes (i × C̃) on the candidate's. A value past its range takes the end colour; hovering a wire or
a box gives its number.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from itertools import pairwise

import numpy as np
import plotly.graph_objects as go

from lstm_viz import explain, words
from lstm_viz.core import cells
from lstm_viz.core.activations import ACTIVATIONS
from lstm_viz.core.spec import CellSpec
from lstm_viz.core.trace import GateStep
from lstm_viz.explain import analysis
from lstm_viz.explain.terms import GateTerms, num, signed
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

    def thin(self, points, colour, label=""):
        """A thin dotted wire (a peephole, the coupled gate's link); hovering its middle gives `label`."""
        for (x0, y0), (x1, y1) in pairwise(points):
            self.shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1,
                                    line=dict(color=colour, width=2, dash="dot"), layer="below"))  # fmt: skip
        if label:
            (x0, y0), (x1, y1) = points[1], points[2] if len(points) > 2 else points[1]
            self.hover((x0 + x1) / 2, (y0 + y1) / 2, label)

    def plain(self, points, label):
        """A wire that carries a constant (a gate the variant lacks, ≡ 1): grey, no value colour."""
        for (x0, y0), (x1, y1) in pairwise(points):
            self.shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color=theme.BUS, width=4),
                                    layer="below"))  # fmt: skip
        (x0, y0), (x1, y1) = points[-2], points[-1]
        self.hover((x0 + x1) / 2, (y0 + y1) / 2, label)

    def bus(self, x0, y0, x1, y1, label=""):
        """A wire of the input bus (h_{t-1} and x_t, every unit): grey; hovering its middle gives `label`."""
        self.shapes.append(dict(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=dict(color=theme.BUS, width=5),
                                layer="below"))  # fmt: skip
        if label:
            self.hover((x0 + x1) / 2, (y0 + y1) / 2, label)

    def node(self, x, y, symbol, label, value, scale, edge_of=None, w=0.7, h=0.55, key="", detail=""):
        """A box filled with its value's colour; hovering it gives `label = value` and `detail` below."""
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
        self.hover(x, y, (label if value is None else f"{label} = {value:.3f}") + detail, key, value)

    def op(self, x, y, symbol, label, value=None, key=""):
        self.shapes.append(dict(type="circle", x0=x - 0.32, y0=y - 0.32, x1=x + 0.32, y1=y + 0.32,
                                fillcolor=theme.PAPER, line=dict(color=theme.EDGE, width=2)))  # fmt: skip
        self.notes.append(dict(x=x, y=y, text=symbol, showarrow=False, font=dict(size=self.font_size + 3)))
        self.hover(x, y, label if value is None else f"{label} = {value:.3f}", key, value)

    def label(self, x, y, text, **kw):
        kw.setdefault("font", dict(size=self.font_size))
        self.notes.append(dict(x=x, y=y, text=text, showarrow=False, **kw))

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
    """An activation as a box says it: σ, σ hard, tanh, relu, linear."""
    return {"sigmoid": "σ", "hard_sigmoid": "σ hard"}.get(activation, activation)


def scales(spec: CellSpec, ranges: dict) -> dict[str, tuple[float, float, str]]:
    """Each quantity's colour range and scale: (lo, hi, colour scale), its own, as on the heat maps."""
    return {q.name: (*ranges[q.name], theme.colourscale(q)) for q in spec.quantities}


def cell_diagram(spec: CellSpec, step: GateStep, unit: int, token: str, ranges: dict, font_size: int = 13,
                 layer: Mapping[str, np.ndarray] | None = None, lang: str = "en") -> go.Figure:  # fmt: skip
    """The cell of `spec` for unit k at one step (step: a GateStep of one sequence; ranges: the layer's
    theme.model_ranges, or theme.ranges of its trace). With the layer's blocks (`layer`), hovering a box also
    gives its pre-activation's terms, and the parts that only the weights know (a peephole's w ⊙ c, the GRU's
    W_hn h_{t-1} + b_hn) get their numbers. The hover layer's customdata holds [name, value] per point: "i",
    "c", "c_prev", ... ("" for the others). Its labels and hovers are in `lang`."""
    draw = {"lstm": lstm_diagram, "gru": gru_diagram, "rnn": rnn_diagram}[spec.family]
    terms = None if layer is None else explain.unit_terms(spec, layer, step, unit)
    return draw(spec, step, unit, token, ranges, font_size, terms, lang)


def pre_words(t: GateTerms | None, lang: str = "en") -> str:
    """A box's hover line on its pre-activation: "<br>pre-activation 0.512 = 0.300 (W_x x_t) + ... (b)"."""
    if t is None:
        return ""
    say = words.of(lang).step.DIAGRAM
    parts = [f"{num(t.x_part)} (W<sub>x</sub> x<sub>t</sub>)"]
    if t.reset is not None:
        parts.append(f"{signed(t.h_part)} (r × (W<sub>hn</sub> h<sub>t-1</sub> + b<sub>hn</sub>))")
    else:
        parts.append(f"{signed(t.h_part)} (W<sub>h</sub> h<sub>t-1</sub>)")
    if t.peephole:
        parts.append(f"{signed(t.peep)} {say['peep_part']}")
    parts.append(f"{signed(t.bias)} (b)")
    return say["pre"].format(pre=num(t.pre), parts=" ".join(parts))


def belt_roles(spec: CellSpec) -> dict[str, str]:
    """Who does what on the LSTM belt, read from the family's full declaration (its LSTM): the memory (c), the
    gate that keeps it (f), the one that writes (i), the candidate (g), the output (h) and the gate that shows
    it (o). A variant may lack a gate: the diagram then draws its slot as a plain wire "≡ 1"."""
    full = cells.spec(spec.family)
    memory = analysis.memory_state(full)
    out = next(s for s in full.states if s != memory)
    write_term = next(term for term in full[memory].sum_of if not any(f.prev for f in term))
    show = next(f.name for term in full[out].sum_of for f in term if full[f.name].kind == "gate")
    candidate = next(f.name for f in write_term if full[f.name].kind == "candidate")
    keep, write = analysis.keep_factor(full).name, analysis.write_factor(full).name
    return dict(memory=memory, keep=keep, write=write, candidate=candidate, out=out, show=show)


def squash_of(spec: CellSpec, memory: str, out: str) -> str:
    """The activation that the output applies to the memory (h = o ⊙ tanh(c)), from the declaration; "linear"."""
    for term in spec[out].sum_of:
        for f in term:
            if f.name == memory:
                return f.fn or "linear"
    return "linear"


def lstm_diagram(spec, step, unit, token, ranges, font_size=13, terms=None, lang="en") -> go.Figure:
    """The belt: c_t = f × c_{t-1} + i × g along the top, h_t = o × squash(c_t) on the right. A gate the variant
    lacks is a plain wire into a box "≡ 1"; the coupled gate is wired from the gate it is 1 − of; peepholes are
    thin dotted wires from the belt (c_{t-1} into i and f, c_t into o)."""
    d = Drawing(font_size)
    say = words.of(lang).step.DIAGRAM
    k = unit
    BELT, BUS, GATE_Y, LANE, RX = 5.0, 0.6, 2.4, 3.3, 11.6  # RX: the wire up to the read-out
    sc = scales(spec, ranges)
    one = (0.0, 1.0, theme.GATE_SCALE)
    role = belt_roles(spec)
    C, F, I, G, O, H = (role[r] for r in ("memory", "keep", "write", "candidate", "show", "out"))

    def value(name):  # a gate the variant does not have is 1
        return float(step[name][k]) if name in spec else 1.0

    def symbol(name):
        return cells.spec(spec.family)[name].symbol

    def title(name):
        q = cells.spec(spec.family)[name]
        return words.quantity_words(lang, spec.family, name, q.title, q.role)[0]

    def named(name):  # "f_t[3] (forget gate)"
        return say["wire"].format(name=f"{name}_t[{k}]", title=title(name))

    f, i, g, c, h = (value(n) for n in (F, I, G, C, H))
    c_prev = float(step.prev[C][k])
    squash = squash_of(spec, C, H)
    s = float(ACTIVATIONS[squash].fn(np.array(c)))
    bounded = ACTIVATIONS[squash].range
    s_scale = (*bounded, theme.SIGNED_SCALE) if bounded else sc[C]
    x_of = {F: 2.0, I: 3.7, G: 5.5, O: 7.4}  # the gates' x
    fx, ix, gx, ox, tx, px = x_of[F], x_of[I], x_of[G], x_of[O], 9.6, 4.6  # tx: the squashing; px: c's +
    # The memory belt: c_{t-1} -> × f -> + i × g -> c_t.
    memory_in = say["memory_in"].format(name=f"{C}_{{t-1}}[{k}]")
    d.wire([(0, BELT), (fx, BELT)], c_prev, sc[C], memory_in, 9, key=f"{C}_prev")
    d.wire([(fx, BELT), (px, BELT)], f * c_prev, sc[C], say["memory_kept"].format(name=f"{F} × {C}_{{t-1}}"), 9)
    d.wire([(px, BELT), (12, BELT)], c, sc[C], say["memory_out"].format(name=f"{C}_t[{k}]"), 9, key=C)
    # The input bus: h_{t-1} and x_t feed every gate that has weights.
    d.bus(0, BUS, ox, BUS)
    d.bus(1.0, -0.6, 1.0, BUS)
    for name, x in x_of.items():
        if name in spec.weighted:
            d.bus(x, BUS, x, GATE_Y - 0.55)
    gate_wires = {
        F: [(fx, GATE_Y), (fx, BELT)],
        I: [(ix, GATE_Y), (ix, 3.9), (px, 3.9)],
        O: [(ox, GATE_Y), (tx, GATE_Y)],
    }
    for name, points in gate_wires.items():
        if name in spec:
            d.wire(points, value(name), sc[name], named(name), key=name)
        else:
            d.plain(points, say["missing_wire"].format(name=name, title=title(name)))
    d.wire([(gx, GATE_Y), (gx, 3.9), (px, 3.9)], g, sc[G], named(G), key=G)
    d.wire([(px, 3.9), (px, BELT)], i * g, sc[G], say["written"].format(name=f"{I} × {G}"))
    d.wire([(tx, BELT), (tx, 3.65)], c, sc[C], f"{C}_t[{k}]")
    d.wire([(tx, 3.65), (tx, GATE_Y)], s, s_scale, f"{squash}({C}_t[{k}])")
    d.wire([(tx, GATE_Y), (tx, BUS - 0.2), (12, BUS - 0.2)], h, sc[H], say["to_next"].format(name=f"{H}_t[{k}]"), key=H)
    d.wire([(tx, GATE_Y), (RX, GATE_Y), (RX, 6.0)], h, sc[H], say["to_readout"].format(name=f"{H}_t[{k}]"))
    # Peepholes: c_{t-1} from one tap left of the forget gate's ×, c_t from a tap right of the +.
    for q in spec.quantities:
        if not q.peephole:
            continue
        x = x_of[q.name]
        c_sym = f"{C}_{{t-1}}" if q.peephole == "prev" else f"{C}_t"
        t = terms[q.name] if terms else None
        what = say["peephole"].format(gate=q.name, term=f"w_c{q.name} ⊙ {c_sym}" + (f" = {num(t.peep)}" if t else ""))
        if q.peephole == "prev":
            d.thin([(0.5, BELT), (0.5, LANE), (x - 0.35, LANE), (x - 0.35, GATE_Y + 0.55)], COLOURS[C], what)
        else:
            d.thin([(8.3, BELT), (8.3, LANE), (x + 0.35, LANE), (x + 0.35, GATE_Y + 0.55)], COLOURS[C], what)
    if any(q.peephole for q in spec.quantities):
        d.label(0.55, LANE + 0.25, say["peepholes"], xanchor="left", font=dict(size=font_size - 3, color=COLOURS[C]))
    for name in (F, I, O):
        x = x_of[name]
        if name in spec.weighted:
            act = act_name(spec[name].activation)
            box = say["box"].format(title=title(name), name=f"{name}_t[{k}]")
            d.node(x, GATE_Y, f"{symbol(name)}  {act}", box, value(name), sc[name], name, key=name,
                   detail=pre_words(terms[name] if terms else None, lang))  # fmt: skip
        elif name in spec:  # derived from another gate: the coupled gate, f = 1 - i
            (term,) = spec[name].sum_of
            src = term[0]
            link = f"1 − {src.name}" if src.one_minus else src.name
            sx = x_of[src.name]
            lane = GATE_Y + 0.85
            d.thin([(sx - 0.35, GATE_Y + 0.55), (sx - 0.35, lane), (x + 0.35, lane), (x + 0.35, GATE_Y + 0.55)],
                   COLOURS[src.name], say["coupled"].format(name=name, link=link, title=title(name),
                                                          source=title(src.name)))  # fmt: skip
            d.label((x + sx) / 2, lane + 0.25, link)
            box = say["box"].format(title=title(name), name=f"{name}_t[{k}] = {link}")
            d.node(x, GATE_Y, f"{symbol(name)} = {link}", box, value(name), sc[name], name, w=0.78, key=name)
        else:
            d.node(x, GATE_Y, f"{symbol(name)} ≡ 1", say["missing_box"].format(title=title(name), name=name), None, one,
                   name)  # fmt: skip
    box = say["box"].format(title=title(G), name=f"{G}_t[{k}]")
    d.node(gx, GATE_Y, f"{symbol(G)}  {act_name(spec[G].activation)}", box, g, sc[G], G, w=0.8, key=G,
           detail=pre_words(terms[G] if terms else None, lang))  # fmt: skip
    if squash == "linear":  # no output activation: the memory goes straight to the ×
        d.label(tx + 0.15, 3.65, say["no_activation"], xanchor="left", font=dict(size=font_size - 2))
    else:
        d.node(tx, 3.65, act_name(squash), f"{squash}({C}_t[{k}])", s, s_scale, C, h=0.5)
    d.op(fx, BELT, "×", f"{F} × {C}_{{t-1}}", f * c_prev)
    d.op(px, 3.9, "×", f"{I} × {G}", i * g)
    d.op(px, BELT, "+", f"{C}_t[{k}] = {F} × {C}_{{t-1}} + {I} × {G}", c, key=C)
    d.op(tx, GATE_Y, "×", f"{H}_t[{k}] = {O} × {squash}({C}_t)", h, key=H)
    d.label(0, BELT + 0.45, f"{C}<sub>t-1</sub> = {c_prev:.2f}", xanchor="left")
    d.label(RX - 0.2, BELT + 0.45, f"{C}<sub>t</sub> = {c:.2f}", xanchor="right")
    d.label(0, BUS + 0.35, say["bus"], xanchor="left")
    d.label(1.15, -0.45, f"x<sub>t</sub> = {html.escape(token)}", xanchor="left")
    d.label(12, BUS + 0.05, f"{H}<sub>t</sub> = {h:.2f}", xanchor="right")
    d.label(12.2, 6.25, say["readout"], xanchor="right")
    return d.figure((-0.3, 12.3), (-0.9, 6.5), round(27 * font_size + 40))


def gru_diagram(spec, step, unit, token, ranges, font_size=13, terms=None, lang="en") -> go.Figure:
    """h along the top: h_t = (1 − z) × n + z × h_{t-1}, z keeping the old h and 1 − z letting the candidate
    in; below, r multiplies the recurrent part W_hn h_{t-1} + b_hn before it enters the candidate n."""
    d = Drawing(font_size)
    say = words.of(lang).step.DIAGRAM
    k = unit

    def title(name):
        q = spec[name]
        return words.quantity_words(lang, spec.name, name, q.title, q.role)[0]

    def named(name):  # "z_t[3] (update gate)"
        return say["wire"].format(name=f"{name}_t[{k}]", title=title(name))

    TOP, BUS, GATE_Y, LANE, RX = 5.0, 0.6, 2.4, 3.9, 11.6  # RX: the wire up to the read-out
    sc = scales(spec, ranges)
    H = analysis.memory_state(spec)
    keep = analysis.keep_factor(spec)
    Z = keep.name
    N = next(q.name for q in spec.quantities if q.reset_by)
    R = spec[N].reset_by
    r, z, n, h = (float(step[q][k]) for q in (R, Z, N, H))
    h_prev = float(step.prev[H][k])
    zx, rx, rop, nx, kx, onex, mx = 2.0, 4.0, 5.9, 7.7, 4.9, 7.0, 9.8  # gates, r's ×, keep ×, "1 −", mixing
    t_n = terms[N] if terms else None
    # The state belt: h_{t-1} -> × z -> + (1 - z) × n -> h_t.
    d.wire([(0, TOP), (kx, TOP)], h_prev, sc[H], say["state_in"].format(name=f"{H}_{{t-1}}[{k}]"), 9, key=f"{H}_prev")
    d.wire([(kx, TOP), (mx, TOP)], z * h_prev, sc[H], say["kept"].format(name=f"{Z} × {H}_{{t-1}}"), 9)
    d.wire([(mx, TOP), (12, TOP)], h, sc[H], say["state_out"].format(name=f"{H}_t[{k}]"), 9, key=H)
    d.wire([(RX, TOP), (RX, 6.0)], h, sc[H], say["to_readout"].format(name=f"{H}_t[{k}]"))
    # The input bus: h_{t-1} and x_t feed r, z, and the candidate's two parts.
    d.bus(0, BUS, nx, BUS)
    d.bus(1.0, -0.6, 1.0, BUS)
    for x in (zx, rx):
        d.bus(x, BUS, x, GATE_Y - 0.55)
    inner = f"W_h{N} {H}_{{t-1}} + b_h{N}" + (f" = {num(t_n.h_dot + t_n.recurrent_bias)}" if t_n else "")
    d.bus(rop, BUS, rop, GATE_Y - 0.32, say["recurrent_part"].format(term=inner))
    outer = f"W_x{N} x_t + b_x{N}" + (f" = {num(t_n.x_part + t_n.bias)}" if t_n else "")
    d.bus(nx, BUS, nx, GATE_Y - 0.55, say["input_part"].format(term=outer))
    d.label(rop - 0.15, 1.3, f"W<sub>h{N}</sub>h<sub>t-1</sub>+b<sub>h{N}</sub>", xanchor="right",
            font=dict(size=font_size - 2))  # fmt: skip
    # r scales the recurrent part; the product enters the candidate.
    d.wire([(rx + 0.7, GATE_Y), (rop - 0.32, GATE_Y)], r, sc[R], named(R), key=R)
    if t_n:
        d.wire([(rop + 0.32, GATE_Y), (nx - 0.8, GATE_Y)], t_n.h_part, sc[N], f"{R} × ({inner.split(' = ')[0]})")
    else:
        d.plain([(rop + 0.32, GATE_Y), (nx - 0.8, GATE_Y)], f"{R} × (W_h{N} {H}_{{t-1}} + b_h{N})")
    d.op(rop, GATE_Y, "×", f"{R} × (W_h{N} {H}_{{t-1}} + b_h{N})", t_n.h_part if t_n else None)
    # z keeps the old state; 1 - z lets the candidate in.
    d.wire([(zx, GATE_Y), (zx, LANE), (kx, LANE), (kx, TOP)], z, sc[Z], named(Z), key=Z)
    d.wire([(kx, LANE), (onex, LANE)], z, sc[Z], f"{Z}_t[{k}]")
    d.wire([(onex, LANE), (mx, LANE)], 1 - z, sc[Z], say["renewed"].format(name=f"1 − {Z}"))
    d.wire([(nx, GATE_Y), (mx, GATE_Y), (mx, LANE)], n, sc[N], named(N), key=N)
    d.wire([(mx, LANE), (mx, TOP)], (1 - z) * n, sc[N], say["new"].format(name=f"(1 − {Z}) × {N}"))
    for name, x, v in ((R, rx, r), (Z, zx, z), (N, nx, n)):
        q = spec[name]
        box = say["box"].format(title=title(name), name=f"{name}_t[{k}]")
        detail = pre_words(terms[name] if terms else None, lang)
        d.node(x, GATE_Y, f"{q.symbol}  {act_name(q.activation)}", box, v, sc[name], name,
               w=0.8 if name == N else 0.7, key=name, detail=detail)  # fmt: skip
    d.op(kx, TOP, "×", f"{Z} × {H}_{{t-1}}", z * h_prev)
    d.op(onex, LANE, "1−", f"1 − {Z}", 1 - z)
    d.op(mx, LANE, "×", f"(1 − {Z}) × {N}", (1 - z) * n)
    d.op(mx, TOP, "+", f"{H}_t[{k}] = (1 − {Z}) × {N} + {Z} × {H}_{{t-1}}", h, key=H)
    d.label(0, TOP + 0.45, f"{H}<sub>t-1</sub> = {h_prev:.2f}", xanchor="left")
    d.label(RX - 0.2, TOP + 0.55, f"{H}<sub>t</sub> = {h:.2f}", xanchor="right")
    d.label(12.2, 6.25, say["readout"], xanchor="right")
    d.label(0, BUS + 0.35, say["bus"], xanchor="left")
    d.label(1.15, -0.45, f"x<sub>t</sub> = {html.escape(token)}", xanchor="left")
    return d.figure((-0.3, 12.3), (-0.9, 6.5), round(27 * font_size + 40))


def rnn_diagram(spec, step, unit, token, ranges, font_size=13, terms=None, lang="en") -> go.Figure:
    """x_t and h_{t-1} into one box: h_t = act(W_x x_t + W_h h_{t-1} + b). No belt: nothing carries the old h past
    the box, it is rewritten at every step."""
    d = Drawing(font_size)
    say = words.of(lang).step.DIAGRAM
    k = unit
    BUS, BOX_Y, bx = 0.6, 2.4, 5.0
    (H,) = spec.weighted
    h, h_prev = float(step[H][k]), float(step.prev[H][k])
    sc = scales(spec, ranges)
    t = terms[H] if terms else None
    d.bus(0, BUS, bx, BUS)
    d.bus(1.0, -0.6, 1.0, BUS)
    d.hover(0.5, BUS, say["on_bus"].format(name=f"{H}_{{t-1}}[{k}] = {h_prev:.3f}"), f"{H}_prev", h_prev)
    sums = "W_x x_t + W_h h_{t-1} + b" + (
        f" = {num(t.x_part)} {signed(t.h_part)} {signed(t.bias)} = {num(t.pre)}" if t else "")  # fmt: skip
    d.bus(bx, BUS, bx, BOX_Y - 0.55, sums)
    d.wire([(bx + 1.0, BOX_Y), (12, BOX_Y)], h, sc[H], say["to_next"].format(name=f"{H}_t[{k}]"), 9, key=H)
    d.wire([(9.5, BOX_Y), (9.5, 4.0)], h, sc[H], say["to_readout"].format(name=f"{H}_t[{k}]"))
    act = act_name(spec[H].activation)
    q = spec[H]
    title = words.quantity_words(lang, spec.name, H, q.title, q.role)[0]
    box = say["box"].format(title=title, name=f"{H}_t[{k}] = {act}(W_x x_t + W_h h_{{t-1}} + b)")
    d.node(bx, BOX_Y, f"{q.symbol}  {act}", box, h, sc[H], H, w=1.0, key=H, detail=pre_words(t, lang))
    d.label(0, BUS + 0.35, say["bus_unit"].format(unit=k, value=h_prev), xanchor="left")
    d.label(1.15, -0.45, f"x<sub>t</sub> = {html.escape(token)}", xanchor="left")
    d.label(12, BOX_Y + 0.4, f"{H}<sub>t</sub> = {h:.2f}", xanchor="right")
    d.label(9.5, 4.25, say["readout"])
    d.label(12, 0.2, say["no_belt"], xanchor="right", align="right")
    return d.figure((-0.3, 12.3), (-0.9, 4.6), round(19 * font_size + 40))
