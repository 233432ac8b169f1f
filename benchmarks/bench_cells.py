"""The readable NumPy forward of every main cell against torch's own module in float64, on the CPU.

    python benchmarks/bench_cells.py            # T in {100, 1000}, H in {16, 128}, D = 8, one sequence

One run; each number is the median of 15 timed calls after 2 warm-ups; torch uses 2 threads (this
machine's cores) and no autograd. `numpy` is lstm_viz.forward, the forward the step-through page shows
(core/cells/<cell>.py, one equation a line); `torch` is nn.LSTM / nn.GRU / nn.RNN (lstm_viz.to_torch)
on the same weights; ratio = numpy / torch (below 1: the readable NumPy is faster). For the LSTM,
`fast` is lv.reference.forward, the allocation-free loop kept beside the readable one (tested equal).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import torch

import lstm_viz as lv

REPEATS, WARMUP, D = 15, 2, 8


def median_ms(fn) -> float:
    for _ in range(WARMUP):
        fn()
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1e3 * float(np.median(times))


def main() -> None:
    torch.set_num_threads(2)
    print(f"{'cell':<5} {'T':>5} {'H':>4} {'numpy ms':>9} {'torch ms':>9} {'ratio':>6} {'fast ms':>8} {'ratio':>6}")
    for cell in ("lstm", "gru", "rnn"):
        for T in (100, 1000):
            for H in (16, 128):
                p = lv.random_params(cell, D, H, seed=0)
                xs = np.random.default_rng(0).normal(size=(T, D))
                module = lv.to_torch(p)
                x = torch.tensor(xs)[:, None]  # (T, 1, D), time-major

                def run_torch(module=module, x=x):
                    with torch.no_grad():
                        module(x)

                a = median_ms(lambda p=p, xs=xs: lv.forward(p, xs))
                b = median_ms(run_torch)
                fast = ""
                if cell == "lstm":
                    lp = lv.LSTMParams(p.layers[0]["W_x"], p.layers[0]["W_h"], p.layers[0]["b"])
                    c = median_ms(lambda lp=lp, xs=xs: lv.reference.forward(lp, xs))
                    fast = f" {c:>8.2f} {c / b:>6.2f}"
                print(f"{cell:<5} {T:>5} {H:>4} {a:>9.2f} {b:>9.2f} {a / b:>6.2f}{fast}")


if __name__ == "__main__":
    main()
