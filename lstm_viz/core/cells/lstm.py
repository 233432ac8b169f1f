"""The LSTM and the variants of Greff et al., "LSTM: A Search Space Odyssey" (2017).

Equations (torch's names, gate order i, f, g, o)::

    i_t = σ(W_xi x_t + W_hi h_{t-1} + b_i)        input gate
    f_t = σ(W_xf x_t + W_hf h_{t-1} + b_f)        forget gate
    g_t = tanh(W_xg x_t + W_hg h_{t-1} + b_g)     candidate cell state C̃_t
    o_t = σ(W_xo x_t + W_ho h_{t-1} + b_o)        output gate
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t               cell state C_t
    h_t = o_t ⊙ tanh(c_t)                         hidden state

The variants, each one change:

    lstm_nig    no input gate           i ≡ 1
    lstm_nfg    no forget gate          f ≡ 1 (the 1997 original)
    lstm_nog    no output gate          o ≡ 1
    lstm_cifg   coupled gates           f = 1 - i (no weights of its own)
    lstm_ph     peepholes               + w_ci ⊙ c_{t-1} in i, + w_cf ⊙ c_{t-1} in f, + w_co ⊙ c_t in o
    lstm_niaf   no input activation     g = W_xg x_t + W_hg h_{t-1} + b_g
    lstm_noaf   no output activation    h = o ⊙ c

Keras' options: `activation` (g and the squashing of c in h: tanh, relu or linear) and
`recurrent_activation` (the gates: sigmoid, hard_sigmoid or tanh).

Parameters of one layer: W_x (G, H, D), W_h (G, H, H), b (G, H) with G the weighted gates in
the order i, f, g, o (those the variant has), and for peepholes w_c (3, H), rows i, f, o.
A batch is (B, T, D); everything is float64.
"""

from __future__ import annotations

import numpy as np

from lstm_viz.core import activations
from lstm_viz.core.spec import Block, CellSpec, Factor, Quantity, as_computed

VARIANTS = {
    "lstm": "LSTM",
    "lstm_nig": "LSTM without an input gate (NIG)",
    "lstm_nfg": "LSTM without a forget gate (NFG, the 1997 original)",
    "lstm_nog": "LSTM without an output gate (NOG)",
    "lstm_cifg": "LSTM with coupled input and forget gates (CIFG, f = 1 − i)",
    "lstm_ph": "LSTM with peepholes (PH)",
    "lstm_niaf": "LSTM without a candidate activation (NIAF)",
    "lstm_noaf": "LSTM without an output activation (NOAF)",
}
ACTIVATION_CHOICES = ("tanh", "relu", "linear")
RECURRENT_CHOICES = ("sigmoid", "hard_sigmoid", "tanh")


def spec(name: str = "lstm", activation: str = "tanh", recurrent_activation: str = "sigmoid") -> CellSpec:
    act = activations.get(activation, "activation", ACTIVATION_CHOICES).name
    gate = activations.get(recurrent_activation, "recurrent_activation", RECURRENT_CHOICES).name
    cand = "linear" if name == "lstm_niaf" else act
    squash = "linear" if name == "lstm_noaf" else act
    peep = name == "lstm_ph"
    rng = activations.ACTIVATIONS
    q = []
    if name != "lstm_nig":
        q.append(Quantity("i", "i", "i", "input gate", "how much of the candidate is written into the memory",
                          "gate", rng[gate].range, gate, weighted=True,
                          peephole="prev" if peep else "", peephole_row=0 if peep else -1))  # fmt: skip
    if name == "lstm_cifg":
        q.append(Quantity("f", "f", "f", "forget gate", "how much of the memory is kept: here always 1 - i",
                          "gate", rng[gate].range, sum_of=((Factor("i", one_minus=True),),)))  # fmt: skip
    elif name != "lstm_nfg":
        q.append(Quantity("f", "f", "f", "forget gate", "how much of the memory is kept (1 keeps all, 0 erases)",
                          "gate", rng[gate].range, gate, weighted=True,
                          peephole="prev" if peep else "", peephole_row=1 if peep else -1))  # fmt: skip
    q.append(Quantity("g", "C̃", "g", "candidate C̃", "what could be written into the memory",
                      "candidate", rng[cand].range, cand, weighted=True))  # fmt: skip
    if name != "lstm_nog":
        q.append(Quantity("o", "o", "o", "output gate", "how much of the memory is shown as h",
                          "gate", rng[gate].range, gate, weighted=True,
                          peephole="now" if peep else "", peephole_row=2 if peep else -1))  # fmt: skip
    keep = (Factor("c", prev=True),) if name == "lstm_nfg" else (Factor("f"), Factor("c", prev=True))
    write = (Factor("g"),) if name == "lstm_nig" else (Factor("i"), Factor("g"))
    q.append(Quantity("c", "C", "c", "cell state C", "the memory, carried from step to step",
                      "state", None, carried=True, sum_of=(keep, write)))  # fmt: skip
    shown = Factor("c", fn="" if squash == "linear" else squash)
    h_of = ((shown,),) if name == "lstm_nog" else ((Factor("o"), shown),)
    h_range = None if squash != "tanh" else (-1.0, 1.0)
    q.append(Quantity("h", "h", "h", "hidden state h", "what the cell shows: to the next step and the read-out",
                      "state", h_range, carried=True, sum_of=h_of))  # fmt: skip
    blocks = [
        Block("W_x", ("G", "H", "D"), "input weights"),
        Block("W_h", ("G", "H", "H"), "recurrent weights"),
        Block("b", ("G", "H"), "biases (torch's bias_ih + bias_hh)", "uniform2"),
    ]
    if peep:
        blocks.append(Block("w_c", (3, "H"), "peephole weights w_ci, w_cf, w_co"))
    standard = name == "lstm" and activation == "tanh" and recurrent_activation == "sigmoid"
    return CellSpec(
        name=name,
        family="lstm",
        title=VARIANTS[name],
        role="a memory C that gates write, keep and show",
        quantities=tuple(q),
        blocks=tuple(blocks),
        options=(("activation", act), ("recurrent_activation", gate)),
        torch_class="LSTM" if standard else "",
        forward=forward,
        backward=backward,
        to_torch=to_torch,
        from_torch=from_torch,
        to_keras=to_keras,
        from_keras=from_keras,
    )


def _fns(spec: CellSpec):
    A = activations.ACTIVATIONS
    gate = A[spec.option("recurrent_activation")]
    cand = A[spec["g"].activation]
    squash = A["linear" if spec.name == "lstm_noaf" else spec.option("activation")]
    return gate, cand, squash


def forward(spec: CellSpec, layer: dict, x: np.ndarray, state0: dict, fix=None) -> dict:
    """Run one layer over x (B, T, D) from state0 {"h", "c"} (B, H): the pre-activations "pre"
    (B, T, G, H) and every quantity (B, T, H). One equation a line inside the loop.

    fix(name, t, value) -> value, when given, may replace a gate's value at step t before it is used
    (lstm_viz.core.clamp: "what if the forget gate were 0?"); None computes the cell as it is."""
    gate, cand, squash = _fns(spec)
    fix = fix or as_computed
    B, T, _ = x.shape
    W_x, W_h, b = layer["W_x"], layer["W_h"], layer["b"]  # (G, H, D), (G, H, H), (G, H)
    G, H = b.shape
    row = {name: k for k, name in enumerate(spec.weighted)}
    w_c = layer.get("w_c")  # (3, H) peepholes i, f, o, or None
    zx = np.einsum("btd,khd->tbkh", x, W_x) + b  # (T, B, G, H): W_x x_t + b, every t at once
    W_hT = W_h.reshape(G * H, H).T  # (H, G*H)
    pre = np.empty((T, B, G, H))
    out = {name: np.empty((T, B, H)) for name in spec.names}
    h, c = state0["h"], state0["c"]  # (B, H)
    one = np.ones((B, H))
    for t in range(T):
        z = pre[t]
        np.add(zx[t], (h @ W_hT).reshape(B, G, H), out=z)  # W_x x_t + W_h h_{t-1} + b
        if w_c is not None:
            z[:, row["i"]] += w_c[0] * c  # + w_ci ⊙ c_{t-1}
            z[:, row["f"]] += w_c[1] * c  # + w_cf ⊙ c_{t-1}
        i = fix("i", t, gate.fn(z[:, row["i"]])) if "i" in row else one  # input gate
        if "f" in row:
            f = fix("f", t, gate.fn(z[:, row["f"]]))  # forget gate
        elif spec.name == "lstm_cifg":
            f = fix("f", t, 1.0 - i)  # coupled: f = 1 - i
        else:
            f = one  # no forget gate: f ≡ 1
        g = cand.fn(z[:, row["g"]])  # candidate C̃
        c = f * c + i * g  # cell state
        if w_c is not None:
            z[:, row["o"]] += w_c[2] * c  # + w_co ⊙ c_t
        o = fix("o", t, gate.fn(z[:, row["o"]])) if "o" in row else one  # output gate
        h = o * squash.fn(c)  # hidden state
        for name, value in (("i", i), ("f", f), ("g", g), ("o", o), ("c", c), ("h", h)):
            if name in out:
                out[name][t] = value
    result = {name: v.transpose(1, 0, 2) for name, v in out.items()}  # (B, T, H)
    result["pre"] = pre.transpose(1, 0, 2, 3)  # (B, T, G, H)
    return result


def backward(spec: CellSpec, layer: dict, tr: dict, dh: np.ndarray):
    """Back-propagation through time for one layer.

    `tr` holds the batched record of `forward` plus "x" (B, T, D) and "h0", "c0" (B, H);
    `dh` (B, T, H) is dL/dh_t from outside. Walking back with dh_next, dc_next from step t+1::

        dh_t = dh[t] + dh_next
        do   = dh_t ⊙ tanh(c_t)                     (squash(c_t) in general)
        dc_t = dc_next + dh_t ⊙ o_t ⊙ tanh'(c_t)    (+ the peephole into o)
        di   = dc_t ⊙ g_t     df = dc_t ⊙ c_{t-1}    dg = dc_t ⊙ i_t   (coupled: di -= df)
        dz   = d(gate) ⊙ act'(z)
        dW_x += dz x_tᵀ   dW_h += dz h_{t-1}ᵀ   db += dz
        dx_t = W_xᵀ dz    dh_next = W_hᵀ dz     dc_next = dc_t ⊙ f_t  (+ peepholes into i, f)

    Returns (grads of the layer's blocks, dx (B, T, D), {"h", "c"}: total dL/dstate_t (B, T, H),
    {"h", "c"}: dL/dstate_0 (B, H)).
    """
    gate, cand, squash = _fns(spec)
    x, pre = tr["x"], tr["pre"]
    B, T, _ = x.shape
    W_x, W_h = layer["W_x"], layer["W_h"]
    G, H, _ = W_x.shape
    row = {name: k for k, name in enumerate(spec.weighted)}
    w_c = layer.get("w_c")
    grads = {name: np.zeros_like(value) for name, value in layer.items()}
    dx = np.empty_like(x)
    dh_tot, dc_tot = np.empty((B, T, H)), np.empty((B, T, H))
    dh_next, dc_next = np.zeros((B, H)), np.zeros((B, H))
    one = np.ones((B, H))
    for t in reversed(range(T)):
        h_prev = tr["h0"] if t == 0 else tr["h"][:, t - 1]
        c_prev = tr["c0"] if t == 0 else tr["c"][:, t - 1]
        c = tr["c"][:, t]
        i = tr["i"][:, t] if "i" in tr else one
        f = tr["f"][:, t] if "f" in tr else one
        g, o = tr["g"][:, t], (tr["o"][:, t] if "o" in tr else one)
        dz = np.zeros((B, G, H))
        dh_t = dh[:, t] + dh_next
        s = squash.fn(c)
        dc = dc_next + dh_t * o * squash.grad(c, s)
        if "o" in row:
            dz[:, row["o"]] = dh_t * s * gate.grad(pre[:, t, row["o"]], o)
            if w_c is not None:
                dc = dc + dz[:, row["o"]] * w_c[2]  # c_t also feeds o_t through its peephole
                grads["w_c"][2] += (dz[:, row["o"]] * c).sum(axis=0)
        di, df, dg = dc * g, dc * c_prev, dc * i
        if spec.name == "lstm_cifg":
            di = di - df  # f = 1 - i
        if "i" in row:
            dz[:, row["i"]] = di * gate.grad(pre[:, t, row["i"]], i)
        if "f" in row:
            dz[:, row["f"]] = df * gate.grad(pre[:, t, row["f"]], f)
        dz[:, row["g"]] = dg * cand.grad(pre[:, t, row["g"]], g)
        dc_prev = dc * f
        if w_c is not None:
            dc_prev = dc_prev + dz[:, row["i"]] * w_c[0] + dz[:, row["f"]] * w_c[1]
            grads["w_c"][0] += (dz[:, row["i"]] * c_prev).sum(axis=0)
            grads["w_c"][1] += (dz[:, row["f"]] * c_prev).sum(axis=0)
        grads["W_x"] += np.einsum("bkh,bd->khd", dz, x[:, t])
        grads["W_h"] += np.einsum("bkh,bj->khj", dz, h_prev)
        grads["b"] += dz.sum(axis=0)
        dx[:, t] = np.einsum("bkh,khd->bd", dz, W_x)
        dh_next = np.einsum("bkh,khj->bj", dz, W_h)
        dc_next = dc_prev
        dh_tot[:, t], dc_tot[:, t] = dh_t, dc
    return grads, dx, {"h": dh_tot, "c": dc_tot}, {"h": dh_next, "c": dc_next}


# --- weight layouts. torch: weight_ih (4H, D), weight_hh (4H, H), rows i, f, g, o; two biases. ---


def to_torch(spec: CellSpec, layer: dict) -> dict:
    G, H, D = layer["W_x"].shape
    return {
        "weight_ih": layer["W_x"].reshape(G * H, D),
        "weight_hh": layer["W_h"].reshape(G * H, H),
        "bias_ih": layer["b"].reshape(G * H),
        "bias_hh": np.zeros(G * H),
    }


def from_torch(spec: CellSpec, tensors: dict) -> dict:
    """A layer from torch's weight_ih, weight_hh and (optional) bias_ih, bias_hh, as NumPy arrays."""
    G = len(spec.weighted)
    W_ih, W_hh = tensors["weight_ih"], tensors["weight_hh"]
    H, D = W_ih.shape[0] // G, W_ih.shape[1]
    b = np.zeros(G * H)
    for name in ("bias_ih", "bias_hh"):
        if tensors.get(name) is not None:
            b = b + tensors[name]
    return {"W_x": W_ih.reshape(G, H, D), "W_h": W_hh.reshape(G, H, H), "b": b.reshape(G, H)}


# --- Keras: kernel (D, 4H), recurrent_kernel (H, 4H), bias (4H,); its gate order i, f, c, o is torch's ---


def to_keras(spec: CellSpec, layer: dict) -> tuple[np.ndarray, ...]:
    w = to_torch(spec, layer)
    return w["weight_ih"].T.copy(), w["weight_hh"].T.copy(), w["bias_ih"].copy()


def from_keras(spec: CellSpec, kernel, recurrent_kernel, bias) -> dict:
    return from_torch(
        spec, {"weight_ih": np.asarray(kernel).T, "weight_hh": np.asarray(recurrent_kernel).T, "bias_ih": bias}
    )
