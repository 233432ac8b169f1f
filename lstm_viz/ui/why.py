"""The Why gates page's state, cached numbers and background runs: its choices (what a link may name), the
models it compares, the study's results, the gradient flows and the clamp, all keyed by plain values.

The models are the task's presets (the trained LSTM, GRU and plain RNN) and the sidebar's random
initialisation with seed 0 and one layer, so that a link to the step-through page opens the same model.
"""

from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from lstm_viz import tasks, words
from lstm_viz.core import cells
from lstm_viz.core.clamp import Clamp
from lstm_viz.explain import why_words
from lstm_viz.explain.clamping import ClampEffect, clamp_effect, unit_moved_most
from lstm_viz.explain.gradients import Flow, flow
from lstm_viz.io import study
from lstm_viz.ui.models import model_and_id, trained_len
from lstm_viz.ui.state import (
    CELL,
    CLAMP_CELL,
    CLAMP_GATE,
    CLAMP_UNIT,
    CLAMP_VALUE,
    GOTO,
    MODEL,
    MODEL_SEED,
    NUM_LAYERS,
    PENDING,
    SOURCE,
    TASK,
    TEXT,
    WHY_CELLS,
    WHY_GRAD,
    WHY_KEPT,
    WHY_KEYS,
    WHY_LENGTH,
    WHY_LIVE,
    WHY_SEQ,
    WHY_TASK,
    WHY_URL,
    keep,
    put_back,
    write_link,
)
from lstm_viz.viz import why as figures

CLAMP_CELLS = ("lstm", "gru")
HIDDEN = 16  # the presets' hidden size (every task's default config)
GRAD_KINDS = ("trained", "random", "both")  # the models whose gradients are drawn (words: why.GRAD_KINDS)
CLAMP_VALUES = ("off", "0", "1", "mean")  # what a gate is forced to (words: why.CLAMP_VALUES)
CHOICES = {
    WHY_TASK: study.MEMORY_TASKS,
    WHY_CELLS: study.CELLS,
    WHY_LENGTH: tuple(str(n) for n in study.LENGTHS),
    WHY_SEQ: (),  # any sample number
    WHY_GRAD: GRAD_KINDS,
    CLAMP_CELL: CLAMP_CELLS,
    CLAMP_GATE: tuple(dict.fromkeys(g for c in CLAMP_CELLS for g in cells.spec(c).gates)),
    CLAMP_VALUE: CLAMP_VALUES,
    CLAMP_UNIT: ("all", *(str(u) for u in range(HIDDEN))),
}
RANDOM_SEED = 0  # the random initialisation compared (the sidebar's seed 0, one layer)
DEFAULT_TASK = "adding"  # the task where the study tells the cells apart most clearly (README: Why gates)
FIRST_GATE = {"lstm": "f", "gru": "z"}  # the gate a clamp starts on: the one that keeps the memory


def defaults() -> None:
    """Put back what another page dropped (Streamlit forgets the state of widgets a run did not draw), then fill in
    what was never chosen. The link was read before (state.read_why_link)."""
    ss = st.session_state
    put_back(WHY_KEPT)
    ss.setdefault(WHY_TASK, DEFAULT_TASK)
    ss.setdefault(WHY_CELLS, list(cells.MAIN))
    ss.setdefault(WHY_LENGTH, 20)
    ss.setdefault(WHY_SEQ, 0)
    ss.setdefault(WHY_GRAD, "both")
    ss.setdefault(CLAMP_CELL, "lstm")
    ss.setdefault(CLAMP_VALUE, "0")
    ss.setdefault(CLAMP_UNIT, "all")
    if ss.get(CLAMP_GATE) not in cells.spec(ss[CLAMP_CELL]).gates:  # a link's gate, or the other cell's
        ss[CLAMP_GATE] = FIRST_GATE[ss[CLAMP_CELL]]


def keep_and_link(view) -> None:
    """Remember the page's choices across pages and mirror them into the link (with the sidebar's view)."""
    ss = st.session_state
    keep(WHY_KEPT, WHY_KEYS)
    extra = {param: str(ss[key]) for param, key in WHY_URL.items()}
    extra["cells"] = ",".join(ss[WHY_CELLS])
    write_link(view, **extra)


# --- the numbers, cached by plain values ---


@st.cache_data(show_spinner=False)
def results() -> dict:
    return study.read()


@st.cache_data(show_spinner=False)
def points(task: str) -> list[study.Point]:
    return study.summarise(results(), task)


def blind(task: str) -> dict[int, float]:
    return {int(n): v for n, v in results()["blind"][task].items()}


def model(task: str, cell: str, kind: str):
    """A preset ("trained") or the random initialisation ("random") and its id, as the sidebar would make it."""
    return model_and_id(task, cell, "preset" if kind == "trained" else "random", RANDOM_SEED, 1)


@st.cache_data(show_spinner=False, max_entries=64)
def sequence(task: str, length: int, seed: int) -> tuple[np.ndarray, str]:
    """A sample of `length` steps as it would be typed (task.text_of) and read back: what a link can carry."""
    t = tasks.get(task)
    x, _ = t.make_batch(1, length, np.random.default_rng(seed))
    text = t.text_of(x[0])
    return t.parse(text), text


@st.cache_data(show_spinner=False, max_entries=64)
def flows(task: str, length: int, seed: int, kinds: tuple[str, ...]) -> dict[str, dict[str, Flow]]:
    x, _ = sequence(task, length, seed)
    t = tasks.get(task)
    return {kind: {c: flow(model(task, c, kind)[0], t, x) for c in cells.MAIN} for kind in kinds}


@st.cache_resource(show_spinner=False, max_entries=64)
def memory_figure(task: str, shown: tuple[str, ...], live: tuple, font: int, lang: str) -> go.Figure:
    t = tasks.get(task)
    return figures.memory_figure(points(task), t.metric, blind(task), list(shown), list(live), font, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def gradient_figure(task: str, length: int, seed: int, kinds: tuple[str, ...], font: int, lang: str) -> go.Figure:
    return figures.gradient_figure(flows(task, length, seed, kinds), font, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def carousel_figure(task: str, length: int, seed: int, kind: str, font: int, lang: str) -> go.Figure:
    return figures.carousel_figure(flows(task, length, seed, (kind,))[kind], font, lang)


def clamp_of(value: str, gate: str, unit: str) -> Clamp | None:
    if value == "off":
        return None
    return Clamp(gate, value if value == "mean" else float(value), None if unit == "all" else int(unit))


@st.cache_resource(show_spinner=False, max_entries=128)
def clamped(task: str, cell: str, gate: str, value: str, unit: str, seed: int) -> ClampEffect:
    """The clamp's effect on the trained model of `cell`, on the page's sample at the length the preset was
    trained on and on fresh samples of that length (value "off": the gate as computed, clamped to itself)."""
    m, _ = model(task, cell, "trained")
    length = trained_len(task, cell, "preset")
    x, _ = sequence(task, length, seed)
    return clamp_effect(m, tasks.get(task), clamp_of(value, gate, unit), x, length)


def shown_unit(effect: ClampEffect) -> int:
    """The unit the clamp figure shows: the clamped one, else the one whose memory the clamp moves most."""
    if effect.clamp is not None and effect.clamp.unit is not None:
        return int(effect.clamp.unit)
    return unit_moved_most(effect)


def shown_unit_words(effect: ClampEffect, lang: str = "en") -> str:
    """Why the clamp figure draws shown_unit(effect), in `lang`."""
    said = words.of(lang).why.SHOWN_UNIT
    if effect.clamp is None:
        return said["largest"]
    if effect.clamp.unit is not None:
        return said["clamped"]
    return said["moved"]


def trained_lengths_words(task: str, length: int, lang: str = "en") -> str:
    """Which presets were trained on fewer steps than the sequence shown (their answers past that are untrained)."""
    w = words.of(lang).why
    shorter = [
        w.TRAINED_ON.format(title=figures.short(c, lang), length=n)
        for c in cells.MAIN
        if (n := trained_len(task, c, "preset")) < length
    ]
    if not shorter:
        return ""
    return w.TRAINED_SHORTER.format(which=w.LIST_SEP.join(shorter))


def right_answer(task, effect: ClampEffect, lang: str = "en") -> str:
    """The task's right answer at the last step of the sequence the clamp figure shows."""
    y = np.asarray(task.targets(effect.free_trace.x))
    y = y[-1] if task.kind.seq2seq else y
    if task.kind.output == "classification":
        return words.task_words(lang, task.name)["classes"][int(y)]
    return f"{float(y):.3g}"


def words_of_clamp(task: str, cell: str, effect: ClampEffect, lang: str = "en") -> str:
    t = tasks.get(task)
    return why_words.clamp_words(t, cells.spec(cell), effect, blind(task)[nearest(effect.seq_len)], lang)


def machine_words(machine: str, lang: str = "en") -> str:
    """The results file's machine ("x86_64, 2 CPU cores, Python 3.11.7", as lstm_viz.io.study writes it) in
    `lang`; as it is written when it is not in that form."""
    m = re.fullmatch(r"(?P<arch>[^,]+), (?P<cores>\d+) CPU cores, Python (?P<python>\S+)", machine)
    return words.of(lang).why.MACHINE.format(**m.groupdict()) if m else machine


def sigmoid(z: float) -> float:
    """σ(z): how open a gate with bias z starts (its weights near 0)."""
    return float(1.0 / (1.0 + np.exp(-z)))


def nearest(length: int) -> int:
    """The study's length nearest to `length` (a blind guess barely depends on it)."""
    return min(study.LENGTHS, key=lambda n: abs(n - length))


# --- a link to another page ---


def open_view(task: str, cell: str, kind: str, text: str) -> None:
    """Ask the sidebar (on its next run) for this task, cell, model and typed sequence (the heat-map page)."""
    st.session_state[PENDING] = {
        TASK: task,
        CELL: cell,
        MODEL: "preset" if kind == "trained" else "random",
        MODEL_SEED: RANDOM_SEED,
        NUM_LAYERS: 1,
        SOURCE: "own",
        TEXT: text,
    }


def open_step(task: str, cell: str, kind: str, t: int, text: str, unit: int = 0) -> None:
    """open_view, and the step-through page at t and unit."""
    open_view(task, cell, kind, text)
    st.session_state[GOTO] = (int(t), int(unit))


# --- "train these now": the three main cells at one length, in the background ---


def start_live(task: str, length: int, owner: str | None, watched) -> None:
    """The three main cells at `length`, seed 0, the study's budget, in the background; runs of this session's
    earlier press are stopped first (never left training, untracked)."""
    from lstm_viz.training import jobs  # torch: imported only when a run is asked for

    stop_live()
    started = {}
    for cell in study.LIVE_CELLS:
        job = jobs.TrainingJob(
            task, study.config(cell, length, seed=0), orphan_after_s=jobs.ORPHAN_AFTER_S, watched=watched
        )
        job.owner = owner
        started[cell] = job.start()
    st.session_state[WHY_LIVE] = {"task": task, "length": length, "jobs": started}


def live() -> dict | None:
    return st.session_state.get(WHY_LIVE)


def stop_live() -> None:
    runs = live()
    for job in (runs or {}).get("jobs", {}).values():
        job.stop()


def finished(job) -> bool:
    """A run that used its whole budget or reached the target (not stopped, not failed): one to draw."""
    r = job.result
    return r is not None and not r.stopped_on_request and not r.diverged and bool(np.isfinite(r.final_metric))


def file_run(task: str, cell: str, length: int, seed: int = 0) -> float | None:
    """The results file's metric for one run (the live runs use seed 0: the same run, redone), None if absent."""
    for run in results()["runs"]:
        if (run["task"], run["cell"], int(run["length"]), int(run["seed"])) == (task, cell, length, seed):
            return float(run["metric"])
    return None


def live_points(task: str) -> tuple[tuple[str, int, float], ...]:
    """The finished live runs of this task: (cell, length, held-out metric)."""
    runs = live()
    if runs is None or runs["task"] != task:
        return ()
    return tuple((c, runs["length"], float(j.result.final_metric)) for c, j in runs["jobs"].items() if finished(j))
