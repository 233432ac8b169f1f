"""What every cell reaches on every task with the task's default config (one seed, CPU): measured, not asserted.

    python benchmarks/cells_on_tasks.py                 # the GRU, the plain RNN and the seven LSTM variants
    python benchmarks/cells_on_tasks.py gru lstm_cifg   # these cells only

Each run is `training.train(task, task.default_config().replace(cell=..., device="cpu", seed=0))`, on the
config's 2 CPU threads: it stops at the target (checked on 512 held-out sequences) or after the config's steps.
The table gives the held-out metric at the end, whether it reached the target, the steps taken and the seconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lstm_viz import tasks
from lstm_viz.core import cells
from lstm_viz.training import train

DEFAULT_CELLS = ["gru", "rnn", "lstm_nig", "lstm_nfg", "lstm_nog", "lstm_cifg", "lstm_ph", "lstm_niaf", "lstm_noaf"]


def main(argv: list[str]) -> None:
    chosen = argv or DEFAULT_CELLS
    for cell in chosen:
        cells.spec(cell)  # a bad name fails before any training
    print(
        f"{'task':<20} {'cell':<10} {'metric':>8} {'target':>9} {'reached':>8} {'steps':>6} {'seconds':>8}", flush=True
    )
    for name in tasks.names():
        task = tasks.get(name)
        for cell in chosen:
            config = task.default_config().replace(cell=cell, device="cpu", seed=0)
            r = train(task, config)
            steps = r.history[-1][0] if r.history else 0
            sign = ">=" if task.higher_is_better else "<="
            print(f"{name:<20} {cell:<10} {r.final_metric:>8.4f} {sign + format(task.target, 'g'):>9} "
                  f"{'yes' if r.reached_target else 'no':>8} {steps:>6} {r.seconds:>8.1f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
