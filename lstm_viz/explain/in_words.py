"""Plain words: one sentence per gate and state with its numbers, and what the read-out says.

Every sentence the step-through, heat-map and train-live pages show about a unit or the model's
answer is built here, from the numbers of the NumPy reference, with the templates of the catalogue of `lang`
(lstm_viz/words/*/explain.py; a quantity's and an answer's names from the cells' and tasks' words).
"""

from __future__ import annotations

import numpy as np

from lstm_viz import words
from lstm_viz.core.spec import CellSpec, Factor
from lstm_viz.core.trace import GateStep
from lstm_viz.explain.terms import factor_value, num
from lstm_viz.tasks import PAD


def pct(v: float) -> str:
    return f"{v:.0%}"


def quantity_title(spec: CellSpec, name: str, lang: str = "en") -> str:
    """A quantity's title in `lang` (its declaration's in English)."""
    q = spec[name]
    return words.quantity_words(lang, spec.name, name, q.title, q.role)[0]


def factor_words(spec: CellSpec, f: Factor, lang: str = "en") -> str:
    w = words.of(lang).explain
    title = quantity_title(spec, f.name, lang)
    if f.prev:
        return w.FACTOR_PREV.format(title=title)
    if f.fn:
        return w.FACTOR_FN.format(fn=f.fn, title=title)
    return w.FACTOR.format(title=title)


def gate_uses(spec: CellSpec, name: str, step: GateStep, unit: int, lang: str = "en") -> str:
    """What gate `name` does, from the declaration: each product it is a factor of (f in f ⊙ c_{t-1}, 1 - z in
    (1 - z) ⊙ n), with the numbers before and after; a reset gate scales what the candidate reads."""
    w = words.of(lang).explain
    out = []
    for target in spec.quantities:
        title = quantity_title(spec, target.name, lang)
        if target.reset_by == name:
            out.append(w.SENTENCES["gate_reset"].format(target=title, value=num(float(step[name][unit]))))
        for term in target.sum_of:
            mine = [f for f in term if f.name == name and not f.prev]
            others = [f for f in term if f not in mine]
            if len(mine) != 1 or not others:
                continue
            share = factor_value(mine[0], step, unit)
            before = float(np.prod([factor_value(f, step, unit) for f in others]))
            said = dict(share=pct(share), other=w.FACTOR_JOIN.join(factor_words(spec, f, lang) for f in others),
                        target=title, before=num(before), after=num(share * before), symbol=spec[name].symbol,
                        complement=num(share))  # fmt: skip
            key = "gate_use_complement" if mine[0].one_minus else "gate_use"
            out.append(w.SENTENCES[key].format(**said))
    return "".join(out)


def sentences(spec: CellSpec, step: GateStep, unit: int, token: str, lang: str = "en") -> dict[str, str]:
    """One plain sentence per quantity of the cell, with its numbers, for unit k at this step (a gate's says
    what it passes on, from the cell's declaration)."""
    w = words.of(lang).explain
    out = {}
    for q in spec.quantities:
        value = float(step[q.name][unit])
        title, role = words.quantity_words(lang, spec.name, q.name, q.title, q.role)
        said = dict(title=title, symbol=q.symbol, unit=unit, value=num(value), pct=pct(value), role=role,
                    token=token)  # fmt: skip
        if q.kind == "gate":
            out[q.name] = w.SENTENCES["gate"].format(**said) + gate_uses(spec, q.name, step, unit, lang)
        elif q.kind == "candidate":
            out[q.name] = w.SENTENCES["candidate"].format(**said)
        elif q.name in step.prev:
            before = float(step.prev[q.name][unit])
            moved = value - before
            key = "state_stays" if abs(moved) < 0.01 else "state_moves"
            direction = w.DIRECTIONS["up" if moved > 0 else "down"]
            out[q.name] = w.SENTENCES[key].format(direction=direction, before=num(before), **said)
        else:
            out[q.name] = w.SENTENCES["state_new"].format(**said)
    return out


def answer_words(task, y, lang: str = "en") -> str:
    """A right answer (class index or value) in words: a class name, or a number without trailing zeros."""
    if task.kind.output == "classification" and task.class_names:
        return words.task_words(lang, task.name)["classes"][int(y)]
    said = f"{float(np.asarray(y).reshape(-1)[0]):.3f}".rstrip("0").rstrip(".")
    return "0" if said == "-0" else said  # a rounded -0.0001 is 0


def output_words(task, x: np.ndarray, out: np.ndarray, t: int, lang: str = "en") -> str:
    """What the model's read-out at step t says, and the right answer when the task knows it (plain text)."""
    w = words.of(lang).explain
    said = task.describe_output(out, lang)
    try:
        truth = np.asarray(task.targets(x[None])[0])
    except ValueError:
        truth = None
    T = len(x)
    if task.kind.seq2seq:
        right = "" if truth is None else w.RIGHT.format(answer=answer_words(task, truth[t], lang))
        return w.OUTPUT["seq2seq"].format(t=t, said=said, right=right)
    if t < T - 1:
        return w.OUTPUT["before_last"].format(t=t, said=said)
    right = "" if truth is None else w.RIGHT.format(answer=answer_words(task, truth, lang))
    return w.OUTPUT["last"].format(said=said, right=right)


def step_answers(task, values, said: bool = False, lang: str = "en") -> str:
    """A sequence-to-sequence task's answers at every step in one line: the right ones (class indices or values),
    or the model's outputs (said=True; rounded where the task scores the rounded value, as counting does)."""
    values = np.asarray(values)
    if task.kind.output == "classification":
        ks = np.argmax(values, axis=-1) if said else values
        names = words.task_words(lang, task.name)["classes"]
        return words.of(lang).explain.CLASS_JOIN.join(names[int(k)] for k in ks)
    if said:
        values = values[..., 0]
        values = np.rint(values) if task.metric == "accuracy" else values
    return " ".join(answer_words(task, v, lang) for v in values)


def running_words(task, x: np.ndarray, outputs: np.ndarray, lang: str = "en") -> str | None:
    """For a sequence-to-sequence task whose answers x determines (a count, a depth): the answer and the model's
    output at every step, outputs (T, K) being the read-out at every step (plain text); else None."""
    if not task.kind.seq2seq:
        return None
    try:
        truth = np.asarray(task.targets(x[None])[0])
    except ValueError:
        return None
    w = words.of(lang).explain
    rounded = w.ROUNDED if task.kind.output == "regression" and task.metric == "accuracy" else ""
    said = step_answers(task, outputs, said=True, lang=lang)
    return w.RUNNING.format(truth=step_answers(task, truth, lang=lang), rounded=rounded, said=said)


def padding_words(tokens: list[str], lang: str = "en") -> str | None:
    """What the padding token is, when the sequence has one (plain text); else None."""
    return words.of(lang).explain.PAD_NOTE.format(pad=PAD, n=len(tokens)) if PAD in tokens else None


def prediction_rows(task, model, seq_len: int, n: int = 5, seed: int = 0, lang: str = "en") -> list[dict[str, str]]:
    """The model's answers beside the truth on n held-out sequences, by the NumPy reference (for a table, its
    columns named in `lang`); a sequence-to-sequence task's at every step."""
    x, y = task.held_out_batch(n, seq_len, np.random.default_rng([seed, 5]))
    pred = model.predict(x, task.kind.seq2seq)
    column = words.of(lang).explain.PREDICTION_COLUMNS
    rows = []
    for k in range(len(x)):
        tokens = task.token_labels(x[k])
        if task.kind.seq2seq:
            answer, said = step_answers(task, y[k], lang=lang), step_answers(task, pred[k], said=True, lang=lang)
        else:
            answer, said = answer_words(task, y[k], lang), task.describe_output(pred[k], lang)
        rows.append({column["sequence"]: " ".join(tokens), column["answer"]: answer, column["said"]: said})
    return rows
