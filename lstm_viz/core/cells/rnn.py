"""The plain (Elman) RNN, PyTorch's `nn.RNN`::

    h_t = tanh(W_x x_t + W_h h_{t-1} + b)        hidden state  (relu as an option)

Parameters of one layer: W_x (1, H, D), W_h (1, H, H), b (1, H) (torch's bias_ih + bias_hh):
the gate axis has one row, h itself, so that every view reads it like the other cells.
"""

from __future__ import annotations

import numpy as np

from lstm_viz.core import activations
from lstm_viz.core.spec import Block, CellSpec, Quantity

ACTIVATION_CHOICES = ("tanh", "relu")


def spec(name: str = "rnn", activation: str = "tanh") -> CellSpec:
    act = activations.get(activation, "activation", ACTIVATION_CHOICES).name
    quantities = (
        Quantity("h", "h", "h", "hidden state h", "the whole memory, rewritten at every step",
                 "state", activations.ACTIVATIONS[act].range, act, weighted=True, carried=True),
    )  # fmt: skip
    return CellSpec(
        name="rnn",
        family="rnn",
        title="plain RNN",
        role="no gates: h is rewritten from x_t and h_{t-1} at every step",
        quantities=quantities,
        blocks=(
            Block("W_x", ("G", "H", "D"), "input weights"),
            Block("W_h", ("G", "H", "H"), "recurrent weights"),
            Block("b", ("G", "H"), "bias (torch's bias_ih + bias_hh)", "uniform2"),
        ),
        options=(("activation", act),),
        torch_class="RNN",
        forward=forward,
        backward=backward,
        to_torch=to_torch,
        from_torch=from_torch,
        to_keras=to_keras,
        from_keras=from_keras,
    )


def forward(spec: CellSpec, layer: dict, x: np.ndarray, state0: dict, fix=None) -> dict:
    """Run one layer over x (B, T, D) from state0 {"h"} (B, H): "pre" (B, T, 1, H) and h (B, T, H).
    A plain RNN has no gate for `fix` to replace (see lstm.forward): it is accepted and never called."""
    act = activations.ACTIVATIONS[spec.option("activation")]
    B, T, _ = x.shape
    W_x, W_h, b = layer["W_x"][0], layer["W_h"][0], layer["b"][0]  # (H, D), (H, H), (H,)
    zx = np.einsum("btd,hd->tbh", x, W_x) + b  # (T, B, H): W_x x_t + b, every t at once
    W_hT = W_h.T
    pre = np.empty((T, B, W_h.shape[0]))
    hs = np.empty_like(pre)
    h = state0["h"]  # (B, H)
    for t in range(T):
        np.add(zx[t], h @ W_hT, out=pre[t])  # W_x x_t + W_h h_{t-1} + b
        h = hs[t] = act.fn(pre[t])  # hidden state
    return {"h": hs.transpose(1, 0, 2), "pre": pre.transpose(1, 0, 2)[:, :, None, :]}


def backward(spec: CellSpec, layer: dict, tr: dict, dh: np.ndarray):
    """Back-propagation through time: dh_t = dh[t] + dh_next, dz = dh_t ⊙ act'(z_t), dh_next = W_hᵀ dz."""
    act = activations.ACTIVATIONS[spec.option("activation")]
    x, pre, h = tr["x"], tr["pre"][:, :, 0], tr["h"]
    B, T, _ = x.shape
    W_x, W_h = layer["W_x"][0], layer["W_h"][0]
    H = W_h.shape[0]
    grads = {name: np.zeros_like(value) for name, value in layer.items()}
    dx = np.empty_like(x)
    dh_tot = np.empty((B, T, H))
    dh_next = np.zeros((B, H))
    for t in reversed(range(T)):
        h_prev = tr["h0"] if t == 0 else h[:, t - 1]
        dh_t = dh[:, t] + dh_next
        dz = dh_t * act.grad(pre[:, t], h[:, t])
        grads["W_x"][0] += dz.T @ x[:, t]
        grads["W_h"][0] += dz.T @ h_prev
        grads["b"][0] += dz.sum(axis=0)
        dx[:, t] = dz @ W_x
        dh_next = dz @ W_h
        dh_tot[:, t] = dh_t
    return grads, dx, {"h": dh_tot}, {"h": dh_next}


def to_torch(spec: CellSpec, layer: dict) -> dict:
    H = layer["W_x"].shape[1]
    return {"weight_ih": layer["W_x"][0], "weight_hh": layer["W_h"][0], "bias_ih": layer["b"][0],
            "bias_hh": np.zeros(H)}  # fmt: skip


def from_torch(spec: CellSpec, tensors: dict) -> dict:
    W_ih, W_hh = tensors["weight_ih"], tensors["weight_hh"]
    H = W_ih.shape[0]
    b = np.zeros(H)
    for name in ("bias_ih", "bias_hh"):
        if tensors.get(name) is not None:
            b = b + tensors[name]
    return {"W_x": W_ih[None], "W_h": W_hh[None], "b": b[None]}


# --- Keras SimpleRNN: kernel (D, H), recurrent_kernel (H, H), bias (H,) ---


def to_keras(spec: CellSpec, layer: dict) -> tuple[np.ndarray, ...]:
    return layer["W_x"][0].T.copy(), layer["W_h"][0].T.copy(), layer["b"][0].copy()


def from_keras(spec: CellSpec, kernel, recurrent_kernel, bias) -> dict:
    return from_torch(spec, {"weight_ih": np.asarray(kernel).T, "weight_hh": np.asarray(recurrent_kernel).T,
                             "bias_ih": np.asarray(bias)})  # fmt: skip
