"""Toy sequence tasks, seeded, in NumPy (no torch needed to generate them).

    import lstm_viz.tasks as tasks
    task = tasks.get("remember_first")
    x, y = task.make_batch(n=32, seq_len=20, rng=np.random.default_rng(0))   # x (n, T, D)
    task.token_labels(x[0])      # one label per step, for the time axis
    task.parse("ABBCA")          # a user's own sequence -> x (T, D) encoded as make_batch's, or ValueError saying why
    task.coverage("ABBCA", 15)   # None, or a code from COVERAGE_CODES: outside what a model of 15 steps saw

Every task names its `kind` (classification or regression; sequence-to-one or
sequence-to-sequence), its `metric` and the `target` value that counts as learned.
"""

from __future__ import annotations

from lstm_viz.core.refusal import Refusal
from lstm_viz.tasks.base import (
    COVERAGE_CODES,
    MAX_CUSTOM_LEN,
    PAD,
    Kind,
    Retargeted,
    SymbolTask,
    Task,
    check_length,
    check_steps,
)
from lstm_viz.tasks.numbers import Adding, Airline, NumberTask, Sine
from lstm_viz.tasks.sentences import NegationSentiment, sentence_bank, tokenize
from lstm_viz.tasks.symbols import Brackets, Counting, RememberFirst

__all__ = [
    "COVERAGE_CODES", "MAX_CUSTOM_LEN", "PAD", "Adding", "Airline", "Brackets", "Counting", "Kind",
    "NegationSentiment", "NumberTask", "RememberFirst", "Retargeted", "Sine", "SymbolTask", "Task", "check_length",
    "check_steps", "get", "names", "sentence_bank", "tokenize",
]  # fmt: skip

_TASKS = {
    t.name: t for t in (RememberFirst(), Counting(), Brackets(), Adding(), Sine(), NegationSentiment(), Airline())
}


def names() -> list[str]:
    return list(_TASKS)


def get(name: str) -> Task:
    try:
        return _TASKS[name]
    except KeyError:
        raise Refusal("tasks.unknown_task", name=name, tasks=", ".join(_TASKS)) from None
