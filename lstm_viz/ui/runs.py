"""This browser session's training runs: the job in progress and the finished or uploaded runs.

Everything lives in st.session_state, so another browser session never sees it. A run is a plain
record; its id (a uuid) keys the cached figures, which are shared by the server.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import streamlit as st

from lstm_viz.core.config import TrainConfig
from lstm_viz.core.params import CellParams
from lstm_viz.core.readout import TrainedModel
from lstm_viz.ui.state import RUNS

MAX_RUNS = 8  # the oldest run is dropped beyond this


@dataclass(frozen=True, eq=False)
class Run:
    id: str
    label: str
    model: TrainedModel
    config: TrainConfig | None
    history: list[tuple[int, float, float]] = field(default_factory=list)
    snapshots: list[tuple[int, CellParams]] = field(default_factory=list)
    final_metric: float | None = None
    reached_target: bool | None = None
    stopped_reason: str = ""
    seconds: float | None = None
    device: str = ""
    steps_done: int = 0  # the updates in `model` (after a divergence: those of the last weights with a finite loss)
    diverged: bool = False


def runs() -> list[Run]:
    return st.session_state.setdefault(RUNS, [])


def add(run: Run) -> None:
    kept = runs()
    kept.append(run)
    del kept[:-MAX_RUNS]


def from_result(job_id: str, result, n: int) -> Run:
    c = result.config
    bias = f", f-bias={c.forget_bias:g}" if "f" in result.model.params.spec.weighted else ""
    label = f"run {n}: {result.task}, {cell_label(result.model)}, H={c.hidden_size}, lr={c.lr:g}{bias}, seed={c.seed}"
    return Run(
        id=job_id,
        label=label,
        model=result.model,
        config=c,
        history=result.history,
        snapshots=result.snapshots,
        final_metric=result.final_metric,
        reached_target=result.reached_target,
        stopped_reason=result.stopped_reason,
        seconds=result.seconds,
        device=result.device,
        steps_done=result.steps_done,
        diverged=result.diverged,
    )


def cell_label(model: TrainedModel) -> str:
    """The cell's key and, for a stack, its layers: "lstm", "gru x2", "lstm(activation=relu) x3"."""
    stack = f" x{model.num_layers}" if model.num_layers > 1 else ""
    return f"{model.params.spec.key}{stack}"


def from_upload(model: TrainedModel, config: TrainConfig | None, name: str) -> Run:
    label = f"uploaded: {name[:40]} ({model.task}, {cell_label(model)}, H={model.params.hidden_size})"
    return Run(id=uuid.uuid4().hex[:12], label=label, model=model, config=config)
