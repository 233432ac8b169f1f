"""Tasks on one-hot symbols: remember the first symbol, counting, bracket depth."""

from __future__ import annotations

import numpy as np

from lstm_viz.core.config import TrainConfig
from lstm_viz.core.refusal import Refusal
from lstm_viz.tasks.base import Kind, SymbolTask


class RememberFirst(SymbolTask):
    name = "remember_first"
    kind = Kind("classification", seq2seq=False)
    alphabet = "ABCD"
    output_size = 4
    metric = "accuracy"
    target = 0.95
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
    kind = Kind("regression", seq2seq=True)
    alphabet = "ab"
    output_size = 1
    metric = "accuracy"  # of the rounded count, at every step
    target = 0.95
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
    kind = Kind("classification", seq2seq=True)
    alphabet = "()"
    max_depth = 4
    output_size = max_depth + 1
    metric = "accuracy"
    target = 0.95
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
            raise Refusal("tasks.never_opened", step=int(np.argmax(depth < 0)))
        if depth.max() > self.max_depth:
            raise Refusal("tasks.too_deep", depth=self.max_depth, step=int(np.argmax(depth > self.max_depth)))
        return x
