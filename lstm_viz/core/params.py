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

from dataclasses import dataclass

import numpy as np

from lstm_viz.core.checks import as_array

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
