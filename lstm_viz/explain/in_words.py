"""Plain words: one sentence per gate and state with its numbers, and what the read-out says.

Every sentence the step-through, heat-map and train-live pages show about a unit or the model's
answer is built here, from the numbers of the NumPy reference.
"""

from __future__ import annotations

import numpy as np

from lstm_viz.core.spec import CellSpec, Factor
from lstm_viz.core.trace import GateStep
from lstm_viz.explain.terms import factor_value, num
from lstm_viz.tasks import PAD
from lstm_viz.words.en.explain import FACTOR_FN, FACTOR_PREV, PAD_NOTE, SENTENCES


def pct(v: float) -> str:
    return f"{v:.0%}"


def factor_words(spec: CellSpec, f: Factor) -> str:
    title = spec[f.name].title
    if f.prev:
        return FACTOR_PREV.format(title=title)
    if f.fn:
        return FACTOR_FN.format(fn=f.fn, title=title)
    return f"the {title}"


def gate_uses(spec: CellSpec, name: str, step: GateStep, unit: int) -> str:
    """What gate `name` does, from the declaration: each product it is a factor of (f in f ⊙ c_{t-1}, 1 - z in
    (1 - z) ⊙ n), with the numbers before and after; a reset gate scales what the candidate reads."""
    out = []
    for target in spec.quantities:
        if target.reset_by == name:
            out.append(SENTENCES["gate_reset"].format(target=target.title, value=num(float(step[name][unit]))))
        for term in target.sum_of:
            mine = [f for f in term if f.name == name and not f.prev]
            others = [f for f in term if f not in mine]
            if len(mine) != 1 or not others:
                continue
            share = factor_value(mine[0], step, unit)
            before = float(np.prod([factor_value(f, step, unit) for f in others]))
            words = dict(share=pct(share), other=" × ".join(factor_words(spec, f) for f in others),
                         target=target.title, before=num(before), after=num(share * before),
                         symbol=spec[name].symbol, complement=num(share))  # fmt: skip
            key = "gate_use_complement" if mine[0].one_minus else "gate_use"
            out.append(SENTENCES[key].format(**words))
    return "".join(out)


def sentences(spec: CellSpec, step: GateStep, unit: int, token: str) -> dict[str, str]:
    """One plain sentence per quantity of the cell, with its numbers, for unit k at this step (a gate's says
    what it passes on, from the cell's declaration)."""
    out = {}
    for q in spec.quantities:
        value = float(step[q.name][unit])
        words = dict(title=q.title, symbol=q.symbol, unit=unit, value=num(value), pct=pct(value), role=q.role,
                     token=repr(token))  # fmt: skip
        if q.kind == "gate":
            out[q.name] = SENTENCES["gate"].format(**words) + gate_uses(spec, q.name, step, unit)
        elif q.kind == "candidate":
            out[q.name] = SENTENCES["candidate"].format(**words)
        elif q.name in step.prev:
            before = float(step.prev[q.name][unit])
            moved = value - before
            key = "state_stays" if abs(moved) < 0.01 else "state_moves"
            out[q.name] = SENTENCES[key].format(direction="up" if moved > 0 else "down", before=num(before), **words)
        else:
            out[q.name] = SENTENCES["state_new"].format(**words)
    return out


def answer_words(task, y) -> str:
    """A right answer (class index or value) in words: a class name, or a number without trailing zeros."""
    if task.kind.output == "classification" and task.class_names:
        return task.class_names[int(y)]
    return f"{float(np.asarray(y).reshape(-1)[0]):.3f}".rstrip("0").rstrip(".")


def output_words(task, x: np.ndarray, out: np.ndarray, t: int) -> str:
    """What the model's read-out at step t says, and the right answer when the task knows it (plain text)."""
    said = task.describe_output(out)
    try:
        truth = np.asarray(task.targets(x[None])[0])
    except ValueError:
        truth = None
    T = len(x)
    if task.kind.seq2seq:
        right = "" if truth is None else f" (the answer: {answer_words(task, truth[t])})"
        return f"the model's output at t = {t}: {said}{right}"
    if t < T - 1:
        return f"the read-out at t = {t} would say {said}; only the last step's output counts for this task"
    right = "" if truth is None else f" (the answer: {answer_words(task, truth)})"
    return f"the model's answer at the last step: {said}{right}"


def step_answers(task, values, said: bool = False) -> str:
    """A sequence-to-sequence task's answers at every step in one line: the right ones (class indices or values),
    or the model's outputs (said=True; rounded where the task scores the rounded value, as counting does)."""
    values = np.asarray(values)
    if task.kind.output == "classification":
        ks = np.argmax(values, axis=-1) if said else values
        return ", ".join(task.class_names[int(k)] for k in ks)
    if said:
        values = values[..., 0]
        values = np.rint(values) if task.metric == "accuracy" else values
    return " ".join(answer_words(task, v) for v in values)


def running_words(task, x: np.ndarray, outputs: np.ndarray) -> str | None:
    """For a sequence-to-sequence task whose answers x determines (a count, a depth): the answer and the model's
    output at every step, outputs (T, K) being the read-out at every step (plain text); else None."""
    if not task.kind.seq2seq:
        return None
    try:
        truth = np.asarray(task.targets(x[None])[0])
    except ValueError:
        return None
    rounded = " (rounded)" if task.kind.output == "regression" and task.metric == "accuracy" else ""
    said = step_answers(task, outputs, said=True)
    return f"At every step, the answer: {step_answers(task, truth)}; the model{rounded}: {said}"


def padding_words(tokens: list[str]) -> str | None:
    """What the padding token is, when the sequence has one (plain text); else None."""
    return PAD_NOTE.format(pad=PAD, n=len(tokens)) if PAD in tokens else None


def prediction_rows(task, model, seq_len: int, n: int = 5, seed: int = 0) -> list[dict[str, str]]:
    """The model's answers beside the truth on n held-out sequences, by the NumPy reference (for a table); a
    sequence-to-sequence task's at every step."""
    x, y = task.held_out_batch(n, seq_len, np.random.default_rng([seed, 5]))
    pred = model.predict(x, task.kind.seq2seq)
    rows = []
    for k in range(len(x)):
        tokens = task.token_labels(x[k])
        if task.kind.seq2seq:
            answer, said = step_answers(task, y[k]), step_answers(task, pred[k], said=True)
        else:
            answer, said = answer_words(task, y[k]), task.describe_output(pred[k])
        rows.append({"sequence": " ".join(tokens), "answer": answer, "model says": said})
    return rows
