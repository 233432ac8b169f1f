"""The PyTorch side: an explicit traced cell, nn.LSTM conversions and the model that trains.

The only module of the core that imports torch. Arrays cross into the rest of the package
as NumPy: `forward` returns a GateTrace of NumPy arrays whatever device it ran on.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lstm_viz.params import LSTMParams
from lstm_viz.reference import check_inputs
from lstm_viz.trace import GateTrace


def default_device() -> torch.device:
    """CUDA when torch sees a GPU, else the CPU."""
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def resolve_device(device=None) -> torch.device:
    if device is None or device == "auto":
        return default_device()
    try:
        device = torch.device(device)
    except (RuntimeError, TypeError) as err:
        raise ValueError(f"device: not a torch device: {device!r}") from err
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError("device: CUDA was asked for but torch sees no GPU")
    return device


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


# --- conversions between LSTMParams and torch modules ---


def params_from_module(module) -> LSTMParams:
    """LSTMParams of an nn.LSTM (one layer, unidirectional, proj_size 0, with biases) or nn.LSTMCell."""
    if isinstance(module, nn.LSTM):
        problems = []
        if module.num_layers != 1:
            problems.append(f"num_layers={module.num_layers} (only 1 is supported)")
        if module.bidirectional:
            problems.append("bidirectional=True (only unidirectional is supported)")
        if module.proj_size:
            problems.append(f"proj_size={module.proj_size} (only 0 is supported)")
        if not module.bias:
            problems.append("bias=False (biases are required)")
        if problems:
            raise ValueError("module: unsupported nn.LSTM: " + ", ".join(problems))
        W_ih, W_hh = module.weight_ih_l0, module.weight_hh_l0
        b = module.bias_ih_l0 + module.bias_hh_l0
    elif isinstance(module, nn.LSTMCell):
        if not module.bias:
            raise ValueError("module: unsupported nn.LSTMCell: bias=False (biases are required)")
        W_ih, W_hh = module.weight_ih, module.weight_hh
        b = module.bias_ih + module.bias_hh
    else:
        raise ValueError(f"module: expected nn.LSTM or nn.LSTMCell, got {type(module).__name__}")
    return LSTMParams.from_stacked(*(t.detach().cpu().double().numpy() for t in (W_ih, W_hh, b)))


def load_params_into(lstm: nn.LSTM, p: LSTMParams) -> None:
    """Copy p into a one-layer nn.LSTM in place; the bias goes to bias_ih, bias_hh is zeroed."""
    if (lstm.input_size, lstm.hidden_size) != (p.input_size, p.hidden_size):
        raise ValueError(
            f"params: D={p.input_size}, H={p.hidden_size} do not fit nn.LSTM({lstm.input_size}, {lstm.hidden_size})"
        )
    W_ih, W_hh, b = p.stacked()
    like = lstm.weight_ih_l0
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(_tensor(W_ih, like.device, like.dtype))
        lstm.weight_hh_l0.copy_(_tensor(W_hh, like.device, like.dtype))
        lstm.bias_ih_l0.copy_(_tensor(b, like.device, like.dtype))
        lstm.bias_hh_l0.zero_()


def params_to_module(p: LSTMParams, dtype=None) -> nn.LSTM:
    """An nn.LSTM(D, H) (float64 by default) that computes exactly what p computes."""
    lstm = nn.LSTM(p.input_size, p.hidden_size, batch_first=True).to(dtype or torch.float64)
    load_params_into(lstm, p)
    return lstm


# --- the model that trains ---


class SequenceModel(nn.Module):
    """nn.LSTM followed by a linear read-out.

    seq2seq=False: one output per sequence, read from the last hidden state  -> (B, output_size)
    seq2seq=True:  one output per step                                       -> (B, T, output_size)
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int, seq2seq: bool = False):
        super().__init__()
        self.seq2seq = seq2seq
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, output_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        hs, _ = self.lstm(x)  # (B, T, H)
        return self.head(hs if self.seq2seq else hs[:, -1])

    def lstm_params(self) -> LSTMParams:
        return params_from_module(self.lstm)

    def load_lstm_params(self, p: LSTMParams) -> None:
        load_params_into(self.lstm, p)

    def head_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """The read-out as NumPy: W_out (output_size, H), b_out (output_size,)."""
        return (
            self.head.weight.detach().cpu().double().numpy().copy(),
            self.head.bias.detach().cpu().double().numpy().copy(),
        )

    def load_head_weights(self, W_out, b_out) -> None:
        with torch.no_grad():
            self.head.weight.copy_(_tensor(W_out, self.head.weight.device, self.head.weight.dtype))
            self.head.bias.copy_(_tensor(b_out, self.head.bias.device, self.head.bias.dtype))


def build_model(p: LSTMParams, W_out, b_out, seq2seq: bool, device=None, dtype=torch.float32) -> SequenceModel:
    """A SequenceModel holding the given LSTM and read-out weights."""
    W_out = np.asarray(W_out, dtype=np.float64)
    model = SequenceModel(p.input_size, p.hidden_size, W_out.shape[0], seq2seq=seq2seq)
    model = model.to(device=resolve_device(device), dtype=dtype)
    model.load_lstm_params(p)
    model.load_head_weights(W_out, b_out)
    return model
