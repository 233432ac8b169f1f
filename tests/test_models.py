"""SequenceModel: any cell and stack as torch's own module or CellStack, a read-out, the forget-gate bias,
weights in and out as CellParams, and initial weights that come from the seed alone."""

import numpy as np
import pytest
import torch
from torch import nn

from lstm_viz.core import cells
from lstm_viz.core.params import random_params
from lstm_viz.torch_backend import CellStack, SequenceModel, build_model


@pytest.mark.parametrize(
    "cell,module",
    [("lstm", nn.LSTM), ("gru", nn.GRU), ("rnn", nn.RNN), ("lstm_ph", CellStack), ("gru(activation=relu)", CellStack)],
)
@pytest.mark.parametrize("seq2seq", [False, True])
def test_torch_module_where_torch_has_the_cell_else_cellstack(cell, module, seq2seq):
    spec = cells.from_key(cell)
    m = SequenceModel(spec, 3, 5, 2, num_layers=2, seq2seq=seq2seq)
    assert type(m.rnn) is module and m.spec == spec
    out = m(torch.zeros(4, 7, 3))
    assert out.shape == ((4, 7, 2) if seq2seq else (4, 2))
    p = m.recurrent_params()
    assert p.spec == spec and p.num_layers == 2 and (p.input_size, p.hidden_size) == (3, 5)


def test_a_relu_rnn_is_nn_rnn_with_relu():
    m = SequenceModel(cells.spec("rnn", activation="relu"), 2, 4, 1)
    assert isinstance(m.rnn, nn.RNN) and m.rnn.nonlinearity == "relu"
    assert m.recurrent_params().spec.key == "rnn(activation=relu)"


@pytest.mark.parametrize("cell", ["lstm", "gru", "lstm_cifg", "lstm_ph"])
def test_weights_go_in_and_come_back(cell):
    p = random_params(cell, 3, 4, num_layers=2, seed=5)
    W_out, b_out = np.arange(8.0).reshape(2, 4) / 10, np.array([0.5, -0.5])
    m = build_model(p, W_out, b_out, seq2seq=True, device="cpu", dtype=torch.float64)
    assert m.recurrent_params().allclose(p, atol=1e-15)
    W, b = m.head_weights()
    assert np.array_equal(W, W_out) and np.array_equal(b, b_out)


@pytest.mark.parametrize("cell", cells.names())
def test_the_forget_bias_goes_to_b_f_of_every_layer_and_nowhere_else(cell):
    spec = cells.spec(cell)
    a, b = (SequenceModel(spec, 3, 4, 1, num_layers=2, seed=1) for _ in range(2))
    b.add_forget_bias(2.5)
    for la, lb in zip(a.recurrent_params().layers, b.recurrent_params().layers):
        for k in la:
            delta = lb[k] - la[k]
            if "f" in spec.weighted and k == "b":
                row = spec.weighted.index("f")
                assert np.allclose(delta[row], 2.5) and np.allclose(np.delete(delta, row, 0), 0)
            else:  # GRU, plain RNN, NFG and CIFG have no forget gate of their own: nothing changes
                assert np.array_equal(delta, np.zeros_like(delta)), (cell, k)
    assert np.array_equal(a.head.weight.detach(), b.head.weight.detach())


@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn", "lstm_nig"])
def test_initial_weights_come_from_the_seed_and_leave_torchs_generator_alone(cell):
    torch.manual_seed(123)
    want = torch.rand(3)
    torch.manual_seed(123)
    a = SequenceModel(cell, 3, 4, 2, num_layers=2, seed=7)
    assert torch.equal(torch.rand(3), want)  # the process's stream is where it was
    b = SequenceModel(cell, 3, 4, 2, num_layers=2, seed=7)
    c = SequenceModel(cell, 3, 4, 2, num_layers=2, seed=8)
    assert all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values()))
    assert not all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), c.state_dict().values()))


def test_an_lstm_starts_from_the_weights_torch_manual_seed_gives():
    """What training did before the local generator: the LSTM presets and targets stay reproducible."""
    torch.manual_seed(3)
    lstm, head = nn.LSTM(2, 6, batch_first=True), nn.Linear(6, 1)
    m = SequenceModel("lstm", 2, 6, 1, seed=3)
    assert all(torch.equal(x, y) for x, y in zip(lstm.parameters(), m.rnn.parameters()))
    assert torch.equal(head.weight, m.head.weight) and torch.equal(head.bias, m.head.bias)


def test_seed_none_draws_from_torchs_generator_like_a_plain_module():
    torch.manual_seed(0)
    a = SequenceModel("lstm_cifg", 2, 3, 1, seed=None)
    torch.manual_seed(0)
    b = SequenceModel("lstm_cifg", 2, 3, 1, seed=None)
    c = SequenceModel("lstm_cifg", 2, 3, 1, seed=None)
    assert torch.equal(a.rnn.layers[0]["W_x"], b.rnn.layers[0]["W_x"])
    assert not torch.equal(b.rnn.layers[0]["W_x"], c.rnn.layers[0]["W_x"])


def test_an_unknown_cell_is_named():
    with pytest.raises(ValueError, match="cell: unknown cell 'lstmm'"):
        SequenceModel("lstmm", 2, 3, 1)
