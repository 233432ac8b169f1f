"""Conversions between LSTMParams and torch modules (nn.LSTM, nn.LSTMCell)."""

from __future__ import annotations

import torch
from torch import nn

from lstm_viz.core.params import LSTMParams
from lstm_viz.torch_backend.traced import _tensor


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
    """A default nn.LSTM(D, H) (time-major: batch_first=False; float64 unless `dtype` says otherwise)
    that computes exactly what p computes."""
    lstm = nn.LSTM(p.input_size, p.hidden_size).to(dtype or torch.float64)
    load_params_into(lstm, p)
    return lstm
