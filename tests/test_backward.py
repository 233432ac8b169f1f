"""Gradient parity: reference.backward against torch autograd, and against finite differences."""

import numpy as np
import pytest
import torch

import lstm_viz as lv
from tests.conftest import CASES, DEVICES, DTYPE, GRAD_TOL, case_seed, make_case, torch_lstm_with_two_biases


def autograd_reference(p, xs, h0, c0, dh, device, dtype):
    """The six equations in torch, step by step, with every h_t and c_t kept for its gradient."""
    W_x, W_h, b = (torch.tensor(a, device=device, dtype=dtype, requires_grad=True) for a in p.arrays())
    x, h, c = (torch.tensor(a, device=device, dtype=dtype, requires_grad=True) for a in (xs, h0, c0))
    x_in, h0_in, c0_in = x, h, c
    hs, cs = [], []
    for t in range(xs.shape[-2]):
        z = torch.einsum("khd,...d->...kh", W_x, x[..., t, :]) + torch.einsum("khj,...j->...kh", W_h, h) + b
        i, f, g, o = (
            torch.sigmoid(z[..., 0, :]),
            torch.sigmoid(z[..., 1, :]),
            torch.tanh(z[..., 2, :]),
            torch.sigmoid(z[..., 3, :]),
        )
        c = f * c + i * g
        h = o * torch.tanh(c)
        h.retain_grad()
        c.retain_grad()
        hs.append(h)
        cs.append(c)
    loss = (torch.stack(hs, dim=-2) * torch.tensor(dh, device=device, dtype=dtype)).sum()
    loss.backward()
    grad = {"W_x": W_x.grad, "W_h": W_h.grad, "b": b.grad, "x": x_in.grad, "h0": h0_in.grad, "c0": c0_in.grad}
    grad["h"] = torch.stack([h.grad for h in hs], dim=-2)
    grad["c"] = torch.stack([c.grad for c in cs], dim=-2)
    return {k: v.detach().cpu().double().numpy() for k, v in grad.items()}


def check(name, got, want, tol, case):
    err = float(np.max(np.abs(got - want)))
    scale = max(1.0, float(np.max(np.abs(want))))
    assert err <= tol * scale, f"gradient dL/d{name} differs by {err:.3e} for (T, B, D, H) = {case}"


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("case", CASES[:16], ids=lambda c: "T{}-B{}-D{}-H{}".format(*c))
def test_backward_matches_autograd(case, device):
    T, B, D, H = case
    p = lv.LSTMParams.from_torch(torch_lstm_with_two_biases(D, H, seed=case_seed(case)))
    xs, h0, c0 = make_case(T, B, D, H, seed=100 + case_seed(case))
    dh = np.random.default_rng(200 + case_seed(case)).normal(size=xs.shape[:-1] + (H,))
    tr = lv.reference.forward(p, xs, h0, c0)
    gr = lv.reference.backward(p, tr, dh)
    want = autograd_reference(p, xs, h0, c0, dh, device, DTYPE[device])
    tol = GRAD_TOL[device]
    check("W_x", gr.params.W_x, want["W_x"], tol, case)
    check("W_h", gr.params.W_h, want["W_h"], tol, case)
    check("b", gr.params.b, want["b"], tol, case)
    check("x", gr.x, want["x"], tol, case)
    check("h0", gr.h0, want["h0"], tol, case)
    check("c0", gr.c0, want["c0"], tol, case)
    check("h_t (total)", gr.h, want["h"], tol, case)
    check("c_t (total)", gr.c, want["c"], tol, case)


def test_backward_matches_nn_lstm_autograd_with_both_biases():
    """nn.LSTM's own backward: db equals the gradient of bias_ih and of bias_hh alike."""
    D, H, T, B = 3, 4, 9, 2
    lstm = torch_lstm_with_two_biases(D, H, seed=3)
    p = lv.LSTMParams.from_torch(lstm)
    xs, h0, c0 = make_case(T, B, D, H, seed=4)
    dh = np.random.default_rng(5).normal(size=(B, T, H))
    x = torch.tensor(xs, requires_grad=True)
    out, _ = lstm(x, (torch.tensor(h0)[None], torch.tensor(c0)[None]))
    (out * torch.tensor(dh)).sum().backward()
    gr = lv.reference.backward(p, lv.reference.forward(p, xs, h0, c0), dh)
    W_ih, W_hh, b = gr.params.stacked()
    assert np.max(np.abs(W_ih - lstm.weight_ih_l0.grad.numpy())) <= 1e-10
    assert np.max(np.abs(W_hh - lstm.weight_hh_l0.grad.numpy())) <= 1e-10
    assert np.max(np.abs(b - lstm.bias_ih_l0.grad.numpy())) <= 1e-10
    assert np.max(np.abs(b - lstm.bias_hh_l0.grad.numpy())) <= 1e-10
    assert np.max(np.abs(gr.x - x.grad.numpy())) <= 1e-10


def test_backward_matches_central_finite_differences():
    D, H, T = 2, 3, 6
    p = lv.LSTMParams.random(D, H, seed=11, forget_bias=1.0)
    xs, h0, c0 = make_case(T, None, D, H, seed=12)
    dh = np.random.default_rng(13).normal(size=(T, H))

    def loss(p=p, xs=xs, h0=h0, c0=c0):
        return float(np.sum(lv.reference.forward(p, xs, h0, c0).h * dh))

    gr = lv.reference.backward(p, lv.reference.forward(p, xs, h0, c0), dh)
    eps = 1e-6

    def central(make):
        return (loss(**make(+eps)) - loss(**make(-eps))) / (2 * eps)

    def bumped(arr, index, d):
        out = np.array(arr)
        out[index] += d
        return out

    for k, field in enumerate(("W_x", "W_h", "b")):
        arr = p.arrays()[k]
        for index in np.ndindex(arr.shape):

            def make(d, k=k, index=index, arr=arr):
                arrays = list(p.arrays())
                arrays[k] = bumped(arr, index, d)
                return {"p": lv.LSTMParams(*arrays)}

            got = gr.params.arrays()[k][index]
            assert abs(central(make) - got) <= 1e-7, f"dL/d{field}{index}"
    for name, arr, got in (("xs", xs, gr.x), ("h0", h0, gr.h0), ("c0", c0, gr.c0)):
        for index in np.ndindex(arr.shape):
            fd = central(lambda d, name=name, arr=arr, index=index: {name: bumped(arr, index, d)})
            assert abs(fd - got[index]) <= 1e-7, f"dL/d{name}{index}"


def test_backward_rejects_a_mismatched_dh(small_params):
    tr = lv.reference.forward(small_params, np.zeros((4, 3)))
    with pytest.raises(ValueError, match="dh"):
        lv.reference.backward(small_params, tr, np.zeros((5, 4)))
    with pytest.raises(ValueError, match="dh"):
        lv.reference.backward(small_params, tr, np.full((4, 4), np.nan))
