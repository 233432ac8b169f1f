"""The traced cell in torch: the same six equations as `reference.forward`, every gate recorded, on any device.

Arrays cross back as NumPy: `forward` returns a GateTrace of NumPy float64 arrays.
"""

from __future__ import annotations

import numpy as np
import torch

from lstm_viz.core.checks import check_inputs
from lstm_viz.core.params import LSTMParams
from lstm_viz.core.trace import GateTrace
from lstm_viz.torch_backend.cells import traced_forward


def _tensor(a, device, dtype) -> torch.Tensor:
    """A copy of a NumPy array as a tensor (our arrays are read-only; torch wants its own)."""
    return torch.tensor(np.asarray(a), device=device, dtype=dtype)


def forward(p: LSTMParams, xs, h0=None, c0=None, device=None, dtype=torch.float64) -> GateTrace:
    """The same six equations as `reference.forward`, written in torch, on any device.

    xs (T, D) or batch-first (B, T, D); returns a GateTrace of NumPy float64 arrays. Every cell and
    stack has the same in `torch_backend.traced_forward`, which this calls.
    """
    _, h0b, c0b, batched = check_inputs(p, xs, h0, c0)  # (B, H) each
    state0 = {"h": h0b[None] if batched else h0b[:1], "c": c0b[None] if batched else c0b[:1]}
    return traced_forward(p, xs, state0, device=device, dtype=dtype).layers[0]
