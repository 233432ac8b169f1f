"""The forward benchmark: the reference trace against torch_backend.forward and nn.LSTM, float64 on the CPU.

    python benchmarks/bench_core.py             # forward: reference trace vs torch_backend.forward vs nn.LSTM
    python benchmarks/bench_training.py         # every task's default config to its target, and loop overhead
    python benchmarks/bench_app.py              # server time of a Next click and of the heat-map page (AppTest)

Benchmarks are scripts, not timed tests (this machine is shared and noisy). Each figure is the
median of repeated runs, all measured in one process, one after another.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: run as python benchmarks/<name>.py

import numpy as np


def median_ms(fn, repeats: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def bench_forward(repeats: int) -> None:
    import torch

    import lstm_viz as lv

    D = 8
    print(f"forward, D={D}, float64, batch 1, median of {repeats}; torch threads: {torch.get_num_threads()}")
    header = f"{'T':>5} {'H':>4} | {'reference':>10} {'torch_backend':>14} {'nn.LSTM f64':>12} | {'ref/nn.LSTM':>11}"
    print(header)
    print("-" * len(header))
    for T in (100, 1000):
        for H in (16, 128):
            p = lv.LSTMParams.random(D, H, seed=0)
            xs = np.random.default_rng(0).normal(size=(T, D))
            lstm = p.to_torch()
            x = torch.tensor(xs)[:, None]  # (T, 1, D): nn.LSTM's default time-major layout

            def run_lstm(lstm=lstm, x=x):
                with torch.no_grad():
                    lstm(x)

            ref = median_ms(lambda p=p, xs=xs: lv.reference.forward(p, xs), repeats)
            tb = median_ms(lambda p=p, xs=xs: lv.torch_backend.forward(p, xs), max(3, repeats // 3))
            nn_ms = median_ms(run_lstm, repeats)
            print(f"{T:>5} {H:>4} | {ref:>8.2f}ms {tb:>12.2f}ms {nn_ms:>10.2f}ms | {ref / nn_ms:>10.2f}x")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python benchmarks/bench_core.py", description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15, help="timed runs per figure")
    args = ap.parse_args(argv)
    bench_forward(args.repeats)


if __name__ == "__main__":
    main()
