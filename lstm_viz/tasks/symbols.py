"""Tasks on one-hot symbols: remember the first symbol, counting, bracket depth."""

from __future__ import annotations

import numpy as np

from lstm_viz.core.config import TrainConfig
from lstm_viz.tasks.base import Kind, SymbolTask


class RememberFirst(SymbolTask):
    name = "remember_first"
    title = "Remember the first symbol"
    description = (
        "A sequence of letters A to D. At the end, report the first one: everything after it is a distraction."
    )
    teaching_note = (  # every number is checked against the preset by tests/test_teaching_claims.py
        "In the pre-trained preset, gradient descent found an integrator, not a latch. After a first A, unit 1's "
        "input gate opens (about 0.2 at t = 0, about 0.9 after) and its C moves by about -0.8 at every step, to "
        "about -12 after 15 steps; after any other first letter its input gate stays near 0 and its C near 0. Its "
        "forget gate is high either way (1.00 after a first A, about 0.9 otherwise): it is the input gate that the "
        "first symbol sets. Its output gate is open (about 0.9), so h shows C growing at every step. Units 7, 12 "
        "and 5 do the same for B, C and D, moving by 0.4 to 0.5 a step."
    )
    kind = Kind("classification", seq2seq=False)
    alphabet = "ABCD"
    output_size = 4
    class_names = tuple("ABCD")
    metric = "accuracy"
    target = 0.95
    input_hint = "letters A, B, C, D, for example ABDCCAB"
    example = "CABDDABA"

    def default_config(self):
        return TrainConfig(hidden_size=16, seq_len=15, batch_size=64, steps=6000, lr=1e-2, forget_bias=1.0)

    def _generate(self, n, seq_len, rng):
        ids = rng.integers(0, 4, size=(n, seq_len))
        return self.one_hot(ids), ids[:, 0]

    def targets(self, x):
        return self.ids(x)[..., 0]


class Counting(SymbolTask):
    name = "counting"
    title = "Count the a's"
    description = "A string of a's and b's. At every step, say how many a's have been seen so far."
    teaching_note = (  # every number is checked against the preset by tests/test_teaching_claims.py
        "In the pre-trained preset, unit 5 is the counter: its C falls by about 0.26 at every a and moves by only "
        "about 0.01 at a b, so a straight line through it alone gives the count at 95% of steps. Its input gate is "
        "about half open on both letters (0.54 on a, 0.45 on b): the letter changes what is written (C̃ about "
        "-0.63 on a, -0.25 on b), not whether. Other units count too, less exactly; ordering the units by "
        "correlation with the count brings unit 5 to the top on most samples."
    )
    kind = Kind("regression", seq2seq=True)
    alphabet = "ab"
    output_size = 1
    metric = "accuracy"  # of the rounded count, at every step
    target = 0.95
    input_hint = "letters a and b, for example aabab"
    example = "abaababbba"

    def default_config(self):
        return TrainConfig(hidden_size=16, seq_len=15, batch_size=64, steps=1500, lr=1e-2, forget_bias=1.0)

    def _generate(self, n, seq_len, rng):
        ids = (rng.random(size=(n, seq_len)) < 0.5).astype(int)  # 0 = a, 1 = b
        x = self.one_hot(ids)
        return x, self.targets(x)

    def targets(self, x):
        return np.cumsum(self.ids(x) == 0, axis=-1).astype(np.float64)


class Brackets(SymbolTask):
    name = "brackets"
    title = "Bracket depth"
    description = "A string of ( and ). At every step, say how deeply nested the brackets are (at most 4)."
    teaching_note = (  # every number is checked against the preset by tests/test_teaching_claims.py
        "In the pre-trained preset, unit 9's C tracks the depth: it rises by about 0.47 at every ( and falls by "
        "about 0.53 at every ), so a straight line through it alone gives the depth at 97% of steps. Its input gate "
        "is wide open on both brackets (about 0.95): it is the candidate C̃ that changes sign (+0.50 on (, -0.50 "
        "on ))."
    )
    kind = Kind("classification", seq2seq=True)
    alphabet = "()"
    max_depth = 4
    output_size = max_depth + 1
    class_names = tuple(f"depth {d}" for d in range(max_depth + 1))
    metric = "accuracy"
    target = 0.95
    input_hint = "brackets ( and ), never deeper than 4 and never below 0, for example (()(()))"
    example = "(()(()))()"

    def default_config(self):
        return TrainConfig(hidden_size=16, seq_len=20, batch_size=64, steps=1500, lr=1e-2, forget_bias=1.0)

    def _generate(self, n, seq_len, rng):
        ids = np.zeros((n, seq_len), dtype=int)
        depth = np.zeros(n, dtype=int)
        for t in range(seq_len):
            close = rng.random(n) < 0.5
            close = np.where(depth == 0, False, np.where(depth == self.max_depth, True, close))
            ids[:, t] = close
            depth += np.where(close, -1, 1)
        x = self.one_hot(ids)
        return x, self.targets(x)

    def targets(self, x):
        return np.cumsum(np.where(self.ids(x) == 0, 1, -1), axis=-1)

    def parse(self, text):
        x = super().parse(text)
        depth = self.targets(x)
        if depth.min() < 0:
            raise ValueError(f"a ')' at step {int(np.argmax(depth < 0))} closes a bracket that was never opened")
        if depth.max() > self.max_depth:
            raise ValueError(f"nested deeper than {self.max_depth} at step {int(np.argmax(depth > self.max_depth))}")
        return x
