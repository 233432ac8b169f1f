"""The model that trains: nn.LSTM followed by a linear read-out."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lstm_viz.core.params import LSTMParams
from lstm_viz.torch_backend.convert import load_params_into, params_from_module
from lstm_viz.torch_backend.devices import resolve_device
from lstm_viz.torch_backend.traced import _tensor


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
