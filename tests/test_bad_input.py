"""Bad input raises ValueError naming the argument."""

import numpy as np
import pytest
import torch

import lstm_viz as lv


@pytest.mark.parametrize(
    "args, match",
    [
        ((np.zeros((3, 3, 2)), np.zeros((4, 3, 3)), np.zeros((4, 3))), "W_x"),
        ((np.zeros((4, 3, 2)), np.zeros((4, 3, 2)), np.zeros((4, 3))), "W_h"),
        ((np.zeros((4, 3, 2)), np.zeros((4, 3, 3)), np.zeros((4, 2))), "b"),
        ((np.zeros((4, 0, 2)), np.zeros((4, 0, 0)), np.zeros((4, 0))), "hidden size"),
        ((np.full((4, 3, 2), np.nan), np.zeros((4, 3, 3)), np.zeros((4, 3))), "W_x: contains NaN"),
        ((np.zeros((4, 3, 2)), np.full((4, 3, 3), np.inf), np.zeros((4, 3))), "W_h: contains NaN or inf"),
    ],
)
def test_params_validate(args, match):
    with pytest.raises(ValueError, match=match):
        lv.LSTMParams(*args)


def test_random_rejects_hidden_size_zero():
    with pytest.raises(ValueError, match="hidden_size"):
        lv.LSTMParams.random(3, 0)


@pytest.mark.parametrize("backend", ["reference", "torch_backend"])
@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"xs": np.zeros((5, 2))}, r"xs: expected shape \(\?, 3\)"),
        ({"xs": np.zeros(5)}, r"xs: expected shape \(T, 3\) or \(B, T, 3\)"),
        ({"xs": np.zeros((0, 3))}, "xs: the sequence is empty"),
        ({"xs": np.full((5, 3), np.nan)}, "xs: contains NaN"),
        ({"xs": np.full((5, 3), np.inf)}, "xs: contains NaN or inf"),
        ({"xs": np.zeros((5, 3)), "h0": np.zeros(3)}, r"h0: expected shape \(4\)"),
        ({"xs": np.zeros((2, 5, 3)), "c0": np.zeros(4)}, r"c0: expected shape \(2, 4\)"),
        ({"xs": np.zeros((5, 3)), "c0": [np.nan] * 4}, "c0: contains NaN"),
        ({"xs": [["a", "b", "c"]]}, "xs: expected a numeric array"),
    ],
)
def test_forward_validates(backend, kwargs, match):
    p = lv.LSTMParams.random(3, 4, seed=0)
    with pytest.raises(ValueError, match=match):
        getattr(lv, backend).forward(p, **kwargs)


@pytest.mark.parametrize(
    "module, match",
    [
        (torch.nn.LSTM(3, 4, num_layers=2), "num_layers=2"),
        (torch.nn.LSTM(3, 4, bidirectional=True), "bidirectional"),
        (torch.nn.LSTM(3, 4, proj_size=2), "proj_size=2"),
        (torch.nn.LSTM(3, 4, bias=False), "bias=False"),
        (torch.nn.GRU(3, 4), "expected nn.LSTM or nn.LSTMCell, got GRU"),
    ],
)
def test_from_torch_says_what_is_unsupported(module, match):
    with pytest.raises(ValueError, match=f"module: .*{match}"):
        lv.LSTMParams.from_torch(module)


def test_keras_layout_is_checked():
    with pytest.raises(ValueError, match="kernel"):
        lv.LSTMParams.from_keras(np.zeros((3, 7)), np.zeros((1, 4)), np.zeros(4))
    with pytest.raises(ValueError, match="recurrent_kernel"):
        lv.LSTMParams.from_keras(np.zeros((3, 8)), np.zeros((3, 8)), np.zeros(8))


def test_torch_backend_rejects_a_missing_gpu_or_bad_device():
    p = lv.LSTMParams.random(3, 4, seed=0)
    with pytest.raises(ValueError, match="device"):
        lv.torch_backend.forward(p, np.zeros((2, 3)), device="no-such-device")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="device: CUDA"):
            lv.torch_backend.forward(p, np.zeros((2, 3)), device="cuda")
