"""What a user types for an imported model, read as the model reads it: a task's sentence (an example trained on
the repository's sentences), the file's own vocabulary (a Keras TextVectorization / StringLookup), token ids, or
numbers; and what the time axis calls each step. No Streamlit: plain functions the Your model page calls.

Bad input is a ValueError naming the problem (a Refusal, said in the reader's language), for the page to show (the
last good input kept). The help's words are the catalogue's (lstm_viz/words/*/model.py), in the language asked.
"""

from __future__ import annotations

import re

import numpy as np

from lstm_viz import tasks, words
from lstm_viz.core.refusal import Refusal
from lstm_viz.io.imported import ImportedModel
from lstm_viz.tasks import Task
from lstm_viz.tasks.numbers import NumberTask
from lstm_viz.ui.safe import plain
from lstm_viz.ui.state import MAX_MODEL_INPUT_CHARS


def as_one_hot(task: Task, x: np.ndarray) -> np.ndarray:
    """A text task's input as its one-hot vectors (T, V), from token ids (T,) or the vectors themselves."""
    x = np.asarray(x)
    return np.eye(task.input_size)[x] if x.ndim == 1 else x


def format_input(x: np.ndarray) -> str:
    """An input as typed: ids or numbers separated by spaces; for D > 1 one step a group, groups split by ';'."""
    x = np.asarray(x)
    if x.ndim == 1:
        return " ".join(str(int(v)) for v in x)
    if x.shape[1] == 1:
        return " ".join(f"{v:.4g}" for v in x[:, 0])
    return "; ".join(" ".join(f"{v:.4g}" for v in row) for row in x)


def default_input(model: ImportedModel) -> str:
    """An input that fits a model of no example: a few of its own words, a few token ids, or numbers a step."""
    if model.vocabulary is not None:
        lookup = model.lookup
        first = (0 if lookup.mask_token is None else 1) + lookup.num_oov_indices  # past the mask and OOV tokens
        return " ".join(w for w in model.vocabulary[first : first + 5] if w)
    if model.vocab_size is not None:
        return " ".join(str(k % max(model.vocab_size, 1)) for k in (3, 1, 4, 1, 5, 9, 2, 6))
    steps = np.array([0.1, 0.5, -0.2, 0.3, 0.8, -0.6])
    return format_input(np.round(steps[:, None] * (1 + np.arange(model.input_size)) / model.input_size, 3))


def input_help(model: ImportedModel, task: Task | None = None, lang: str = "en") -> str:
    """What the input box takes for this model, in `lang`: a task's sentence, text for the file's own lookup layer,
    token ids or numbers."""
    w = words.of(lang).model
    limit = w.HELP_LIMIT.format(limit=tasks.MAX_CUSTOM_LEN)
    if task is not None:
        hint = words.task_words(lang, task.name)["input_hint"]
        return w.HELP_TASK.format(hint=hint, pad=tasks.PAD, steps=task.default_config().seq_len, limit=limit)
    if model.vocabulary is not None:
        lookup = model.lookup
        how = w.HELP_STANDARDIZE.get(lookup.standardize, "")
        whole = lookup.split != "whitespace" and lookup.layer != "StringLookup"
        split = w.HELP_SPLIT["none" if whole else "whitespace"]
        return w.HELP_TEXT.format(layer=plain(lookup.label, 80), how=how, split=split, count=len(model.vocabulary),
                                  limit=limit)  # fmt: skip
    if model.vocab_size is not None:
        return w.HELP_IDS.format(last=model.vocab_size - 1, limit=limit)
    if model.input_size == 1:
        return w.HELP_ONE_NUMBER.format(limit=limit)
    return w.HELP_NUMBERS.format(count=model.input_size, example=default_input(model).split(";")[0], limit=limit)


def parse_input(model: ImportedModel, text: str, task: Task | None = None) -> np.ndarray:
    """The typed input as the model reads it: token ids (T,) for a model with an Embedding, else numbers (T, D).
    With a task (an example trained on its sentences), the text is that task's and is encoded by it as its
    training data was (task.parse): its token ids for an Embedding, else its one-hot word vectors.
    ValueError names the problem: empty, too long, a word that is not a number, an id outside the vocabulary,
    a step with the wrong count of numbers; for a task, the task's own message (an unknown word, ...)."""
    text = str(text)
    if len(text) > MAX_MODEL_INPUT_CHARS:
        raise Refusal("model.input_too_many_chars", count=f"{len(text):,}", limit=f"{MAX_MODEL_INPUT_CHARS:,}")
    if task is not None:
        return _task_input(model, task, task.parse(text))
    if model.vocabulary is not None:  # the file's own TextVectorization / StringLookup reads the text
        if not text.strip():
            raise Refusal("model.input_no_words")
        ids = model.encode([text])[0]  # (T,)
        if len(ids) > tasks.MAX_CUSTOM_LEN:
            raise Refusal("model.input_too_long", steps=len(ids), limit=tasks.MAX_CUSTOM_LEN)
        return ids
    D, V = model.input_size, model.vocab_size
    if V is not None or D == 1:
        typed = [w for w in re.split(r"[\s,;]+", text.strip()) if w]
        steps = len(typed)
    else:
        groups = [g for g in re.split(r"[;\n]+", text) if g.strip()]
        steps = len(groups)
    if steps == 0:
        raise Refusal("model.input_empty")
    if steps > tasks.MAX_CUSTOM_LEN:
        raise Refusal("model.input_too_long", steps=steps, limit=tasks.MAX_CUSTOM_LEN)
    if V is not None:
        bad = [w for w in typed if not re.fullmatch(r"[+-]?[0-9]{1,12}", w)]
        if bad:
            raise Refusal("model.not_token_id", word=repr(bad[0][:20]), last=V - 1)
        ids = np.array([int(w) for w in typed], dtype=np.int64)  # (T,)
        outside = [int(i) for i in ids if not 0 <= i < V]
        if outside:
            raise Refusal("model.token_outside", id=outside[0], last=V - 1)
        return ids
    if D == 1:
        return np.array([NumberTask.number(w, t) for t, w in enumerate(typed)])[:, None]  # (T, 1)
    rows = []
    for t, group in enumerate(groups):
        row = [NumberTask.number(w, t) for w in re.split(r"[\s,]+", group.strip()) if w]
        if len(row) != D:
            raise Refusal("model.step_count", t=t, count=len(row), size=D)
        rows.append(row)
    return np.array(rows)  # (T, D)


def _task_input(model: ImportedModel, task: Task, one_hot: np.ndarray) -> np.ndarray:
    """A task's one-hot encoding (T, V) as the model reads it: ids (T,) for its Embedding, else the vectors."""
    if model.vocab_size is not None:
        if model.vocab_size != task.input_size:
            raise ValueError(f"the embedding has {model.vocab_size} ids; the task {task.name} has {task.input_size}")
        return np.argmax(one_hot, axis=-1)  # (T,)
    if model.input_size != task.input_size:
        raise ValueError(
            f"the model reads {model.input_size} numbers a step; the task {task.name} has {task.input_size}"
        )
    return one_hot  # (T, V)


def token_labels(x: np.ndarray, task: Task | None = None, vocabulary: tuple[str, ...] | None = None) -> list[str]:
    """The time axis' labels: the task's words (a text example), the file's own words (a model with a
    vocabulary: its padding shown as the task's pad mark), the token id, the number (D = 1), or the step's index
    (D > 1)."""
    x = np.asarray(x)
    if task is not None:
        return task.token_labels(as_one_hot(task, x))
    if vocabulary is not None:
        return [vocabulary[int(i)] or tasks.PAD for i in x]
    if x.ndim == 1:
        return [str(int(v)) for v in x]
    if x.shape[1] == 1:
        return [f"{v:.2g}" for v in x[:, 0]]
    return [str(t) for t in range(len(x))]
