"""Forward parity: the NumPy reference, nn.LSTM and torch_backend.forward compute the same numbers."""

import numpy as np
import pytest
import torch

import lstm_viz as lv
from tests.conftest import CASES, DEVICES, DTYPE, TOL, case_seed, make_case, torch_lstm_with_two_biases

GATES = ("z", "i", "f", "g", "o", "c", "h")


def assert_close(name, got, want, tol, case):
    err = float(np.max(np.abs(np.asarray(got) - np.asarray(want))))
    assert err <= tol, f"{name} differs by {err:.3e} (> {tol:g}) for (T, B, D, H) = {case}"


def torch_state(a, B, device, dtype):
    t = torch.tensor(a, device=device, dtype=dtype)
    return t[None, None] if B is None else t[None]  # (num_layers=1, B, H)


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: "T{}-B{}-D{}-H{}".format(*c))
def test_reference_matches_nn_lstm_and_torch_backend(case, device):
    T, B, D, H = case
    lstm = torch_lstm_with_two_biases(D, H, seed=case_seed(case))
    p = lv.LSTMParams.from_torch(lstm)
    xs, h0, c0 = make_case(T, B, D, H, seed=len(CASES) + case_seed(case))
    tol, dtype = TOL[device], DTYPE[device]

    ref = lv.reference.forward(p, xs, h0, c0)

    # nn.LSTM itself (cuDNN on a GPU): every h_t, and the final state.
    lstm = lstm.to(device=device, dtype=dtype)
    x = torch.tensor(xs, device=device, dtype=dtype)
    with torch.no_grad():
        out, (h_n, c_n) = lstm(
            x if B else x[None], (torch_state(h0, B, device, dtype), torch_state(c0, B, device, dtype))
        )
    out = out.cpu().double().numpy()
    assert_close("h (nn.LSTM output)", out if B else out[0], ref.h, tol, case)
    assert_close("h_n (nn.LSTM)", h_n[0].cpu().double().numpy(), ref.h[..., -1, :], tol, case)
    assert_close("c_n (nn.LSTM)", c_n[0].cpu().double().numpy(), ref.c[..., -1, :], tol, case)

    # The explicit traced cell in torch: every gate at every step.
    tb = lv.torch_backend.forward(p, xs, h0, c0, device=device, dtype=dtype)
    for gate in GATES:
        assert_close(f"gate {gate} (torch_backend.forward)", getattr(tb, gate), getattr(ref, gate), tol, case)


@pytest.mark.parametrize("device", DEVICES)
def test_cell_state_matches_nn_lstmcell_at_every_step(device):
    """nn.LSTM only returns the last c; nn.LSTMCell gives c_t at every step."""
    D, H, T = 3, 5, 12
    lstm = torch_lstm_with_two_biases(D, H, seed=7)
    cell = torch.nn.LSTMCell(D, H).double()
    cell.load_state_dict({k[:-3]: v for k, v in lstm.state_dict().items()})
    p = lv.LSTMParams.from_torch(cell)
    assert p.allclose(lv.LSTMParams.from_torch(lstm), atol=0.0)
    xs, h0, c0 = make_case(T, None, D, H, seed=8)
    ref = lv.reference.forward(p, xs, h0, c0)
    cell = cell.to(device=device, dtype=DTYPE[device])
    h, c = (torch.tensor(a, device=device, dtype=DTYPE[device])[None] for a in (h0, c0))
    with torch.no_grad():
        for t in range(T):
            h, c = cell(torch.tensor(xs[t], device=device, dtype=DTYPE[device])[None], (h, c))
            assert_close(f"c at t={t}", c[0].cpu().double().numpy(), ref.c[t], TOL[device], (T, None, D, H))
            assert_close(f"h at t={t}", h[0].cpu().double().numpy(), ref.h[t], TOL[device], (T, None, D, H))


def test_step_is_one_column_of_forward(small_params):
    xs, h0, c0 = make_case(6, None, 3, 4, seed=3)
    tr = lv.reference.forward(small_params, xs, h0, c0)
    for t in range(6):
        s = tr.at(t)
        z, i, f, g, o, c, h = lv.reference.step(small_params, s.x, s.h_prev, s.c_prev)
        for name, got in zip(GATES, (z, i, f, g, o, c, h)):
            assert_close(f"step {name} at t={t}", got, getattr(s, name), 1e-15, (6, None, 3, 4))


def test_to_torch_round_trip_computes_the_same(small_params):
    module = small_params.to_torch()
    assert module.weight_ih_l0.dtype == torch.float64
    assert lv.LSTMParams.from_torch(module).allclose(small_params, atol=0.0)
    xs, h0, c0 = make_case(9, 2, 3, 4, seed=4)
    assert module.batch_first is False  # the default layout: time-major (T, B, D)
    with torch.no_grad():
        out, _ = module(torch.tensor(xs.transpose(1, 0, 2)), (torch.tensor(h0)[None], torch.tensor(c0)[None]))
    ref = lv.reference.forward(small_params, xs, h0, c0)
    assert_close("h", out.numpy().transpose(1, 0, 2), ref.h, 1e-12, (9, 2, 3, 4))


def test_saturated_gates_stay_finite():
    """Huge pre-activations saturate σ at exactly 0 or 1 instead of overflowing to NaN."""
    p = lv.LSTMParams(np.full((4, 2, 1), 800.0), np.zeros((4, 2, 2)), np.zeros((4, 2)))
    tr = lv.reference.forward(p, np.array([[1.0], [-1.0]]))
    assert np.all(np.isfinite(tr.h))
    assert tr.i[0].tolist() == [1.0, 1.0] and tr.i[1].tolist() == [0.0, 0.0]
