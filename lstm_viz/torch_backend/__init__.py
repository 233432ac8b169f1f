"""The PyTorch side: every torch import of the package lives here (and in `lstm_viz.training`).

    devices   default_device, resolve_device
    traced    forward: the six equations written in torch, every gate recorded, on any device
    convert   LSTMParams to and from nn.LSTM / nn.LSTMCell
    models    SequenceModel (nn.LSTM + linear read-out) and build_model

Arrays cross into the rest of the package as NumPy: `forward` returns a GateTrace of NumPy
arrays whatever device it ran on.
"""

from lstm_viz.torch_backend.convert import load_params_into, params_from_module, params_to_module
from lstm_viz.torch_backend.devices import default_device, resolve_device
from lstm_viz.torch_backend.models import SequenceModel, build_model
from lstm_viz.torch_backend.traced import _tensor, forward

__all__ = [
    "SequenceModel",
    "_tensor",
    "build_model",
    "default_device",
    "forward",
    "load_params_into",
    "params_from_module",
    "params_to_module",
    "resolve_device",
]
