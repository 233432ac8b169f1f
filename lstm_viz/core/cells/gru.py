"""The GRU in PyTorch's `nn.GRU` form (gate order r, z, n; the reset gate keeps its own b_hn).

Equations::

    r_t = σ(W_xr x_t + b_xr + W_hr h_{t-1} + b_hr)              reset gate
    z_t = σ(W_xz x_t + b_xz + W_hz h_{t-1} + b_hz)              update gate
    n_t = tanh(W_xn x_t + b_xn + r_t ⊙ (W_hn h_{t-1} + b_hn))   candidate
    h_t = (1 - z_t) ⊙ n_t + z_t ⊙ h_{t-1}                       hidden state

Parameters of one layer: W_x (3, H, D), W_h (3, H, H), b (3, H) = [b_xr + b_hr, b_xz + b_hz, b_xn]
and b_hn (H,), which cannot be summed into b because r_t multiplies it. Keras' GRU with
`reset_after=True` (its default) is this cell, with its gates in the order z, r, n.
Options: `activation` (n: tanh, relu or linear), `recurrent_activation` (r, z: sigmoid,
hard_sigmoid or tanh).
"""

from __future__ import annotations

import numpy as np

from lstm_viz.core import activations
from lstm_viz.core.spec import Block, CellSpec, Factor, Quantity, as_computed

ACTIVATION_CHOICES = ("tanh", "relu", "linear")
RECURRENT_CHOICES = ("sigmoid", "hard_sigmoid", "tanh")


def spec(name: str = "gru", activation: str = "tanh", recurrent_activation: str = "sigmoid") -> CellSpec:
    act = activations.get(activation, "activation", ACTIVATION_CHOICES).name
    gate = activations.get(recurrent_activation, "recurrent_activation", RECURRENT_CHOICES).name
    rng = activations.ACTIVATIONS
    h_range = (-1.0, 1.0) if act == "tanh" else None
    quantities = (
        Quantity("r", "r", "r", "reset gate", "how much of the past h the candidate may look at",
                 "gate", rng[gate].range, gate, weighted=True),
        Quantity("z", "z", "z", "update gate", "how much of the old h is kept (1 keeps all of it)",
                 "gate", rng[gate].range, gate, weighted=True),
        Quantity("n", "n", "n", "candidate n", "the new h the cell proposes",
                 "candidate", rng[act].range, act, weighted=True, reset_by="r", recurrent_bias="b_hn"),
        Quantity("h", "h", "h", "hidden state h", "the memory and the output: a blend of old h and candidate",
                 "state", h_range, carried=True,
                 sum_of=((Factor("z", one_minus=True), Factor("n")), (Factor("z"), Factor("h", prev=True)))),
    )  # fmt: skip
    return CellSpec(
        name="gru",
        family="gru",
        title="GRU",
        role="one state h that an update gate blends with a candidate",
        quantities=quantities,
        blocks=(
            Block("W_x", ("G", "H", "D"), "input weights"),
            Block("W_h", ("G", "H", "H"), "recurrent weights"),
            Block("b", ("G", "H"), "biases b_xr + b_hr, b_xz + b_hz, b_xn", "uniform2"),
            Block("b_hn", ("H",), "the candidate's recurrent bias b_hn"),
        ),
        options=(("activation", act), ("recurrent_activation", gate)),
        torch_class="GRU" if (act, gate) == ("tanh", "sigmoid") else "",
        forward=forward,
        backward=backward,
        to_torch=to_torch,
        from_torch=from_torch,
        to_keras=to_keras,
        from_keras=from_keras,
    )


def _fns(spec: CellSpec):
    A = activations.ACTIVATIONS
    return A[spec.option("recurrent_activation")], A[spec.option("activation")]


def forward(spec: CellSpec, layer: dict, x: np.ndarray, state0: dict, fix=None) -> dict:
    """Run one layer over x (B, T, D) from state0 {"h"} (B, H): "pre" (B, T, 3, H) and r, z, n, h (B, T, H).
    fix(name, t, value), when given, may replace a gate's value at step t (see lstm.forward)."""
    gate, act = _fns(spec)
    fix = fix or as_computed
    B, T, _ = x.shape
    W_x, W_h, b, b_hn = layer["W_x"], layer["W_h"], layer["b"], layer["b_hn"]  # (3,H,D), (3,H,H), (3,H), (H,)
    H = b.shape[1]
    zx = np.einsum("btd,khd->tbkh", x, W_x) + b  # (T, B, 3, H): W_x x_t + b, every t at once
    W_hT = W_h.reshape(3 * H, H).T  # (H, 3H)
    pre = np.empty((T, B, 3, H))
    out = {name: np.empty((T, B, H)) for name in ("r", "z", "n", "h")}
    h = state0["h"]  # (B, H)
    for t in range(T):
        zh = (h @ W_hT).reshape(B, 3, H)  # W_h h_{t-1}
        pre[t, :, 0] = zx[t, :, 0] + zh[:, 0]
        pre[t, :, 1] = zx[t, :, 1] + zh[:, 1]
        r = fix("r", t, gate.fn(pre[t, :, 0]))  # reset gate
        z = fix("z", t, gate.fn(pre[t, :, 1]))  # update gate
        pre[t, :, 2] = zx[t, :, 2] + r * (zh[:, 2] + b_hn)
        n = act.fn(pre[t, :, 2])  # candidate
        h = (1.0 - z) * n + z * h  # hidden state
        out["r"][t], out["z"][t], out["n"][t], out["h"][t] = r, z, n, h
    result = {name: v.transpose(1, 0, 2) for name, v in out.items()}
    result["pre"] = pre.transpose(1, 0, 2, 3)
    return result


def backward(spec: CellSpec, layer: dict, tr: dict, dh: np.ndarray):
    """Back-propagation through time for one layer (see lstm.backward for the arguments)::

    dh_t = dh[t] + dh_next
    dn = dh_t ⊙ (1 - z)    dz = dh_t ⊙ (h_{t-1} - n)    dh_{t-1} gets dh_t ⊙ z
    dz_n = dn ⊙ act'(pre_n)
    dr = dz_n ⊙ (W_hn h_{t-1} + b_hn)           the recurrent part of n, through r
    dz_r = dr ⊙ σ'(pre_r)    dz_z = dz ⊙ σ'(pre_z)
    x side: [dz_r, dz_z, dz_n]                 h side: [dz_r, dz_z, dz_n ⊙ r]
    """
    gate, act = _fns(spec)
    x, pre = tr["x"], tr["pre"]
    B, T, _ = x.shape
    W_x, W_h, b_hn = layer["W_x"], layer["W_h"], layer["b_hn"]
    H = W_h.shape[1]
    grads = {name: np.zeros_like(value) for name, value in layer.items()}
    dx = np.empty_like(x)
    dh_tot = np.empty((B, T, H))
    dh_next = np.zeros((B, H))
    for t in reversed(range(T)):
        h_prev = tr["h0"] if t == 0 else tr["h"][:, t - 1]
        r, z, n = tr["r"][:, t], tr["z"][:, t], tr["n"][:, t]
        dh_t = dh[:, t] + dh_next
        hn = h_prev @ W_h[2].T + b_hn  # W_hn h_{t-1} + b_hn
        dz_n = dh_t * (1.0 - z) * act.grad(pre[:, t, 2], n)
        dz_z = dh_t * (h_prev - n) * gate.grad(pre[:, t, 1], z)
        dz_r = dz_n * hn * gate.grad(pre[:, t, 0], r)
        dzx = np.stack([dz_r, dz_z, dz_n], axis=1)  # (B, 3, H): through W_x x_t + b
        dzh = np.stack([dz_r, dz_z, dz_n * r], axis=1)  # (B, 3, H): through W_h h_{t-1} (+ b_hn)
        grads["W_x"] += np.einsum("bkh,bd->khd", dzx, x[:, t])
        grads["b"] += dzx.sum(axis=0)
        grads["W_h"] += np.einsum("bkh,bj->khj", dzh, h_prev)
        grads["b_hn"] += dzh[:, 2].sum(axis=0)
        dx[:, t] = np.einsum("bkh,khd->bd", dzx, W_x)
        dh_next = dh_t * z + np.einsum("bkh,khj->bj", dzh, W_h)
        dh_tot[:, t] = dh_t
    return grads, dx, {"h": dh_tot}, {"h": dh_next}


# --- torch: weight_ih (3H, D), weight_hh (3H, H), bias_ih (3H,), bias_hh (3H,), rows r, z, n ---


def to_torch(spec: CellSpec, layer: dict) -> dict:
    _, H, D = layer["W_x"].shape
    bias_hh = np.zeros(3 * H)
    bias_hh[2 * H :] = layer["b_hn"]
    return {
        "weight_ih": layer["W_x"].reshape(3 * H, D),
        "weight_hh": layer["W_h"].reshape(3 * H, H),
        "bias_ih": layer["b"].reshape(3 * H),
        "bias_hh": bias_hh,
    }


def from_torch(spec: CellSpec, tensors: dict) -> dict:
    W_ih, W_hh = tensors["weight_ih"], tensors["weight_hh"]
    H, D = W_ih.shape[0] // 3, W_ih.shape[1]
    b_ih = tensors.get("bias_ih")
    b_hh = tensors.get("bias_hh")
    b_ih = np.zeros(3 * H) if b_ih is None else b_ih
    b_hh = np.zeros(3 * H) if b_hh is None else b_hh
    b = b_ih.copy()
    b[: 2 * H] += b_hh[: 2 * H]  # r and z: the two biases add up; n keeps b_hn apart
    return {"W_x": W_ih.reshape(3, H, D), "W_h": W_hh.reshape(3, H, H), "b": b.reshape(3, H), "b_hn": b_hh[2 * H :]}


# --- Keras (reset_after=True): kernel (D, 3H), recurrent_kernel (H, 3H), bias (2, 3H); gates z, r, n ---

KERAS_ORDER = (1, 0, 2)  # Keras' z, r, n as rows of torch's r, z, n


def to_keras(spec: CellSpec, layer: dict) -> tuple[np.ndarray, ...]:
    w = to_torch(spec, layer)
    H = layer["W_h"].shape[1]

    def keras(a):  # rows r, z, n -> z, r, n
        return np.concatenate([a[k * H : (k + 1) * H] for k in KERAS_ORDER], axis=0)

    return keras(w["weight_ih"]).T.copy(), keras(w["weight_hh"]).T.copy(), np.stack([keras(w["bias_ih"]),
                                                                                      keras(w["bias_hh"])])  # fmt: skip


def from_keras(spec: CellSpec, kernel, recurrent_kernel, bias) -> dict:
    kernel, recurrent_kernel, bias = (np.asarray(a, dtype=np.float64) for a in (kernel, recurrent_kernel, bias))
    H = recurrent_kernel.shape[0]

    def torch_rows(a):  # rows z, r, n -> r, z, n
        return np.concatenate([a[k * H : (k + 1) * H] for k in KERAS_ORDER], axis=0)

    if bias.ndim != 2 or bias.shape[0] != 2:
        raise ValueError(f"bias: expected shape (2, 3H) of a GRU with reset_after=True, got {bias.shape}")
    return from_torch(spec, {"weight_ih": torch_rows(kernel.T), "weight_hh": torch_rows(recurrent_kernel.T),
                             "bias_ih": torch_rows(bias[0]), "bias_hh": torch_rows(bias[1])})  # fmt: skip
