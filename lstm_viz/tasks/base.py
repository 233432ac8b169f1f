"""Task base classes and the checks a user's typed sequence goes through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lstm_viz import words
from lstm_viz.core.config import TrainConfig
from lstm_viz.core.refusal import Refusal

DATA = Path(__file__).resolve().parents[1] / "data"
MAX_CUSTOM_LEN = 200  # the longest sequence a user may type (documented in the README)
PAD = "·"
# Why a typed sequence lies outside what a model was trained on (Task.coverage); the words are in lstm_viz.words.
COVERAGE_CODES = (
    "longer_than_training",  # more steps than the training sequences had
    "shorter_than_training",  # fewer steps, and the task's answer is read at the last step only
    "not_a_template_sentence",  # words no template of the sentence bank puts in this order
    "values_outside_training",  # numbers outside the range of the training data
    "marks_outside_training",  # adding: the marks are not one in each half, as in training
)


@dataclass(frozen=True)
class Kind:
    output: str  # "classification" or "regression"
    seq2seq: bool  # one output per step (True) or one per sequence (False)

    def __str__(self) -> str:
        return f"{self.output}, {'sequence-to-sequence' if self.seq2seq else 'sequence-to-one'}"


def _english(field: str, doc: str) -> property:
    """A task's words in English, from the catalogue (lstm_viz/words/en/tasks.py TASKS): one place for them."""
    return property(lambda self: words.task_words("en", self.name)[field], doc=doc)


class Task:
    """Base class. Subclasses set the attributes and implement `_generate` (and `parse`). A task's words (title,
    description, ...) are in the catalogues by its name: `words.task_words(lang, task.name)`; the properties below
    are the English ones."""

    name: str
    kind: Kind
    input_size: int
    output_size: int
    metric: str  # "accuracy" (higher is better) or "mse" (lower is better)
    target: float
    example: str  # a custom sequence that parses

    title = _english("title", "The task's title.")
    description = _english("description", "What the task asks, in two sentences.")
    teaching_note = _english("teaching_note", "What the pre-trained preset does, with its numbers.")
    input_hint = _english("input_hint", "How to type a custom sequence.")

    @property
    def class_names(self) -> tuple[str, ...]:
        """The names of a classification task's answers (empty for a regression task); `classes` in TASKS."""
        return tuple(words.task_words("en", self.name)["classes"])

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
        """A user's typed sequence, encoded exactly as `make_batch` encodes the training data: x (T, D)."""
        raise NotImplementedError

    def text_of(self, x: np.ndarray) -> str:
        """A sequence as a user would type it (its token labels), for a link: parse(text_of(x)) is x, to the
        labels' precision."""
        return " ".join(self.token_labels(x))

    def coverage(self, x: str | np.ndarray, seq_len: int | None = None) -> str | None:
        """None if a sequence (typed text, or x (T, D)) looks like the training data of a model trained on
        sequences of `seq_len` steps (default: the task's default config), else a code from COVERAGE_CODES."""
        x = self.parse(x) if isinstance(x, str) else np.asarray(x)
        n = int(seq_len) if seq_len is not None else self.default_config().seq_len
        if len(x) > n:
            return "longer_than_training"
        if len(x) < n and not self.kind.seq2seq:  # a seq2seq task's every prefix is training data
            return "shorter_than_training"
        return self._coverage(x, n)

    def _coverage(self, x: np.ndarray, seq_len: int) -> str | None:
        """What a task checks beyond the length (the words, the values, the marks)."""
        return None

    def evaluate(self, pred: np.ndarray, y: np.ndarray) -> float:
        """The task's metric for model outputs `pred` (logits or values) against `y`."""
        if self.metric == "accuracy":
            if self.kind.output == "classification":
                return float(np.mean(np.argmax(pred, axis=-1) == y))
            return float(np.mean(np.rint(pred[..., 0]) == y))
        return float(np.mean((pred[..., 0] - y) ** 2))

    def reached(self, value: float) -> bool:
        return value >= self.target if self.higher_is_better else value <= self.target

    def describe_output(self, out: np.ndarray, lang: str = "en") -> str:
        """A model output (one step's logits or value) in words, for the UI."""
        if self.kind.output == "classification":
            k = int(np.argmax(out))
            p = np.exp(out - np.max(out))
            answer = words.task_words(lang, self.name)["classes"][k]
            return words.of(lang).tasks.SURE.format(answer=answer, p=p[k] / p.sum())
        return f"{float(out[0]):.3f}"


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

    def text_of(self, x: np.ndarray) -> str:
        return "".join(self.token_labels(x))

    def parse(self, text: str) -> np.ndarray:
        chars = [ch for ch in check_length(text) if not ch.isspace()]
        if not chars:
            raise Refusal("tasks.empty")
        check_steps(len(chars))
        unknown = sorted({ch for ch in chars if ch not in self.alphabet})
        if unknown:
            shown = ", ".join(repr(ch) for ch in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
            raise Refusal("tasks.unknown_symbols", shown=shown, symbols=" ".join(self.alphabet))
        if len(chars) < self.min_len:
            raise Refusal("tasks.too_short", n=self.min_len)
        return self.one_hot(np.array([self.alphabet.index(ch) for ch in chars]))


class Retargeted:
    """A task whose `reached` test is replaced, everything else delegated: a stricter bar for the
    presets, or one that never holds for timing runs that must go every step."""

    def __init__(self, task: Task, reached: Callable[[float], bool]):
        self._task = task
        self.reached = reached

    def __getattr__(self, attr):
        return getattr(self._task, attr)


def check_length(text: str) -> str:
    if not isinstance(text, str):
        raise Refusal("tasks.not_text")
    if len(text) > 10 * MAX_CUSTOM_LEN:
        raise Refusal("tasks.too_many_characters", chars=f"{len(text):,}", limit=MAX_CUSTOM_LEN)
    return text


def check_steps(n: int) -> None:
    if n > MAX_CUSTOM_LEN:
        raise Refusal("tasks.too_many_steps", n=n, limit=MAX_CUSTOM_LEN)
