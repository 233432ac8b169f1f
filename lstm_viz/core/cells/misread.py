"""The "misread" LSTM: the cell update as one of the tutorials this project teaches from writes it.

That tutorial gives the LSTM's cell update as c_t = σ(W_cx x_t + W_cc c_{t-1} + W_ch h_{t-1} + b_c) and calls
the core of an LSTM a GRU. Written that way, c_t is not kept, nor written through a gate: it is recomputed at
every step through a sigmoid, like a plain RNN's h (with c_{t-1} as a second input), so it always lies
in (0, 1). An input or forget gate, if one were computed, would have nothing to multiply; the output gate and
h_t = o_t ⊙ tanh(c_t) are as in the LSTM. Equations (torch's names)::

    c_t = σ(W_xc x_t + W_hc h_{t-1} + W_cc c_{t-1} + b_c)     cell state, as written in the tutorial
    o_t = σ(W_xo x_t + W_ho h_{t-1} + b_o)                    output gate
    h_t = o_t ⊙ tanh(c_t)                                     hidden state

Parameters of one layer: W_x (2, H, D), W_h (2, H, H), b (2, H), rows c, o; and W_cc (H, H).
Not a cell of torch or Keras: it trains as lstm_viz's own CellStack. The Why gates page trains it
beside the LSTM (lstm_viz/data/why_gates.json) to show what the misreading costs.
"""

from __future__ import annotations

import numpy as np

from lstm_viz.core import activations
from lstm_viz.core.spec import Block, CellSpec, Factor, Quantity, as_computed

TITLE = "misread LSTM (one tutorial's cell update)"


def spec(name: str = "lstm_misread") -> CellSpec:
    quantities = (
        Quantity("c", "C", "c", "cell state C", "recomputed through a sigmoid at every step: nothing keeps it",
                 "state", (0.0, 1.0), "sigmoid", weighted=True, carried=True, self_recurrent="W_cc"),
        Quantity("o", "o", "o", "output gate", "how much of the memory is shown as h",
                 "gate", (0.0, 1.0), "sigmoid", weighted=True),
        Quantity("h", "h", "h", "hidden state h", "what the cell shows: to the next step and the read-out",
                 "state", (-1.0, 1.0), carried=True, sum_of=((Factor("o"), Factor("c", fn="tanh")),)),
    )  # fmt: skip
    return CellSpec(
        name="lstm_misread",
        family="misread",
        title=TITLE,
        role="a memory C recomputed through a sigmoid at every step, with no gate that keeps or writes it",
        quantities=quantities,
        blocks=(
            Block("W_x", ("G", "H", "D"), "input weights"),
            Block("W_h", ("G", "H", "H"), "recurrent weights"),
            Block("b", ("G", "H"), "biases", "uniform2"),
            Block("W_cc", ("H", "H"), "the cell state's own recurrent weights W_cc"),
        ),
        forward=forward,
        backward=backward,
        to_torch=None,
        from_torch=None,
    )


def forward(spec: CellSpec, layer: dict, x: np.ndarray, state0: dict, fix=None) -> dict:
    """Run one layer over x (B, T, D) from state0 {"h", "c"} (B, H): "pre" (B, T, 2, H) and c, o, h (B, T, H).
    fix(name, t, value) may replace the output gate o at step t (see lstm.forward)."""
    sigmoid = activations.ACTIVATIONS["sigmoid"].fn
    fix = fix or as_computed
    B, T, _ = x.shape
    W_x, W_h, b, W_cc = layer["W_x"], layer["W_h"], layer["b"], layer["W_cc"]  # (2,H,D), (2,H,H), (2,H), (H,H)
    H = b.shape[1]
    zx = np.einsum("btd,khd->tbkh", x, W_x) + b  # (T, B, 2, H): W_x x_t + b, every t at once
    W_hT = W_h.reshape(2 * H, H).T  # (H, 2H)
    pre = np.empty((T, B, 2, H))
    out = {name: np.empty((T, B, H)) for name in ("c", "o", "h")}
    h, c = state0["h"], state0["c"]  # (B, H)
    for t in range(T):
        z = pre[t]
        np.add(zx[t], (h @ W_hT).reshape(B, 2, H), out=z)  # W_x x_t + W_h h_{t-1} + b
        z[:, 0] += c @ W_cc.T  # + W_cc c_{t-1}
        c = sigmoid(z[:, 0])  # cell state, as the tutorial writes it
        o = fix("o", t, sigmoid(z[:, 1]))  # output gate
        h = o * np.tanh(c)  # hidden state
        out["c"][t], out["o"][t], out["h"][t] = c, o, h
    result = {name: v.transpose(1, 0, 2) for name, v in out.items()}
    result["pre"] = pre.transpose(1, 0, 2, 3)
    return result


def backward(spec: CellSpec, layer: dict, tr: dict, dh: np.ndarray):
    """Back-propagation through time for one layer (arguments and result as lstm.backward)::

    dh_t = dh[t] + dh_next
    do   = dh_t ⊙ tanh(c_t)          dc_t = dc_next + dh_t ⊙ o_t ⊙ (1 - tanh²(c_t))
    dz_c = dc_t ⊙ c_t (1 - c_t)      dz_o = do ⊙ o_t (1 - o_t)
    dh_next = W_hᵀ [dz_c, dz_o]      dc_next = W_ccᵀ dz_c    (c reaches c_{t+1} only through W_cc and σ)
    """
    x = tr["x"]
    B, T, _ = x.shape
    W_x, W_h, W_cc = layer["W_x"], layer["W_h"], layer["W_cc"]
    H = W_cc.shape[0]
    grads = {name: np.zeros_like(value) for name, value in layer.items()}
    dx = np.empty_like(x)
    dh_tot, dc_tot = np.empty((B, T, H)), np.empty((B, T, H))
    dh_next, dc_next = np.zeros((B, H)), np.zeros((B, H))
    for t in reversed(range(T)):
        h_prev = tr["h0"] if t == 0 else tr["h"][:, t - 1]
        c_prev = tr["c0"] if t == 0 else tr["c"][:, t - 1]
        c, o = tr["c"][:, t], tr["o"][:, t]
        dh_t = dh[:, t] + dh_next
        s = np.tanh(c)
        dc = dc_next + dh_t * o * (1.0 - s * s)
        dz = np.stack([dc * c * (1.0 - c), dh_t * s * o * (1.0 - o)], axis=1)  # (B, 2, H)
        grads["W_x"] += np.einsum("bkh,bd->khd", dz, x[:, t])
        grads["W_h"] += np.einsum("bkh,bj->khj", dz, h_prev)
        grads["b"] += dz.sum(axis=0)
        grads["W_cc"] += dz[:, 0].T @ c_prev
        dx[:, t] = np.einsum("bkh,khd->bd", dz, W_x)
        dh_next = np.einsum("bkh,khj->bj", dz, W_h)
        dc_next = dz[:, 0] @ W_cc
        dh_tot[:, t], dc_tot[:, t] = dh_t, dc
    return grads, dx, {"h": dh_tot, "c": dc_tot}, {"h": dh_next, "c": dc_next}
