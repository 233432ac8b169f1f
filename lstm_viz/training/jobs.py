"""A training run in a background thread, so that a page can start it, watch it and stop it.

    job = TrainingJob(task_name, config).start()
    job.points()        # [Progress, ...] reported so far (thread-safe copy)
    job.stop()          # asks the loop to stop after the current step
    job.running, job.result, job.error

Knows nothing of the UI: the loop reports through `training.train`'s callbacks, which only
append to a list under a lock. Any exception in the thread ends up as `job.error`, a plain
sentence, never a traceback.

At most MAX_RUNNING jobs train at once in a process (a classroom server where thirty students
press Start together would otherwise split its cores thirty ways); the others wait their turn
(`job.queued`), and a stop while waiting means the job never trains.
"""

from __future__ import annotations

import threading
import uuid

from lstm_viz import tasks
from lstm_viz.core.config import TrainConfig
from lstm_viz.training.loop import Progress, TrainResult, train

MAX_RUNNING = 2
_slots = threading.BoundedSemaphore(MAX_RUNNING)


class TrainingJob:
    def __init__(self, task_name: str, config: TrainConfig):
        self.id = uuid.uuid4().hex[:12]  # unique across sessions: used in cache keys
        self.task = tasks.get(task_name).name
        self.config = config
        self.result: TrainResult | None = None
        self.error: str | None = None
        self.queued = True  # until it holds one of the MAX_RUNNING slots
        self._points: list[Progress] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lstm-viz-train-{self.id}", daemon=True)

    def start(self) -> TrainingJob:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set() and self.running

    def points(self) -> list[Progress]:
        with self._lock:
            return list(self._points)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the run ends (for scripts and tests); True if it has."""
        self._thread.join(timeout)
        return not self.running

    def _report(self, p: Progress) -> None:
        with self._lock:
            self._points.append(p)

    def _run(self) -> None:
        while not _slots.acquire(timeout=0.1):
            if self._stop.is_set():
                self.error = "stopped before it started (it was waiting for another training to finish)"
                return
        self.queued = False
        try:
            self.result = train(
                tasks.get(self.task), self.config, on_progress=self._report, should_stop=self._stop.is_set
            )
        except Exception as err:  # shown to the user as a sentence, the page keeps working
            self.error = f"training failed: {err}"
        finally:
            _slots.release()
