"""lstm-viz: an LSTM you can look inside.

    import lstm_viz as lv
    p = lv.LSTMParams.random(input_size=3, hidden_size=4, seed=0)
    tr = lv.reference.forward(p, xs)          # NumPy, float64, every gate at every step

The package is in layers, imports pointing down only (DESIGN.md, "Layers"):
core (NumPy) < tasks < torch_backend < training < io < words < explain < viz < ui (Streamlit).
`lv.torch_backend` (and everything that trains) imports torch on first use, so the
NumPy side of the package loads without it; `lv.tasks`, `lv.io`, `lv.explain` and `lv.viz`
load on first use too.
"""

import importlib

from lstm_viz.core import reference
from lstm_viz.core.params import GATES, LSTMParams
from lstm_viz.core.trace import GateStep, GateTrace

__all__ = ["GATES", "GateStep", "GateTrace", "LSTMParams", "reference", "torch_backend"]
__version__ = "0.1.0"

_LAZY = {"torch_backend", "tasks", "training", "io", "viz", "explain", "words"}
_MOVED = {"presets": "lstm_viz.io.presets", "figures": "lstm_viz.viz.figures"}  # earlier lazy names, kept working


def __getattr__(name):
    if name in _LAZY:
        return importlib.import_module(f"lstm_viz.{name}")
    if name in _MOVED:
        return importlib.import_module(_MOVED[name])
    raise AttributeError(f"module 'lstm_viz' has no attribute {name!r}")
