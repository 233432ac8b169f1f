"""What a model does, in words: the findings of lstm_viz.explain.behaviour through the templates of lstm_viz.words.

The heat-map note and the home tour say only what these functions build from the model on screen; the choice of
template is the finding's code, never a test on the words.
"""

from __future__ import annotations

import re

from lstm_viz.explain.behaviour import N_SAMPLES, MemoryFinding, SignalFinding
from lstm_viz.words.en.explain import (
    GATE_PER_SYMBOL,
    MEMORY_FINDING,
    MEMORY_SWITCH,
    PER_SYMBOL,
    PRESET_NOTE,
    SIGNAL_FINDING,
    SIGNAL_FLAT,
    SIGNAL_HOW,
    SIGNAL_MOVE,
)
from lstm_viz.words.en.home import TOUR_OTHER, TOUR_STEP


def _no_signed_zero(text: str) -> str:
    """-0.0 and +0.00 read as 0.0 and 0.00."""
    return re.sub(r"[-+](0\.0+)(?!\d)", r"\1", text)


def _memory_numbers(task, f: MemoryFinding) -> dict:
    words = {k: v for k, v in vars(f).items() if k not in ("symbols", "cls")}
    s = f.symbols
    answer = task.class_names[f.cls] if task.class_names else str(f.cls)
    return dict(words, answer=answer, mem=s.memory, keep=s.keep, write=s.write, cand=s.candidate)


def finding_words(task, f: MemoryFinding | SignalFinding, n: int = N_SAMPLES) -> str:
    """What the model does, in words: the template of the finding's code, with its numbers (plain text)."""
    if isinstance(f, MemoryFinding):
        words = _memory_numbers(task, f)
        return _no_signed_zero(MEMORY_FINDING[f.code].format(**words) + MEMORY_SWITCH[f.switch].format(**words))
    s, alphabet = f.symbols, task.alphabet
    moves = ", ".join(
        (SIGNAL_FLAT if flat else SIGNAL_MOVE).format(move=m, symbol=sym)
        for m, flat, sym in zip(f.move, f.flat, alphabet)
    )
    writes = ", ".join(GATE_PER_SYMBOL.format(value=v, symbol=sym) for v, sym in zip(f.write, alphabet))
    cands = ", ".join(PER_SYMBOL.format(value=v, symbol=sym) for v, sym in zip(f.candidate, alphabet))
    words = dict(unit=f.unit, right=f.right, r=f.r, n=n, moves=moves, writes=writes, cands=cands,
                 mem=s.memory, cand=s.candidate)  # fmt: skip
    return _no_signed_zero(SIGNAL_FINDING[f.code].format(**words) + SIGNAL_HOW[f.how].format(**words))


def note_words(task, f: MemoryFinding | SignalFinding | None, preset: bool) -> str:
    """The heat-map note: what the model shown does (when the task has an analysis), else the task's note on the
    pre-trained preset; beside another model the preset's note is labelled as being about the preset."""
    if f is None:
        return task.teaching_note if preset else PRESET_NOTE.format(note=task.teaching_note)
    said = finding_words(task, f)
    return said if preset else f"{said}\n\n{PRESET_NOTE.format(note=task.teaching_note)}"


def tour_words(task, f: MemoryFinding) -> tuple[str, str]:
    """The home tour's two sentences on its unit: what it does after the first symbol it carries, and after another."""
    words = _memory_numbers(task, f)
    return _no_signed_zero(TOUR_STEP[f.code].format(**words)), _no_signed_zero(TOUR_OTHER[f.switch].format(**words))
