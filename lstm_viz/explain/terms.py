"""One unit at one step, taken apart: the terms of every equation, and the equations in LaTeX.

    terms = explain.unit_terms(params, trace.at(t), k)
    terms["f"].x_part + terms["f"].h_part + terms["f"].bias == terms["f"].pre == trace.z[t, 1, k]

The x and h contributions are the two dot products of the separated form,
W_x[gate, k] · x_t and W_h[gate, k] · h_{t-1}; their sum with the bias is the pre-activation
the NumPy reference recorded (a test checks it to 1e-12). The concatenated form
W[gate, k] · [h_{t-1}, x_t] is the same sum over one longer vector.

The LaTeX lines take the gate colours as an argument (`colours`, gate -> CSS colour; the pages pass
`viz.theme.COLOURS`): explain sits below viz, and the colours live there. Without them every
coloured part is a plain LaTeX group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from lstm_viz.core.params import GATES, LSTMParams
from lstm_viz.core.trace import GateStep

ACTIVATION = {"i": r"\sigma", "f": r"\sigma", "g": r"\tanh", "o": r"\sigma"}


@dataclass(frozen=True)
class GateTerms:
    gate: str
    x_part: float  # W_x[gate, k] · x_t
    h_part: float  # W_h[gate, k] · h_{t-1}
    bias: float  # b[gate, k]
    pre: float  # the pre-activation z, as the reference recorded it
    value: float  # the activation: sigma(z), or tanh(z) for g


@dataclass(frozen=True)
class StateTerms:
    f: float
    c_prev: float
    i: float
    g: float
    c: float
    o: float
    tanh_c: float
    h: float


def unit_terms(params: LSTMParams, step: GateStep, unit: int) -> dict[str, GateTerms]:
    """The four gates' terms for unit k at one step of an unbatched trace."""
    if step.x.ndim != 1:
        raise ValueError("step: expected one sequence's step (x of shape (D,)), got a batch")
    if not 0 <= unit < params.hidden_size:
        raise ValueError(f"unit: expected 0 to {params.hidden_size - 1}, got {unit}")
    out = {}
    for n, gate in enumerate(GATES):
        x_part = float(params.W_x[n, unit] @ step.x)
        h_part = float(params.W_h[n, unit] @ step.h_prev)
        value = float(getattr(step, gate)[unit])
        out[gate] = GateTerms(gate, x_part, h_part, float(params.b[n, unit]), float(step.z[n, unit]), value)
    return out


def state_terms(step: GateStep, unit: int) -> StateTerms:
    k = unit
    return StateTerms(
        f=float(step.f[k]),
        c_prev=float(step.c_prev[k]),
        i=float(step.i[k]),
        g=float(step.g[k]),
        c=float(step.c[k]),
        o=float(step.o[k]),
        tanh_c=float(np.tanh(step.c[k])),
        h=float(step.h[k]),
    )


def products(params: LSTMParams, step: GateStep, unit: int, gate: str, x_labels: list[str]) -> list[dict]:
    """Every product in W[gate, k] · [h_{t-1}, x_t]: one row per input, h first (the concatenated order)."""
    n = GATES.index(gate)
    rows = [
        {"input": f"h_prev[{j}]", "value": float(v), "weight": float(w), "product": float(v * w)}
        for j, (v, w) in enumerate(zip(step.h_prev, params.W_h[n, unit]))
    ]
    rows += [
        {"input": f"x[{j}] ({label})", "value": float(v), "weight": float(w), "product": float(v * w)}
        for j, (v, w, label) in enumerate(zip(step.x, params.W_x[n, unit], x_labels))
    ]
    return rows


# --- LaTeX: one equation, one line; numbers with 3 decimals, signs made explicit ---


def num(v: float) -> str:
    return f"{v:.3f}".replace("-0.000", "0.000")


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


def latex_separated(t: GateTerms, unit: int, colours: Mapping[str, str] | None = None) -> str:
    """i_t[k] = σ(W_xi x_t + W_hi h_{t-1} + b_i) with the numbers: one line."""
    g = t.gate
    lhs = coloured(g, rf"{g}_{{t}}[{unit}]", colours)
    value = coloured(g, num(t.value), colours)
    terms = (
        rf"\underbrace{{{num(t.x_part)}}}_{{W_{{x{g}}} x_t}} "
        rf"\underbrace{{{signed(t.h_part)}}}_{{W_{{h{g}}} h_{{t-1}}}} "
        rf"\underbrace{{{signed(t.bias)}}}_{{b_{g}}}"
    )
    return rf"{lhs} = {ACTIVATION[g]}\big({terms}\big) = {ACTIVATION[g]}({num(t.pre)}) = {value}"


def latex_concatenated(t: GateTerms, unit: int, colours: Mapping[str, str] | None = None) -> str:
    """i_t[k] = σ(W_i · [h_{t-1}, x_t] + b_i) with the numbers: one line."""
    g = t.gate
    lhs = coloured(g, rf"{g}_{{t}}[{unit}]", colours)
    value = coloured(g, num(t.value), colours)
    dot = t.x_part + t.h_part
    return (
        rf"{lhs} = {ACTIVATION[g]}\big(\underbrace{{{num(dot)}}}_{{W_{g} \cdot [h_{{t-1}},\, x_t]}} "
        rf"\underbrace{{{signed(t.bias)}}}_{{b_{g}}}\big) = {ACTIVATION[g]}({num(t.pre)}) = {value}"
    )


def latex_cell(s: StateTerms, unit: int, colours: Mapping[str, str] | None = None) -> str:
    k = unit

    def col(gate: str, body: str) -> str:
        return coloured(gate, body, colours)

    return (
        rf"{col('c', f'c_{{t}}[{k}]')} = {col('f', num(s.f))} \times {factor(s.c_prev)} "
        rf"+ {col('i', num(s.i))} \times {col('g', factor(s.g))} "
        rf"= {num(s.f * s.c_prev)} {signed(s.i * s.g)} = {col('c', num(s.c))}"
    )


def latex_hidden(s: StateTerms, unit: int, colours: Mapping[str, str] | None = None) -> str:
    k = unit

    def col(gate: str, body: str) -> str:
        return coloured(gate, body, colours)

    return (
        rf"{col('h', f'h_{{t}}[{k}]')} = {col('o', num(s.o))} \times \tanh({col('c', num(s.c))}) "
        rf"= {num(s.o)} \times {factor(s.tanh_c)} = {col('h', num(s.h))}"
    )
