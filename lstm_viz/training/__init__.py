"""Training with torch: the loop (`loop.py`, reporting through callbacks) and a run in a background
thread (`jobs.py`, TrainingJob: start, poll, stop). Neither knows anything of the UI.

    from lstm_viz.training import train
    result = train(task, config, on_progress=callback, should_stop=lambda: stop_flag)
"""

from lstm_viz.core.config import TrainConfig
from lstm_viz.training.jobs import MAX_RUNNING, TrainingJob
from lstm_viz.training.loop import Progress, TrainResult, evaluate, snapshot_steps, train

__all__ = [
    "MAX_RUNNING",
    "Progress",
    "TrainConfig",
    "TrainResult",
    "TrainingJob",
    "evaluate",
    "snapshot_steps",
    "train",
]
