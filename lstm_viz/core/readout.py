"""TrainedModel: a recurrent stack of any cell and its linear read-out, in NumPy, ready to inspect.

The read-out is y = W_out h_t + b_out, on the last h (sequence-to-one) or on every h
(sequence-to-sequence). `predict` runs the NumPy reference, so what the step-through page
shows as "the model's output at t" is computed from the very trace it displays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.core.checks import as_array
from lstm_viz.core.params import CellParams, as_cell_params
from lstm_viz.core.stack import forward
from lstm_viz.core.trace import GateTrace, Trace


@dataclass(frozen=True, eq=False)
class TrainedModel:
    task: str
    params: CellParams  # any cell, 1 to 3 layers (an LSTMParams is taken as a one-layer LSTM)
    W_out: np.ndarray  # (output_size, H)
    b_out: np.ndarray  # (output_size,)

    def __post_init__(self):
        object.__setattr__(self, "params", as_cell_params(self.params))
        H = self.params.hidden_size
        W_out = as_array("W_out", self.W_out, (None, H))
        object.__setattr__(self, "W_out", W_out)
        object.__setattr__(self, "b_out", as_array("b_out", self.b_out, (W_out.shape[0],)))

    def outputs(self, trace: Trace | GateTrace) -> np.ndarray:
        """The read-out at every step: (T, output_size), or (B, T, output_size)."""
        return trace.h @ self.W_out.T + self.b_out

    @property
    def cell(self) -> str:
        return self.params.cell

    @property
    def num_layers(self) -> int:
        return self.params.num_layers

    def trace(self, xs) -> Trace:
        """Every quantity of every layer on xs, by the readable NumPy cells (lstm_viz.forward)."""
        return forward(self.params, xs)

    def predict(self, xs, seq2seq: bool) -> np.ndarray:
        """Outputs for xs (T, D) or (B, T, D): every step if seq2seq, else the last step's."""
        out = self.outputs(self.trace(xs))
        return out if seq2seq else out[..., -1, :]
