"""`python benchmarks/bench_classroom.py --sessions 8 20`: a class on one server.

N browser sessions (tabs of one headless Chromium) on one `streamlit run app.py`: three of them start a long
training on Train live (two train, the third waits for a trainer), the others each open the step-through page
on a sample of their own and, round after round, all press Next at once (in the stepper) and then switch to
the heat maps and back. Reported:

- the server's time per click: from the click until that session's script run is over (Streamlit's
  `data-test-script-state="notRunning"`), p50 and p95 over every click of every session; this includes
  waiting for the server while the other sessions' runs and the trainings share its two cores, and the
  transfer, not the browser's drawing after it;
- the server's memory (RSS of the server and of its training workers) and its threads at the end;
- whether every session still saw only its own view (its own sample's tokens in its stepper, its own URL).

The browsers run on the same two cores as the server here, so the times are an upper bound for a class whose
browsers are on their own machines.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repo root: run as python benchmarks/<name>.py

import numpy as np  # noqa: E402

from lstm_viz import tasks  # noqa: E402
from tests.test_e2e import ARGS, CHROMIUM, DONE, settle, streamlit_process  # noqa: E402

STEPPER = 'iframe[title*="stepper"]'
TASK = "counting"


def proc_status(pid: int) -> dict[str, str]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return dict(line.split(":", 1) for line in lines if ":" in line)


def memory_mb(pid: int) -> float:
    """RSS of a process and its children (the training workers and the fork server), in MB."""
    total = 0.0
    pids = [pid]
    while pids:
        p = pids.pop()
        rss = proc_status(p).get("VmRSS", "0 kB").split()[0]
        total += int(rss) / 1024
        children = Path(f"/proc/{p}/task/{p}/children")
        if children.exists():
            pids += [int(c) for c in children.read_text().split()]
    return total


def tokens_of(seq: int) -> list[str]:
    task = tasks.get(TASK)
    x, _ = task.make_batch(1, task.default_config().seq_len, np.random.default_rng(seq))
    return task.token_labels(x[0])


def start_training(pg, url: str) -> None:
    pg.goto(f"{url}/train?task=remember_first")
    settle(pg)
    pg.get_by_label("Hidden size H").fill("1")
    pg.get_by_label("Steps").fill("20000")
    pg.get_by_role("button", name="Start training").click()
    pg.wait_for_selector("text=/^(training: step|waiting:)/", timeout=120_000)


def wait_done(pg, timeout: int = 120_000) -> None:
    pg.wait_for_selector(DONE, timeout=timeout)


def run_class(sessions: int, rounds: int) -> None:
    from playwright.sync_api import sync_playwright

    with streamlit_process(f"bench-classroom-{sessions}.log") as (server, url), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pages = [browser.new_page(viewport={"width": 1280, "height": 900}) for _ in range(sessions)]
        trainers, students = pages[:3], pages[3:]
        for pg in trainers:
            start_training(pg, url)
        for k, pg in enumerate(students):
            pg.goto(f"{url}/step?task={TASK}&seq={k}&model=preset&t=0", wait_until="commit", timeout=300_000)
        for pg in students:
            settle(pg, timeout=300_000)
            pg.frame_locator(STEPPER).get_by_text("t = 0", exact=True).wait_for(timeout=300_000)
        clicks: list[float] = []
        switches: list[float] = []
        for r in range(1, rounds + 1):
            started = []
            for pg in students:  # every student presses Next at once
                pg.frame_locator(STEPPER).locator("#next").click(timeout=300_000)
                started.append(time.perf_counter())
            for pg, t0 in zip(students, started):
                pg.wait_for_timeout(50)  # the click's rerun has begun
                wait_done(pg)
                clicks.append(time.perf_counter() - t0)
            if r % 2 == 0:  # and every other round, to the heat maps and back
                for link in ("Gate heat maps", "Step through"):
                    started = []
                    for pg in students:
                        pg.get_by_role("link", name=link).click(timeout=300_000)
                        started.append(time.perf_counter())
                    for pg, t0 in zip(students, started):
                        pg.wait_for_timeout(50)
                        wait_done(pg)
                        switches.append(time.perf_counter() - t0)
        own = 0
        for k, pg in enumerate(students):  # each session's own sample, step and URL
            frame = pg.frame_locator(STEPPER)
            shown = [frame.locator(".tok").nth(j).locator("span").first.inner_text() for j in range(len(tokens_of(k)))]
            own += shown == tokens_of(k) and re.search(rf"[?&]seq={k}(&|$)", pg.url) is not None
        status = proc_status(server.pid)
        mem = memory_mb(server.pid)
        print(f"{sessions} sessions ({len(students)} stepping, 3 training), {rounds} rounds:")
        for name, values in (("Next click", clicks), ("page switch", switches)):
            q = np.percentile(values, [50, 95]) * 1000
            print(f"  {name}: server time p50 {q[0]:.0f} ms, p95 {q[1]:.0f} ms ({len(values)} in all)")
        print(f"  server: {mem:.0f} MB with its workers, {status.get('Threads', '?').strip()} threads")
        print(f"  sessions that saw only their own view: {own} of {len(students)}")
        for pg in trainers:  # runs still going (a finished one's Stop is disabled)
            stop = pg.get_by_role("button", name="Stop")
            if stop.count() and stop.is_enabled():
                stop.click()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, nargs="+", default=[8, 20])
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; the browsers share them with the server")
    for n in args.sessions:
        run_class(n, args.rounds)


if __name__ == "__main__":
    main()
