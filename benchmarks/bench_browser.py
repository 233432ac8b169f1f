"""`python benchmarks/bench_browser.py`: what a user waits for in a real browser (Chromium, Playwright).

- **Next, click to paint**: on the step-through page (the counting preset on a typed sequence of
  T = 15 and T = 200 symbols), the time from the click on Next until the new "t = …" line is painted,
  and until the page has settled (the script run is over and every figure has redrawn);
- **heat maps at T = 200**: from navigation until the maps are drawn and the page has settled;
- **training while watched**: steps per second of one training (remember_first, H = 1 so that it never
  reaches the target and stops early, 3,000 steps) with Train live open, against the same training
  while the browser shows another page; and Start-to-"Learned" for remember_first with the defaults.

One server (`streamlit run app.py`) and one browser on this machine: their times include the browser's
drawing on the same cores. Medians over the repeats; the figures for the README come from one run.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repo root: run as python benchmarks/<name>.py

import numpy as np  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

import tests.test_e2e as e2e  # noqa: E402
from tests.test_e2e import ARGS, CHROMIUM, DONE, settle  # noqa: E402

SETTLED_JS = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"""


def counting_text(T: int) -> str:
    return "".join(np.random.default_rng(0).choice(list("ab"), size=T))


STEPPER = 'iframe[title*="stepper"]'
# In the stepper's frame: the time from the click on Next to the first frame painted after it (the click handler
# repaints synchronously; a task queued from the next animation frame runs once that frame is presented).
MARK_CLICKS = """next => next.addEventListener("click", () => {
    const t0 = performance.now();
    requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now() - t0; }, 0));
}, {capture: true})"""


PAINTED_JS = """() => new Promise(done => {
    const until = performance.now() + 10000;
    const look = () =>
        window.__painted != null || performance.now() > until ? done(window.__painted) : setTimeout(look, 5);
    look();
})"""


def bench_next(pg, url: str, T: int, clicks: int) -> tuple[list[float], list[float]]:
    """Click Next `clicks` times: (new t painted, page settled) in seconds. The stepper (a component that steps
    in the browser) is timed inside its frame; a page without it (an older version) by its Next button."""
    painted, settled = [], []
    k = 0
    while k < clicks:
        pg.goto(f"{url}/step?task=counting&model=preset&text={counting_text(T)}&t=0")
        settle(pg)
        pg.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        has_stepper = pg.locator(STEPPER).count() > 0
        frame = pg.frame_locator(STEPPER) if has_stepper else None
        if has_stepper:
            frame.locator("#next").evaluate(MARK_CLICKS)
        for t in range(1, min(T, clicks - k + 1)):
            pg.wait_for_timeout(200)
            t0 = time.perf_counter()
            if has_stepper:
                frame.locator("body").evaluate("() => { window.__painted = null; }")
                frame.locator("#next").click()
                frame.get_by_text(f"t = {t}", exact=True).wait_for(timeout=30_000)
                painted.append(frame.locator("body").evaluate(PAINTED_JS) / 1000)
            else:
                pg.get_by_role("button", name="Next").click()
                pg.wait_for_selector(f"text=/^t = {t}, reading/", timeout=30_000)
                painted.append(time.perf_counter() - t0)
            pg.wait_for_function(f"() => document.body.innerText.includes('at t = {t}, in words')", timeout=30_000)
            pg.wait_for_selector(DONE, timeout=30_000)
            pg.evaluate(SETTLED_JS)
            settled.append(time.perf_counter() - t0)
            k += 1
    return painted, settled


def bench_heatmaps(pg, url: str, T: int, loads: int) -> list[float]:
    times = []
    for k in range(loads):
        t0 = time.perf_counter()
        pg.goto(f"{url}/heatmaps?task=counting&model=preset&text={counting_text(T)}&seq={k}")
        pg.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        pg.wait_for_selector(DONE, timeout=60_000)
        pg.evaluate(SETTLED_JS)
        times.append(time.perf_counter() - t0)
    return times


def progress_of(pg) -> tuple[int, float] | None:
    """(step, seconds) from Train live's progress text when training is done."""
    text = pg.get_by_text(re.compile(r"^done: \d+ of \d+ steps in")).first.inner_text()
    m = re.search(r"done: (\d+) of \d+ steps in ([\d.]+) s", text)
    return int(m.group(1)), float(m.group(2))


def start_long_run(pg, url: str, steps: int) -> None:
    pg.goto(f"{url}/train?task=remember_first")
    settle(pg)
    pg.get_by_label("Hidden size H").fill("1")
    pg.get_by_label("Steps").fill(str(steps))
    pg.get_by_role("button", name="Start training").click()
    pg.wait_for_selector("text=/^training: step/", timeout=60_000)


def bench_watched(pg, url: str, steps: int, watched: bool) -> float:
    """Steps per second of one training, Train live open (watched) or the step-through page shown."""
    start_long_run(pg, url, steps)
    if not watched:
        pg.get_by_role("link", name="Step through").click()
        pg.wait_for_url(re.compile(r"/step"), timeout=30_000)
        with contextlib.suppress(PlaywrightTimeout):  # the sidebar says when the run is over (else: wait long)
            pg.wait_for_selector("text=/^Training finished/", timeout=max(60_000, steps * 20))
        pg.get_by_role("link", name="Train live").click()
    pg.wait_for_selector("text=/^done: /", timeout=600_000)
    step, seconds = progress_of(pg)
    return step / seconds


def bench_learned(pg, url: str) -> float:
    pg.goto(f"{url}/train?task=remember_first")
    settle(pg)
    t0 = time.perf_counter()
    pg.get_by_role("button", name="Start training").click()
    pg.wait_for_selector("text=/^Learned: accuracy/", timeout=600_000)
    return time.perf_counter() - t0


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3, help="trainings of each kind")
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--skip-stepping", action="store_true")
    parser.add_argument(
        "--app", type=Path, default=ROOT, help="the checkout whose app.py to serve (for a before/after)"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    e2e.ROOT = args.app.resolve()  # streamlit_server runs app.py there
    with e2e.streamlit_server("bench-browser.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 800})
        print(f"app: {e2e.ROOT}")
        if not args.skip_stepping:
            print("Next, click to paint (median):")
            for T in (15, 200):
                painted, settled = bench_next(pg, url, T, args.clicks)
                print(f"  T = {T:3d}: new t painted {ms(painted)}, settled {ms(settled)} ({len(painted)} clicks)")
            loads = bench_heatmaps(pg, url, 200, args.loads)
            print(f"Heat maps, T = 200: drawn and settled {ms(loads)} (median of {len(loads)} loads)")
        if not args.skip_training:
            watched = [bench_watched(pg, url, args.steps, True) for _ in range(args.repeats)]
            away = [bench_watched(pg, url, args.steps, False) for _ in range(args.repeats)]
            w, a = statistics.median(watched), statistics.median(away)
            print(f"Training, {args.steps} steps, H = 1: {w:.0f} steps/s with Train live open, {a:.0f} steps/s on "
                  f"another page: ratio {w / a:.2f}")  # fmt: skip
            learned = [bench_learned(pg, url) for _ in range(args.repeats)]
            print(f"remember_first defaults, Start to 'Learned': {statistics.median(learned):.1f} s "
                  f"(median of {len(learned)}: {', '.join(f'{s:.1f}' for s in learned)})")  # fmt: skip
        browser.close()


if __name__ == "__main__":
    main()
