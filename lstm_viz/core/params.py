"""LSTMParams: the weights of one LSTM layer, and conversions to torch and Keras layouts.

Gate order everywhere is torch's: i, f, g, o (g is the candidate cell state, C̃).

    W_x  (4, H, D)   input weights      W_xi, W_xf, W_xg, W_xo
    W_h  (4, H, H)   recurrent weights  W_hi, W_hf, W_hg, W_ho
    b    (4, H)      one bias per gate  (torch's bias_ih + bias_hh, summed)

No torch import here: the torch conversions live in `lstm_viz.torch_backend` and the
methods below hand over to it (imported inside the method, on first use), so the NumPy side of
the package never needs torch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from lstm_viz.core import cells
from lstm_viz.core.checks import as_array
from lstm_viz.core.spec import CellSpec

GATES = ("i", "f", "g", "o")
GATE_NAMES = {
    "i": "input gate",
    "f": "forget gate",
    "g": "candidate C̃",
    "o": "output gate",
    "c": "cell state C",
    "h": "hidden state h",
}


@dataclass(frozen=True, eq=False)
class LSTMParams:
    """Weights of a single-layer, unidirectional LSTM. Arrays are float64 and read-only."""

    W_x: np.ndarray  # (4, H, D)
    W_h: np.ndarray  # (4, H, H)
    b: np.ndarray  # (4, H)

    def __post_init__(self):
        W_x = np.asarray(self.W_x)
        if W_x.ndim != 3 or W_x.shape[0] != 4:
            raise ValueError(f"W_x: expected shape (4, H, D) with gates i, f, g, o, got {W_x.shape}")
        _, H, D = W_x.shape
        if H == 0:
            raise ValueError("W_x: hidden size H must be at least 1, got 0")
        if D == 0:
            raise ValueError("W_x: input size D must be at least 1, got 0")
        object.__setattr__(self, "W_x", as_array("W_x", self.W_x, (4, H, D)))
        object.__setattr__(self, "W_h", as_array("W_h", self.W_h, (4, H, H)))
        object.__setattr__(self, "b", as_array("b", self.b, (4, H)))

    @property
    def input_size(self) -> int:
        return self.W_x.shape[2]

    @property
    def hidden_size(self) -> int:
        return self.W_x.shape[1]

    @classmethod
    def random(cls, input_size: int, hidden_size: int, seed: int | np.random.Generator = 0, forget_bias: float = 0.0):
        """Torch's initialisation: every weight and both biases U(-1/sqrt(H), 1/sqrt(H)).

        The single bias b is drawn as torch's bias_ih + bias_hh (two uniform draws summed);
        `forget_bias` is then added to the forget gate's bias b_f.
        """
        if int(hidden_size) < 1:
            raise ValueError(f"hidden_size: must be at least 1, got {hidden_size}")
        if int(input_size) < 1:
            raise ValueError(f"input_size: must be at least 1, got {input_size}")
        if not np.isfinite(forget_bias):
            raise ValueError(f"forget_bias: must be finite, got {forget_bias}")
        H, D = int(hidden_size), int(input_size)
        rng = np.random.default_rng(seed)
        k = 1.0 / np.sqrt(H)
        W_x = rng.uniform(-k, k, size=(4, H, D))
        W_h = rng.uniform(-k, k, size=(4, H, H))
        b = rng.uniform(-k, k, size=(4, H)) + rng.uniform(-k, k, size=(4, H))
        b[1] += forget_bias
        return cls(W_x, W_h, b)

    # --- torch (nn.LSTM / nn.LSTMCell): W_ih is (4H, D), rows in gate order i, f, g, o ---

    @classmethod
    def from_torch(cls, module) -> LSTMParams:
        """From an nn.LSTM (one layer, unidirectional, no projection) or an nn.LSTMCell."""
        from lstm_viz import torch_backend

        return torch_backend.params_from_module(module)

    def to_torch(self, dtype=None):
        """An nn.LSTM(D, H) holding these weights (float64 unless `dtype` says otherwise)."""
        from lstm_viz import torch_backend

        return torch_backend.params_to_module(self, dtype=dtype)

    @classmethod
    def from_stacked(cls, W_ih, W_hh, b) -> LSTMParams:
        """From torch's stacked layout: W_ih (4H, D), W_hh (4H, H), b (4H,)."""
        W_ih = np.asarray(W_ih, dtype=np.float64)
        if W_ih.ndim != 2 or W_ih.shape[0] % 4 or W_ih.shape[0] == 0:
            raise ValueError(f"W_ih: expected shape (4H, D) with H >= 1, got {W_ih.shape}")
        H, D = W_ih.shape[0] // 4, W_ih.shape[1]
        W_hh = as_array("W_hh", W_hh, (4 * H, H))
        b = as_array("b", b, (4 * H,))
        return cls(W_ih.reshape(4, H, D), W_hh.reshape(4, H, H), b.reshape(4, H))

    def stacked(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Torch's stacked layout: W_ih (4H, D), W_hh (4H, H), b (4H,)."""
        H, D = self.hidden_size, self.input_size
        return self.W_x.reshape(4 * H, D), self.W_h.reshape(4 * H, H), self.b.reshape(4 * H)

    # --- Keras: kernel (D, 4H), recurrent_kernel (H, 4H), bias (4H,); gate order i, f, c, o ---

    @classmethod
    def from_keras(cls, kernel, recurrent_kernel, bias) -> LSTMParams:
        """From a Keras LSTM's weights (its gate order i, f, c, o is the same as torch's)."""
        kernel = np.asarray(kernel, dtype=np.float64)
        if kernel.ndim != 2 or kernel.shape[1] % 4 or kernel.shape[1] == 0:
            raise ValueError(f"kernel: expected shape (D, 4H) with H >= 1, got {kernel.shape}")
        H = kernel.shape[1] // 4
        recurrent_kernel = as_array("recurrent_kernel", recurrent_kernel, (H, 4 * H))
        bias = as_array("bias", bias, (4 * H,))
        return cls.from_stacked(kernel.T, recurrent_kernel.T, bias)

    def to_keras(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(kernel (D, 4H), recurrent_kernel (H, 4H), bias (4H,)) in Keras' layout."""
        W_ih, W_hh, b = self.stacked()
        return W_ih.T.copy(), W_hh.T.copy(), b.copy()

    def allclose(self, other: LSTMParams, atol: float = 0.0) -> bool:
        return all(np.allclose(a, b, rtol=0.0, atol=atol) for a, b in zip(self.arrays(), other.arrays()))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.W_x, self.W_h, self.b


# --- any cell, one layer or a stack ---

MAX_LAYERS = 3


@dataclass(frozen=True, eq=False)
class CellParams:
    """The weights of a stack of `num_layers` layers of one cell. layers[l] maps block name -> array."""

    spec: CellSpec
    layers: tuple[Mapping[str, np.ndarray], ...]

    def __post_init__(self):
        layers = tuple(self.layers)
        if not 1 <= len(layers) <= MAX_LAYERS:
            raise ValueError(f"num_layers: expected 1 to {MAX_LAYERS}, got {len(layers)}")
        first = layers[0]
        if "W_h" not in first or np.ndim(first["W_h"]) != 3:
            raise ValueError(f"layers[0]: expected blocks {', '.join(b.name for b in self.spec.blocks)}")
        H = np.shape(first["W_h"])[1]
        D = np.shape(first["W_x"])[-1] if np.ndim(first.get("W_x")) == 3 else 0
        if H < 1:
            raise ValueError("hidden_size: must be at least 1, got 0")
        if D < 1:
            raise ValueError("input_size: must be at least 1, got 0")
        checked = []
        for n, layer in enumerate(layers):
            shapes = self.spec.shapes(D if n == 0 else H, H)
            extra = set(layer) - set(shapes)
            if extra:
                raise ValueError(f"layers[{n}]: cell {self.spec.name} has no block {sorted(extra)[0]!r}")
            missing = [b for b in shapes if b not in layer]
            if missing:
                raise ValueError(f"layers[{n}]: cell {self.spec.name} needs block {missing[0]!r}")
            checked.append({b: as_array(f"layers[{n}].{b}", layer[b], shape) for b, shape in shapes.items()})
        object.__setattr__(self, "layers", tuple(checked))

    @property
    def cell(self) -> str:
        return self.spec.name

    @property
    def num_layers(self) -> int:
        return len(self.layers)

    @property
    def hidden_size(self) -> int:
        return self.layers[0]["W_h"].shape[1]

    @property
    def input_size(self) -> int:
        return self.layers[0]["W_x"].shape[2]

    def arrays(self) -> tuple[np.ndarray, ...]:
        """Every block of every layer, bottom layer first, in the spec's block order."""
        return tuple(layer[b.name] for layer in self.layers for b in self.spec.blocks)

    def allclose(self, other: CellParams, atol: float = 0.0) -> bool:
        if self.spec != other.spec or self.num_layers != other.num_layers:
            return False
        return all(np.allclose(a[k], b[k], rtol=0.0, atol=atol) for a, b in zip(self.layers, other.layers) for k in a)


def as_cell_params(p) -> CellParams:
    """CellParams as they are, or an LSTMParams as a one-layer LSTM."""
    if isinstance(p, CellParams):
        return p
    if hasattr(p, "W_x") and hasattr(p, "W_h") and hasattr(p, "b"):
        return CellParams(cells.spec("lstm"), ({"W_x": p.W_x, "W_h": p.W_h, "b": p.b},))
    raise ValueError(f"params: expected CellParams or LSTMParams, got {type(p).__name__}")


def random_params(
    cell: str | CellSpec,
    input_size: int,
    hidden_size: int,
    num_layers: int = 1,
    seed: int | np.random.Generator = 0,
    forget_bias: float = 0.0,
    **options,
) -> CellParams:
    """Torch's initialisation: every block U(-1/√H, 1/√H); a bias that torch keeps as bias_ih + bias_hh
    is drawn as the sum of two. `forget_bias` is added to b_f (only a cell with a forget gate of its own has one)."""
    spec = cell if isinstance(cell, CellSpec) else cells.spec(cell, **options)
    for name, value, lo in (
        ("input_size", input_size, 1),
        ("hidden_size", hidden_size, 1),
        ("num_layers", num_layers, 1),
    ):
        if not isinstance(value, int | np.integer) or value < lo:
            raise ValueError(f"{name}: must be a whole number of at least {lo}, got {value!r}")
    if num_layers > MAX_LAYERS:
        raise ValueError(f"num_layers: expected 1 to {MAX_LAYERS}, got {num_layers}")
    if not np.isfinite(forget_bias):
        raise ValueError(f"forget_bias: must be finite, got {forget_bias}")
    if forget_bias and "f" not in spec.weighted:
        raise ValueError(f"forget_bias: cell {spec.name} has no forget gate with a bias of its own")
    rng = np.random.default_rng(seed)
    H = int(hidden_size)
    k = 1.0 / np.sqrt(H)
    layers = []
    for n in range(num_layers):
        layer = {}
        for block in spec.blocks:
            shape = spec.shapes(int(input_size) if n == 0 else H, H)[block.name]
            layer[block.name] = rng.uniform(-k, k, size=shape)
            if block.init == "uniform2":
                layer[block.name] += rng.uniform(-k, k, size=shape)
        if forget_bias:
            layer["b"][spec.weighted.index("f")] += forget_bias
        layers.append(layer)
    return CellParams(spec, tuple(layers))


def as_lstm_params(p) -> LSTMParams:
    """An LSTMParams as it is, or a one-layer standard LSTM's CellParams as one; else a ValueError naming it."""
    if isinstance(p, LSTMParams):
        return p
    if isinstance(p, CellParams) and p.spec == cells.spec("lstm") and p.num_layers == 1:
        layer = p.layers[0]
        return LSTMParams(layer["W_x"], layer["W_h"], layer["b"])
    what = f"a {p.spec.key} with {p.num_layers} layer(s)" if isinstance(p, CellParams) else type(p).__name__
    raise ValueError(f"params: this function runs one standard LSTM layer, got {what}; lstm_viz.forward runs any")
