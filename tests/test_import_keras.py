"""Parity with Keras itself: real Keras 3 models (torch backend) of the tutorial architectures, saved as .keras and
as legacy .h5, read back by lstm_viz.io.load_model (no Keras involved) and compared with model.predict and with
every recurrent layer's own output: max abs error <= 1e-5 in float32. Weights (biases included) are random."""

from __future__ import annotations

import json
import os
import zlib

os.environ["KERAS_BACKEND"] = "torch"  # before keras is imported: no TensorFlow here

import numpy as np
import pytest

keras = pytest.importorskip("keras")
from keras import layers  # noqa: E402

import lstm_viz as lv  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Keras' own, on NumPy 2

B, T, V, D, H = 4, 7, 20, 3, 8
TOL = 1e-5
RNNS = {"lstm": layers.LSTM, "gru": layers.GRU, "rnn": layers.SimpleRNN}


def architecture(name: str, rnn: str) -> list:
    """The four tutorial architectures, with the recurrent class `rnn`."""
    R = RNNS[rnn]
    if name == "a_embedding_sigmoid":
        return [keras.Input((T,), dtype="int32"), layers.Embedding(V, D), R(H), layers.Dense(1, activation="sigmoid")]
    if name == "b_stacked_dropout_softmax":
        return [keras.Input((T, D)), R(H, return_sequences=True), layers.Dropout(0.2), R(H), layers.Dropout(0.2),
                layers.Dense(3, activation="softmax")]  # fmt: skip
    if name == "c_stacked_dense":
        return [keras.Input((T, D)), R(H, return_sequences=True), R(H), layers.Dense(2)]
    if name == "d_relu_dense":
        return [keras.Input((T, D)), R(H, activation="relu"), layers.Dense(1)]
    raise KeyError(name)


def randomized(model, seed: int):
    """Every weight of every layer (biases too) uniform in [-0.5, 0.5]."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        layer.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32") for w in layer.get_weights()])
    return model


def inputs(model, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if model.inputs[0].dtype == "int32":
        return rng.integers(0, V, size=(B, T)).astype("int32")
    return rng.normal(size=(B, T, D)).astype("float32")


def errors(model, tmp_path, x) -> dict[str, float]:
    """Max abs error of lstm-viz's predict and of each recurrent layer's output, for the .keras and the .h5 file."""
    recurrent = [layer for layer in model.layers if isinstance(layer, tuple(RNNS.values()))]
    probe = keras.Model(model.inputs, [layer.output for layer in recurrent])
    want_layers = probe.predict(x, verbose=0)
    want_layers = want_layers if isinstance(want_layers, list) else [want_layers]
    want = model.predict(x, verbose=0)
    out = {}
    for ext in ("keras", "h5"):
        path = tmp_path / f"model.{ext}"
        model.save(path)
        m = lv.io.load_model(path)
        rec = m.forward(x)
        assert m.predict(x).shape == want.shape, ext
        err = float(np.abs(rec.y - want).max())
        for k, (tr, got) in enumerate(zip(rec.layers, want_layers)):
            h = tr.h if got.ndim == 3 else tr.h[:, -1]
            err = max(err, float(np.abs(h - got).max()))
            assert np.abs(h - got).max() <= TOL, f"{ext}: recurrent layer {k} ({recurrent[k].name}) differs"
        assert np.abs(rec.y - want).max() <= TOL, f"{ext}: predict differs"
        out[ext] = err
    return out


@pytest.mark.parametrize("rnn", list(RNNS))
@pytest.mark.parametrize("name", ["a_embedding_sigmoid", "b_stacked_dropout_softmax", "c_stacked_dense",
                                  "d_relu_dense"])  # fmt: skip
def test_tutorial_architectures_match_keras(name, rnn, tmp_path):
    model = randomized(keras.Sequential(architecture(name, rnn)), seed=zlib.crc32(f"{name}/{rnn}".encode()))
    x = inputs(model, seed=1)
    got = errors(model, tmp_path, x)
    print(f"\nparity {name} {rnn}: .keras {got['keras']:.1e}  .h5 {got['h5']:.1e}")


def test_functional_chain_with_options_matches_keras(tmp_path):
    """A functional model (a chain), GRU with relu and hard_sigmoid, an LSTM without biases returning sequences,
    a Dense on every step and an Activation layer."""
    x_in = keras.Input((T, D))
    y = layers.GRU(H, activation="relu", recurrent_activation="hard_sigmoid", return_sequences=True)(x_in)
    y = layers.LSTM(6, use_bias=False, return_sequences=True)(y)
    y = layers.Dense(4)(y)
    y = layers.Activation("softmax")(y)
    model = randomized(keras.Model(x_in, y), seed=5)
    got = errors(model, tmp_path, inputs(model, seed=2))
    print(f"\nparity functional: .keras {got['keras']:.1e}  .h5 {got['h5']:.1e}")


def test_the_imported_model_holds_the_layers(tmp_path):
    model = randomized(keras.Sequential(architecture("a_embedding_sigmoid", "gru")), seed=3)
    model.save(tmp_path / "m.keras")
    m = lv.io.load_model((tmp_path / "m.keras").read_bytes())
    assert m.source == "keras" and m.vocab_size == V and m.input_size == D
    assert [r.params.cell for r in m.recurrent] == ["gru"]
    kernel, recurrent_kernel, bias = model.layers[1].get_weights()
    spec = lv.cells.spec("gru")
    want = spec.from_keras(spec, kernel, recurrent_kernel, bias)
    for block, value in want.items():
        np.testing.assert_array_equal(m.recurrent[0].params.layers[0][block], value, err_msg=block)
    tr = m.forward(np.array([1, 2, 3])).layers[0]  # one sequence, traced as one: (T, H)
    assert tr.layers[0]["z"].shape == (3, H)
    with pytest.raises(ValueError, match="token ids must be 0 to 19"):
        m.predict(np.array([[1, 20]]))


def test_a_keras_2_style_h5_file(tmp_path):
    """tf.keras 2 names its weights "lstm/lstm_cell/kernel:0" and writes keras_version 2.x: read the same; its
    hard_sigmoid, clip(0.2 z + 0.5, 0, 1), is not Keras 3's and is refused by name."""
    import h5py

    model = randomized(keras.Sequential(architecture("c_stacked_dense", "lstm")), seed=9)
    path = tmp_path / "k2.h5"
    model.save(path)
    with h5py.File(path, "a") as f:
        f.attrs["keras_version"] = "2.15.0"
        for layer in f["model_weights"].attrs["layer_names"]:
            group = f["model_weights"][layer]
            names = [n.decode() if isinstance(n, bytes) else str(n) for n in group.attrs["weight_names"]]
            for n in names:
                group.move(n, f"{n}:0")
            group.attrs["weight_names"] = [f"{n}:0".encode() for n in names]
        config = json.loads(f.attrs["model_config"])
    x = inputs(model, seed=4)
    assert np.abs(lv.io.load_model(path).predict(x) - model.predict(x, verbose=0)).max() <= TOL
    config["config"]["layers"][1]["config"]["recurrent_activation"] = "hard_sigmoid"
    with h5py.File(path, "a") as f:
        f.attrs["model_config"] = json.dumps(config)
    with pytest.raises(ValueError, match="recurrent_activation=hard_sigmoid of Keras 2"):
        lv.io.load_model(path)
