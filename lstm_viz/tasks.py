"""Toy sequence tasks, seeded, in NumPy (no torch needed to generate them).

    import lstm_viz.tasks as tasks
    task = tasks.get("remember_first")
    x, y = task.make_batch(n=32, seq_len=20, rng=np.random.default_rng(0))   # x (n, T, D)
    task.token_labels(x[0])      # one label per step, for the time axis
    task.parse("ABBCA")          # a user's own sequence -> x (T, D), or ValueError saying why

Every task names its `kind` (classification or regression; sequence-to-one or
sequence-to-sequence), its `metric` and the `target` value that counts as learned.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from lstm_viz.config import TrainConfig

DATA = Path(__file__).parent / "data"
MAX_CUSTOM_LEN = 200  # the longest sequence a user may type (documented in the README)
PAD = "·"


@dataclass(frozen=True)
class Kind:
    output: str  # "classification" or "regression"
    seq2seq: bool  # one output per step (True) or one per sequence (False)

    def __str__(self) -> str:
        return f"{self.output}, {'sequence-to-sequence' if self.seq2seq else 'sequence-to-one'}"


class Task:
    """Base class. Subclasses set the attributes and implement `_generate` (and `parse`)."""

    name: str
    title: str
    description: str
    teaching_note: str
    kind: Kind
    input_size: int
    output_size: int
    metric: str  # "accuracy" (higher is better) or "mse" (lower is better)
    target: float
    input_hint: str  # how to type a custom sequence
    example: str  # a custom sequence that parses

    def default_config(self) -> TrainConfig:
        raise NotImplementedError

    @property
    def higher_is_better(self) -> bool:
        return self.metric == "accuracy"

    def make_batch(self, n: int, seq_len: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """(x, y): x (n, T, D) float; y int classes or float values, (n,) or (n, T) (or (n, T, 1))."""
        if n < 1:
            raise ValueError(f"n: must be at least 1, got {n}")
        if seq_len < self.min_len:
            raise ValueError(f"seq_len: {self.name} needs at least {self.min_len} steps, got {seq_len}")
        return self._generate(int(n), int(seq_len), rng)

    min_len = 1

    def _generate(self, n, seq_len, rng):
        raise NotImplementedError

    def held_out_batch(self, n: int, seq_len: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """Sequences to measure the metric on; fresh samples unless the task has a held-out split."""
        return self.make_batch(n, seq_len, rng)

    def targets(self, x: np.ndarray) -> np.ndarray:
        """The right answer for inputs x (n, T, D) (or one (T, D) sequence)."""
        raise NotImplementedError

    def token_labels(self, x: np.ndarray) -> list[str]:
        raise NotImplementedError

    def parse(self, text: str) -> np.ndarray:
        raise NotImplementedError

    def evaluate(self, pred: np.ndarray, y: np.ndarray) -> float:
        """The task's metric for model outputs `pred` (logits or values) against `y`."""
        if self.metric == "accuracy":
            if self.kind.output == "classification":
                return float(np.mean(np.argmax(pred, axis=-1) == y))
            return float(np.mean(np.rint(pred[..., 0]) == y))
        return float(np.mean((pred[..., 0] - y) ** 2))

    def reached(self, value: float) -> bool:
        return value >= self.target if self.higher_is_better else value <= self.target

    def describe_output(self, out: np.ndarray) -> str:
        """A model output (one step's logits or value) in words, for the UI."""
        if self.kind.output == "classification":
            k = int(np.argmax(out))
            p = np.exp(out - np.max(out))
            return f"{self.class_names[k]} ({p[k] / p.sum():.0%} sure)"
        return f"{float(out[0]):.3f}"

    class_names: tuple[str, ...] = ()


class SymbolTask(Task):
    """Inputs are one-hot symbols from `alphabet`, one character a step."""

    alphabet: str

    @property
    def input_size(self) -> int:
        return len(self.alphabet)

    def one_hot(self, ids: np.ndarray) -> np.ndarray:
        return np.eye(len(self.alphabet))[ids]

    def ids(self, x: np.ndarray) -> np.ndarray:
        return np.argmax(x, axis=-1)

    def token_labels(self, x: np.ndarray) -> list[str]:
        return [self.alphabet[k] for k in self.ids(np.asarray(x))]

    def parse(self, text: str) -> np.ndarray:
        chars = [ch for ch in check_length(text) if not ch.isspace()]
        if not chars:
            raise ValueError("the sequence is empty")
        check_steps(len(chars))
        unknown = sorted({ch for ch in chars if ch not in self.alphabet})
        if unknown:
            shown = ", ".join(repr(ch) for ch in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
            raise ValueError(f"unknown symbols {shown}: use only {' '.join(self.alphabet)}")
        if len(chars) < self.min_len:
            raise ValueError(f"too short: {self.name} needs at least {self.min_len} symbols")
        return self.one_hot(np.array([self.alphabet.index(ch) for ch in chars]))


def check_length(text: str) -> str:
    if not isinstance(text, str):
        raise ValueError("the sequence must be text")
    if len(text) > 10 * MAX_CUSTOM_LEN:
        raise ValueError(f"too long: {len(text):,} characters (the limit is {MAX_CUSTOM_LEN} steps)")
    return text


def check_steps(n: int) -> None:
    if n > MAX_CUSTOM_LEN:
        raise ValueError(f"too long: {n} steps (the limit is {MAX_CUSTOM_LEN})")


# --- the tasks ---


class RememberFirst(SymbolTask):
    name = "remember_first"
    title = "Remember the first symbol"
    description = (
        "A sequence of letters A to D. At the end, report the first one: everything after it is a distraction."
    )
    teaching_note = (
        "Look for a unit whose input gate opens wide at t = 0 and whose forget gate then stays near 1: "
        "its cell state holds the first symbol like a conveyor belt, untouched by the distractors. "
        "The output gate can stay shut until the answer is due."
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
    teaching_note = (
        "The cell state can work as a counter: with the forget gate near 1 and the input gate open only on 'a', "
        "some unit's C climbs by about the same amount at every 'a' and stays flat on 'b'. "
        "Sort the heat map by correlation with the count to find it."
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
    teaching_note = (
        "Depth is a counter that goes up and down. Watch a unit whose candidate C̃ is positive on '(' and negative "
        "on ')': its cell state tracks the depth. Sort units by correlation with the depth to find it."
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


class NumberTask(Task):
    """Inputs are numbers typed as text, separated by spaces or commas."""

    def numbers(self, text: str) -> list[str]:
        parts = [p for p in re.split(r"[\s,;]+", check_length(text).strip()) if p]
        if not parts:
            raise ValueError("the sequence is empty")
        check_steps(len(parts))
        return parts

    @staticmethod
    def number(part: str, step: int) -> float:
        try:
            v = float(part)
        except ValueError:
            raise ValueError(f"step {step}: {part[:20]!r} is not a number") from None
        if not np.isfinite(v):
            raise ValueError(f"step {step}: {part[:20]!r} is not a finite number")
        return v

    def token_labels(self, x):
        return [f"{v:.2f}" for v in np.asarray(x)[:, 0]]

    def parse(self, text):
        """One number a step (tasks with more inputs a step override this)."""
        return np.array([[self.number(p, t)] for t, p in enumerate(self.numbers(text))])


class Adding(NumberTask):
    name = "adding"
    title = "The adding problem"
    description = (
        "Hochreiter & Schmidhuber (1997): a sequence of random values in [0, 1], exactly two of them marked. "
        "At the end, output the sum of the two marked values."
    )
    teaching_note = (
        "The input gate should open only at the two marked steps (the marker is the second input), and the "
        "forget gate should hold what was written in between. Unmarked values must not leak into the memory."
    )
    kind = Kind("regression", seq2seq=False)
    input_size = 2
    output_size = 1
    metric = "mse"
    target = 0.01  # always answering 1.0 scores about 0.167
    min_len = 2
    input_hint = "values in [0, 1], two of them marked with *, for example 0.3 0.8* 0.1 0.5* 0.9"
    example = "0.3 0.8* 0.1 0.6 0.5* 0.9"

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
                raise ValueError(f"step {t}: {x[t, 0]:g} is outside [0, 1]")
        if int(x[:, 1].sum()) != 2:
            raise ValueError(f"mark exactly two values with * (found {int(x[:, 1].sum())})")
        return x


class Sine(NumberTask):
    name = "sine"
    title = "Sine wave: predict the next value"
    description = (
        "A noisy sine wave with a random phase and frequency. At every step, predict the next value. "
        "The model has to work out the frequency from what it has seen."
    )
    teaching_note = (
        "The hidden state has to encode where on the wave we are and how fast it turns. Look for units whose "
        "h oscillates with the input, some of them a quarter period ahead (a sine and a cosine)."
    )
    kind = Kind("regression", seq2seq=True)
    input_size = 1
    output_size = 1
    metric = "mse"
    target = 0.008  # the noise alone costs 0.0025
    noise = 0.05
    min_len = 2
    input_hint = "numbers, for example 0 0.5 0.87 1 0.87 0.5 0"
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


class Airline(NumberTask):
    name = "airline"
    title = "Airline passengers (real data)"
    description = (
        "Monthly international airline passengers, 1949-1960 (Box & Jenkins). Log-scaled and standardised; "
        "at every month, predict the next one. Windows are cut from the first ten years; the last two are held out."
    )
    teaching_note = (
        "Real data has a trend and a yearly season. Look for units that fire at the same month every year "
        "(a 12-step rhythm in h) and for slow units whose cell state follows the trend."
    )
    kind = Kind("regression", seq2seq=True)
    input_size = 1
    output_size = 1
    metric = "mse"
    target = 0.06  # on the two held-out years; repeating the last value scores about 0.1
    min_len = 2
    input_hint = "standardised values, for example -1.2 -1.1 -0.9 -0.95"
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

    @staticmethod
    @cache
    def series() -> np.ndarray:
        """log(passengers), standardised over the training years. Read-only."""
        with open(DATA / "airline_passengers.csv", encoding="utf-8") as f:
            rows = [r for r in csv.reader(line for line in f if not line.startswith("#"))][1:]
        logs = np.log([float(r[1]) for r in rows])
        train = logs[: -Airline.holdout]
        out = (logs - train.mean()) / train.std()
        out.setflags(write=False)
        return out

    @staticmethod
    def months() -> list[str]:
        with open(DATA / "airline_passengers.csv", encoding="utf-8") as f:
            return [r[0] for r in csv.reader(line for line in f if not line.startswith("#"))][1:]


class NegationSentiment(Task):
    name = "negation_sentiment"
    title = "Negation in short sentences (English and Chinese)"
    description = (
        "Short sentences such as 'I like apples' / 'I don't like apples' and 我 喜欢 吃 苹果 / 我 不 喜欢 吃 苹果. "
        "Say whether the sentence is positive or negative: a negation word flips the verb's meaning."
    )
    teaching_note = (
        "The negation word comes before the verb, so the network has to remember it: look for a unit whose input "
        "gate opens on don't / not / never / 不 and whose cell state then flips the sign of the verb's contribution."
    )
    kind = Kind("classification", seq2seq=False)
    output_size = 2
    class_names = ("negative", "positive")
    metric = "accuracy"
    target = 0.95
    min_len = 6  # the longest template sentence
    input_hint = "a short sentence from the vocabulary, for example: she doesn't like coffee, or 我不喜欢吃苹果"
    example = "they do not hate rain"

    def default_config(self):
        return TrainConfig(hidden_size=16, seq_len=6, batch_size=64, steps=1000, lr=1e-2, forget_bias=1.0)

    @property
    def vocab(self) -> list[str]:
        return sentence_bank()[1]

    @property
    def input_size(self) -> int:
        return len(self.vocab)

    def _generate(self, n, seq_len, rng):
        sentences, vocab = sentence_bank()
        picks = rng.integers(0, len(sentences), size=n)
        ids = np.zeros((n, seq_len), dtype=int)  # 0 is the padding token
        labels = np.zeros(n, dtype=int)
        for row, k in enumerate(picks):
            tokens, labels[row] = sentences[k]
            ids[row, seq_len - len(tokens) :] = [vocab.index(tok) for tok in tokens]  # left-padded
        return np.eye(len(vocab))[ids], labels

    def targets(self, x):
        raise ValueError("negation_sentiment: a typed sentence has no known label")

    def token_labels(self, x):
        return [self.vocab[k] for k in np.argmax(np.asarray(x), axis=-1)]

    def parse(self, text):
        tokens = tokenize(check_length(text), self.vocab)
        if not tokens:
            raise ValueError("the sentence is empty")
        check_steps(len(tokens))
        ids = [self.vocab.index(tok) for tok in tokens]
        return np.eye(len(self.vocab))[ids]


def tokenize(text: str, vocab: list[str]) -> list[str]:
    """English words split on spaces (case-insensitive); Chinese by longest match against the vocabulary."""
    known = set(vocab)
    lower = {w.lower(): w for w in vocab}
    tokens, unknown = [], []
    for word in text.replace("’", "'").split():
        if word.lower() in lower:
            tokens.append(lower[word.lower()])
            continue
        k = 0
        while k < len(word):  # longest match, for unsegmented Chinese
            match = next((word[k:j] for j in range(len(word), k, -1) if word[k:j] in known), None)
            if match is None:
                unknown.append(word)
                break
            tokens.append(match)
            k += len(match)
    if unknown:
        shown = ", ".join(repr(w[:20]) for w in unknown[:5])
        raise ValueError(f"unknown words {shown}: the vocabulary is {' '.join(vocab[1:])}")
    return tokens


@cache
def sentence_bank() -> tuple[list[tuple[list[str], int]], list[str]]:
    """Every template sentence as (tokens, label), and the vocabulary (the padding token first)."""
    spec = json.loads((DATA / "negation_templates.json").read_text(encoding="utf-8"))
    sentences = []
    en = spec["en"]
    for subj in en["subjects"]:
        third = subj in en["third_person"]
        for verbs, polarity in ((en["positive_verbs"], 1), (en["negative_verbs"], 0)):
            for base, s_form in verbs:
                for obj in en["objects"]:
                    sentences.append(([subj, s_form if third else base, *obj], polarity))
                    for neg in en["negations_3rd_person"] if third else en["negations"]:
                        verb = (s_form if third else base) if neg == ["never"] else base
                        sentences.append(([subj, *neg, verb, *obj], 1 - polarity))
    zh = spec["zh"]
    for subj in zh["subjects"]:
        for verbs, polarity in ((zh["positive_verbs"], 1), (zh["negative_verbs"], 0)):
            for verb in verbs:
                for obj in zh["objects"]:
                    sentences.append(([subj, *verb, *obj], polarity))
                    for neg in zh["negations"]:
                        sentences.append(([subj, *neg, *verb, *obj], 1 - polarity))
    vocab = [PAD, *sorted({tok for tokens, _ in sentences for tok in tokens})]
    return sentences, vocab


_TASKS = {
    t.name: t for t in (RememberFirst(), Counting(), Brackets(), Adding(), Sine(), NegationSentiment(), Airline())
}


def names() -> list[str]:
    return list(_TASKS)


def get(name: str) -> Task:
    try:
        return _TASKS[name]
    except KeyError:
        raise ValueError(f"task: no task named {name!r}; the tasks are {', '.join(_TASKS)}") from None
