"""LSTMParams layouts (torch, Keras) and GateTrace export (.npz, CSV) round trips."""

import csv
import io

import numpy as np
import pytest
import torch

import lstm_viz as lv

STATE_GATES = ("i", "f", "g", "o", "c", "h")


def test_random_uses_torch_bounds_and_forget_bias():
    p = lv.LSTMParams.random(input_size=3, hidden_size=16, seed=0, forget_bias=1.0)
    k = 1 / np.sqrt(16)
    assert p.W_x.shape == (4, 16, 3) and p.W_h.shape == (4, 16, 16) and p.b.shape == (4, 16)
    assert np.abs(p.W_x).max() <= k and np.abs(p.W_h).max() <= k
    assert np.abs(p.b[[0, 2, 3]]).max() <= 2 * k  # bias_ih + bias_hh
    assert np.all(p.b[1] >= 1.0 - 2 * k) and np.all(p.b[1] <= 1.0 + 2 * k)


def test_random_is_seeded():
    a, b, c = (lv.LSTMParams.random(2, 3, seed=s) for s in (5, 5, 6))
    assert a.allclose(b) and not a.allclose(c)


def test_params_are_read_only():
    p = lv.LSTMParams.random(2, 3, seed=0)
    with pytest.raises(ValueError):
        p.W_x[0, 0, 0] = 1.0


def test_from_torch_sums_both_biases():
    lstm = torch.nn.LSTM(2, 3)
    p = lv.LSTMParams.from_torch(lstm)
    want = (lstm.bias_ih_l0 + lstm.bias_hh_l0).detach().double().numpy().reshape(4, 3)
    assert np.array_equal(p.b, want)
    assert np.array_equal(p.W_x[1], lstm.weight_ih_l0.detach().double().numpy()[3:6])  # forget gate rows


def test_keras_round_trip():
    p = lv.LSTMParams.random(3, 5, seed=1)
    kernel, recurrent, bias = p.to_keras()
    assert kernel.shape == (3, 20) and recurrent.shape == (5, 20) and bias.shape == (20,)
    assert np.array_equal(kernel[:, 5:10], p.W_x[1].T)  # Keras' second block is the forget gate
    assert lv.LSTMParams.from_keras(kernel, recurrent, bias).allclose(p, atol=0.0)


def test_npz_round_trip_is_identical(tmp_path):
    p = lv.LSTMParams.random(3, 4, seed=2)
    for xs in (np.random.default_rng(0).normal(size=(6, 3)), np.random.default_rng(1).normal(size=(2, 6, 3))):
        tr = lv.reference.forward(p, xs, None, None)
        tr.to_npz(tmp_path / "trace.npz")
        back = lv.GateTrace.from_npz(tmp_path / "trace.npz")
        for name in ("x", "h0", "c0", "z", *STATE_GATES):
            assert np.array_equal(getattr(back, name), getattr(tr, name)), name
        assert np.array_equal(lv.GateTrace.from_npz(io.BytesIO(tr.to_npz_bytes())).h, tr.h)


def test_npz_that_is_not_a_trace_is_refused(tmp_path):
    np.savez(tmp_path / "other.npz", a=np.zeros(3))
    with pytest.raises(ValueError, match="missing"):
        lv.GateTrace.from_npz(tmp_path / "other.npz")


def test_tidy_csv_has_one_row_per_step_unit_and_gate():
    p = lv.LSTMParams.random(2, 3, seed=3)
    tr = lv.reference.forward(p, np.random.default_rng(2).normal(size=(4, 2)))
    rows = list(csv.DictReader(io.StringIO(tr.to_csv())))
    assert list(rows[0]) == ["cell", "t", "unit", "gate", "value"] and rows[0]["cell"] == "lstm"
    assert len(rows) == 4 * 3 * 6
    row = next(r for r in rows if r["t"] == "2" and r["unit"] == "1" and r["gate"] == "f")
    assert float(row["value"]) == tr.f[2, 1]
    batched = lv.reference.forward(p, np.zeros((2, 4, 2)))
    assert batched.to_csv().splitlines()[0] == "cell,batch,t,unit,gate,value"


def test_at_gives_the_state_coming_in():
    p = lv.LSTMParams.random(2, 3, seed=4)
    tr = lv.reference.forward(p, np.ones((5, 2)), h0=[0.1, 0.2, 0.3], c0=[1.0, 2.0, 3.0])
    s0, s3 = tr.at(0), tr.at(3)
    assert np.array_equal(s0.h_prev, [0.1, 0.2, 0.3]) and np.array_equal(s0.c_prev, [1.0, 2.0, 3.0])
    assert np.array_equal(s3.h_prev, tr.h[2]) and np.array_equal(s3.c, tr.c[3]) and s3.z.shape == (4, 3)
    with pytest.raises(ValueError, match="t: must be in"):
        tr.at(5)
