"""English: one module per page or part of the app (lstm_viz/words/__init__.py says how they are read)."""

from lstm_viz.words.en import (
    cells,
    common,
    errors,
    exercise,
    explain,
    heatmaps,
    home,
    lengths,
    model,
    step,
    tasks,
    textbook,
    train,
    why,
)

__all__ = [
    "cells",
    "common",
    "errors",
    "exercise",
    "explain",
    "heatmaps",
    "home",
    "lengths",
    "model",
    "step",
    "tasks",
    "textbook",
    "train",
    "why",
]
