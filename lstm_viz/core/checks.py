"""Argument checks shared by the core: arrays of a given shape, finite, float64, read-only.

Bad input raises ValueError with a message that names the argument and the expected shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from lstm_viz.core.params import LSTMParams


def fmt_shape(shape: tuple[int | None, ...]) -> str:
    """A shape as the messages write it: (4, ?, 3) for (4, None, 3)."""
    return "(" + ", ".join("?" if n is None else str(n) for n in shape) + ")"


def as_array(name: str, value, shape: tuple[int | None, ...]) -> np.ndarray:
    """`value` as a read-only float64 array of `shape` (None matches any size); else ValueError."""
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(
            f"{name}: expected a numeric array of shape {fmt_shape(shape)}, got {type(value).__name__}"
        ) from err
    if arr.ndim != len(shape) or any(want is not None and got != want for got, want in zip(arr.shape, shape)):
        raise ValueError(f"{name}: expected shape {fmt_shape(shape)}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: contains NaN or inf")
    arr.setflags(write=False)
    return arr


def check_xs(xs, input_size: int) -> tuple[np.ndarray, bool]:
    """xs (T, D) or (B, T, D) as a float64 batch (B, T, D), and whether it was one; else a ValueError naming xs."""
    arr = np.asarray(xs)
    D = input_size
    if arr.ndim not in (2, 3):
        raise ValueError(f"xs: expected shape (T, {D}) or (B, T, {D}), got {arr.shape}")
    batched = arr.ndim == 3
    xs = as_array("xs", xs, (None, None, D) if batched else (None, D))
    if xs.shape[-2] == 0:
        raise ValueError("xs: the sequence is empty (T = 0)")
    return (xs if batched else xs[None]), batched


def check_inputs(p: LSTMParams, xs, h0=None, c0=None):
    """Validate xs (T, D) or (B, T, D) and the initial state; return float64 arrays, batched (B, T, D)."""
    H = p.hidden_size
    xb, batched = check_xs(xs, p.input_size)  # (B, T, D)
    state_shape = (xb.shape[0], H) if batched else (H,)
    h0 = np.zeros(state_shape) if h0 is None else as_array("h0", h0, state_shape)
    c0 = np.zeros(state_shape) if c0 is None else as_array("c0", c0, state_shape)
    return xb, np.broadcast_to(h0, (xb.shape[0], H)), np.broadcast_to(c0, (xb.shape[0], H)), batched
