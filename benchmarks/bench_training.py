"""`python benchmarks/bench_training.py`: every task to its target, and the training loop's overhead."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: run as python benchmarks/<name>.py

import numpy as np
import torch
from torch import nn

from lstm_viz import tasks
from lstm_viz.training.loop import build, loss_fn, train


def bench_tasks(seeds: int) -> None:
    print(f"each task's default_config(), median of {seeds} seeds; device: {train_device()}")
    header = f"{'task':<20} {'seconds':>8} {'steps':>6} {'final':>8} {'target':>12} {'reached':>8}"
    print(header)
    print("-" * len(header))
    for name in tasks.names():
        task = tasks.get(name)
        config = task.default_config()
        runs = [train(task, config.replace(seed=seed)) for seed in range(seeds)]
        steps = [r.history[-1][0] if r.history else 0 for r in runs]
        sign = ">=" if task.higher_is_better else "<="
        print(
            f"{name:<20} {statistics.median(r.seconds for r in runs):>7.2f}s {int(statistics.median(steps)):>6d} "
            f"{statistics.median(r.final_metric for r in runs):>8.4f} {f'{task.metric} {sign} {task.target:g}':>12} "
            f"{sum(r.reached_target for r in runs)}/{seeds}".rjust(8)
        )


def train_device() -> str:
    return "cuda" if torch.cuda.is_available() else f"cpu ({torch.get_num_threads()} threads)"


def bare_loop(task, config, steps: int) -> float:
    """nn.LSTM + Adam and nothing else, on the same batches: seconds for `steps` steps."""
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.set_num_threads(config.threads)
    net = build(task, config, device)
    opt = torch.optim.Adam(net.parameters(), lr=config.lr)
    criterion = loss_fn(task)
    rng = np.random.default_rng(config.seed)
    y_dtype = torch.long if task.kind.output == "classification" else torch.float32
    t0 = time.perf_counter()
    for _ in range(steps):
        x, y = task.make_batch(config.batch_size, config.seq_len, rng)
        loss = criterion(
            net(torch.as_tensor(x, dtype=torch.float32, device=device)),
            torch.as_tensor(y, dtype=y_dtype, device=device),
        )
        opt.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), config.grad_clip)
        opt.step()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - t0


def bench_overhead(steps: int = 1000, repeats: int = 3) -> None:
    task = tasks.get("remember_first")
    config = task.default_config().replace(steps=steps)
    ours, bare = [], []
    for _ in range(repeats):
        unreachable = tasks.Retargeted(task, lambda value: False)  # so that train() runs every step
        ours.append(train(unreachable, config).seconds)  # the target checks included
        bare.append(bare_loop(task, config, steps))
    o, b = statistics.median(ours), statistics.median(bare)
    print(
        f"\ntraining loop throughput, remember_first, {steps} steps, median of {repeats}: "
        f"train() {steps / o:.0f} steps/s, bare nn.LSTM + Adam {steps / b:.0f} steps/s, ratio {b / o:.2f}x"
    )


def bench_training(seeds: int) -> None:
    bench_tasks(seeds)
    bench_overhead()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python benchmarks/bench_training.py", description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3, help="seeds per task")
    bench_training(ap.parse_args(argv).seeds)


if __name__ == "__main__":
    main()
