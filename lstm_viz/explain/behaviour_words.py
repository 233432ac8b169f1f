"""What a model does, in words: the findings of lstm_viz.explain.behaviour through the templates of lstm_viz.words.

The heat-map note and the home tour say only what these functions build from the model on screen; the choice of
template is the finding's code, never a test on the words.
"""

from __future__ import annotations

import re

from lstm_viz import words
from lstm_viz.explain.behaviour import N_SAMPLES, MemoryFinding, SignalFinding
from lstm_viz.explain.terms import num


def _no_signed_zero(text: str) -> str:
    """-0.0 and +0.00 read as 0.0 and 0.00."""
    return re.sub(r"[-+](0\.0+)(?!\d)", r"\1", text)


def _memory_numbers(task, f: MemoryFinding, lang: str = "en") -> dict:
    said = {k: v for k, v in vars(f).items() if k not in ("symbols", "cls")}
    s = f.symbols
    classes = words.task_words(lang, task.name)["classes"] if task.class_names else ()
    answer = classes[f.cls] if classes else str(f.cls)
    return dict(said, answer=answer, mem=s.memory, keep=s.keep, write=s.write, cand=s.candidate)


def two(v: float, row: tuple[float, ...], sign: str = "", flat: bool = False) -> str:
    """A per-symbol number: 2 decimals; one that they would write 0 although it is a tenth or more of the largest
    of its `row` with 2 significant digits (the textbook counter's C moves by 0.0002 at each a: not +0.00)."""
    if not flat and abs(v) >= 0.1 * max(abs(u) for u in row):
        return num(v, 2, sign)
    return f"{v:{sign}.2f}"


def finding_words(task, f: MemoryFinding | SignalFinding, n: int = N_SAMPLES, lang: str = "en") -> str:
    """What the model does, in words: the template of the finding's code, with its numbers (plain text)."""
    w = words.of(lang).explain
    if isinstance(f, MemoryFinding):
        said = _memory_numbers(task, f, lang)
        return _no_signed_zero(w.MEMORY_FINDING[f.code].format(**said) + w.MEMORY_SWITCH[f.switch].format(**said))
    s, alphabet = f.symbols, task.alphabet
    moves = w.LIST_JOIN.join(
        (w.SIGNAL_FLAT if flat else w.SIGNAL_MOVE).format(move=two(m, f.move, "+", flat), symbol=sym)
        for m, flat, sym in zip(f.move, f.flat, alphabet)
    )
    writes = w.LIST_JOIN.join(w.GATE_PER_SYMBOL.format(value=two(v, f.write), symbol=sym)
                              for v, sym in zip(f.write, alphabet))  # fmt: skip
    cands = w.LIST_JOIN.join(w.PER_SYMBOL.format(value=two(v, f.candidate, "+"), symbol=sym)
                             for v, sym in zip(f.candidate, alphabet))  # fmt: skip
    said = dict(unit=f.unit, right=f.right, r=f.r, n=n, moves=moves, writes=writes, cands=cands,
                mem=s.memory, cand=s.candidate)  # fmt: skip
    return _no_signed_zero(w.SIGNAL_FINDING[f.code].format(**said) + w.SIGNAL_HOW[f.how].format(**said))


def note_words(task, f: MemoryFinding | SignalFinding | None, preset: bool, lang: str = "en") -> str:
    """The heat-map note: what the model shown does (when the task has an analysis), else the task's note on the
    pre-trained preset; beside another model the preset's note is labelled as being about the preset."""
    w = words.of(lang).explain
    note = words.task_words(lang, task.name)["teaching_note"]
    if f is None:
        return note if preset else w.PRESET_NOTE.format(note=note)
    said = finding_words(task, f, lang=lang)
    return said if preset else f"{said}\n\n{w.PRESET_NOTE.format(note=note)}"


def tour_words(task, f: MemoryFinding, lang: str = "en") -> tuple[str, str]:
    """The home tour's two sentences on its unit: what it does after the first symbol it carries, and after another."""
    w = words.of(lang).home
    said = _memory_numbers(task, f, lang)
    return _no_signed_zero(w.TOUR_STEP[f.code].format(**said)), _no_signed_zero(w.TOUR_OTHER[f.switch].format(**said))
