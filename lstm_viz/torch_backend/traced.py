"""The traced cell in torch: the same six equations as `reference.forward`, every gate recorded, on any device.

Arrays cross back as NumPy: `forward` returns a GateTrace of NumPy float64 arrays.
"""

from __future__ import annotations

import numpy as np
import torch

from lstm_viz.core.checks import check_inputs
from lstm_viz.core.params import LSTMParams
from lstm_viz.core.trace import GateTrace
from lstm_viz.torch_backend.devices import resolve_device


def _tensor(a, device, dtype) -> torch.Tensor:
    """A copy of a NumPy array as a tensor (our arrays are read-only; torch wants its own)."""
    return torch.tensor(np.asarray(a), device=device, dtype=dtype)


def forward(p: LSTMParams, xs, h0=None, c0=None, device=None, dtype=torch.float64) -> GateTrace:
    """The same six equations as `reference.forward`, written in torch, on any device.

    xs (T, D) or batch-first (B, T, D); returns a GateTrace of NumPy float64 arrays.
    """
    xb, h0b, c0b, batched = check_inputs(p, xs, h0, c0)
    device = resolve_device(device)
    W_x, W_h, b = (_tensor(a, device, dtype) for a in p.arrays())  # (4, H, D), (4, H, H), (4, H)
    x = _tensor(xb, device, dtype)  # (B, T, D)
    h = _tensor(h0b, device, dtype)  # (B, H)
    c = _tensor(c0b, device, dtype)
    zx = torch.einsum("khd,btd->btkh", W_x, x) + b  # (B, T, 4, H)
    record = {name: [] for name in ("z", "i", "f", "g", "o", "c", "h")}
    with torch.no_grad():
        for t in range(x.shape[1]):
            z = zx[:, t] + torch.einsum("khj,bj->bkh", W_h, h)  # (B, 4, H)
            i = torch.sigmoid(z[:, 0])
            f = torch.sigmoid(z[:, 1])
            g = torch.tanh(z[:, 2])
            o = torch.sigmoid(z[:, 3])
            c = f * c + i * g
            h = o * torch.tanh(c)
            for name, value in zip(record, (z, i, f, g, o, c, h)):
                record[name].append(value)
    out = {name: torch.stack(values, dim=1).cpu().double().numpy() for name, values in record.items()}
    out.update(x=xb, h0=h0b, c0=c0b)
    if not batched:
        out = {name: value[0] for name, value in out.items()}
    return GateTrace(**out)
