"""The activation functions a cell may use, each with its derivative and its value range.

    sigmoid(z)       = 1 / (1 + e^-z)                 (0, 1)
    hard_sigmoid(z)  = clip(z / 6 + 1/2, 0, 1)        [0, 1]   Keras 3's definition (relu6(z + 3) / 6)
    tanh(z)                                           (-1, 1)
    relu(z)          = max(z, 0)                      [0, ∞)
    linear(z)        = z                              (-∞, ∞)

`grad(z, y)` is dy/dz given the pre-activation z and the value y = fn(z) (whichever is cheaper).
At the kinks (relu at 0, hard_sigmoid at ±3) it takes torch's convention: relu'(0) = 0,
hardsigmoid'(±3) = 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lstm_viz.core.refusal import Refusal


def sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^-z). For z < -709, e^-z overflows to inf and σ is exactly 0, as it should be:
    the cells' loops run under np.errstate(over="ignore") (once, not at every call: it costs microseconds)."""
    return 1.0 / (1.0 + np.exp(-z))


def hard_sigmoid(z: np.ndarray) -> np.ndarray:
    return np.clip(z / 6.0 + 0.5, 0.0, 1.0)


@dataclass(frozen=True)
class Activation:
    name: str
    latex: str  # as it is written in an equation: \sigma, \tanh, ...
    fn: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray, np.ndarray], np.ndarray]  # (z, y) -> dy/dz
    range: tuple[float, float] | None  # the values it can take; None: unbounded


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", r"\sigma", sigmoid, lambda z, y: y * (1.0 - y), (0.0, 1.0)),
    "hard_sigmoid": Activation(
        "hard_sigmoid",
        r"\sigma_{\mathrm{hard}}",
        hard_sigmoid,
        lambda z, y: np.where((z > -3.0) & (z < 3.0), 1.0 / 6.0, 0.0),
        (0.0, 1.0),
    ),
    "tanh": Activation("tanh", r"\tanh", np.tanh, lambda z, y: 1.0 - y**2, (-1.0, 1.0)),
    "relu": Activation(
        "relu", r"\mathrm{relu}", lambda z: np.maximum(z, 0.0), lambda z, y: (z > 0).astype(float), None
    ),
    "linear": Activation("linear", "", lambda z: z + 0.0, lambda z, y: np.ones_like(z), None),
}


def get(name: str, argument: str = "activation", allowed: tuple[str, ...] | None = None) -> Activation:
    """The activation called `name`; a ValueError naming `argument` if it is unknown or not in `allowed`."""
    allowed = tuple(ACTIVATIONS) if allowed is None else allowed
    if not isinstance(name, str) or name not in allowed:
        raise Refusal("core.activation", argument=argument, name=name, allowed=", ".join(allowed))
    return ACTIVATIONS[name]
