"""This browser session's training runs: the job in progress and the finished or uploaded runs.

Everything lives in st.session_state, so another browser session never sees it. A run is a plain
record; its id (a uuid) keys the cached figures, which are shared by the server. Its words (its name, why it
stopped) are said in a language when they are shown: `run.title(lang)`, `run.stop_words(lang)`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import streamlit as st

from lstm_viz import tasks, words
from lstm_viz.core.config import TrainConfig
from lstm_viz.core.params import CellParams
from lstm_viz.core.readout import TrainedModel
from lstm_viz.training.loop import stop_words
from lstm_viz.ui.state import RUNS

MAX_RUNS = 8  # the oldest run is dropped beyond this


@dataclass(frozen=True, eq=False)
class Run:
    id: str
    model: TrainedModel
    config: TrainConfig | None
    history: list[tuple[int, float, float]] = field(default_factory=list)
    snapshots: list[tuple[int, CellParams]] = field(default_factory=list)
    final_metric: float | None = None
    reached_target: bool | None = None
    stop_code: str = ""  # why it stopped (training.loop.TrainResult.stop_code); "" for an uploaded file
    stop_params: dict = field(default_factory=dict)
    seconds: float | None = None
    device: str = ""
    steps_done: int = 0  # the updates in `model` (after a divergence: those of the last weights with a finite loss)
    number: int = 0  # the session's run number (a trained run)
    file_name: str = ""  # the uploaded file's name (an uploaded run)

    @property
    def label(self) -> str:
        return self.title("en")

    def title(self, lang: str) -> str:
        """The run's name: "run 2: counting, gru x2, H=8, lr=0.01, f-bias=1, seed=0", "uploaded: mine.safetensors
        (counting, lstm, H=5)"; the task's title in a language other than English."""
        w = words.of(lang).train
        task = self.model.task if lang == "en" else task_title(lang, self.model.task)
        cell, hidden = cell_label(self.model), self.model.params.hidden_size
        if self.config is None or self.file_name:
            return w.UPLOAD_LABEL.format(name=self.file_name[:40], task=task, cell=cell, hidden=hidden)
        c = self.config
        bias = w.RUN_BIAS.format(bias=c.forget_bias) if "f" in self.model.params.spec.weighted else ""
        return w.RUN_LABEL.format(n=self.number, task=task, cell=cell, hidden=c.hidden_size, lr=c.lr, bias=bias,
                                  seed=c.seed)  # fmt: skip

    @property
    def diverged(self) -> bool:
        return self.stop_code == "diverged"

    def stop_words(self, lang: str) -> str:
        """Why its training stopped, in `lang` ("" for an uploaded file)."""
        return stop_words(self.stop_code, self.stop_params, lang) if self.stop_code else ""


def runs() -> list[Run]:
    return st.session_state.setdefault(RUNS, [])


def add(run: Run) -> None:
    kept = runs()
    kept.append(run)
    del kept[:-MAX_RUNS]


def from_result(job_id: str, result, n: int) -> Run:
    return Run(
        id=job_id,
        number=n,
        model=result.model,
        config=result.config,
        history=result.history,
        snapshots=result.snapshots,
        final_metric=result.final_metric,
        reached_target=result.reached_target,
        stop_code=result.stop_code,
        stop_params=result.stop_params,
        seconds=result.seconds,
        device=result.device,
        steps_done=result.steps_done,
    )


def task_title(lang: str, name: str) -> str:
    """A task's title in `lang`: the catalogue's (words.task_words), else the task's own English one."""
    found = getattr(words.of(lang).tasks, "TASKS", {}).get(name)
    return found["title"] if found else tasks.get(name).title


def cell_label(model: TrainedModel) -> str:
    """The cell's key and, for a stack, its layers: "lstm", "gru x2", "lstm(activation=relu) x3"."""
    stack = f" x{model.num_layers}" if model.num_layers > 1 else ""
    return f"{model.params.spec.key}{stack}"


def from_upload(model: TrainedModel, config: TrainConfig | None, name: str) -> Run:
    return Run(id=uuid.uuid4().hex[:12], model=model, config=config, file_name=name)
