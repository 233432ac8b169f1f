"""The Why gates page in words: every sentence built from the numbers it is about, through the templates of
lstm_viz.words (the WHY_* of words/{en,zh}/why.py), in the language `lang`. Each function first decides a code from
the numbers (the template's key), then fills it in, so the sentences of every language say the same numbers and
verdicts; tests/test_why_claims.py checks the codes and numbers against the results file and the presets.
"""

from __future__ import annotations

import numpy as np

from lstm_viz import words
from lstm_viz.core import cells
from lstm_viz.core.clamp import Clamp
from lstm_viz.explain.clamping import N_SAMPLES, ClampEffect
from lstm_viz.explain.gradients import Flow
from lstm_viz.io.study import Point, point
from lstm_viz.tasks import Task

NEAR_BLIND = 0.1  # within this share of the way from a blind guess to perfect counts as "at the blind level"
CLEAR_GAP = 0.1  # a gap between two cells' medians worth a sentence, as a share of that way


def fmt(task: Task, value: float) -> str:
    """A metric's value as the page writes it: accuracy as a percentage, MSE with three significant digits."""
    return f"{value:.0%}" if task.metric == "accuracy" else f"{value:.3g}"


def progress(task: Task, value: float, blind: float) -> float:
    """How far a metric is from a blind guess (0) towards perfect (1): accuracy 1.0, MSE 0."""
    perfect = 1.0 if task.higher_is_better else 0.0
    return (value - blind) / (perfect - blind)


def cell_title(cell: str, lang: str) -> str:
    return words.cell_title(lang, cell, cells.spec(cell).title)


def task_title(task: Task, lang: str) -> str:
    """The task's title inside a sentence ("remember the first symbol")."""
    return words.task_words(lang, task.name)["title"].lower()


def rnn_falls_at(task: Task, points: list[Point], blind: dict[int, float]) -> int | None:
    """The first length at which the plain RNN's median is at the blind level, None if it never is."""
    for p in sorted((p for p in points if p.cell == "rnn"), key=lambda p: p.length):
        if progress(task, p.median, blind[p.length]) <= NEAR_BLIND:
            return p.length
    return None


def memory_words(task: Task, points: list[Point], blind: dict[int, float], seeds: int, lang: str = "en") -> str:
    w = words.of(lang).why
    longest = max(p.length for p in points)
    falls = rnn_falls_at(task, points, blind)
    length = falls if falls is not None else longest
    metric = w.METRICS[task.metric]
    said = w.WHY_MEMORY["falls" if falls is not None else "holds"].format(
        blind=fmt(task, blind[length]),
        length=length,
        longest=longest,
        metric=metric,
        rnn=fmt(task, point(points, "rnn", length).median),
    )
    each = w.LIST_SEP.join(
        w.WHY_MEMORY_CELL.format(value=fmt(task, point(points, c, longest).median), title=cell_title(c, lang))
        for c in ("lstm", "gru", "rnn")
    )
    said += w.WHY_MEMORY_CELLS.format(longest=longest, metric=metric, seeds=seeds, cells=each)
    lost = all(progress(task, point(points, c, longest).median, blind[longest]) <= NEAR_BLIND for c in ("lstm", "gru"))
    said += w.WHY_MEMORY_GATED_LOST.format(longest=longest) if lost else ""
    rnn = progress(task, point(points, "rnn", longest).median, blind[longest])
    best = all(
        rnn - progress(task, point(points, c, longest).median, blind[longest]) >= CLEAR_GAP for c in ("lstm", "gru")
    )
    return said + (w.WHY_MEMORY_RNN_BEST.format(longest=longest) if best else "")


def ratio_text(ratio: float) -> str:
    return f"{ratio:.1e}" if ratio < 1e-2 or ratio > 1e2 else f"{ratio:.2f}"


def gradient_words(flows: dict[str, Flow], kind: str, lang: str = "en") -> str:
    """The ratio ‖dL/dh_0‖ / ‖dL/dh_{T-1}‖ of each cell, the LSTM's forget-gate product, the RNN's Jacobian bound,
    for the trained presets or a random initialisation (`kind`)."""
    w = words.of(lang).why
    ratios = w.LIST_SEP.join(
        w.WHY_GRADIENT_RATIO.format(ratio=ratio_text(f.ratio), title=cell_title(c, lang))
        + (w.WHY_GRADIENT_C.format(ratio=ratio_text(f.dc[0] / f.dc[-1])) if f.dc is not None and f.dc[-1] > 0 else "")
        for c, f in flows.items()
    )
    said = w.WHY_GRADIENT.format(who=w.WHY_GRADIENT_WHO[kind], ratios=ratios)
    if "lstm" in flows and flows["lstm"].keep is not None and len(flows["lstm"].keep) > 1:
        kept = flows["lstm"].keep[0]  # (H,): ∏_{s=1}^{T-1} f_s per unit
        unit = int(np.argmax(kept))
        code = "kept" if kept[unit] >= 0.1 else "none"
        said += w.WHY_CAROUSEL[code].format(
            mean=ratio_text(float(kept.mean())), best=ratio_text(float(kept[unit])), unit=unit
        )
    if "rnn" in flows and flows["rnn"].jacobian is not None and len(flows["rnn"].jacobian) > 1:
        product = float(flows["rnn"].jacobian[0])
        said += w.SENTENCE_SEP + w.WHY_JACOBIAN["bound" if product < 1 else "loose"].format(product=ratio_text(product))
    return said


def clamp_code(task: Task, effect: ClampEffect, blind: float) -> str:
    before = progress(task, effect.free, blind)
    after = progress(task, effect.clamped, blind)
    if after <= NEAR_BLIND < before:
        return "breaks"
    if after < before - 0.02:
        return "worse"
    if after > before + 0.02:
        return "better"
    return "same"


def clamp_words(task: Task, spec, effect: ClampEffect, blind: float, lang: str = "en") -> str:
    """What the clamp did to the score on fresh samples (an unclamped effect: what the model scores as trained)."""
    w = words.of(lang).why
    metric = w.METRICS[task.metric]
    c: Clamp | None = effect.clamp
    if c is None:
        return w.WHY_UNCLAMPED.format(
            metric=metric, n=N_SAMPLES, T=effect.seq_len, free=fmt(task, effect.free), blind=fmt(task, blind)
        )
    q = spec[c.gate]
    title = words.quantity_words(lang, spec.name, q.name, q.title, q.role)[0]
    what = w.WHY_CLAMP_WHAT["all" if c.unit is None else "one"].format(title=title, symbol=q.symbol, unit=c.unit)
    value = w.WHY_CLAMP_VALUE[c.value if isinstance(c.value, str) else f"{c.value:g}"]
    return w.WHY_CLAMP[clamp_code(task, effect, blind)].format(
        what=what,
        value=value,
        metric=metric,
        n=N_SAMPLES,
        T=effect.seq_len,
        free=fmt(task, effect.free),
        clamped=fmt(task, effect.clamped),
        blind=fmt(task, blind),
    )


def seeds_span(task: Task, p: Point, lang: str = "en") -> str:
    """A point's seeds as "lowest to highest" ("97%" when they agree)."""
    lo, hi = fmt(task, p.low), fmt(task, p.high)
    return lo if lo == hi else words.of(lang).why.SEEDS_SPAN.format(low=lo, high=hi)


def clear_gap(task: Task, points: list[Point], blind: dict[int, float], cell: str, other: str) -> tuple[int, float]:
    """The length where even the worst seed of `cell` beats the best seed of `other` by most (in progress from a
    blind guess to perfect), and that margin (negative: at no length does every seed of `cell` win)."""
    gaps = {}
    for n in sorted({p.length for p in points if p.cell == cell}):
        mine, theirs = point(points, cell, n), point(points, other, n)
        worst = min(progress(task, v, blind[n]) for v in mine.values)
        best = max(progress(task, v, blind[n]) for v in theirs.values)
        gaps[n] = worst - best
    length = max(gaps, key=gaps.get)
    return length, gaps[length]


def reference_length(task: Task, points: list[Point]) -> int:
    """The longest length at which the LSTM's median reaches the task's target (else the shortest): where a
    comparison with the LSTM means something."""
    reached = [p.length for p in points if p.cell == "lstm" and task.reached(p.median)]
    return max(reached) if reached else min(p.length for p in points)


def verdict(task: Task, points: list[Point], blind: dict[int, float], other: str) -> tuple[str, int]:
    """Whether `other` clearly loses to the LSTM (every LSTM seed beats every seed of it somewhere: "loses", at the
    length where it loses most), else the runs do not tell them apart ("same", at the reference length)."""
    length, gap = clear_gap(task, points, blind, "lstm", other)
    if gap >= CLEAR_GAP:
        return "loses", length
    return "same", reference_length(task, points)


def verdict_words(
    task: Task, points: list[Point], blind: dict[int, float], other: str, templates: dict, lang: str
) -> str:
    code, length = verdict(task, points, blind, other)
    return templates[code].format(
        length=length,
        task=task_title(task, lang),
        lstm=seeds_span(task, point(points, "lstm", length), lang),
        other=seeds_span(task, point(points, other, length), lang),
        blind=fmt(task, blind[length]),
    )


def misread_words(task: Task, points: list[Point], blind: dict[int, float], lang: str = "en") -> str:
    return verdict_words(task, points, blind, "lstm_misread", words.of(lang).why.WHY_MISREAD, lang)


def two_gate_words(task: Task, points: list[Point], blind: dict[int, float], lang: str = "en") -> str:
    return verdict_words(task, points, blind, "lstm_nog", words.of(lang).why.WHY_TWO_GATES, lang)


def live_words(
    task: Task,
    cell: str,
    length: int,
    value: float,
    reason: str,
    file_value: float | None,
    finished: bool = True,
    lang: str = "en",
) -> str:
    """A live run's result, and whether it redid the results file's run with the same seed (to the 6 digits the
    file keeps); a run stopped or failed before the end of its budget is said to be left off the chart. `reason`:
    why the run stopped, already in `lang` (TrainResult.stop_words)."""
    w = words.of(lang).why
    said = w.WHY_LIVE_DONE.format(
        title=cell_title(cell, lang),
        metric=w.METRICS[task.metric],
        value=fmt(task, value),
        length=length,
        task=task_title(task, lang),
        reason=reason,
    )
    if not finished:
        return said + w.WHY_LIVE_AGAIN["stopped"]
    if file_value is None:
        return said
    code = "same" if abs(round(value, 6) - file_value) <= 1e-6 else "differs"
    return said + w.WHY_LIVE_AGAIN[code].format(file=fmt(task, file_value))
