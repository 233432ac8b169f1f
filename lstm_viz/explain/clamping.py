"""What clamping a gate does to a trained model: its answers and its score on fresh samples, clamped and not.

    effect = clamp_effect(model, task, Clamp("f", 0.0), x)    # x: the sequence on screen (T, D)
    effect.free, effect.clamped                                 # the task's metric over N_SAMPLES fresh samples
    effect.free_trace, effect.clamped_trace                     # the layer's trace on x, unclamped and clamped

Every number comes from the NumPy reference: lstm_viz.forward and its clamped twin (lstm_viz.core.clamp).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.core.clamp import Clamp, clamped_forward
from lstm_viz.core.readout import TrainedModel
from lstm_viz.core.trace import GateTrace
from lstm_viz.tasks import Task

N_SAMPLES = 256
SAMPLE_SEED = 2027  # fresh: neither a preset's training nor its check used it


@dataclass(frozen=True, eq=False)
class ClampEffect:
    clamp: Clamp | None  # None: the model as trained (clamped and free are the same numbers)
    metric: str  # the task's metric: "accuracy" or "mse"
    free: float  # over N_SAMPLES fresh samples at seq_len, unclamped
    clamped: float
    seq_len: int
    free_trace: GateTrace  # the clamped layer on the sequence shown
    clamped_trace: GateTrace
    free_answer: np.ndarray  # the answer at the last step on the sequence shown (K,)
    clamped_answer: np.ndarray


def score(model: TrainedModel, task: Task, trace, y) -> float:
    """The task's metric for a batch trace's read-out against y (every step, or the last)."""
    out = model.outputs(trace)
    return task.evaluate(out if task.kind.seq2seq else out[:, -1], y)


def fresh_samples(task: Task, seq_len: int) -> tuple[np.ndarray, np.ndarray]:
    return task.make_batch(N_SAMPLES, seq_len, np.random.default_rng(SAMPLE_SEED))


def clamp_effect(model: TrainedModel, task: Task, clamp: Clamp | None, x: np.ndarray, seq_len: int) -> ClampEffect:
    """The model on the sequence x and on N_SAMPLES fresh samples of `seq_len` steps, with and without the clamp
    (None: without, twice)."""
    xs, y = fresh_samples(task, seq_len)
    free_batch, free = model.trace(xs), model.trace(x)
    if clamp is None:
        clamped_batch, clamped = free_batch, free
    else:
        clamped_batch, clamped = clamped_forward(model.params, xs, clamp), clamped_forward(model.params, x, clamp)
    layer = 0 if clamp is None else clamp.layer
    return ClampEffect(
        clamp=clamp,
        metric=task.metric,
        free=score(model, task, free_batch, y),
        clamped=score(model, task, clamped_batch, y),
        seq_len=seq_len,
        free_trace=free.layers[layer],
        clamped_trace=clamped.layers[layer],
        free_answer=model.outputs(free)[-1],
        clamped_answer=model.outputs(clamped)[-1],
    )


def unit_moved_most(effect: ClampEffect) -> int:
    """The unit whose memory (C, or h) the clamp moves most on the sequence shown; when nothing moves (no clamp),
    the unit with the largest final memory."""
    memory = effect.free_trace.spec.states[-1]
    change = effect.clamped_trace[memory] - effect.free_trace[memory]  # (T, H)
    moved = np.linalg.norm(change, ord=np.inf, axis=0)  # (H,): the largest change of each unit
    if moved.max() > 1e-9:
        return int(np.argmax(moved))
    return int(np.argmax(np.abs(effect.free_trace[memory][-1])))
