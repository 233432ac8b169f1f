"""The models and traces the pages show, cached and keyed by plain values (task name, seeds, model ids).

A model is the task's pre-trained preset (loaded from its safetensors file, no torch), a random
initialisation with a seed, or the model trained in this browser session (kept per user in
st.session_state by the train-live page). A session model's id is a digest of its weights, so
two different trainings never share a cache entry.
"""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st

from lstm_viz import tasks
from lstm_viz.core import reference
from lstm_viz.core.params import LSTMParams
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.trace import GateTrace
from lstm_viz.io import presets
from lstm_viz.ui.state import SESSION_MODELS, SeqRef

MODEL_KINDS = ("preset", "random", "session")
MODEL_LABELS = {
    "preset": "pre-trained preset",
    "random": "random initialisation",
    "session": "trained in this session",
}


@st.cache_resource(show_spinner=False)
def preset_model(task_name: str) -> TrainedModel:
    """The task's preset: shared by every session, read-only."""
    return presets.load(task_name)[0]


@st.cache_resource(show_spinner=False, max_entries=256)
def random_model(task_name: str, seed: int) -> TrainedModel:
    """A random initialisation, as torch would make it (forget-gate bias as in the task's default config)."""
    task = tasks.get(task_name)
    config = task.default_config()
    H = config.hidden_size
    p = LSTMParams.random(task.input_size, H, seed=seed, forget_bias=config.forget_bias)
    rng = np.random.default_rng([seed, 2])
    k = 1 / np.sqrt(H)
    return TrainedModel(task_name, p, rng.uniform(-k, k, (task.output_size, H)), rng.uniform(-k, k, task.output_size))


def session_model(task_name: str) -> TrainedModel | None:
    return st.session_state.get(SESSION_MODELS, {}).get(task_name)


def set_session_model(model: TrainedModel) -> None:
    st.session_state.setdefault(SESSION_MODELS, {})[model.task] = model


def digest(model: TrainedModel) -> str:
    h = hashlib.sha1()
    for a in (*model.params.arrays(), model.W_out, model.b_out):
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()[:12]


def model_and_id(task_name: str, kind: str, seed: int) -> tuple[TrainedModel, str]:
    """The model a view asks for and a plain id for cache keys."""
    if kind == "session":
        model = session_model(task_name)
        if model is not None:
            return model, f"session:{digest(model)}"
    if kind == "random":
        return random_model(task_name, seed), f"random:{seed}"
    return preset_model(task_name), "preset"


@st.cache_data(show_spinner=False, max_entries=256)
def sample(task_name: str, seq_seed: int) -> np.ndarray:
    """One seeded sample sequence (T, D) of the task, at its default length."""
    task = tasks.get(task_name)
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(seq_seed))
    return x[0]


@st.cache_data(show_spinner=False, max_entries=256)
def parsed(task_name: str, text: str) -> np.ndarray:
    """The user's own sequence, parsed by the task (raises ValueError naming the problem)."""
    return tasks.get(task_name).parse(text)


def sequence(task_name: str, seq_key: str) -> np.ndarray:
    """The sequence of a view's seq_key (a str(SeqRef)): a seeded sample or the user's own, parsed."""
    ref = SeqRef.parse(seq_key)
    return parsed(task_name, ref.value) if ref.kind == "text" else sample(task_name, int(ref.value))


@st.cache_data(show_spinner=False, max_entries=128)
def trace_for(task_name: str, model_id: str, seq_key: str, _model: TrainedModel) -> GateTrace:
    """The NumPy reference trace of the model on the sequence (keyed by the ids; _model is not hashed)."""
    return reference.forward(_model.params, sequence(task_name, seq_key))


@st.cache_data(show_spinner=False, max_entries=32)
def batch_trace(task_name: str, model_id: str, _model: TrainedModel, n: int = 64, seed: int = 0) -> GateTrace:
    """The reference trace over n fresh samples of the task (for statistics such as saturation)."""
    task = tasks.get(task_name)
    x, _ = task.make_batch(n, task.default_config().seq_len, np.random.default_rng([seed, 3]))
    return reference.forward(_model.params, x)


@st.cache_data(show_spinner=False, max_entries=32)
def guide(task_name: str, model_id: str, _model: TrainedModel) -> tuple[int, dict[str, float], int]:
    """For the home page's tour: the unit that carries the first symbol (explain.memory_unit over 256
    fresh samples), how its gates behave (explain.gate_story), and the first sample seed whose first
    symbol is the one that moves that unit's memory most."""
    from lstm_viz import explain

    task = tasks.get(task_name)
    seq_len = task.default_config().seq_len
    x, y = task.make_batch(256, seq_len, np.random.default_rng([0, 4]))
    trace = reference.forward(_model.params, x)
    unit, _, _ = explain.memory_unit(trace, y)
    story = explain.gate_story(trace, y, unit)
    seed = next(s for s in range(1000) if task.make_batch(1, seq_len, np.random.default_rng(s))[1][0] == story["cls"])
    return unit, story, seed
