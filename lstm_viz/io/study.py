"""Memory against distance: the Why gates page's training study, its protocol, its results file and its rebuild.

    python -m lstm_viz.io.study                          # every run, 2 worker processes: lstm_viz/data/why_gates.json
    python -m lstm_viz.io.study --workers 1 --seeds 0 --out /tmp/quick.json
    python -m lstm_viz.io.study --table                  # the results as the README's tables

The study trains every cell of CELLS on each memory task at each length of LENGTHS, with SEEDS seeds, all
with the same hidden size and training budget (`config`), and records the held-out metric each run
reaches (512 fresh sequences), whether it reached the task's target, its steps and seconds. The misread
LSTM of one tutorial (lstm_viz/core/cells/misread.py) is trained the same way beside the LSTM on
MISREAD_TASKS. Runs go to worker processes, one torch thread each, the longest sequences first. Reading
the file needs only json and NumPy (torch is imported for a rebuild only).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lstm_viz import tasks
from lstm_viz.core import cells
from lstm_viz.core.config import TrainConfig

RESULTS = Path(__file__).parent.parent / "data" / "why_gates.json"
COMMAND = "python -m lstm_viz.io.study"
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
    low: float  # the lowest of the seeds' metrics (for an MSE, the best seed; for an accuracy, the worst)
    high: float  # the highest
    values: tuple[float, ...]
    reached: int  # seeds that reached the task's target
    seconds: float  # median training time of a run


def read(path: Path | str = RESULTS) -> dict:
    """The results file as written by `main` (python -m lstm_viz.io.study); ValueError names what is wrong with it."""
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
    """Median, lowest and highest seed of every (cell, length) of one task, cells in the study's order."""
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


def table(data: dict, task: str) -> str:
    """The study of one task as a Markdown table: a row per cell, a column per length, "median [lowest, highest]"
    (accuracy in %, MSE to three significant digits); a last row for a blind guess."""
    t = tasks.get(task)
    pts = summarise(data, task)
    lengths = sorted({p.length for p in pts})

    def f(v: float) -> str:
        return f"{v * 100:.0f}" if t.metric == "accuracy" else f"{v:.3g}"

    unit = " (%)" if t.metric == "accuracy" else ""
    rows = [f"| {task}: {t.metric}{unit} | " + " | ".join(f"T = {n}" for n in lengths) + " |",
            "|---|" + "---|" * len(lengths)]  # fmt: skip
    for cell in dict.fromkeys(p.cell for p in pts):
        cols = [point(pts, cell, n) for n in lengths]
        rows.append(f"| {cell} | " + " | ".join(f"{f(p.median)} [{f(p.low)}, {f(p.high)}]" for p in cols) + " |")
    rows.append("| blind guess | " + " | ".join(f(data["blind"][task][str(n)]) for n in lengths) + " |")
    return "\n".join(rows)


# --- the rebuild ---


def run_one(job: tuple[str, str, int, int]) -> dict:
    from lstm_viz.training.loop import train  # torch only for a rebuild

    task_name, cell, length, seed = job
    result = train(tasks.get(task_name), config(cell, length, seed))
    return {
        "task": task_name,
        "cell": cell,
        "length": length,
        "seed": seed,
        "metric": round(result.final_metric, 6),
        "reached": bool(result.reached_target),
        "steps": result.steps_done,
        "seconds": round(result.seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seeds", type=int, nargs="*", default=list(SEEDS))
    ap.add_argument("--table", action="store_true", help="print the results file's tables (README) and stop")
    args = ap.parse_args(argv)
    if args.table:
        data = read(args.out)
        print("\n\n".join(table(data, t) for t in sorted({r["task"] for r in data["runs"]})))
        return 0
    jobs = [job for job in plan() if job[3] in args.seeds]
    t0 = time.perf_counter()
    runs = []
    with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
        for k, record in enumerate(pool.imap_unordered(run_one, jobs), 1):
            runs.append(record)
            print(f"[{k}/{len(jobs)} {time.perf_counter() - t0:6.0f} s] {record['task']} {record['cell']} "
                  f"T={record['length']} seed {record['seed']}: {record['metric']:.3f} in {record['seconds']} s",
                  flush=True)  # fmt: skip
    seconds = time.perf_counter() - t0
    lengths = sorted({j[2] for j in jobs})
    task_names = sorted({j[0] for j in jobs})
    data = {
        "command": COMMAND,
        "protocol": {
            "budget": BUDGET,
            "forget_bias": FORGET_BIAS,
            "lengths": lengths,
            "seeds": sorted(args.seeds),
            "eval_sequences": 512,
            "stops_early": "when the held-out metric reaches the task's target",
        },
        "blind": {t: {str(n): round(blind_score(t, n), 6) for n in lengths} for t in task_names},
        "seconds": round(seconds, 1),
        "workers": args.workers,
        "machine": f"{platform.machine()}, {multiprocessing.cpu_count()} CPU cores, Python {platform.python_version()}",
        "runs": sorted(runs, key=lambda r: (r["task"], r["cell"], r["length"], r["seed"])),
    }
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(runs)} runs to {args.out} in {seconds:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
