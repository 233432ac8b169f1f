"""The lesson of the textbook model (lstm_viz.core.textbook): what was designed against what gradient descent found
in the pre-trained preset on the same task, every number computed from the two models.

    designed(task, textbook)          the hand-set mechanism, read off the model's weights and its trace on fresh
                                      samples of MAX_CUSTOM_LEN steps (the gates at t = 0 and after, what C keeps,
                                      the read-out's logits or count)
    found(task, preset, textbook)     lstm_viz.explain.behaviour's finding on the preset (the same samples as the
                                      heat-map note), and how many units carry the answer in each model
    accuracy(task, model, lengths)    the task's metric on fresh samples of each length
    lesson(task, textbook, preset, lengths, lang)   all of it in words (lstm_viz.words.<lang>.textbook), the design
                                      as equations with the model's weights, and an accuracy table by length

NumPy only; the models are passed in (the app's preset is loaded by lstm_viz.ui).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lstm_viz import words
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.textbook import F, G, I, O
from lstm_viz.explain.analysis import memory_state
from lstm_viz.explain.behaviour import FOLLOWS, N_SAMPLES, SEPARATES, memory_finding, read_off, signal_finding
from lstm_viz.explain.behaviour_words import _no_signed_zero
from lstm_viz.tasks.base import MAX_CUSTOM_LEN

LENGTHS = (15, 50, 100, MAX_CUSTOM_LEN)  # the lesson's accuracy table
N_DESIGNED = 64  # samples of MAX_CUSTOM_LEN steps the design's numbers are read off


@dataclass(frozen=True)
class Lesson:
    """The lesson in one language: markdown paragraphs, LaTeX lines, a table (column title -> values, by length),
    and every number it says (`numbers`: "designed", "found" and "accuracy", by the templates' names)."""

    title: str
    intro: str
    equations_title: str
    equations: tuple[str, ...]
    designed: str
    found: str
    table_title: str
    table: dict[str, list]
    contrast: str
    numbers: dict[str, dict]


def _weights(model: TrainedModel) -> dict[str, np.ndarray]:
    return model.params.layers[0]  # W_x (4, H, D), W_h (4, H, H), b (4, H); gate order i, f, g, o


def _upper_power_of_ten(v: float) -> float:
    """The smallest power of ten above |v| (a bound to say: "less than 1e-11")."""
    return 10.0 ** math.floor(math.log10(abs(v)) + 1) if v else 0.0


def designed(task, textbook: TrainedModel, n: int = N_DESIGNED, seed: int = 0) -> dict:
    """The design's numbers: its weights, and its gates, memory and read-out on n fresh samples of
    MAX_CUSTOM_LEN steps (the rng is [seed, 6])."""
    T = MAX_CUSTOM_LEN
    w = _weights(textbook)
    x, y = task.make_batch(n, T, np.random.default_rng([seed, 6]))
    trace = textbook.trace(x)
    tr, out = trace.layers[0], textbook.outputs(trace)  # (n, T, H), (n, T, output_size)
    big = float(w["b"][F, 0])
    if task.name == "remember_first":
        k = len(task.alphabet)  # units 0 .. k - 1 hold the symbols, unit k is the clock
        rows = np.arange(n)
        last = out[:, -1, :]  # (n, k)
        others = np.where(np.eye(k, dtype=bool)[y], 0.0, last)
        return dict(
            first=task.alphabet[0],
            final=task.alphabet[-1],
            last=k - 1,
            clock=k,
            big=big,
            weight=float(-w["W_h"][I, 0, k]),
            write_weight=float(w["W_x"][G, 0, 0]),
            clock_h=float(tr.h[:, :, k].mean()),
            i0=float(tr.i[:, 0, :k].min()),
            i_after=float(tr.i[:, 1:, :k].max()),
            f=float(tr.f[:, :, :k].min()),
            T=T,
            kept=float((tr.c[rows, -1, y] / tr.c[rows, 0, y]).min()),
            write=float(tr.g[rows, 0, y].mean()),
            end_error=float(np.abs(tr.c[rows, -1, y] - tr.i[rows, 0, y] * tr.g[rows, 0, y]).max()),
            vote=float(textbook.W_out[0, 0]),
            logit=float(last[rows, y].mean()),
            other=float(np.abs(others).max()),
        )
    ids = task.ids(x)  # (n, T): 0 = a, 1 = b
    moves = np.diff(np.concatenate([np.zeros((n, 1)), tr.c[..., 0]], axis=1), axis=1)  # (n, T)
    all_a = task.parse(task.alphabet[0] * T)
    end = textbook.trace(all_a)
    return dict(
        big=big,
        i_a=float(tr.i[..., 0][ids == 0].mean()),
        i_b=float(tr.i[..., 0][ids == 1].mean()),
        cand=float(tr.g.mean()),
        step=float(np.tanh(w["b"][G, 0])),
        f=float(tr.f.min()),
        move_a=float(moves[ids == 0].mean()),
        move_b=_upper_power_of_ten(float(np.abs(moves[ids == 1]).max())),
        w_out=float(textbook.W_out[0, 0]),
        T=T,
        c_end=float(end.layers[0].c[-1, 0]),
        tanh_end=float(np.tanh(end.layers[0].c[-1, 0])),
        y_end=float(textbook.outputs(end)[-1, 0]),
        count=int(np.rint(textbook.outputs(end)[-1, 0])),
    )


def _carriers(task, trace, y) -> int:
    """How many units carry the answer: whose final memory tells the answers apart (remember_first: the spread
    between answers over the spread within one, at least SEPARATES), or whose memory alone gives the running
    answer at FOLLOWS of the steps or more (counting)."""
    mem = trace[memory_state(trace.spec)]  # (B, T, H)
    if task.name == "remember_first":
        end = mem[:, -1, :]
        classes = np.unique(y)
        between = np.stack([end[y == k].mean(axis=0) for k in classes]).std(axis=0)
        within = np.mean([end[y == k].std(axis=0) for k in classes], axis=0) + 1e-9
        return int(np.sum(between / within >= SEPARATES))
    right, _ = read_off(mem.reshape(-1, mem.shape[-1]), np.asarray(y).reshape(-1))
    return int(np.sum(right >= FOLLOWS))


def found(task, preset: TrainedModel, textbook: TrainedModel, seed: int = 0) -> dict:
    """What gradient descent found in the preset: lstm_viz.explain.behaviour's finding on N_SAMPLES fresh samples of
    the task's default length (the rng is [seed, 4], as the heat-map note's), by its names, with "code" (and "how"
    for counting), "H", and the units that carry the answer in the preset ("carriers") and in the design
    ("designed_carriers")."""
    x, y = task.make_batch(N_SAMPLES, task.default_config().seq_len, np.random.default_rng([seed, 4]))
    trace = preset.trace(x).layers[0]
    common = dict(H=preset.params.hidden_size, carriers=_carriers(task, trace, y),
                  designed_carriers=_carriers(task, textbook.trace(x).layers[0], y))  # fmt: skip
    if task.name == "remember_first":
        f = memory_finding(trace, np.asarray(y))
        numbers = {k: v for k, v in vars(f).items() if k not in ("symbols",)}
        return dict(numbers, answer=task.alphabet[f.cls], **common)  # class k is the symbol k
    f = signal_finding(trace, np.asarray(y), task.ids(x), len(task.alphabet))
    return dict(
        code=f.code,
        how=f.how,
        unit=f.unit,
        right=f.right,
        follows=FOLLOWS,
        move_a=f.move[0],
        move_b=f.move[1],
        write_a=f.write[0],
        write_b=f.write[1],
        cand_a=f.candidate[0],
        cand_b=f.candidate[1],
        **common,
    )


def accuracy(task, model: TrainedModel, lengths=LENGTHS, n: int = N_SAMPLES, seed: int = 0) -> tuple[float, ...]:
    """The task's metric (task.evaluate) of the model on n fresh samples of each length (the rng is [seed, 7, T])."""
    out = []
    for T in lengths:
        x, y = task.make_batch(n, T, np.random.default_rng([seed, 7, T]))
        out.append(task.evaluate(model.predict(x, task.kind.seq2seq), y))
    return tuple(out)


def equations(task, textbook: TrainedModel) -> tuple[str, ...]:
    """The design as LaTeX lines, every number read off the model's weights."""
    w = _weights(textbook)
    big = f"{w['b'][F, 0]:g}"
    if task.name == "remember_first":
        k = len(task.alphabet)
        return (
            rf"i_t[k] = \sigma({big} - {-w['W_h'][I, 0, k]:g}\,h_{{t-1}}[{k}]), \quad f_t[k] = \sigma({big}), \quad "
            rf"\tilde{{C}}_t[k] = \tanh({w['W_x'][G, 0, 0]:g}\,x_t[k]), \quad o_t[k] = \sigma({big})"
            rf"\qquad k = 0, \dots, {k - 1}",
            rf"i_t[{k}] = \sigma({w['b'][I, k]:g}), \quad f_t[{k}] = \sigma({w['b'][F, k]:g}), \quad "
            rf"\tilde{{C}}_t[{k}] = \tanh({w['b'][G, k]:g}), \quad o_t[{k}] = \sigma({w['b'][O, k]:g})",
            rf"y_k = {textbook.W_out[0, 0]:g}\,h_T[k]",
        )
    a, b = task.alphabet
    step = f"{np.tanh(w['b'][G, 0]):g}"
    return (
        rf"i_t = \sigma({w['W_x'][I, 0, 0]:g}\,x_t[{a}] {w['W_x'][I, 0, 1]:+g}\,x_t[{b}]), \quad "
        rf"f_t = \sigma({big}), \quad \tilde{{C}}_t = \tanh(\operatorname{{artanh}}({step})) = {step}, \quad "
        rf"o_t = \sigma({w['b'][O, 0]:g})",
        rf"y_t = {textbook.W_out[0, 0]:g}\,h_t",
    )


def lesson(task, textbook: TrainedModel, preset: TrainedModel, lengths: tuple[int, int], lang: str = "en") -> Lesson:
    """The lesson in `lang`: the design against what gradient descent found in the preset (trained on sequences of
    `lengths` = (shortest, longest) steps), and both models' accuracy by length."""
    w = words.of(lang).textbook
    shortest, longest = lengths
    trained = w.TRAINED["one" if shortest == longest else "curriculum"].format(shortest=shortest, longest=longest)
    mine, theirs = designed(task, textbook), dict(found(task, preset, textbook), trained=trained)
    right = {"designed": accuracy(task, textbook), "found": accuracy(task, preset)}
    if task.name == "remember_first":
        said = w.FOUND_MEMORY[theirs["code"]].format(**theirs) + w.SPREAD.format(**theirs)
    else:
        said = w.FOUND_SIGNAL[theirs["code"]].format(**theirs) + w.FOUND_HOW[theirs["how"]].format(**theirs)
        said += w.COUNTERS.format(**theirs)
    table = {
        w.TABLE["length"]: list(LENGTHS),
        w.TABLE["designed"]: [f"{v:.1%}" for v in right["designed"]],
        w.TABLE["found"]: [f"{v:.1%}" for v in right["found"]],
    }
    contrast = dict(T=LENGTHS[-1], longest=longest, designed=right["designed"][-1], found=right["found"][-1])
    return Lesson(
        title=w.TITLE,
        intro=w.INTRO,
        equations_title=w.EQUATIONS,
        equations=equations(task, textbook),
        designed=_no_signed_zero(w.DESIGNED[task.name].format(**mine)),
        found=_no_signed_zero(said),
        table_title=w.TABLE_TITLE.format(n=N_SAMPLES, what=w.WHAT[task.name]),
        table=table,
        contrast=w.CONTRAST.format(**contrast),
        numbers={"designed": mine, "found": theirs, "accuracy": dict(right, lengths=LENGTHS)},
    )
