"""lstm-viz: an LSTM you can look inside.

    import lstm_viz as lv
    p = lv.LSTMParams.random(input_size=3, hidden_size=4, seed=0)
    tr = lv.reference.forward(p, xs)          # NumPy, float64, every gate at every step

    p = lv.random_params("gru", input_size=3, hidden_size=4, num_layers=2, seed=0)   # any cell, any stack
    tr = lv.forward(p, xs)                    # tr.layers[0]["r"], tr.h
    gr = lv.backward(p, tr, dh)               # gr.x, gr.params, gr.layers[l]["h0"]
    p = lv.from_torch(module); module = lv.to_torch(p)

The package is in layers, imports pointing down only (DESIGN.md, "Layers"):
core (NumPy) < tasks < torch_backend < training < io < words < explain < viz < ui (Streamlit).
`lv.torch_backend` (and everything that trains) imports torch on first use, so the
NumPy side of the package loads without it; `lv.tasks`, `lv.io`, `lv.explain` and `lv.viz`
load on first use too.
"""

import importlib

from lstm_viz.core import cells, reference
from lstm_viz.core.params import GATES, CellParams, LSTMParams, random_params
from lstm_viz.core.stack import CellGrads, backward, forward
from lstm_viz.core.trace import GateStep, GateTrace, Trace

__all__ = [
    "GATES",
    "CellGrads",
    "CellParams",
    "GateStep",
    "GateTrace",
    "LSTMParams",
    "Trace",
    "backward",
    "cells",
    "forward",
    "from_torch",
    "random_params",
    "reference",
    "to_torch",
    "torch_backend",
]
__version__ = "0.1.0"

_LAZY = {"torch_backend", "tasks", "training", "io", "viz", "explain", "words"}
_MOVED = {"presets": "lstm_viz.io.presets", "figures": "lstm_viz.viz.figures"}  # earlier lazy names, kept working


def __getattr__(name):
    if name in _LAZY:
        return importlib.import_module(f"lstm_viz.{name}")
    if name in _MOVED:
        return importlib.import_module(_MOVED[name])
    raise AttributeError(f"module 'lstm_viz' has no attribute {name!r}")


def from_torch(module) -> CellParams:
    """CellParams of a torch module: nn.LSTM / nn.GRU / nn.RNN (1-3 layers), their Cell versions, a CellStack."""
    from lstm_viz.torch_backend.cells import from_torch as convert

    return convert(module)


def to_torch(p, dtype=None):
    """A default-layout (time-major) torch module computing exactly what p computes, float64 by default."""
    from lstm_viz.torch_backend.cells import to_torch as convert

    return convert(p) if dtype is None else convert(p, dtype=dtype)
