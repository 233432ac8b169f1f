"""The models and traces the pages show, cached and keyed by plain values (task name, seeds, model ids).

A model is the task's pre-trained preset of a cell (loaded from its safetensors file, no torch), a
random initialisation of any cell and 1 to 3 layers with a seed, an LSTM built by hand (remember_first and
counting: lstm_viz.core.textbook), or the model trained in this browser session (kept per user in
st.session_state by the train-live page, one per task and cell). A model id
names the cell, and a session model's id is a digest of its weights, so two different models never
share a cache entry. Traces come from the readable NumPy cells (lstm_viz.forward, via the model).
"""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st

from lstm_viz import tasks, words
from lstm_viz.core import cells, textbook
from lstm_viz.core.params import random_params
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.refusal import Refusal
from lstm_viz.core.trace import Trace
from lstm_viz.explain.lengths import by_length
from lstm_viz.io import presets
from lstm_viz.ui.state import CELL, SESSION_LENGTHS, SESSION_MODELS, SeqRef

MODEL_KINDS = ("preset", "random", "session", "textbook")


def model_label(kind: str, lang: str = "en") -> str:
    """A model kind's name in `lang`: the catalogue's common.MODEL_LABELS, or textbook.MODEL_LABEL for an LSTM
    built by hand (lstm_viz.core.textbook)."""
    w = words.of(lang)
    return w.textbook.MODEL_LABEL if kind == "textbook" else w.common.MODEL_LABELS[kind]


@st.cache_resource(show_spinner=False)
def preset_model(task_name: str, cell: str = "lstm") -> TrainedModel:
    """The task's preset of this cell: shared by every session, read-only."""
    return presets.load(task_name, cell)[0]


@st.cache_resource(show_spinner=False)
def textbook_model(task_name: str) -> TrainedModel:
    """The task's LSTM built by hand (lstm_viz.core.textbook): shared by every session, read-only."""
    return textbook.textbook_model(task_name)


def textbook_offered(task_name: str, cell: str) -> bool:
    """Whether a model built by hand is offered: an LSTM, on remember_first or counting."""
    return cell == "lstm" and task_name in textbook.TASKS


@st.cache_data(show_spinner=False)
def preset_reached(task_name: str, cell: str) -> bool:
    """Whether the task's preset of this cell reached the target when it was built (a plain RNN's may not)."""
    return presets.reached(task_name, cell)


def trained_lengths(task_name: str, cell: str, kind: str) -> tuple[int, int] | None:
    """The shortest and the longest sequence a model was trained on: a preset's from its file (presets.lengths: a
    length curriculum trains on a range, counting's LSTM on 5 to 60), a session model's from its run's config (the
    task's default when the run said none), None for a model trained on nothing (a random initialisation, one built
    by hand)."""
    if kind == "session":
        n = st.session_state.get(SESSION_LENGTHS, {}).get((task_name, cell))
        n = n or tasks.get(task_name).default_config().seq_len
        return (n, n)
    return preset_lengths(task_name, cell) if kind == "preset" else None


@st.cache_data(show_spinner=False)
def preset_lengths(task_name: str, cell: str) -> tuple[int, int] | None:
    """A preset's training lengths, from its file (read once)."""
    return presets.lengths(task_name, cell) if cell in preset_cells(task_name) else None


def trained_len(task_name: str, cell: str, kind: str) -> int | None:
    """The longest sequence a model was trained on (trained_lengths), None for a model trained on nothing."""
    lengths = trained_lengths(task_name, cell, kind)
    return None if lengths is None else lengths[1]


@st.cache_data(show_spinner=False, max_entries=1024)
def preset_by_length(task_name: str, cell: str, length: int) -> float | None:
    """The preset's metric on fresh samples of `length` steps (lstm_viz.explain.lengths.by_length), None for a
    length the task cannot make; once a length for every session (200 steps: about 0.4 s)."""
    return by_length(tasks.get(task_name), preset_model(task_name, cell), (length,)).get(length)


@st.cache_data(show_spinner=False)
def preset_cells(task_name: str) -> list[str]:
    """The cells that have a preset for the task (the files are looked for once, not on every rerun)."""
    return presets.available(task_name)


@st.cache_resource(show_spinner=False, max_entries=256)
def random_model(task_name: str, seed: int, cell: str = "lstm", num_layers: int = 1) -> TrainedModel:
    """A random initialisation, as torch would make it (the forget-gate bias of the task's default config,
    where the cell has a forget gate of its own)."""
    task = tasks.get(task_name)
    config = task.default_config()
    H = config.hidden_size
    spec = cells.spec(cell)
    bias = config.forget_bias if "f" in spec.weighted else 0.0
    p = random_params(spec, task.input_size, H, num_layers=num_layers, seed=seed, forget_bias=bias)
    rng = np.random.default_rng([seed, 2])
    k = 1 / np.sqrt(H)
    return TrainedModel(task_name, p, rng.uniform(-k, k, (task.output_size, H)), rng.uniform(-k, k, task.output_size))


def session_model(task_name: str, cell: str) -> TrainedModel | None:
    return st.session_state.get(SESSION_MODELS, {}).get((task_name, cell))


def session_cells(task_name: str) -> list[str]:
    """The cells of the models trained (or opened) in this session for the task."""
    return [cell for task, cell in st.session_state.get(SESSION_MODELS, {}) if task == task_name]


def set_session_model(model: TrainedModel, seq_len: int | None = None) -> None:
    """Keep the model for its task and cell in this session (and the sequence length it was trained on, when
    known), and show its cell (also call it from a callback)."""
    st.session_state.setdefault(SESSION_MODELS, {})[(model.task, model.cell)] = model
    st.session_state.setdefault(SESSION_LENGTHS, {})[(model.task, model.cell)] = seq_len
    st.session_state[CELL] = model.cell


def digest(model: TrainedModel) -> str:
    h = hashlib.sha1(model.params.spec.key.encode())
    for layer in model.params.layers:
        for a in layer.values():
            h.update(np.ascontiguousarray(a).tobytes())
    for a in (model.W_out, model.b_out):
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()[:12]


def model_and_id(task_name: str, cell: str, kind: str, seed: int, num_layers: int = 1) -> tuple[TrainedModel, str]:
    """The model a view asks for and a plain id for cache keys (it names the cell)."""
    if kind == "session":
        model = session_model(task_name, cell)
        if model is not None:
            return model, f"session:{digest(model)}"
    if kind == "textbook" and textbook_offered(task_name, cell):
        return textbook_model(task_name), "textbook:lstm"
    if kind == "random" or cell not in preset_cells(task_name):
        return random_model(task_name, seed, cell, num_layers), f"random:{cell}:{num_layers}:{seed}"
    return preset_model(task_name, cell), f"preset:{cell}"


@st.cache_data(show_spinner=False, max_entries=256)
def sample(task_name: str, seq_seed: int) -> np.ndarray:
    """One seeded sample sequence (T, D) of the task, at its default length."""
    task = tasks.get(task_name)
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(seq_seed))
    return x[0]


@st.cache_data(show_spinner=False, max_entries=256)
def parse_outcome(task_name: str, text: str) -> tuple[np.ndarray | None, tuple[str, dict] | str | None]:
    """The task's parse of the user's own sequence, or why it cannot be used: (x, None) or (None, the problem:
    a refusal's (code, params), or another ValueError's message). A problem is cached as well as a sequence, so a
    bad sequence is not parsed again on every rerun."""
    try:
        return tasks.get(task_name).parse(text), None
    except Refusal as err:
        return None, (err.code, err.params)
    except ValueError as err:
        return None, str(err)


def parsed(task_name: str, text: str) -> np.ndarray:
    """The user's own sequence, parsed by the task (raises the task's Refusal, a ValueError, naming the problem)."""
    tasks.check_length(text)  # before the text is hashed for the cache: a long text is refused at once
    x, problem = parse_outcome(task_name, text)
    if isinstance(problem, tuple):
        code, params = problem
        raise Refusal(code, **params)
    if problem is not None:
        raise ValueError(problem)
    return x


def sequence(task_name: str, seq_key: str) -> np.ndarray:
    """The sequence of a view's seq_key (a str(SeqRef)): a seeded sample or the user's own, parsed."""
    ref = SeqRef.parse(seq_key)
    return parsed(task_name, ref.value) if ref.kind == "text" else sample(task_name, int(ref.value))


@st.cache_data(show_spinner=False, max_entries=128)
def trace_for(task_name: str, model_id: str, seq_key: str, _model: TrainedModel) -> Trace:
    """The model's trace (every layer) on the sequence, by the NumPy cells (keyed by the ids; _model is not hashed)."""
    return _model.trace(sequence(task_name, seq_key))


@st.cache_data(show_spinner=False, max_entries=32)
def batch_trace(task_name: str, model_id: str, _model: TrainedModel, n: int = 64, seed: int = 0) -> Trace:
    """The trace over n fresh samples of the task (for statistics such as saturation)."""
    task = tasks.get(task_name)
    x, _ = task.make_batch(n, task.default_config().seq_len, np.random.default_rng([seed, 3]))
    return _model.trace(x)


@st.cache_data(show_spinner=False, max_entries=32)
def guide(task_name: str, model_id: str, _model: TrainedModel) -> tuple[int, dict[str, float], int]:
    """For the home page's tour: the unit that carries the first symbol (explain.memory_unit over 256
    fresh samples), how its gates behave (explain.gate_story), and the first sample seed whose first
    symbol is the one that moves that unit's memory most."""
    from lstm_viz import explain

    task = tasks.get(task_name)
    seq_len = task.default_config().seq_len
    x, y = task.make_batch(256, seq_len, np.random.default_rng([0, 4]))
    trace = _model.trace(x).layers[0]
    unit, _, _ = explain.memory_unit(trace, y)
    story = explain.gate_story(trace, y, unit)
    seed = next(s for s in range(1000) if task.make_batch(1, seq_len, np.random.default_rng(s))[1][0] == story["cls"])
    return unit, story, seed
