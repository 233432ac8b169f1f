"""Parity with PyTorch: Embedding -> nn.LSTM / nn.GRU / nn.RNN (num_layers=2) -> Linear, the state_dict saved as .pt
and as .safetensors, read back by lstm_viz.io (torch.load(weights_only=True), or parsed) and compared with the
module's own forward in float64: max abs error <= 1e-6. Biases are torch's (random, non-zero)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from safetensors.torch import save_file
from torch import nn

import lstm_viz as lv

B, T, V, D, H, K = 4, 7, 20, 5, 8, 3
TOL = 1e-6
MODULES = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}


class Net(nn.Module):
    """The tutorial form: Embedding -> a 2-layer recurrent module -> Linear on the last step (or every step)."""

    def __init__(self, cell: str, at: str = "last", **kwargs):
        super().__init__()
        self.emb = nn.Embedding(V, D)
        self.rnn = MODULES[cell](D, H, num_layers=2, batch_first=True, **kwargs)
        self.fc = nn.Linear(H, K)
        self.at = at

    def forward(self, x):
        out, _ = self.rnn(self.emb(x))  # (B, T, H)
        return self.fc(out[:, -1] if self.at == "last" else out)


def saved(net: nn.Module, tmp_path) -> dict:
    state = net.state_dict()
    torch.save(state, tmp_path / "net.pt")
    save_file({k: v.contiguous() for k, v in state.items()}, tmp_path / "net.safetensors")
    return {ext: tmp_path / f"net.{ext}" for ext in ("pt", "safetensors")}


@pytest.mark.parametrize("at", ["last", "all"])
@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn"])
def test_embedding_rnn_linear_matches_torch(cell, at, tmp_path):
    torch.manual_seed(len(cell) + len(at))
    kwargs = {"nonlinearity": "relu"} if cell == "rnn" else {}
    net = Net(cell, at, **kwargs).double().eval()
    x = np.random.default_rng(0).integers(0, V, size=(B, T))
    with torch.no_grad():
        want = net(torch.from_numpy(x)).numpy()
    options = {"activation": "relu"} if cell == "rnn" else {}
    for ext, path in saved(net, tmp_path).items():
        m = lv.io.load_model(path, readout_at=at, **options)
        assert [r.params.cell for r in m.recurrent] == [cell, cell] and m.vocab_size == V
        got = m.predict(x)
        assert got.shape == want.shape, ext
        err = np.abs(got - want).max()
        print(f"\nparity torch {cell} {at} .{ext}: {err:.1e}")
        assert err <= TOL, f"{cell} .{ext}: predict differs by {err:.2e}"
        with torch.no_grad():  # each recurrent layer's h, against torch's own two layers run one at a time
            h = net.emb(torch.from_numpy(x))
            for k, layer in enumerate(m.forward(x).layers):
                one = MODULES[cell](h.shape[-1], H, batch_first=True, **kwargs).double()
                for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                    getattr(one, f"{name}_l0").copy_(getattr(net.rnn, f"{name}_l{k}"))
                h, _ = one(h)
                assert np.abs(layer.h - h.numpy()).max() <= TOL, f"{cell} .{ext}: layer {k} differs"


def test_float32_state_dict_and_no_readout(tmp_path):
    """A float32 nn.GRU alone (no embedding, no Linear): x is numbers, predict returns every step's h."""
    torch.manual_seed(3)
    gru = nn.GRU(D, H, batch_first=True)
    torch.save(gru.state_dict(), tmp_path / "gru.pth")
    m = lv.io.load_torch_state_dict(tmp_path / "gru.pth", readout_at="all", cell="gru", hidden_size=H)
    x = np.random.default_rng(1).normal(size=(B, T, D))
    with torch.no_grad():
        want, _ = gru.double()(torch.from_numpy(x))
    assert np.abs(m.predict(x) - want.numpy()).max() <= TOL


def test_what_a_state_dict_does_not_say_is_asked_for(tmp_path):
    torch.manual_seed(4)
    torch.save(nn.RNN(D, H).state_dict(), tmp_path / "rnn.pt")
    with pytest.raises(ValueError, match=r"activation: .*nonlinearity"):
        lv.io.load_model(tmp_path / "rnn.pt")
    torch.save(nn.LSTM(D, H, num_layers=2).state_dict(), tmp_path / "lstm.pt")
    with pytest.raises(ValueError, match="cell: 'gru' named, but"):
        lv.io.load_model(tmp_path / "lstm.pt", cell="gru")
    with pytest.raises(ValueError, match="num_layers: 3 named, but"):
        lv.io.load_model(tmp_path / "lstm.pt", num_layers=3)
    with pytest.raises(ValueError, match="hidden_size: 4 named"):
        lv.io.load_model(tmp_path / "lstm.pt", hidden_size=4)
    with pytest.raises(ValueError, match="readout_at"):
        lv.io.load_model(tmp_path / "lstm.pt", readout_at="middle")
    with pytest.raises(ValueError, match="seq_len: not an option"):
        lv.io.load_model(tmp_path / "lstm.pt", seq_len=3)


@pytest.mark.parametrize(
    ("module", "match"),
    [
        (nn.LSTM(D, H, bidirectional=True), "bidirectional"),
        (nn.LSTM(D, H, proj_size=4), "proj_size"),
        (nn.Sequential(nn.Embedding(V, D), nn.LSTM(D, H), nn.Linear(H, K), nn.Linear(K, 2)), "module 3"),
        (nn.Sequential(nn.Embedding(V, 6), nn.LSTM(D, H)), "embedding of width 6"),
        (nn.Sequential(nn.Linear(H, K)), "no recurrent weights"),
        (nn.ModuleDict({"a": nn.GRU(D, H), "b": nn.GRU(H, H)}), "recurrent modules a, b"),
    ],
)
def test_other_torch_modules_are_refused_by_name(module, match, tmp_path):
    torch.save(module.state_dict(), tmp_path / "m.pt")
    with pytest.raises(ValueError, match=match):
        lv.io.load_model(tmp_path / "m.pt", activation=None)


def test_mismatched_shapes_are_named(tmp_path):
    state = nn.LSTM(D, H, num_layers=2).state_dict()
    state["bias_hh_l1"] = torch.zeros(3)
    save_file(state, tmp_path / "bad.safetensors")
    with pytest.raises(ValueError, match=r"bias_hh_l1: expected shape \(32,\), got \(3,\)"):
        lv.io.load_model(tmp_path / "bad.safetensors")


class Readout(nn.Module):
    """No embedding, x numbers (B, T, H) into an LSTM(H, H), a read-out without a bias: D == H, so the
    read-out's (K, H) weight alone has the shape of an Embedding's (V, D)."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(H, H, batch_first=True)
        self.fc = nn.Linear(H, K, bias=False)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[:, -1])


class InputLinear(nn.Module):
    """A Linear(H, H) with a bias before the recurrent module: an input layer, which lstm-viz does not read."""

    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(H, H)
        self.rnn = nn.GRU(H, H, batch_first=True)


def test_a_bias_free_readout_is_not_read_as_an_embedding(tmp_path):
    """Its tensors come after the recurrent module's in the .pt, so it is the read-out, and predict is torch's."""
    torch.manual_seed(5)
    net = Readout().double().eval()
    x = np.random.default_rng(2).normal(size=(B, T, H))
    with torch.no_grad():
        want = net(torch.from_numpy(x)).numpy()
    paths = saved(net, tmp_path)
    m = lv.io.load_model(paths["pt"])
    assert m.embedding is None and [d.name for d in m.readout] == ["fc"]
    assert np.abs(m.predict(x) - want).max() <= TOL
    with pytest.raises(ValueError, match=r"tensor fc.weight: .* fits both an nn.Embedding .* torch.save \(.pt\)"):
        lv.io.load_model(paths["safetensors"])  # sorted by name: the order that tells them apart is lost


def test_an_embedding_beside_a_bias_readout_in_safetensors(tmp_path):
    """D == H in a .safetensors file: the bias marks the read-out, so the weight alone is the embedding."""
    torch.manual_seed(6)
    net = Net("lstm").double().eval()
    net.emb, net.rnn = nn.Embedding(V, H).double(), nn.LSTM(H, H, num_layers=2, batch_first=True).double()
    x = np.random.default_rng(3).integers(0, V, size=(B, T))
    with torch.no_grad():
        want = net(torch.from_numpy(x)).numpy()
    for path in saved(net, tmp_path).values():
        m = lv.io.load_model(path)
        assert m.embedding.name == "emb" and [d.name for d in m.readout] == ["fc"]
        assert np.abs(m.predict(x) - want).max() <= TOL


def test_a_linear_before_the_recurrent_module_is_refused(tmp_path):
    torch.save(InputLinear().state_dict(), tmp_path / "in.pt")
    with pytest.raises(ValueError, match=r"tensor proj.weight: an nn.Linear 8 -> 8 whose tensors come before rnn's"):
        lv.io.load_model(tmp_path / "in.pt")
    torch.save(nn.Sequential(nn.Embedding(V, H), nn.Embedding(V, H), nn.LSTM(H, H)).state_dict(), tmp_path / "2.pt")
    with pytest.raises(ValueError, match="module 1: a second embedding"):
        lv.io.load_model(tmp_path / "2.pt")
