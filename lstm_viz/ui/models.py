"""Cached models and traces for the pages, keyed by plain values (task name, seeds)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lstm_viz import reference, tasks
from lstm_viz.model import TrainedModel
from lstm_viz.params import LSTMParams
from lstm_viz.trace import GateTrace

MODEL_KINDS = ("trained here (default config)", "random initialisation")


@st.cache_resource(show_spinner="Training the task's default model (a few seconds, once per server)...")
def trained_model(task_name: str) -> TrainedModel:
    """The task's default config trained with seed 0: shared, read-only."""
    from lstm_viz.training import train  # torch is imported only when a trained model is asked for

    task = tasks.get(task_name)
    return train(task, task.default_config()).model


def random_model(task_name: str, seed: int) -> TrainedModel:
    task = tasks.get(task_name)
    H = task.default_config().hidden_size
    p = LSTMParams.random(task.input_size, H, seed=seed, forget_bias=task.default_config().forget_bias)
    rng = np.random.default_rng([seed, 2])
    k = 1 / np.sqrt(H)
    return TrainedModel(task_name, p, rng.uniform(-k, k, (task.output_size, H)), rng.uniform(-k, k, task.output_size))


def model_for(task_name: str, model_kind: str, model_seed: int) -> TrainedModel:
    if model_kind == MODEL_KINDS[0]:
        return trained_model(task_name)
    return random_model(task_name, model_seed)


@st.cache_data(show_spinner=False, max_entries=64)
def example(task_name: str, seq_seed: int) -> np.ndarray:
    """One seeded sample sequence (T, D) of the task, at its default length."""
    task = tasks.get(task_name)
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(seq_seed))
    return x[0]


@st.cache_data(show_spinner=False, max_entries=64)
def trace_for(task_name: str, model_kind: str, model_seed: int, seq_seed: int) -> GateTrace:
    """The NumPy reference trace of the chosen model on the chosen example. Read-only arrays."""
    return reference.forward(model_for(task_name, model_kind, model_seed).params, example(task_name, seq_seed))
