"""Tasks on numbers: the adding problem, sine waves, the airline passengers series."""

from __future__ import annotations

import csv
import re
from functools import cache

import numpy as np

from lstm_viz.core.config import TrainConfig
from lstm_viz.core.refusal import Refusal
from lstm_viz.tasks.base import DATA, Kind, Task, check_length, check_steps


class NumberTask(Task):
    """Inputs are numbers typed as text, separated by spaces or commas."""

    def numbers(self, text: str) -> list[str]:
        parts = [p for p in re.split(r"[\s,;]+", check_length(text).strip()) if p]
        if not parts:
            raise Refusal("tasks.empty")
        check_steps(len(parts))
        return parts

    @staticmethod
    def number(part: str, step: int) -> float:
        try:
            v = float(part)
        except ValueError:
            raise Refusal("tasks.not_a_number", step=step, part=part[:20]) from None
        if not np.isfinite(v):
            raise Refusal("tasks.not_finite", step=step, part=part[:20])
        return v

    def token_labels(self, x):
        return [f"{v:.2f}" for v in np.asarray(x)[:, 0]]

    def parse(self, text):
        """One number a step (tasks with more inputs a step override this)."""
        return np.array([[self.number(p, t)] for t, p in enumerate(self.numbers(text))])


class Adding(NumberTask):
    name = "adding"
    kind = Kind("regression", seq2seq=False)
    input_size = 2
    output_size = 1
    metric = "mse"
    target = 0.01  # always answering 1.0 scores about 0.167
    min_len = 2
    example = "0.3 0.8* 0.1 0.5 0.9 0.2 0.4 0.7 0.1 0.6 0.5* 0.9 0.3 0.2 0.8 0.4 0.1 0.7 0.5 0.6"

    def default_config(self):
        return TrainConfig(hidden_size=16, seq_len=20, batch_size=64, steps=2000, lr=1e-2, forget_bias=1.0)

    def _generate(self, n, seq_len, rng):
        values = rng.random((n, seq_len))
        half = max(1, seq_len // 2)
        first = rng.integers(0, half, size=n)
        second = rng.integers(half, seq_len, size=n) if seq_len > 1 else first
        second = np.where(second == first, (first + 1) % seq_len, second)
        markers = np.zeros((n, seq_len))
        markers[np.arange(n), first] = 1.0
        markers[np.arange(n), second] = 1.0
        x = np.stack([values, markers], axis=-1)
        return x, self.targets(x)

    def targets(self, x):
        return np.sum(x[..., 0] * x[..., 1], axis=-1)

    def token_labels(self, x):
        return [f"{v:.2f}" + ("*" if m else "") for v, m in np.asarray(x)]

    def parse(self, text):
        parts = self.numbers(text)
        x = np.zeros((len(parts), 2))
        for t, part in enumerate(parts):
            x[t, 1] = part.endswith("*")
            x[t, 0] = self.number(part.rstrip("*"), t)
            if not 0.0 <= x[t, 0] <= 1.0:
                raise Refusal("tasks.outside_unit", step=t, value=f"{x[t, 0]:g}")
        if int(x[:, 1].sum()) != 2:
            raise Refusal("tasks.marks", found=int(x[:, 1].sum()))
        return x

    def _coverage(self, x, seq_len):
        first, second = np.flatnonzero(x[:, 1])
        half = max(1, seq_len // 2)  # as in _generate: one mark in each half
        return None if first < half <= second else "marks_outside_training"


class Sine(NumberTask):
    name = "sine"
    kind = Kind("regression", seq2seq=True)
    input_size = 1
    output_size = 1
    metric = "mse"
    target = 0.008  # the noise alone costs 0.0025
    noise = 0.05
    min_len = 2
    example = "0 0.38 0.71 0.92 1 0.92 0.71 0.38 0 -0.38 -0.71 -0.92 -1"

    def default_config(self):
        return TrainConfig(hidden_size=16, seq_len=30, batch_size=64, steps=3000, lr=1e-2, forget_bias=1.0)

    def _generate(self, n, seq_len, rng):
        freq = rng.uniform(0.1, 0.4, size=(n, 1))  # radians per step
        phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
        t = np.arange(seq_len + 1)
        wave = np.sin(freq * t + phase) + self.noise * rng.normal(size=(n, seq_len + 1))
        return wave[:, :-1, None], wave[:, 1:]

    def targets(self, x):
        raise ValueError("sine: the next value of a typed sequence is not known in advance")

    def _coverage(self, x, seq_len):
        bound = 1 + 5 * self.noise  # the noise is Gaussian: training values practically never pass 5 sd
        return None if np.all(np.abs(x[:, 0]) <= bound) else "values_outside_training"


class Airline(NumberTask):
    name = "airline"
    kind = Kind("regression", seq2seq=True)
    input_size = 1
    output_size = 1
    metric = "mse"
    target = 0.06  # on the two held-out years; repeating the last value scores about 0.1
    min_len = 2
    example = "-1.2 -1.1 -0.9 -0.95 -1.05 -0.85 -0.6 -0.6 -0.8 -1.1 -1.4 -1.15"
    holdout = 24  # months

    def default_config(self):
        return TrainConfig(hidden_size=16, seq_len=24, batch_size=32, steps=1500, lr=1e-2, forget_bias=1.0)

    def _generate(self, n, seq_len, rng):
        series = self.series()
        train = series[: len(series) - self.holdout]
        if seq_len + 1 > len(train):
            raise ValueError(f"seq_len: at most {len(train) - 1} months fit in the training years, got {seq_len}")
        start = rng.integers(0, len(train) - seq_len, size=n)
        windows = np.stack([train[s : s + seq_len + 1] for s in start])
        return windows[:, :-1, None], windows[:, 1:]

    def held_out_batch(self, n, seq_len, rng):
        """Every window that ends in the held-out years (n and rng are not needed: there are 24)."""
        series = self.series()
        starts = range(len(series) - self.holdout - seq_len, len(series) - seq_len)
        windows = np.stack([series[s : s + seq_len + 1] for s in starts])
        return windows[:, :-1, None], windows[:, 1:]

    def targets(self, x):
        raise ValueError("airline: the next value of a typed sequence is not known in advance")

    passengers_from = 20.0  # typed values all above this are passenger counts (standardised ones stay below 3)

    def parse(self, text):
        """Standardised values as they are; passenger counts (every value above 20) standardised like the series."""
        x = super().parse(text)
        raw = x[:, 0] > self.passengers_from
        if raw.all():
            return self.standardise(x)
        if raw.any():
            t = int(np.argmax(raw != raw[0]))
            raise Refusal("tasks.mixed_values", step=t, above=f"{self.passengers_from:g}")
        return x

    def _coverage(self, x, seq_len):
        series = self.series()
        margin = 0.1 * (series.max() - series.min())
        inside = (x[:, 0] >= series.min() - margin) & (x[:, 0] <= series.max() + margin)
        return None if inside.all() else "values_outside_training"

    @staticmethod
    def standardise(passengers: np.ndarray) -> np.ndarray:
        """Monthly passengers (thousands) -> log-scaled and standardised over the training years, as the series."""
        mean, std = Airline._log_stats()
        return (np.log(passengers) - mean) / std

    @staticmethod
    @cache
    def _log_stats() -> tuple[float, float]:
        logs = np.log(Airline.passengers())
        train = logs[: -Airline.holdout]
        return float(train.mean()), float(train.std())

    @staticmethod
    def passengers() -> np.ndarray:
        with open(DATA / "airline_passengers.csv", encoding="utf-8") as f:
            rows = [r for r in csv.reader(line for line in f if not line.startswith("#"))][1:]
        return np.array([float(r[1]) for r in rows])

    @staticmethod
    @cache
    def series() -> np.ndarray:
        """log(passengers), standardised over the training years. Read-only."""
        out = Airline.standardise(Airline.passengers())
        out.setflags(write=False)
        return out

    @staticmethod
    def months() -> list[str]:
        with open(DATA / "airline_passengers.csv", encoding="utf-8") as f:
            return [r[0] for r in csv.reader(line for line in f if not line.startswith("#"))][1:]
