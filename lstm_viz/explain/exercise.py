"""Predict, then reveal: the truth of a step-through exercise, why it is so, and the score (NumPy only).

At step t the student predicts, for one unit, whether each asked quantity rises, falls or stays when the cell
reads the next token (t -> t+1). The truth is read off the same NumPy trace the step-through page shows:

    change = q[t+1, unit] - q[t, unit]
    move   = "stay" if |change| < threshold else "rise" if change > 0 else "fall"

with threshold = THRESHOLD = 0.05 for a gate (on its 0..1 scale), and for the memory state THRESHOLD times its
own scale on this sequence, the largest |value| this unit's memory takes there (at most 1): a memory that lives near
0.002 (the textbook counter, whose C rises by 0.0002 at every a) still rises, and one that spans ±6 uses 0.05.
The quantities asked about are the cell's gates and its memory state (C for the LSTM family, h for the GRU and the
plain RNN), from its declaration.

Why it moved is computed, as terms whose effects add up to the change:

- a weighted quantity (a gate, the plain RNN's h): its pre-activation's terms at t and at t+1 (explain.terms:
  the input part W_x x, the recurrent part W_h h_prev, a peephole, the bias); each term's effect is its change,
  and the effects add up to the pre-activation's change. The term with the largest effect moved it most.
- a carried state made of products (the LSTM's C, the GRU's h): at t+1 it is its declaration's sum of products;
  the product holding its own value at t is the kept part (f ⊙ C_t, z ⊙ h_t), the others are written (i ⊙ C̃,
  (1 - z) ⊙ n). change = (kept - before) + written: what was let go, and what was written.
- another derived quantity (the coupled gate f = 1 - i): its products at t and at t+1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from lstm_viz import words
from lstm_viz.core import cells
from lstm_viz.core.refusal import Refusal
from lstm_viz.core.spec import CellSpec, Factor
from lstm_viz.core.trace import GateStep, GateTrace
from lstm_viz.explain.terms import factor_value, num, unit_terms

THRESHOLD = 0.05  # |change| below this is "stay"
MOVES = ("rise", "fall", "stay")


@dataclass(frozen=True)
class Term:
    """One part of a quantity's change from t to t+1."""

    name: str  # weighted: "x", "h", "peep", "bias"; a state: "kept", "written"; another derived: "product"
    before: float  # its value at step t (a kept part: the state at t, all there was to keep)
    after: float  # its value at step t+1
    effect: float  # its part of the change (the effects add up to the change of `Truth.pre_*` or of the value)
    factors: tuple[tuple[Factor, float], ...] = ()  # a product's factors and their values at t+1


@dataclass(frozen=True)
class Truth:
    """What one quantity of one unit did from step t to t+1, and why."""

    name: str  # the quantity: "f", "c", "z", ...
    t: int  # the step before; the step after is t + 1
    unit: int
    before: float  # its value at t
    after: float  # its value at t + 1
    kind: str  # "weighted", "state" (kept and written parts) or "derived"
    terms: tuple[Term, ...]
    pre_before: float | None = None  # a weighted quantity's pre-activation at t
    pre_after: float | None = None  # and at t + 1
    threshold: float = THRESHOLD  # |change| below this is "stay" (see the module: scaled for the memory state)

    @property
    def change(self) -> float:
        return self.after - self.before

    @property
    def move(self) -> str:
        return move(self.before, self.after, self.threshold)

    @property
    def driver(self) -> Term:
        """The term with the largest effect: what moved it most."""
        return max(self.terms, key=lambda term: abs(term.effect))


def move(before: float, after: float, threshold: float = THRESHOLD) -> str:
    """ "rise", "fall" or "stay" (|after - before| < threshold)."""
    change = float(after) - float(before)
    if abs(change) < threshold:
        return "stay"
    return "rise" if change > 0 else "fall"


def memory_state(spec: CellSpec) -> str:
    """The state that carries the memory: C for the LSTM family, h for a cell without one (GRU, RNN)."""
    return "c" if "c" in spec.states else "h"


def threshold(spec: CellSpec, trace: GateTrace, unit: int, name: str) -> float:
    """|change| below this is "stay" for quantity `name` of `unit` on this sequence: THRESHOLD, times the memory
    state's own scale (its largest |value| on the sequence, at most 1; see the module)."""
    if name != memory_state(spec):
        return THRESHOLD
    scale = min(1.0, float(np.max(np.abs(trace[name][:, unit]))))
    return THRESHOLD * scale if scale > 0 else THRESHOLD


def asked_quantities(spec: CellSpec) -> tuple[str, ...]:
    """What an exercise can ask about for this cell: its gates, then its memory state (spec order)."""
    return (*spec.gates, memory_state(spec))


def every_quantity() -> tuple[str, ...]:
    """Every quantity an exercise can ask about, of any cell (what a link's exq= may name)."""
    names: dict[str, None] = {}
    for cell in cells.names():
        names.update(dict.fromkeys(asked_quantities(cells.spec(cell))))
    return tuple(names)


def truth(spec: CellSpec, layer: Mapping[str, np.ndarray], trace: GateTrace, t: int, unit: int, name: str) -> Truth:
    """What quantity `name` of `unit` did from step t to t+1 of one sequence's trace, and why (see the module)."""
    T, H = trace.steps, trace.hidden_size
    if trace.batched:
        raise ValueError("trace: expected one sequence's trace, got a batch")
    if not 0 <= t < T - 1:
        raise Refusal("exercise.no_next_step", t=t, last=T - 1)
    if not 0 <= unit < H:
        raise ValueError(f"unit: expected 0 to {H - 1}, got {unit}")
    if name not in asked_quantities(spec):
        raise Refusal("exercise.not_asked", name=name, cell=spec.name, asked=", ".join(asked_quantities(spec)))
    now, nxt = trace.at(t), trace.at(t + 1)
    before, after = float(trace[name][t, unit]), float(trace[name][t + 1, unit])
    q = spec[name]
    if q.weighted:
        a, b = unit_terms(spec, layer, now, unit)[name], unit_terms(spec, layer, nxt, unit)[name]
        parts = [("x", a.x_part, b.x_part), ("h", a.h_part, b.h_part)]
        parts += [("peep", a.peep, b.peep)] if q.peephole else []
        parts += [("bias", a.bias, b.bias)]
        terms = tuple(Term(n, v0, v1, v1 - v0) for n, v0, v1 in parts)
        return Truth(name, t, unit, before, after, "weighted", terms, a.pre, b.pre, threshold(spec, trace, unit, name))
    kept = [term for term in q.sum_of if any(f.name == name and f.prev for f in term)]
    terms = []
    for term in q.sum_of:
        v0, v1 = product(term, now, unit), product(term, nxt, unit)
        factors = tuple((f, factor_value(f, nxt, unit)) for f in term)
        if not kept:
            terms.append(Term("product", v0, v1, v1 - v0, factors))
        elif term in kept:
            terms.append(Term("kept", before, v1, v1 - before, factors))
        else:
            terms.append(Term("written", v0, v1, v1, factors))
    kind = "state" if kept else "derived"
    return Truth(name, t, unit, before, after, kind, tuple(terms), threshold=threshold(spec, trace, unit, name))


def product(term: tuple[Factor, ...], step: GateStep, unit: int) -> float:
    return float(np.prod([factor_value(f, step, unit) for f in term]))


def truths(spec: CellSpec, layer, trace: GateTrace, t: int, unit: int, names: Sequence[str]) -> dict[str, Truth]:
    """`truth` for each of `names`, in their order."""
    return {name: truth(spec, layer, trace, t, unit, name) for name in names}


def answer_key(spec: CellSpec, layer, trace: GateTrace, unit: int, names: Sequence[str]) -> list[dict[str, Truth]]:
    """The truths of every step of the sequence, t = 0 to T - 2 (the teacher's answers)."""
    return [truths(spec, layer, trace, t, unit, names) for t in range(trace.steps - 1)]


@dataclass(frozen=True)
class Score:
    right: int
    asked: int
    by_quantity: dict[str, tuple[int, int]]  # name -> (right, asked), in the order first asked


def score(checked: Mapping[int, Mapping[str, tuple[str, str]]]) -> Score:
    """The score of the checked steps: {t: {quantity: (prediction, truth's move)}}."""
    by: dict[str, list[int]] = {}
    for step in checked.values():
        for name, (said, true) in step.items():
            counts = by.setdefault(name, [0, 0])
            counts[0] += said == true
            counts[1] += 1
    right = sum(r for r, _ in by.values())
    asked = sum(n for _, n in by.values())
    return Score(right, asked, {name: (r, n) for name, (r, n) in by.items()})


# --- in words (the catalogue lstm_viz/words/<lang>/exercise.py) ---


def symbol(spec: CellSpec, name: str) -> str:
    return spec[name].symbol


def formula(spec: CellSpec, term: Term) -> str:
    """A product by its symbols at t+1 (a factor from step t marked ₜ), e.g. "fₜ₊₁ × Cₜ", "(1 − zₜ₊₁) × nₜ₊₁"."""
    parts = []
    for f, _ in term.factors:
        s = spec[f.name].symbol + ("ₜ" if f.prev else "ₜ₊₁")
        s = f"{f.fn}({s})" if f.fn else s
        parts.append(f"(1 − {s})" if f.one_minus else s)
    return " × ".join(parts)


def numbers(term: Term) -> str:
    """A product's factors' values, e.g. "0.950 × (-0.400)" (a lone factor without parentheses)."""
    if len(term.factors) == 1:
        return num(term.factors[0][1])
    return " × ".join(f"({num(v)})" if num(v).startswith("-") else num(v) for _, v in term.factors)


def plus(a: float, b: float) -> str:
    """ "a + b" with b's sign as the operator: "0.112 + 0.345", "-0.319 − 0.060"."""
    return f"{num(a)} {'−' if num(b).startswith('-') else '+'} {num(abs(b))}"


def move_word(move_name: str, lang: str = "en") -> str:
    return words.of(lang).exercise.MOVES[move_name]


def why_words(spec: CellSpec, tr: Truth, lang: str = "en") -> str:
    """Why the quantity moved, with the trace's numbers: the sentence the reveal shows."""
    w = words.of(lang).exercise
    if tr.kind == "weighted":
        terms = w.TERM_SEPARATOR.join(
            w.TERM_CHANGE.format(term=w.TERMS[term.name], before=num(term.before), after=num(term.after))
            for term in tr.terms
            if term.name != "bias"
        )
        bias = next(term for term in tr.terms if term.name == "bias")
        moved = tr.move != "stay" or abs(tr.driver.effect) >= THRESHOLD  # never "no term moved it" when it moved
        driver = w.DRIVER[tr.driver.name if moved else "none"]
        driver = driver.format(effect=num(tr.driver.effect, sign="+"))
        return w.WHY_WEIGHTED.format(pre_before=num(tr.pre_before), pre_after=num(tr.pre_after), terms=terms,
                                     bias=num(bias.after), driver=driver)  # fmt: skip
    if tr.kind == "state":
        kept = [term for term in tr.terms if term.name == "kept"]
        written = [term for term in tr.terms if term.name == "written"]
        kept_sum = sum(term.after for term in kept)
        written_sum = sum(term.after for term in written)
        lost = tr.before - kept_sum
        if tr.move == "stay" and max(abs(lost), abs(written_sum)) < tr.threshold:
            driver = "none"
        else:
            driver = "kept" if abs(lost) > abs(written_sum) else "written"
        return w.WHY_STATE.format(
            symbol=symbol(spec, tr.name),
            kept_formula=" + ".join(formula(spec, term) for term in kept),
            kept_numbers=" + ".join(numbers(term) for term in kept),
            kept=num(kept_sum),
            sum=plus(kept_sum, written_sum),
            before=num(tr.before),
            lost=num(lost),
            written_formula=" + ".join(formula(spec, term) for term in written),
            written_numbers=" + ".join(numbers(term) for term in written),
            written=num(written_sum),
            after=num(tr.after),
            driver=w.DRIVER_STATE[driver],
        )
    return w.WHY_DERIVED.format(
        symbol=symbol(spec, tr.name),
        formula=" + ".join(formula(spec, term) for term in tr.terms),
        after=num(tr.after),
    )


def reveal_words(spec: CellSpec, tr: Truth, said: str, lang: str = "en") -> str:
    """The reveal of one quantity: the truth, before → after with the numbers, and the prediction."""
    w = words.of(lang).exercise
    verdict = "right" if said == tr.move else "wrong"
    said_words = dict(truth=w.MOVED[tr.move], said=move_word(said, lang))
    return w.REVEAL[verdict].format(symbol=symbol(spec, tr.name), before=num(tr.before), after=num(tr.after),
                                    change=num(tr.change, sign="+"), **said_words)  # fmt: skip


def answer_rows(spec: CellSpec, key: Sequence[Mapping[str, Truth]], tokens: Sequence[str], lang: str = "en"):
    """The teacher's table: one row per step t -> t+1 (the token read at t+1), each quantity's before → after
    and its move."""
    w = words.of(lang).exercise
    rows = []
    for t, step in enumerate(key):
        row = {w.ANSWER_COLUMNS["t"]: f"{t} → {t + 1}", w.ANSWER_COLUMNS["token"]: str(tokens[t + 1])}
        for name, tr in step.items():
            s = symbol(spec, name)
            row[w.ANSWER_COLUMNS["values"].format(symbol=s)] = f"{num(tr.before)} → {num(tr.after)}"
            row[w.ANSWER_COLUMNS["move"].format(symbol=s)] = move_word(tr.move, lang)
        rows.append(row)
    return rows
