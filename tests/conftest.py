"""Shared fixtures: random LSTM cases and the devices the parity tests run on."""

import numpy as np
import pytest
import torch

import lstm_viz as lv

# (T, B, D, H); B = None means an unbatched (T, D) sequence. Includes T=1, D=1, H=1.
CASES = [
    (1, None, 1, 1),
    (1, 1, 1, 1),
    (1, 3, 2, 1),
    (2, None, 1, 3),
    (3, 2, 1, 1),
    (5, None, 3, 4),
    (5, 4, 3, 4),
    (7, 1, 5, 2),
    (8, 3, 2, 7),
    (10, None, 8, 16),
    (10, 5, 4, 6),
    (12, 2, 1, 9),
    (16, None, 2, 1),
    (20, 3, 6, 5),
    (25, 1, 3, 11),
    (30, 2, 8, 8),
    (33, None, 4, 3),
    (40, 2, 7, 12),
    (50, None, 1, 16),
    (64, 3, 5, 10),
    (80, 2, 2, 2),
    (100, 1, 8, 32),
]

CUDA = torch.cuda.is_available()
DEVICES = [
    pytest.param("cpu", id="cpu-float64"),
    pytest.param("cuda", id="cuda-float32", marks=pytest.mark.skipif(not CUDA, reason="torch sees no CUDA GPU")),
]
# On CUDA the parity tests run in float32; the tolerance is set by the precision.
DTYPE = {"cpu": torch.float64, "cuda": torch.float32}
TOL = {"cpu": 1e-12, "cuda": 1e-5}
GRAD_TOL = {"cpu": 1e-10, "cuda": 1e-5}


@pytest.fixture(autouse=True)
def full_float32_on_cuda():
    """Parity is about the maths in full float32: TF32 (cuDNN's default on Ampere and later) rounds
    matmul inputs to a 10-bit mantissa, which moves nn.LSTM's outputs by about 1e-4."""
    saved = torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32
    torch.backends.cudnn.allow_tf32 = torch.backends.cuda.matmul.allow_tf32 = False
    yield
    torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32 = saved


def torch_lstm_with_two_biases(D: int, H: int, seed: int) -> torch.nn.LSTM:
    """nn.LSTM in float64 whose bias_ih and bias_hh are both non-zero and different."""
    torch.manual_seed(seed)
    lstm = torch.nn.LSTM(D, H, batch_first=True).double()
    with torch.no_grad():
        lstm.bias_ih_l0.uniform_(-1.0, 1.0)
        lstm.bias_hh_l0.uniform_(-1.0, 1.0)
    assert lstm.bias_ih_l0.abs().min() > 0 and lstm.bias_hh_l0.abs().min() > 0
    return lstm


def make_case(T, B, D, H, seed):
    """Random inputs and a non-zero initial state for one case."""
    rng = np.random.default_rng(seed)
    shape = (T, D) if B is None else (B, T, D)
    state = (H,) if B is None else (B, H)
    xs = rng.normal(size=shape)
    h0 = rng.uniform(-0.9, 0.9, size=state)
    c0 = rng.normal(size=state)
    return xs, h0, c0


@pytest.fixture
def small_params():
    return lv.LSTMParams.random(input_size=3, hidden_size=4, seed=0, forget_bias=0.5)


def case_seed(case) -> int:
    """A seed that differs from case to case."""
    return sum((k + 1) * (n or 0) for k, n in enumerate(case))
