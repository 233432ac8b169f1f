"""Memory against distance: the protocol of the Why gates page's training study and its results file.

    python -m lstm_viz.training.study            # rebuild lstm_viz/data/why_gates.json (see that module)

The study trains every cell of CELLS on each memory task at each length of LENGTHS, with SEEDS seeds, all
with the same hidden size and training budget (`config`), and records the held-out metric each run
reaches. The misread LSTM of one tutorial (lstm_viz/core/cells/misread.py) is trained the same way beside
the LSTM on MISREAD_TASKS. Reading the file needs only json and NumPy.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lstm_viz import tasks
from lstm_viz.core import cells
from lstm_viz.core.config import TrainConfig

RESULTS = Path(__file__).parent.parent / "data" / "why_gates.json"
LENGTHS = (5, 10, 20, 50, 100)
SEEDS = (0, 1, 2)
MEMORY_TASKS = ("remember_first", "adding")
CELLS = ("rnn", "gru", "lstm", "lstm_nfg", "lstm_cifg", "lstm_nog", "lstm_ph")
MISREAD_TASKS = ("remember_first", "counting")
MISREAD_CELLS = ("lstm", "lstm_misread")
LIVE_CELLS = cells.MAIN  # what "train these now" reruns
FORGET_BIAS = 3.0  # added to b_f where a cell has a forget gate of its own: it starts about 0.95 open
BUDGET = dict(hidden_size=16, batch_size=64, steps=2000, lr=1e-2, grad_clip=1.0, threads=1)
MAX_FILE_BYTES = 2_000_000


def config(cell: str, length: int, seed: int) -> TrainConfig:
    """The one training budget every cell gets: BUDGET, the length, the seed, and FORGET_BIAS where it applies.
    Training stops early once the held-out metric reaches the task's target."""
    forget_bias = FORGET_BIAS if "f" in cells.spec(cell).weighted else 0.0
    return TrainConfig(cell=cell, seq_len=length, seed=seed, forget_bias=forget_bias, **BUDGET)


def plan() -> list[tuple[str, str, int, int]]:
    """Every run of the study: (task, cell, length, seed), the longest first (they take the longest)."""
    runs = {(t, c, n, s) for t in MEMORY_TASKS for c in CELLS for n in LENGTHS for s in SEEDS}
    runs |= {(t, c, n, s) for t in MISREAD_TASKS for c in MISREAD_CELLS for n in LENGTHS for s in SEEDS}
    return sorted(runs, key=lambda r: (-r[2], r))


def blind_score(task_name: str, length: int, n: int = 4096, seed: int = 7) -> float:
    """The task's metric for an answer that never looks at the input: the most common class, or the mean
    target (at each step, for a task that answers at every step). The floor a chart's lines start from."""
    task = tasks.get(task_name)
    _, y = task.make_batch(n, length, np.random.default_rng(seed))
    if task.kind.output == "classification":
        K = task.output_size
        best = [np.bincount(col, minlength=K).argmax() for col in y.reshape(n, -1).T]  # per answered step
        pred = np.broadcast_to(np.eye(K)[best].reshape(*y.shape[1:], K), (*y.shape, K))
    else:
        pred = np.broadcast_to(y.mean(axis=0)[..., None], (*y.shape, 1))
    return task.evaluate(pred, y)


@dataclass(frozen=True)
class Point:
    """One (task, cell, length) of the study over its seeds."""

    task: str
    cell: str
    length: int
    median: float
    low: float  # the worst seed's metric
    high: float  # the best seed's
    values: tuple[float, ...]
    reached: int  # seeds that reached the task's target
    seconds: float  # median training time of a run


def read(path: Path | str = RESULTS) -> dict:
    """The results file as written by lstm_viz.training.study; ValueError names what is wrong with it."""
    path = Path(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"results: {path.name} is over {MAX_FILE_BYTES:,} bytes")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("runs"), list):
        raise ValueError(f"results: {path.name} has no list of runs")
    for k, run in enumerate(data["runs"]):
        missing = [f for f in ("task", "cell", "length", "seed", "metric") if f not in run]
        if missing:
            raise ValueError(f"results: run {k} has no {missing[0]!r}")
        if not isinstance(run["metric"], int | float) or not math.isfinite(run["metric"]):
            raise ValueError(f"results: run {k} has a metric that is not a finite number")
    return data


def summarise(data: dict, task: str) -> list[Point]:
    """Median, worst and best seed of every (cell, length) of one task, cells in the order of the runs."""
    groups: dict[tuple[str, int], list[dict]] = {}
    for run in data["runs"]:
        if run["task"] == task:
            groups.setdefault((run["cell"], int(run["length"])), []).append(run)
    t = tasks.get(task)
    points = []
    for (cell, length), runs in sorted(groups.items(), key=lambda kv: (_order(kv[0][0]), kv[0][1])):
        values = tuple(float(r["metric"]) for r in sorted(runs, key=lambda r: r["seed"]))
        points.append(Point(task, cell, length, float(np.median(values)), min(values), max(values), values,
                            sum(t.reached(v) for v in values),
                            float(np.median([r.get("seconds", math.nan) for r in runs]))))  # fmt: skip
    return points


def _order(cell: str) -> int:
    every = [*CELLS, *MISREAD_CELLS]
    return every.index(cell) if cell in every else len(every)


def point(points: list[Point], cell: str, length: int) -> Point:
    for p in points:
        if p.cell == cell and p.length == length:
            return p
    raise KeyError(f"no result for {cell} at length {length}")
