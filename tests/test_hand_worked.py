"""One tiny LSTM (D = H = 1) whose numbers are worked out by hand."""

import math

import numpy as np
import pytest

import lstm_viz as lv


def test_two_steps_worked_out_by_hand():
    # Weights chosen so the activations are round numbers at step 0 (x_0 = 1):
    #   z_i = ln 3   -> i = 1 / (1 + 1/3)       = 0.75
    #   z_f = -ln 3  -> f = 1 / (1 + 3)         = 0.25
    #   z_g = ln 2   -> g = (4 - 1) / (4 + 1)   = 0.6     (tanh(ln 2) = (2 - 1/2) / (2 + 1/2))
    #   z_o = 0      -> o = 0.5
    # c_0 = 2 (the initial state), so
    #   c_1 = f c_0 + i g = 0.25 * 2 + 0.75 * 0.6 = 0.95
    #   h_1 = o tanh(c_1) = 0.5 tanh(0.95)
    # Step 1 has x_1 = 0 and W_h = 0, b = 0: every gate sees z = 0, so i = f = o = 0.5, g = 0:
    #   c_2 = 0.5 * 0.95 + 0.5 * 0 = 0.475
    #   h_2 = 0.5 tanh(0.475)
    W_x = np.array([math.log(3), -math.log(3), math.log(2), 0.0]).reshape(4, 1, 1)
    p = lv.LSTMParams(W_x, np.zeros((4, 1, 1)), np.zeros((4, 1)))
    tr = lv.reference.forward(p, np.array([[1.0], [0.0]]), h0=[0.3], c0=[2.0])

    assert tr.i[:, 0] == pytest.approx([0.75, 0.5], abs=1e-15)
    assert tr.f[:, 0] == pytest.approx([0.25, 0.5], abs=1e-15)
    assert tr.g[:, 0] == pytest.approx([0.6, 0.0], abs=1e-15)
    assert tr.o[:, 0] == pytest.approx([0.5, 0.5], abs=1e-15)
    assert tr.c[:, 0] == pytest.approx([0.95, 0.475], abs=1e-15)
    assert tr.h[:, 0] == pytest.approx([0.5 * math.tanh(0.95), 0.5 * math.tanh(0.475)], abs=1e-15)
    assert tr.z[0, :, 0] == pytest.approx([math.log(3), -math.log(3), math.log(2), 0.0], abs=1e-15)

    # The backward pass by hand for L = h_2 (dh = [0, 1]):
    #   dL/dc_2 = o_2 (1 - tanh²(c_2)),  dL/dc_1 = dL/dc_2 · f_2 (W_h = 0: nothing flows through h_1)
    #   dL/dc_0 = dL/dc_1 · f_1
    gr = lv.reference.backward(p, tr, np.array([[0.0], [1.0]]))
    dc2 = 0.5 * (1 - math.tanh(0.475) ** 2)
    assert gr.c[:, 0] == pytest.approx([dc2 * 0.5, dc2], abs=1e-15)
    assert gr.c0[0] == pytest.approx(dc2 * 0.5 * 0.25, abs=1e-15)
    assert gr.h0[0] == 0.0
