"""The NumPy reference LSTM cell: the teaching model, every number traceable.

Equations (torch's names, gate order i, f, g, o)::

    i_t = σ(W_xi x_t + W_hi h_{t-1} + b_i)        input gate
    f_t = σ(W_xf x_t + W_hf h_{t-1} + b_f)        forget gate
    g_t = tanh(W_xg x_t + W_hg h_{t-1} + b_g)     candidate cell state C̃_t
    o_t = σ(W_xo x_t + W_ho h_{t-1} + b_o)        output gate
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t               cell state C_t
    h_t = o_t ⊙ tanh(c_t)                         hidden state

Everything is float64. A sequence is (T, D); a batch is batch-first (B, T, D).
`forward` returns a GateTrace; `backward` runs back-propagation through time on it.

This is the LSTM of the library's first API (LSTMParams), kept because it is fast: `step` is the
six equations, `forward` is `step` in an allocation-free loop (about 1.7x faster than the readable
forward of lstm_viz/core/cells/lstm.py at T = 1000, H = 128; benchmarks/bench_cells.py). The
pages show the readable one (lstm_viz.forward), which runs every cell; tests/test_cells.py keeps
the two equal to 1e-14.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.core import cells
from lstm_viz.core.activations import sigmoid
from lstm_viz.core.checks import as_array, check_inputs
from lstm_viz.core.params import LSTMParams, as_lstm_params
from lstm_viz.core.trace import GateTrace

LSTM = cells.spec("lstm")


def step(p: LSTMParams, x: np.ndarray, h_prev: np.ndarray, c_prev: np.ndarray):
    """One timestep, one equation a line. x (D,), h_prev and c_prev (H,), or with a leading batch axis.

    Returns (z, i, f, g, o, c, h) with z the pre-activations (..., 4, H).
    """
    z = np.einsum("khd,...d->...kh", p.W_x, x) + np.einsum("khj,...j->...kh", p.W_h, h_prev) + p.b  # (..., 4, H)
    with np.errstate(over="ignore"):  # σ(z) for z < -709: e^-z = inf, σ = 0 exactly (activations.sigmoid)
        i = sigmoid(z[..., 0, :])  # input gate
        f = sigmoid(z[..., 1, :])  # forget gate
        g = np.tanh(z[..., 2, :])  # candidate C̃
        o = sigmoid(z[..., 3, :])  # output gate
    c = f * c_prev + i * g  # cell state
    h = o * np.tanh(c)  # hidden state
    return z, i, f, g, o, c, h


def forward(p: LSTMParams, xs, h0=None, c0=None) -> GateTrace:
    """Run the cell over xs (T, D) or (B, T, D) and record every gate at every step.

    This is `step` in a loop, arranged for speed: the input contributions W_x x_t + b of all
    steps come from one matrix product before the loop; inside it the four gates' weights are
    one stacked (4H, H) matrix, and the activations are kept in the order i, f, o, g so that
    one σ covers three gates. Every result is written straight into the record (time-major),
    and the trace's fields are views of it: no copies, no fresh pages after the loop.
    """
    p = as_lstm_params(p)
    xb, h0, c0, batched = check_inputs(p, xs, h0, c0)  # (B, T, D), (B, H), (B, H)
    B, T, _ = xb.shape
    H = p.hidden_size
    W_ih, W_hh, b = p.stacked()  # (4H, D), (4H, H), (4H,)
    W_hT = np.ascontiguousarray(W_hh.T)  # (H, 4H)
    # With B = 1 the loop runs on plain vectors (a matrix-vector product is the cheaper call).
    lead = (B,) if B > 1 else ()
    zx = (xb @ W_ih.T + b).transpose(1, 0, 2).reshape((T, *lead, 4 * H))  # W_x x_t + b, every t
    # The record: one block, so that a step's numbers sit side by side in memory.
    record = np.empty((T, *lead, 10 * H))
    z = record[..., : 4 * H]  # pre-activations, gates i, f, g, o
    a = record[..., 4 * H : 8 * H]  # activations, kept as i, f, o, g
    c = record[..., 8 * H : 9 * H]
    h = record[..., 9 * H :]
    i_f, g_z, o_z = slice(0, 2 * H), slice(2 * H, 3 * H), slice(3 * H, 4 * H)  # in z
    i_f, o_a, g_a, ifo = slice(0, 2 * H), slice(2 * H, 3 * H), slice(3 * H, 4 * H), slice(0, 3 * H)  # in a
    I, F = slice(0, H), slice(H, 2 * H)
    h_prev, c_prev = h0.reshape((*lead, H)), c0.reshape((*lead, H))
    with np.errstate(over="ignore"):  # e^-z = inf for z < -709: σ(z) is then exactly 0
        for t in range(T):
            z_t, a_t, c_t, h_t = z[t], a[t], c[t], h[t]  # this step's slots in the record
            np.matmul(h_prev, W_hT, out=z_t)  # W_h h_{t-1} ...
            z_t += zx[t]  # ... + W_x x_t + b
            sig = a_t[..., ifo]  # σ(z) = 1 / (1 + e^-z) for i, f and o
            np.negative(z_t[..., i_f], out=sig[..., i_f])
            np.negative(z_t[..., o_z], out=sig[..., o_a])
            np.exp(sig, out=sig)
            sig += 1.0
            np.reciprocal(sig, out=sig)
            np.tanh(z_t[..., g_z], out=a_t[..., g_a])  # g = tanh(z_g), the candidate C̃
            np.multiply(a_t[..., F], c_prev, out=c_t)  # c_t = f ⊙ c_{t-1} ...
            c_t += a_t[..., I] * a_t[..., g_a]  # ... + i ⊙ g
            np.tanh(c_t, out=h_t)  # h_t = o ⊙ tanh(c_t)
            h_t *= a_t[..., o_a]
            h_prev, c_prev = h_t, c_t
    a = a.reshape(T, B, 4, H).transpose(1, 0, 2, 3)  # (B, T, 4, H), gates i, f, o, g
    values = dict(
        i=a[:, :, 0],
        f=a[:, :, 1],
        g=a[:, :, 3],
        o=a[:, :, 2],
        c=c.reshape(T, B, H).transpose(1, 0, 2),
        h=h.reshape(T, B, H).transpose(1, 0, 2),
    )
    pre = z.reshape(T, B, 4, H).transpose(1, 0, 2, 3)
    state0 = {"h": h0, "c": c0}
    if not batched:
        xb, pre = xb[0], pre[0]
        values = {name: value[0] for name, value in values.items()}
        state0 = {name: value[0] for name, value in state0.items()}
    return GateTrace(LSTM, xb, state0, pre, values)


@dataclass(frozen=True, eq=False)
class LSTMGrads:
    """Gradients from `backward`, shaped like what they differentiate."""

    params: LSTMParams  # dL/dW_x, dL/dW_h, dL/db
    x: np.ndarray  # dL/dx_t             like xs
    h: np.ndarray  # total dL/dh_t       like trace.h (from outside plus through h_{t+1})
    c: np.ndarray  # total dL/dc_t       like trace.c
    h0: np.ndarray  # dL/dh_0             like trace.h0
    c0: np.ndarray  # dL/dc_0             like trace.c0


def backward(p: LSTMParams, trace: GateTrace, dh) -> LSTMGrads:
    """Back-propagation through time. `dh` is dL/dh_t from outside the cell, shaped like trace.h.

    Walking t = T-1 ... 0 with the gradient arriving from step t+1 (dh_next, dc_next)::

        dh_t  = dh[t] + dh_next
        do_t  = dh_t ⊙ tanh(c_t)
        dc_t  = dc_next + dh_t ⊙ o_t ⊙ (1 - tanh²(c_t))
        di_t  = dc_t ⊙ g_t        df_t = dc_t ⊙ c_{t-1}        dg_t = dc_t ⊙ i_t
        dz_t  = [di ⊙ i(1-i), df ⊙ f(1-f), dg ⊙ (1-g²), do ⊙ o(1-o)]
        dW_x += dz_t x_tᵀ   dW_h += dz_t h_{t-1}ᵀ   db += dz_t
        dx_t  = W_xᵀ dz_t   dh_next = W_hᵀ dz_t     dc_next = dc_t ⊙ f_t
    """
    p = as_lstm_params(p)
    dh = as_array("dh", dh, trace.h.shape)
    batched = trace.batched
    H, D = p.hidden_size, p.input_size
    if trace.x.shape[-1] != D or trace.hidden_size != H:
        raise ValueError(f"trace: recorded with D={trace.x.shape[-1]}, H={trace.hidden_size}, params have D={D}, H={H}")
    x, i, f, g, o, c, h = (
        np.asarray(a) if batched else np.asarray(a)[None]
        for a in (trace.x, trace.i, trace.f, trace.g, trace.o, trace.c, trace.h)
    )
    dh = dh if batched else dh[None]
    h0 = trace.h0 if batched else trace.h0[None]
    c0 = trace.c0 if batched else trace.c0[None]
    B, T, _ = x.shape
    W_ih, W_hh, _ = p.stacked()  # (4H, D), (4H, H)
    dW_ih = np.zeros_like(W_ih)
    dW_hh = np.zeros_like(W_hh)
    db = np.zeros(4 * H)
    dx = np.empty_like(x)
    dh_tot = np.empty((B, T, H))
    dc_tot = np.empty((B, T, H))
    dh_next = np.zeros((B, H))
    dc_next = np.zeros((B, H))
    for t in reversed(range(T)):
        h_prev = h0 if t == 0 else h[:, t - 1]
        c_prev = c0 if t == 0 else c[:, t - 1]
        tanh_c = np.tanh(c[:, t])
        dh_t = dh[:, t] + dh_next
        do = dh_t * tanh_c
        dc_t = dc_next + dh_t * o[:, t] * (1.0 - tanh_c**2)
        di = dc_t * g[:, t]
        df = dc_t * c_prev
        dg = dc_t * i[:, t]
        dz = np.concatenate(
            [
                di * i[:, t] * (1.0 - i[:, t]),
                df * f[:, t] * (1.0 - f[:, t]),
                dg * (1.0 - g[:, t] ** 2),
                do * o[:, t] * (1.0 - o[:, t]),
            ],
            axis=1,
        )  # (B, 4H)
        dW_ih += dz.T @ x[:, t]
        dW_hh += dz.T @ h_prev
        db += dz.sum(axis=0)
        dx[:, t] = dz @ W_ih
        dh_next = dz @ W_hh
        dc_next = dc_t * f[:, t]
        dh_tot[:, t], dc_tot[:, t] = dh_t, dc_t
    grads = LSTMParams.from_stacked(dW_ih, dW_hh, db)
    if not batched:
        return LSTMGrads(grads, dx[0], dh_tot[0], dc_tot[0], dh_next[0], dc_next[0])
    return LSTMGrads(grads, dx, dh_tot, dc_tot, dh_next, dc_next)
