"""`python benchmarks/bench_threads.py`: training steps per second in the worker process (TrainingJob), with 1 and
with 2 torch threads, on a quiet machine and beside one busy process (a Python loop on one core, as another
training or a browser would be), to choose TrainConfig.threads' default.

The training is remember_first's default config at a learning rate that does not reach the target within
the steps (so every run does all of them); steps/s is steps over the run's own training time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: run as python benchmarks/<name>.py

from lstm_viz import tasks
from lstm_viz.training.jobs import TrainingJob


def steps_per_s(threads: int, steps: int, hidden: int) -> float:
    config = tasks.get("remember_first").default_config()
    config = config.replace(steps=steps, lr=1e-5, hidden_size=hidden, threads=threads, device="cpu")
    job = TrainingJob("remember_first", config).start()
    job.wait()
    assert job.error is None, job.error
    return job.result.steps_done / job.result.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--hidden", type=int, nargs="+", default=[16, 128])
    args = parser.parse_args()
    steps_per_s(1, 20, 16)  # the fork server started and warm
    print(f"steps/s, median of {args.repeats} runs of {args.steps} steps (remember_first, batch 64, T = 30)")
    print(f"{'H':>4} {'beside':<16} {'threads=1':>10} {'threads=2':>10} {'2 / 1':>6}")
    for hidden in args.hidden:
        for busy in (False, True):
            hog = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if busy else None
            try:
                one = [steps_per_s(1, args.steps, hidden) for _ in range(args.repeats)]
                two = [steps_per_s(2, args.steps, hidden) for _ in range(args.repeats)]
            finally:
                if hog is not None:
                    hog.kill()
                    hog.wait()
            a, b = statistics.median(one), statistics.median(two)
            print(f"{hidden:>4} {'one busy process' if busy else 'nothing':<16} {a:>10.0f} {b:>10.0f} {b / a:>6.2f}")


if __name__ == "__main__":
    main()
