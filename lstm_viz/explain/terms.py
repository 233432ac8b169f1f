"""One unit at one step, taken apart: the terms of every equation of any cell, and the equations in LaTeX.

    terms = explain.unit_terms(spec, layer, trace.at(t), k)      # layer: the layer's blocks (W_x, W_h, b, ...)
    terms["f"].x_part + terms["f"].h_part + terms["f"].peep + terms["f"].bias == terms["f"].pre

For every weighted quantity of the cell (its own rows of W_x, W_h, b) the x and h contributions are
the two dot products of the separated form, W_x[row, k] · x_t and W_h[row, k] · h_{t-1} (a GRU's
candidate: r ⊙ (W_hn[k] · h_{t-1} + b_hn[k])); a peephole adds w_c ⊙ c. Their sum with the bias is
the pre-activation the NumPy cell recorded (a test checks it to 1e-12 for every cell). A derived
quantity (C, h, a coupled gate) is written from its declaration (`sum_of`) with the numbers in it.

The LaTeX lines take the colours as an argument (`colours`, quantity -> CSS colour; the pages pass
`viz.theme.COLOURS`): explain sits below viz, and the colours live there. Without them every
coloured part is a plain LaTeX group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from lstm_viz import words
from lstm_viz.core.activations import ACTIVATIONS
from lstm_viz.core.spec import CellSpec, Factor
from lstm_viz.core.trace import GateStep


@dataclass(frozen=True)
class GateTerms:
    gate: str
    x_part: float  # W_x[row, k] · x_t
    h_part: float  # W_h[row, k] · h_{t-1}; a GRU's candidate: r ⊙ (W_hn[k] · h_{t-1} + b_hn[k])
    bias: float  # b[row, k]
    pre: float  # the pre-activation, as the NumPy cell recorded it
    value: float  # the activation of pre
    activation: str = "sigmoid"
    peep: float = 0.0  # a peephole's w_c[k] ⊙ c
    h_dot: float = 0.0  # W_h[row, k] · h_{t-1} alone (a GRU's candidate: before r multiplies it)
    reset: float | None = None  # a GRU's candidate: r[k]
    recurrent_bias: float = 0.0  # a GRU's candidate: b_hn[k]
    peephole: str = ""  # "prev" (w ⊙ c_{t-1}) or "now" (w ⊙ c_t) when the quantity has a peephole


def unit_terms(spec: CellSpec, layer: Mapping[str, np.ndarray], step: GateStep, unit: int) -> dict[str, GateTerms]:
    """Every weighted quantity's terms for unit k at one step of an unbatched trace, in spec.weighted order."""
    if step.x.ndim != 1:
        raise ValueError("step: expected one sequence's step (x of shape (D,)), got a batch")
    H = layer["W_h"].shape[1]
    if not 0 <= unit < H:
        raise ValueError(f"unit: expected 0 to {H - 1}, got {unit}")
    out = {}
    for row, name in enumerate(spec.weighted):
        q = spec[name]
        x_part = float(layer["W_x"][row, unit] @ step.x)
        h_dot = float(layer["W_h"][row, unit] @ step.prev["h"])
        h_part, reset, rbias = h_dot, None, 0.0
        if q.reset_by:
            reset = float(step[q.reset_by][unit])
            rbias = float(layer[q.recurrent_bias][unit])
            h_part = reset * (h_dot + rbias)
        peep = 0.0
        if q.peephole:
            c = step.prev["c"] if q.peephole == "prev" else step["c"]
            peep = float(layer["w_c"][q.peephole_row, unit] * c[unit])
        out[name] = GateTerms(name, x_part, h_part, float(layer["b"][row, unit]), float(step.pre[row, unit]),
                              float(step[name][unit]), q.activation, peep, h_dot, reset, rbias, q.peephole)  # fmt: skip
    return out


def products(spec: CellSpec, layer, step: GateStep, unit: int, gate: str, x_labels: list[str],
             lang: str = "en") -> list[dict]:  # fmt: skip
    """Every product in W[gate, k] · [h_{t-1}, x_t]: one row per input, h first (the concatenated order); the
    columns (input, value, weight, product) are named in `lang`."""
    w = words.of(lang).explain
    col = w.PRODUCT_COLUMNS
    row = spec.weighted.index(gate)
    inputs = [
        (w.PRODUCT_H.format(j=j), v, wt) for j, (v, wt) in enumerate(zip(step.prev["h"], layer["W_h"][row, unit]))
    ]
    inputs += [
        (w.PRODUCT_X.format(j=j, label=label), v, wt)
        for j, (v, wt, label) in enumerate(zip(step.x, layer["W_x"][row, unit], x_labels))
    ]
    return [
        {col["input"]: name, col["value"]: float(v), col["weight"]: float(wt), col["product"]: float(v * wt)}
        for name, v, wt in inputs
    ]


def num(v: float, places: int = 3, sign: str = "") -> str:
    """A number as the pages write it: `places` decimals (never -0.000; `sign` "+" writes +), or, too small for
    them and not 0, two significant digits (the textbook counter's step, 0.0002, is not 0.000)."""
    v = float(v)
    if v != 0 and abs(v) < 0.5 * 10**-places:
        return f"{v:{sign}.1e}"
    text = f"{v:{sign}.{places}f}"
    return text if float(text) != 0 else f"{0.0:{sign}.{places}f}"


def factor(v: float) -> str:
    """A number as a factor in a product: negative ones in parentheses."""
    return num(v) if v >= 0 else rf"({num(v)})"


def signed(v: float) -> str:
    return f"+ {num(v)}" if v >= 0 else f"- {num(-v)}"


def coloured(gate: str, body: str, colours: Mapping[str, str] | None = None) -> str:
    """`body` as one LaTeX group, in the gate's colour when `colours` (gate -> CSS colour) is given."""
    if colours is None:
        return rf"{{{body}}}"
    return rf"\color{{{colours[gate]}}}{{{body}}}"


def act_latex(activation: str) -> str:
    return ACTIVATIONS[activation].latex


def wrap(activation: str, body: str) -> str:
    """`body` inside an activation; linear (the identity) leaves it bare."""
    latex = act_latex(activation)
    return rf"{latex}\big({body}\big)" if latex else rf"\big({body}\big)"


def applied(activation: str, pre: float) -> str:
    """ " = σ(pre)", the activation of the summed pre-activation; "" for linear (the value is the sum itself)."""
    latex = act_latex(activation)
    return rf" = {latex}({num(pre)})" if latex else ""


def peephole_latex(t: GateTerms) -> str:
    """The peephole's term, w_c ⊙ c_{t-1} (into i, f) or w_c ⊙ c_t (into o), with its number; "" without one."""
    if not t.peephole:
        return ""
    c = "c_{t-1}" if t.peephole == "prev" else "c_t"
    return rf" \underbrace{{{signed(t.peep)}}}_{{w_{{c{t.gate}}} \odot {c}}}"


def latex_separated(t: GateTerms, unit: int, colours: Mapping[str, str] | None = None) -> str:
    """i_t[k] = σ(W_xi x_t + W_hi h_{t-1} + b_i) with the numbers: one line (a GRU's candidate with r, a peephole)."""
    g = t.gate
    lhs = coloured(g, rf"{g}_{{t}}[{unit}]", colours)
    value = coloured(g, num(t.value), colours)
    if t.reset is not None:
        recurrent = (rf"\underbrace{{+ {factor(t.reset)} \times ({num(t.h_dot)} {signed(t.recurrent_bias)})}}"
                     rf"_{{r_t \odot (W_{{h{g}}} h_{{t-1}} + b_{{h{g}}})}}")  # fmt: skip
        bias = rf"\underbrace{{{signed(t.bias)}}}_{{b_{{x{g}}}}}"
    else:
        recurrent = rf"\underbrace{{{signed(t.h_part)}}}_{{W_{{h{g}}} h_{{t-1}}}}"
        bias = rf"\underbrace{{{signed(t.bias)}}}_{{b_{g}}}"
    peep = peephole_latex(t)
    terms = rf"\underbrace{{{num(t.x_part)}}}_{{W_{{x{g}}} x_t}} {recurrent}{peep} {bias}"
    return rf"{lhs} = {wrap(t.activation, terms)}{applied(t.activation, t.pre)} = {value}"


def latex_concatenated(t: GateTerms, unit: int, colours: Mapping[str, str] | None = None) -> str:
    """i_t[k] = σ(W_i · [h_{t-1}, x_t] + b_i) with the numbers: one line. A GRU's candidate has no such form
    (r multiplies only the h part): it is written as in the separated form."""
    if t.reset is not None:
        return latex_separated(t, unit, colours)
    g = t.gate
    lhs = coloured(g, rf"{g}_{{t}}[{unit}]", colours)
    value = coloured(g, num(t.value), colours)
    dot = t.x_part + t.h_part
    peep = peephole_latex(t)
    body = (
        rf"\underbrace{{{num(dot)}}}_{{W_{g} \cdot [h_{{t-1}},\, x_t]}}{peep} \underbrace{{{signed(t.bias)}}}_{{b_{g}}}"
    )
    return rf"{lhs} = {wrap(t.activation, body)}{applied(t.activation, t.pre)} = {value}"


def factor_value(f: Factor, step: GateStep, unit: int) -> float:
    v = float((step.prev[f.name] if f.prev else step[f.name])[unit])
    if f.fn:
        v = float(ACTIVATIONS[f.fn].fn(np.array(v)))
    return 1.0 - v if f.one_minus else v


def latex_derived(spec: CellSpec, name: str, step: GateStep, unit: int,
                  colours: Mapping[str, str] | None = None) -> str:  # fmt: skip
    """A derived quantity from its declaration (sum_of) with the numbers in it, each under its symbol, e.g.
    c_t[k] = f_t × c_{t-1} + i_t × g_t = 0.905 × 1.200 + 0.300 × (−0.500) = 1.086 − 0.150 = 0.936."""
    q = spec[name]
    k = unit

    def shown(f: Factor) -> str:
        v = float((step.prev[f.name] if f.prev else step[f.name])[k])
        symbol = f"{spec[f.name].latex}_{{t-1}}" if f.prev else f"{spec[f.name].latex}_t"
        body = rf"\underbrace{{{factor(v)}}}_{{{symbol}}}"
        body = coloured(f.name, body, colours) if not f.prev else body
        if f.fn:
            body = rf"{act_latex(f.fn)}({body})"
        return rf"(1 - {body})" if f.one_minus else body

    products = [r" \times ".join(shown(f) for f in term) for term in q.sum_of]
    values = [float(np.prod([factor_value(f, step, k) for f in term])) for term in q.sum_of]
    lhs = coloured(name, rf"{q.latex}_{{t}}[{k}]", colours)
    final = num(float(step[name][k]))
    value = coloured(name, final, colours)
    steps = [" + ".join(products)]
    if len(values) == 1 and any(f.fn or f.one_minus for f in q.sum_of[0]):  # the factors worked out: tanh(c)
        steps.append(" + ".join(r" \times ".join(factor(factor_value(f, step, k)) for f in term) for term in q.sum_of))
    if len(values) > 1:  # the products' values, then their sum
        steps.append(num(values[0]) + "".join(f" {signed(v)}" for v in values[1:]))
    steps = [part for part in steps if part != final]
    return rf"{lhs} = " + " = ".join(steps) + rf" = {value}"


def equation_lines(spec: CellSpec, layer, step: GateStep, unit: int, form: str = "separated",
                   colours: Mapping[str, str] | None = None) -> list[tuple[str, str]]:  # fmt: skip
    """(name, LaTeX with numbers) for every quantity of the cell at this step and unit, in spec order."""
    terms = unit_terms(spec, layer, step, unit)
    line = latex_separated if form == "separated" else latex_concatenated
    return [
        (q.name, line(terms[q.name], unit, colours) if q.weighted else latex_derived(spec, q.name, step, unit, colours))
        for q in spec.quantities
    ]
