"""The model that trains: a recurrent stack of any cell followed by a linear read-out."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import numpy as np
import torch
from torch import nn

from lstm_viz.core import cells
from lstm_viz.core.params import CellParams, as_cell_params
from lstm_viz.core.spec import CellSpec
from lstm_viz.torch_backend.cells import TORCH_CLASSES, CellStack, from_torch, load_into
from lstm_viz.torch_backend.devices import resolve_device
from lstm_viz.torch_backend.traced import _tensor

_INIT_LOCK = threading.Lock()  # two trainings starting at once in two threads must not draw from one stream


@contextmanager
def seeded(seed: int | None):
    """torch's CPU generator seeded with `seed` inside the block and restored after it, so that a model's
    initial weights come from its own seed and the rest of the process sees no change (None: no seeding)."""
    if seed is None:
        yield
        return
    with _INIT_LOCK, torch.random.fork_rng(devices=[]):
        torch.default_generator.manual_seed(seed)  # the CPU stream torch.manual_seed(seed) would set
        yield


class SequenceModel(nn.Module):
    """A recurrent stack of any cell followed by a linear read-out on the top layer's h.

        SequenceModel("gru", input_size=3, hidden_size=16, output_size=2, num_layers=2, seq2seq=True)

    `cell` is a CellSpec or a cell name (lstm_viz.core.cells.names()). The stack is torch's own nn.LSTM /
    nn.GRU / nn.RNN (cuDNN on a GPU) where torch has the cell with these options, else the explicit
    CellStack; batch-first (B, T, D) either way. The initial weights depend on `seed` only (None: torch's
    global generator, as a plain torch module would).
    seq2seq=False: one output per sequence, read from the last hidden state  -> (B, output_size)
    seq2seq=True:  one output per step                                       -> (B, T, output_size)
    """

    def __init__(self, cell: str | CellSpec, input_size: int, hidden_size: int, output_size: int,
                 num_layers: int = 1, seq2seq: bool = False, seed: int | None = 0):  # fmt: skip
        super().__init__()
        spec = cell if isinstance(cell, CellSpec) else cells.spec(cell)
        self.spec, self.seq2seq = spec, seq2seq
        with seeded(seed):
            if spec.torch_class:
                kw = {"nonlinearity": spec.option("activation")} if spec.family == "rnn" else {}
                self.rnn = TORCH_CLASSES[spec.torch_class](input_size, hidden_size, num_layers=num_layers,
                                                           batch_first=True, **kw)  # fmt: skip
            else:
                stack_seed = int(torch.randint(2**31, ())) if seed is None else seed  # random_params: NumPy
                self.rnn = CellStack(spec, input_size, hidden_size, num_layers, batch_first=True, seed=stack_seed)
            self.head = nn.Linear(hidden_size, output_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        hs, _ = self.rnn(x)  # (B, T, H): the top layer's h
        return self.head(hs if self.seq2seq else hs[:, -1])

    def recurrent_params(self) -> CellParams:
        return from_torch(self.rnn)

    def load_recurrent_params(self, p) -> None:
        load_into(self.rnn, p)

    def add_forget_bias(self, value: float) -> None:
        """Add `value` to b_f of every layer (a cell without a forget gate of its own: nothing)."""
        if "f" not in self.spec.weighted:
            return
        row = self.spec.weighted.index("f")
        with torch.no_grad():
            if isinstance(self.rnn, CellStack):
                for layer in self.rnn.layers:
                    layer["b"][row] += value
            else:
                H = self.rnn.hidden_size
                for n in range(self.rnn.num_layers):
                    getattr(self.rnn, f"bias_ih_l{n}")[row * H : (row + 1) * H] += value

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


def build_model(p, W_out, b_out, seq2seq: bool, device=None, dtype=torch.float32) -> SequenceModel:
    """A SequenceModel holding the given recurrent (CellParams or LSTMParams) and read-out weights: W_out (K, H),
    b_out (K,)."""
    p = as_cell_params(p)
    W_out = np.asarray(W_out, dtype=np.float64)
    model = SequenceModel(p.spec, p.input_size, p.hidden_size, W_out.shape[0], p.num_layers, seq2seq)
    model = model.to(device=resolve_device(device), dtype=dtype)
    model.load_recurrent_params(p)
    model.load_head_weights(W_out, b_out)
    return model
