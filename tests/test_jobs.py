"""TrainingJob: training in a background thread that can be watched, stopped, and queued."""

import os
import sys
import time

from lstm_viz import tasks
from lstm_viz.training import jobs
from lstm_viz.training.jobs import TrainingJob


def long_config(name="remember_first"):
    return tasks.get(name).default_config().replace(steps=20_000, lr=1e-4, device="cpu")


def wait_until(condition, limit_s=20.0):
    t0 = time.monotonic()
    while not condition():
        assert time.monotonic() - t0 < limit_s
        time.sleep(0.05)


def test_a_job_trains_in_the_background_and_reports_progress():
    job = TrainingJob("counting", tasks.get("counting").default_config().replace(device="cpu")).start()
    assert job.wait(60) and job.error is None
    assert job.result.reached_target and job.points() and job.points()[-1].step == job.result.history[-1][0]


def test_stop_ends_a_running_job_after_the_current_step():
    job = TrainingJob("remember_first", long_config()).start()
    wait_until(lambda: len(job.points()) > 2)
    job.stop()
    assert job.wait(10)
    assert job.result.stopped_reason.startswith("stopped by the user")


def test_at_most_max_running_jobs_train_at_once_and_a_waiting_job_can_be_stopped():
    running = [TrainingJob("remember_first", long_config()).start() for _ in range(jobs.MAX_RUNNING)]
    try:
        wait_until(lambda: all(not j.queued for j in running))
        waiting = TrainingJob("remember_first", long_config()).start()
        time.sleep(0.5)
        assert waiting.running and waiting.queued and waiting.points() == []
        waiting.stop()
        assert waiting.wait(5) and waiting.result is None and "before it started" in waiting.error
        assert waiting.failure.code == "train.never_started" and "还没开始就停止了" in waiting.say_error("zh")
    finally:
        for j in running:
            j.stop()
        assert all(j.wait(10) for j in running)
    after = TrainingJob("counting", tasks.get("counting").default_config().replace(device="cpu")).start()
    assert after.wait(60) and after.result is not None  # the slots were given back


def test_the_training_runs_in_its_own_process():
    job = TrainingJob("remember_first", long_config()).start()
    try:
        wait_until(lambda: len(job.points()) > 1)
        assert job.worker_pid is not None and job.worker_pid != os.getpid()
        assert os.path.exists(f"/proc/{job.worker_pid}") or sys.platform != "linux"
    finally:
        job.stop()
        assert job.wait(10)
    assert job.result.stopped_reason.startswith("stopped by the user")


def test_a_run_nobody_watches_is_stopped_and_its_slot_freed():
    watched = TrainingJob("remember_first", long_config(), orphan_after_s=1.0).start()
    orphan = TrainingJob("remember_first", long_config(), orphan_after_s=1.0).start()
    try:
        t0 = time.monotonic()
        while time.monotonic() - t0 < 3:
            watched.touch()
            time.sleep(0.1)
        assert orphan.wait(10) and orphan.orphaned
        assert "nobody had looked at it" in orphan.result.stopped_reason and orphan.result.stop_code == "orphaned"
        assert "无人查看" in orphan.result.stop_words("zh")
        assert watched.running and not watched.orphaned
        after = TrainingJob("counting", tasks.get("counting").default_config().replace(device="cpu")).start()
        assert after.wait(60) and after.result is not None  # the orphan's slot was given back
    finally:
        watched.stop()
        assert watched.wait(10)


def test_a_quiet_run_whose_watcher_is_still_there_is_not_an_orphan():
    """A browser tab in the background polls rarely, but its session is open: its run goes on; once the session
    has gone, the run is stopped."""
    there = [True]
    job = TrainingJob("remember_first", long_config(), orphan_after_s=0.5, watched=lambda: there[0]).start()
    try:
        time.sleep(2.5)  # nobody touches it
        assert job.running and not job.orphaned
        there[0] = False
        assert job.wait(10) and job.orphaned
        assert "nobody had looked at it" in job.result.stopped_reason and job.result.stopped_on_request
    finally:
        job.stop()
        job.wait(10)
