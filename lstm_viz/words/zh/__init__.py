"""简体中文 (Simplified Chinese): the same modules, with the same names, as lstm_viz/words/en."""

from lstm_viz.words.zh import (
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
