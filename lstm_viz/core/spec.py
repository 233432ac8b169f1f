"""A cell is data: one `CellSpec` per cell says everything that differs between cells.

    spec = cells.spec("gru")            # or cells.spec("lstm", activation="relu")
    spec.quantities                     # what a trace records, in display order: r, z, n, h
    spec.weighted                       # the rows of the gate axis of W_x, W_h, b: ("r", "z", "n")
    spec.states                         # what is carried from step to step: ("h",) or ("h", "c")
    spec.blocks                         # the parameter blocks and their shapes
    spec.equations()                    # one LaTeX line per quantity

A quantity is a gate (a value in 0..1 that multiplies), a candidate, or a state. It is either
*weighted* (its own rows of W_x, W_h and b: q_t = act(W_xq x_t + W_hq h_{t-1} + b_q)) or
*derived*: a sum of products of other quantities, written as data (`sum_of`), so that the views
can put the numbers into the equation without knowing the cell. The cell's own module holds the
NumPy forward and backward that compute the same thing one equation a line; a test checks that
evaluating `sum_of` on a trace gives back the trace's values for every cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lstm_viz.core import activations


@dataclass(frozen=True)
class Factor:
    """One factor of a product: a quantity (at t, or at t-1), maybe through an activation, maybe 1 - it."""

    name: str
    prev: bool = False  # its value at t-1 (c_{t-1}, h_{t-1})
    fn: str = ""  # an activation applied to it, e.g. "tanh" in o ⊙ tanh(c)
    one_minus: bool = False  # 1 - value (the GRU's 1 - z, the coupled gate's 1 - i)


@dataclass(frozen=True)
class Quantity:
    name: str  # the key in traces and params: "i", "g", "c", "z", ...
    symbol: str  # as shown in plain text: "i", "C̃", "C", "h"
    latex: str  # its LaTeX symbol without the time index: "i", "g", "c", "n"
    title: str  # "input gate"
    role: str  # one plain line: what it does
    kind: str  # "gate" (0..1, multiplies), "candidate" or "state"
    range: tuple[float, float] | None  # the values it can take; None: unbounded
    activation: str = ""  # for a weighted quantity: its activation
    weighted: bool = False  # has its own rows of W_x, W_h, b
    carried: bool = False  # a recurrent state: it has an initial value and feeds the next step
    sum_of: tuple[tuple[Factor, ...], ...] = ()  # a derived quantity: a sum of products
    reset_by: str = ""  # GRU's n: its recurrent part is r ⊙ (W_hn h_{t-1} + b_hn)
    recurrent_bias: str = ""  # the block holding that recurrent bias ("b_hn")
    peephole: str = ""  # "prev" (w ⊙ c_{t-1}) or "now" (w ⊙ c_t): a peephole from c
    peephole_row: int = -1  # its row in the block "w_c"
    self_recurrent: str = ""  # the block of a full matrix from its own value at t-1 (the misread cell's W_cc c_{t-1})


@dataclass(frozen=True)
class Block:
    """A parameter block of one layer. Shape letters: G rows of the gate axis, H hidden, D input size."""

    name: str
    shape: tuple[str | int, ...]
    title: str
    init: str = "uniform"  # "uniform": U(-1/√H, 1/√H); "uniform2": the sum of two (torch's bias_ih + bias_hh)


@dataclass(frozen=True)
class CellSpec:
    name: str  # "lstm", "gru", "rnn", "lstm_nfg", ...
    family: str  # "lstm", "gru", "rnn" (or "misread": the Why gates page's tutorial cell)
    title: str  # "LSTM", "GRU", "LSTM without a forget gate (NFG)"
    role: str  # one plain line
    quantities: tuple[Quantity, ...]
    blocks: tuple[Block, ...]
    options: tuple[tuple[str, str], ...] = ()  # activation options: (("activation", "tanh"), ...)
    torch_class: str = ""  # "LSTM", "GRU", "RNN" when torch has this cell, else ""
    # The cell's own NumPy code, and its weight layouts (see the cell's module):
    forward: Callable = field(default=None, compare=False, repr=False)
    backward: Callable = field(default=None, compare=False, repr=False)
    to_torch: Callable = field(default=None, compare=False, repr=False)  # layer -> torch tensors
    from_torch: Callable = field(default=None, compare=False, repr=False)  # torch tensors -> layer
    to_keras: Callable = field(default=None, compare=False, repr=False)
    from_keras: Callable = field(default=None, compare=False, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(q.name for q in self.quantities)

    @property
    def weighted(self) -> tuple[str, ...]:
        """The rows of the gate axis, in the order of W_x, W_h and b."""
        return tuple(q.name for q in self.quantities if q.weighted)

    @property
    def gates(self) -> tuple[str, ...]:
        return tuple(q.name for q in self.quantities if q.kind == "gate")

    @property
    def states(self) -> tuple[str, ...]:
        """What is carried from step to step, h first (torch's order: h, then c)."""
        carried = [q.name for q in self.quantities if q.carried]
        return tuple(sorted(carried, key=lambda n: n != "h"))

    def option(self, name: str) -> str:
        return dict(self.options)[name]

    def __getitem__(self, name: str) -> Quantity:
        for q in self.quantities:
            if q.name == name:
                return q
        raise KeyError(f"cell {self.name} has no quantity {name!r}; it has {', '.join(self.names)}")

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def shapes(self, input_size: int, hidden_size: int) -> dict[str, tuple[int, ...]]:
        sizes = {"G": len(self.weighted), "H": hidden_size, "D": input_size}
        return {b.name: tuple(sizes[n] if isinstance(n, str) else n for n in b.shape) for b in self.blocks}

    @property
    def key(self) -> str:
        """The cell and its options in one string, e.g. "lstm" or "lstm(activation=relu)"."""
        defaults = dict(DEFAULT_OPTIONS.get(self.family, ()))
        changed = [f"{k}={v}" for k, v in self.options if defaults.get(k) != v]
        return self.name + (f"({', '.join(changed)})" if changed else "")

    # --- the equations, written from the data ---

    def equation(self, name: str) -> str:
        """The LaTeX of one quantity's equation, e.g. i_t = \\sigma(W_{xi} x_t + W_{hi} h_{t-1} + b_i)."""
        q = self[name]
        lhs = f"{q.latex}_t"
        if q.weighted:
            return f"{lhs} = {apply(q.activation, weighted_sum(q))}"
        return f"{lhs} = " + " + ".join(product_latex(term) for term in q.sum_of)

    def equations(self) -> list[tuple[str, str]]:
        """(name, LaTeX) for every quantity, in display order... but states after what they are made of."""
        return [(q.name, self.equation(q.name)) for q in self.quantities]


def as_computed(name: str, t: int, value):
    """The `fix` of an unclamped forward (a cell module's forward(..., fix)): every value as the equations give it."""
    return value


DEFAULT_OPTIONS = {
    "lstm": (("activation", "tanh"), ("recurrent_activation", "sigmoid")),
    "gru": (("activation", "tanh"), ("recurrent_activation", "sigmoid")),
    "rnn": (("activation", "tanh"),),
}


def weighted_sum(q: Quantity) -> str:
    n = q.name
    recurrent = rf"W_{{h{n}}} h_{{t-1}}"
    if q.reset_by:
        recurrent = rf"{q.reset_by}_t \odot (W_{{h{n}}} h_{{t-1}} + b_{{h{n}}})"
        return rf"W_{{x{n}}} x_t + b_{{x{n}}} + {recurrent}"
    peep = ""
    if q.self_recurrent:
        peep = rf" + W_{{{n}{n}}} {n}_{{t-1}}"
    if q.peephole:
        peep = rf" + w_{{c{n}}} \odot c_{{t-1}}" if q.peephole == "prev" else rf" + w_{{c{n}}} \odot c_t"
    return rf"W_{{x{n}}} x_t + {recurrent}{peep} + b_{n}"


def apply(activation: str, body: str) -> str:
    """`body` inside an activation; the identity (linear) is written as the bare sum."""
    latex = activations.ACTIVATIONS[activation].latex
    return rf"{latex}({body})" if latex else body


def factor_latex(f: Factor) -> str:
    sym = f"{f.name}_{{t-1}}" if f.prev else f"{f.name}_t"
    if f.fn:
        sym = apply(f.fn, sym)
    return f"(1 - {sym})" if f.one_minus else sym


def product_latex(term: tuple[Factor, ...]) -> str:
    return r" \odot ".join(factor_latex(f) for f in term)
