"""Run the Why gates page's training study and write its results file (the protocol: lstm_viz/io/study.py).

    python -m lstm_viz.training.study           # every run, 2 worker processes: lstm_viz/data/why_gates.json
    python -m lstm_viz.training.study --workers 1 --seeds 0 --out /tmp/quick.json

Each run is `training.train` with the protocol's config: the held-out metric it reaches (512 fresh
sequences), whether it reached the task's target, its steps and seconds. Runs go to worker processes, one
torch thread each, the longest sequences first.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import sys
import time
from pathlib import Path

from lstm_viz import tasks
from lstm_viz.io import study
from lstm_viz.training.loop import train

COMMAND = "python -m lstm_viz.training.study"


def run_one(job: tuple[str, str, int, int]) -> dict:
    task_name, cell, length, seed = job
    result = train(tasks.get(task_name), study.config(cell, length, seed))
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
    ap.add_argument("--out", type=Path, default=study.RESULTS)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seeds", type=int, nargs="*", default=list(study.SEEDS))
    args = ap.parse_args(argv)
    jobs = [job for job in study.plan() if job[3] in args.seeds]
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
            "budget": study.BUDGET,
            "forget_bias": study.FORGET_BIAS,
            "lengths": lengths,
            "seeds": sorted(args.seeds),
            "eval_sequences": 512,
            "stops_early": "when the held-out metric reaches the task's target",
        },
        "blind": {t: {str(n): round(study.blind_score(t, n), 6) for n in lengths} for t in task_names},
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
