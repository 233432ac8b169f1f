"""The PyTorch side: every torch import of the package lives here (and in `lstm_viz.training`).

    devices   default_device, resolve_device
    cells     every cell in torch: step functions, CellStack (any cell and stack as a module),
              traced_forward, from_torch / to_torch / load_into for CellParams
    traced    forward: the LSTMParams API's traced LSTM (through cells.traced_forward)
    convert   LSTMParams to and from nn.LSTM / nn.LSTMCell
    models    SequenceModel (a stack of any cell + linear read-out) and build_model

Arrays cross into the rest of the package as NumPy: `forward` returns a GateTrace of NumPy
arrays whatever device it ran on.
"""

from lstm_viz.torch_backend.cells import CellStack, from_torch, load_into, to_torch, traced_forward
from lstm_viz.torch_backend.convert import load_params_into, params_from_module, params_to_module
from lstm_viz.torch_backend.devices import default_device, resolve_device
from lstm_viz.torch_backend.models import SequenceModel, build_model
from lstm_viz.torch_backend.traced import _tensor, forward

__all__ = [
    "CellStack",
    "SequenceModel",
    "_tensor",
    "build_model",
    "default_device",
    "forward",
    "from_torch",
    "load_into",
    "load_params_into",
    "params_from_module",
    "params_to_module",
    "resolve_device",
    "to_torch",
    "traced_forward",
]
