"""A training run in a worker process, so that a page can start it, watch it and stop it.

    job = TrainingJob(task_name, config).start()
    job.points()        # [Progress, ...] reported so far (thread-safe copy)
    job.stop()          # asks the loop to stop after the current step
    job.running, job.result, job.error, job.say_error("zh")

The training itself runs `training.train` in a separate process (forked from a fork server that
imported torch once, so a start costs milliseconds, not an import of torch): its torch threads, its
random streams and its interpreter are its own, and a page polling the job twice a second costs the
training nothing. A small thread in this process waits for the worker's reports and keeps them;
knows nothing of the UI. Any failure ends up as `job.failure`, a Refusal (a code: `job.say_error(lang)` says it,
`job.error` in English), never a traceback.

At most MAX_RUNNING jobs train at once on a server (a classroom where thirty students press Start
together would otherwise split its cores thirty ways); the others wait their turn (`job.queued`),
and a stop while waiting means the job never trains.

A job started with `orphan_after_s` stops by itself when nobody has called `touch()` for that long
(the page that started it was closed), so that its slot is freed for the next one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import threading
import time
import uuid
import weakref
from collections.abc import Callable
from multiprocessing import spawn

from lstm_viz import tasks
from lstm_viz.core.config import TRAINING_SLOTS, TrainConfig
from lstm_viz.core.refusal import Refusal
from lstm_viz.training.loop import Progress, TrainResult, train

MAX_RUNNING = TRAINING_SLOTS  # (core.config, so that pages can say it without importing torch)
WORKER_NICENESS = 10  # a training runs below the server: the pages stay quick while two trainings use the cores
ORPHAN_AFTER_S = 30.0  # the app's pages: a run nobody has looked at for this long is stopped
_slots = threading.BoundedSemaphore(MAX_RUNNING)
_started: weakref.WeakValueDictionary[str, TrainingJob] = weakref.WeakValueDictionary()  # by id (see find)
_REGISTRY = threading.Lock()
_WAIT_S = 0.1  # how often the watching thread looks at the worker, the queue and the clock


def _context():
    """Fork server where the platform has one (Linux, macOS): the worker is forked from a clean process
    that has imported the training code, never from the server with its threads. Else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # torch._dynamo: Adam imports it on first use (about a second), once here rather than in every worker.
        ctx.set_forkserver_preload(["lstm_viz.training.loop", "torch._dynamo"])
        return ctx
    return multiprocessing.get_context("spawn")


_CTX = _context()
_PREPARE = threading.Lock()


class _Worker(_CTX.Process):
    """A process of _CTX that does not import the parent's __main__. Under Streamlit, __main__ is the page that
    happens to be running (Streamlit swaps it in): multiprocessing would import that page in the worker and run
    it there. The worker's target lives in this module, so the worker needs no __main__ at all."""

    @staticmethod
    def _Popen(process_obj):
        with _PREPARE:
            prepare = spawn.get_preparation_data

            def without_main(name):
                data = prepare(name)
                return {k: v for k, v in data.items() if k not in ("init_main_from_path", "init_main_from_name")}

            spawn.get_preparation_data = without_main
            try:
                return _CTX.Process._Popen(process_obj)
            finally:
                spawn.get_preparation_data = prepare


def warm_up() -> None:
    """Start the fork server now (it imports torch, about two seconds) so that the first Start does not wait."""
    if _CTX.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _work(task_name: str, config: TrainConfig, out) -> None:
    """The worker process: train, sending each Progress and then ("result", TrainResult), ("refused", code, params)
    or ("error", text) through `out`, one end of a pipe; anything that arrives on it asks the loop to stop (a pipe,
    not a multiprocessing Event: it needs no semaphore that a server shutting down may already have removed)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's: it ends this worker (a daemon) itself
    with contextlib.suppress(OSError, AttributeError):  # a training yields the cores to the pages (not on Windows)
        os.nice(WORKER_NICENESS)
    stopped = False

    def should_stop() -> bool:
        nonlocal stopped
        stopped = stopped or out.poll()
        return stopped

    try:
        result = train(tasks.get(task_name), config, on_progress=out.send, should_stop=should_stop)
    except Refusal as err:  # its code and parameters: the page says it in its reader's language
        out.send(("refused", err.code, err.params))
    except Exception as err:  # shown to the user as a sentence
        out.send(("error", str(err)))
    else:
        out.send(("result", result))
    finally:
        while out.poll():  # read what the page sent (a stop): a socket closed with unread data resets the other end
            out.recv()
        out.close()


def find(job_id: str) -> TrainingJob | None:
    """A job started in this process by its id, or None: one still running, or one a session still holds (the
    registry holds its jobs weakly, so a finished run whose session is gone does not keep its memory)."""
    return _started.get(job_id)


class TrainingJob:
    def __init__(
        self,
        task_name: str,
        config: TrainConfig,
        orphan_after_s: float | None = None,
        watched: Callable[[], bool] | None = None,
    ):
        self.id = uuid.uuid4().hex[:12]  # unique across sessions: used in cache keys
        self.task = tasks.get(task_name).name
        self.config = config
        self.result: TrainResult | None = None
        self.failure: Refusal | None = None  # what went wrong, if anything did (say_error)
        self.orphaned = False  # stopped because nobody watched it for orphan_after_s
        self.queued = True  # until it holds one of the MAX_RUNNING slots
        self.worker_pid: int | None = None  # the process that trains, once started
        self.owner: str | None = None  # who watches it (the app: a browser session's id)
        self.orphan_after_s = orphan_after_s
        self.watched = watched  # True while whoever started it is still there (the app: its browser session is open)
        self._seen = time.monotonic()
        self._points: list[Progress] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lstm-viz-train-{self.id}", daemon=True)

    def start(self) -> TrainingJob:
        with _REGISTRY:
            _started[self.id] = self
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def touch(self) -> None:
        """Someone is watching: the job is not an orphan."""
        self._seen = time.monotonic()

    @property
    def error(self) -> str | None:
        """What went wrong, in English (None if nothing did)."""
        return self.say_error("en")

    def say_error(self, lang: str = "en") -> str | None:
        """What went wrong, in `lang` (None if nothing did); a refusal inside it ("training failed: ...") too."""
        return None if self.failure is None else self.failure.say(lang)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set() and self.running

    def points(self) -> list[Progress]:
        with self._lock:
            return list(self._points)

    def last_point(self) -> Progress | None:
        with self._lock:
            return self._points[-1] if self._points else None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the run ends (for scripts and tests); True if it has."""
        self._thread.join(timeout)
        return not self.running

    def _watch_orphan(self) -> None:
        """Stop the job when nobody has touched it for orphan_after_s and (when the job was given one) `watched`
        says its watcher is gone: a browser tab in the background polls rarely, but its session stays open."""
        if self.orphan_after_s is None or time.monotonic() - self._seen <= self.orphan_after_s:
            return
        if self.watched is not None and self.watched():
            self.touch()  # still there, only quiet: look again after another orphan_after_s
            return
        self.orphaned = True
        self._stop.set()

    def _run(self) -> None:
        while not _slots.acquire(timeout=_WAIT_S):
            self._watch_orphan()
            if self._stop.is_set():
                self.failure = Refusal("train.never_started")
                return
        self.queued = False
        try:
            self._train_in_worker()
        except Exception as err:  # the worker could not be started: a sentence, the page keeps working
            self.failure = Refusal("train.failed", reason=str(err))
        finally:
            _slots.release()

    def _train_in_worker(self) -> None:
        receive, send = _CTX.Pipe(duplex=True)
        worker = _Worker(target=_work, args=(self.task, self.config, send), daemon=True,
                              name=f"lstm-viz-train-{self.id}")  # fmt: skip
        worker.start()
        self.worker_pid = worker.pid
        send.close()  # the worker holds the only other end: its exit ends the pipe
        asked = False
        try:
            while True:
                self._watch_orphan()
                if self._stop.is_set() and not asked:
                    asked = True
                    with contextlib.suppress(OSError):  # the worker may have ended already
                        receive.send("stop")
                try:
                    if not receive.poll(_WAIT_S):
                        continue
                    message = receive.recv()
                except (EOFError, OSError):  # the worker has ended
                    break
                if isinstance(message, Progress):
                    with self._lock:
                        self._points.append(message)
                elif message[0] == "result":
                    self.result = message[1]
                elif message[0] == "refused":
                    self.failure = Refusal("train.failed", reason=Refusal(message[1], **message[2]))
                else:
                    self.failure = Refusal("train.failed", reason=message[1])
        finally:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.kill()
                worker.join()
            receive.close()
        if self.orphaned and self.result is not None and self.result.stopped_on_request:
            seen = {"step": self.result.steps_done, "seconds": self.orphan_after_s}
            self.result = dataclasses.replace(self.result, stop_code="orphaned", stop_params=seen)
        if self.result is None and self.failure is None:
            self.failure = Refusal("train.worker_ended", code=str(worker.exitcode))
