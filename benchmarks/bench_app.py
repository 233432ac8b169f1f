"""`python benchmarks/bench_app.py`: server time of the pages, measured with Streamlit's AppTest.

- a Next click on the step-through page, T = 100 steps, H = 16 units (the counting preset on a
  100-symbol sequence typed in): each click is a new t, so the figures are built, not cached;
- the heat-map page for T = 200, H = 64 (a random H = 64 model standing in for a session-trained
  one), each render on a new sequence, so nothing is cached;
- the Why gates page: its first paint with every cache emptied (the results file read, the gradient flows,
  the clamp over 256 samples), and a change of the clamp control to a gate, value and unit not seen before.

AppTest runs the script in-process, as the server does, without the browser's drawing time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: run as python benchmarks/<name>.py

import numpy as np

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def timed_run(at) -> float:
    t0 = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - t0
    assert not at.exception, at.exception
    return seconds


def bench_next(clicks: int) -> list[float]:
    from streamlit.testing.v1 import AppTest

    from lstm_viz.ui.state import STEPPER

    text = "".join(np.random.default_rng(0).choice(list("ab"), size=100))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"task": "counting", "text": text, "model": "preset"})
    at.run()
    at.switch_page("app_pages/step.py").run()
    assert at.session_state["t"] == 0 and len(at.slider) and at.slider(key="t").max == 99
    times = []
    for n in range(1, clicks + 1):
        at.session_state[STEPPER] = {"t": n, "n": n}  # what the stepper sends on Next (its n-th move)
        times.append(timed_run(at))
        assert at.session_state["t"] == n
    return times


def bench_heatmaps(renders: int) -> list[float]:
    from streamlit.testing.v1 import AppTest

    from lstm_viz import tasks
    from lstm_viz.core.params import LSTMParams
    from lstm_viz.core.readout import TrainedModel
    from lstm_viz.ui.state import SESSION_MODELS

    task = tasks.get("counting")
    rng = np.random.default_rng(1)
    H = 64
    model = TrainedModel(
        "counting", LSTMParams.random(task.input_size, H, seed=1), rng.normal(size=(1, H)) * 0.1, np.zeros(1)
    )
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[SESSION_MODELS] = {("counting", "lstm"): model}
    at.query_params.update({"task": "counting", "text": "ab", "model": "preset"})
    at.run()
    at.radio(key="model").set_value("session").run()
    at.switch_page("app_pages/heatmaps.py").run()
    times = []
    for k in range(renders + 1):
        at.text_input(key="text").set_value("".join(rng.choice(list("ab"), size=200)))
        seconds = timed_run(at)
        if k:  # the first render warms up imports
            times.append(seconds)
    charts = at.get("plotly_chart")
    assert charts and '"zmin"' in charts[0].proto.spec
    return times


def bench_why_first_paint(renders: int) -> list[float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    times = []
    for n in range(renders):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update({"task": "remember_first", "wseq": str(n)})
        at.switch_page("app_pages/why.py")
        times.append(timed_run(at))
        assert at.title[0].value == "Why gates"
    return times


def bench_why_clamp(changes: int) -> list[float]:
    """One control changed at a time, as a user does; only a change that leads to a state not seen before is
    counted (a state seen before is a cache hit)."""
    from streamlit.testing.v1 import AppTest

    from lstm_viz.ui.state import CLAMP_CELL, CLAMP_GATE, CLAMP_UNIT, CLAMP_VALUE

    keys = (CLAMP_CELL, CLAMP_GATE, CLAMP_UNIT, CLAMP_VALUE)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"task": "remember_first", "wseq": "7"})
    at.switch_page("app_pages/why.py").run()
    seen = {tuple(at.session_state[k] for k in keys)}
    times = []
    targets = [(c, g, u, v) for c, gates in (("lstm", "ifo"), ("gru", "zr")) for g in gates
               for u in ("all", "1", "5") for v in ("1", "mean", "0")]  # fmt: skip
    for target in targets:
        for key, value in zip(keys, target):  # the cell first: the page then gives the gate one of the cell's
            if at.session_state[key] == value:
                continue
            at.session_state[key] = value
            seconds = timed_run(at)
            now = tuple(at.session_state[k] for k in keys)
            if now not in seen:
                seen.add(now)
                times.append(seconds)
            if len(times) == changes:
                return times
    return times


def bench_app(repeats: int = 30) -> None:
    nxt = bench_next(repeats)
    hm = bench_heatmaps(max(5, repeats // 3))
    why_first = bench_why_first_paint(max(5, repeats // 3))
    why_clamp = bench_why_clamp(repeats)
    print("page server time (AppTest, this machine), median and spread")
    print(
        f"step-through Next click, T=100, H=16:  median {statistics.median(nxt) * 1e3:6.1f} ms "
        f"(min {min(nxt) * 1e3:.1f}, max {max(nxt) * 1e3:.1f}, {len(nxt)} clicks)  target <= 100 ms"
    )
    print(
        f"heat-map page, T=200, H=64, uncached: median {statistics.median(hm) * 1e3:6.1f} ms "
        f"(min {min(hm) * 1e3:.1f}, max {max(hm) * 1e3:.1f}, {len(hm)} renders)  target <= 500 ms"
    )
    print(
        f"why gates, first paint, no cache:     median {statistics.median(why_first) * 1e3:6.1f} ms "
        f"(min {min(why_first) * 1e3:.1f}, max {max(why_first) * 1e3:.1f}, {len(why_first)} renders)  target <= 2000 ms"
    )
    print(
        f"why gates, a clamp change, uncached:  median {statistics.median(why_clamp) * 1e3:6.1f} ms "
        f"(min {min(why_clamp) * 1e3:.1f}, max {max(why_clamp) * 1e3:.1f}, {len(why_clamp)} changes)  target <= 300 ms"
    )


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python benchmarks/bench_app.py", description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=30, help="Next clicks (the heat-map page: a third as many renders)")
    bench_app(ap.parse_args(argv).repeats)


if __name__ == "__main__":
    main()
