"""Hostile and broken model files: each one refused by lstm_viz.io.load_model with a ValueError that names the
problem, nothing unpickled (a pickle's marker file never appears), nothing allocated past the limits."""

from __future__ import annotations

import io
import json
import os
import pickle
import struct
import zipfile

os.environ["KERAS_BACKEND"] = "torch"  # before keras is imported: no TensorFlow here

import h5py
import numpy as np
import pytest
import torch
from safetensors.torch import save_file
from torch import nn

import lstm_viz as lv
from lstm_viz.io import file_limits

keras = pytest.importorskip("keras")
layers = keras.layers
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Keras' own, on NumPy 2


class Boom:
    """Unpickling this opens (creates) the marker file: the test fails if that ever happens."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def refused(source, match: str, **options) -> str:
    with pytest.raises(ValueError, match=match) as err:
        lv.io.load_model(source, **options)
    return str(err.value)


def small_keras(tmp_path, *stack, ext="keras", inputs=(7, 3)) -> bytes:
    model = keras.Sequential([keras.Input(inputs), *stack])
    model.save(tmp_path / f"m.{ext}")
    return (tmp_path / f"m.{ext}").read_bytes()


def rezip(data: bytes, **replace: bytes) -> bytes:
    """A copy of a zip with some members' bytes replaced."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, replace.get(name.replace(".", "_"), src.read(name)))
    return out.getvalue()


def test_random_bytes_and_an_empty_file(tmp_path):
    refused(np.random.default_rng(0).bytes(5000), "not a model file lstm-viz reads")
    (tmp_path / "empty.keras").write_bytes(b"")
    refused(tmp_path / "empty.keras", "the file is empty")
    refused(tmp_path / "missing.h5", "no file at")


@pytest.mark.parametrize("ext", ["pt", "keras", "h5", "pth"])
def test_a_pickle_is_never_unpickled(ext, tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / f"evil.{ext}").write_bytes(pickle.dumps(Boom(marker)))
    refused(tmp_path / f"evil.{ext}", "a pickle can run code")
    torch.save(Boom(marker), tmp_path / f"evil_zip.{ext}")  # torch's zip, data.pkl the same pickle
    refused(tmp_path / f"evil_zip.{ext}", r"refused by torch.load\(weights_only=True\)")
    good = small_keras(tmp_path, layers.LSTM(4))  # a .keras whose weights are that pickle
    refused(rezip(good, model_weights_h5=pickle.dumps(Boom(marker))), "model.weights.h5: not an HDF5 file")
    assert not marker.exists()


def test_a_torch_file_of_an_object_not_tensors(tmp_path):
    torch.save(nn.LSTM(3, 4), tmp_path / "module.pt")  # the whole module, pickled
    refused(tmp_path / "module.pt", r"weights_only")
    torch.save({"rnn.weight_ih_l0": torch.zeros(16, 3), "note": "hello"}, tmp_path / "mixed.pt")
    refused(tmp_path / "mixed.pt", "tensor note: not a tensor")


def test_zip_bombs(tmp_path):
    good = small_keras(tmp_path, layers.LSTM(4))
    # a member whose header declares a huge uncompressed size (the central directory says 3 GB)
    data = bytearray(good)
    at = data.rfind(b"PK\x01\x02")  # the last member's central directory entry
    data[at + 24 : at + 28] = struct.pack("<I", 3_000_000_000)
    refused(bytes(data), r"declares 3,000,000,000 bytes uncompressed, over the limit .*zip bomb")
    # a highly compressible member over the limit: 70 MB of zeros in a 70 KB file
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("config.json", "{}")
        z.writestr("model.weights.h5", bytes(70 * 2**20))
    assert len(bomb.getvalue()) < 200_000
    refused(bomb.getvalue(), "model.weights.h5 declares 73,400,320 bytes uncompressed, over the limit")
    # many members, each under the limit, together over it
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as z:
        for k in range(5):
            z.writestr(f"data/{k}", bytes(20 * 2**20))
        z.writestr("archive/data.pkl", b"")
    refused(many.getvalue(), "together, over the limit")


def test_truncated_files(tmp_path):
    keras_file = small_keras(tmp_path, layers.GRU(4))
    refused(keras_file[: len(keras_file) // 2], "not a readable zip archive")
    h5_file = small_keras(tmp_path, layers.GRU(4), ext="h5")
    refused(h5_file[: len(h5_file) // 2], "not a readable HDF5 file")
    save_file(nn.GRU(3, 4).state_dict(), tmp_path / "g.safetensors")
    st = (tmp_path / "g.safetensors").read_bytes()
    refused(st[:-10], "truncated", cell="gru")


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    big = tmp_path / "big.keras"
    with big.open("wb") as f:
        f.truncate(file_limits.MAX_FILE_BYTES + 1)  # sparse: nothing is written or read
    refused(big, "over the limit of 33,554,432")


def test_an_hdf5_file_that_is_not_a_keras_model(tmp_path):
    with h5py.File(tmp_path / "data.h5", "w") as f:
        f["x"] = np.zeros(3)
    refused(tmp_path / "data.h5", "not a Keras model")


def test_a_layer_class_that_does_not_exist(tmp_path):
    good = small_keras(tmp_path, layers.LSTM(4), layers.Dense(2))
    config = zipfile.ZipFile(io.BytesIO(good)).read("config.json").replace(b'"Dense"', b'"Dense9000"')
    refused(rezip(good, config_json=config), "the layer class Dense9000 is not one lstm-viz computes")


def test_a_config_of_1_9_mb_is_refused(tmp_path):
    good = small_keras(tmp_path, layers.LSTM(4))
    config = json.loads(zipfile.ZipFile(io.BytesIO(good)).read("config.json"))
    config["config"]["padding"] = "x" * 1_900_000
    refused(
        rezip(good, config_json=json.dumps(config).encode()), r"config.json declares 1,90\d,\d+ bytes, over the limit"
    )
    h5_path = tmp_path / "m.h5"
    h5_path.write_bytes(small_keras(tmp_path, layers.LSTM(4), ext="h5"))
    with h5py.File(h5_path, "a") as f:
        f.attrs["model_config"] = json.dumps(config)
    refused(h5_path, "model_config holds 1,9.* over the limit of 1,048,576")


@pytest.mark.parametrize("ext", ["keras", "h5"])
def test_nan_weights_are_named(ext, tmp_path):
    model = keras.Sequential([keras.Input((7, 3)), layers.LSTM(4), layers.Dense(1)])
    kernel, recurrent_kernel, bias = model.layers[0].get_weights()
    kernel[1, 2] = np.nan
    model.layers[0].set_weights([kernel, recurrent_kernel, bias])
    model.save(tmp_path / f"nan.{ext}")
    refused(tmp_path / f"nan.{ext}", "layer LSTM 'lstm[_0-9]*': kernel: contains NaN")


def test_nan_in_a_state_dict_is_named(tmp_path):
    state = nn.GRU(3, 4).state_dict()
    state["bias_hh_l0"][0] = float("inf")
    torch.save(state, tmp_path / "inf.pt")
    refused(tmp_path / "inf.pt", "tensor bias_hh_l0: contains NaN or infinite", cell="gru")


@pytest.mark.parametrize(
    ("stack", "match"),
    [
        ([layers.Bidirectional(layers.LSTM(4))], "Bidirectional 'bidirectional[_0-9]*': a Bidirectional layer"),
        ([layers.LSTM(4, go_backwards=True)], "LSTM 'lstm[_0-9]*': go_backwards=True"),
        ([layers.GRU(4, reset_after=False)], "GRU 'gru[_0-9]*': reset_after=False"),
        ([layers.Conv1D(4, 3), layers.LSTM(4)], "Conv1D 'conv1d[_0-9]*': a Conv1D layer"),
        ([layers.Masking(), layers.LSTM(4)], "Masking 'masking[_0-9]*'"),
        ([layers.LSTM(4, return_sequences=True), layers.Flatten()], "Flatten 'flatten[_0-9]*'"),
        ([layers.LSTM(4, activation="softsign")], "LSTM 'lstm[_0-9]*': activation: 'softsign' cannot be computed"),
        ([layers.LSTM(4, dtype="mixed_float16")], "dtype=mixed_float16"),
    ],
)
def test_other_keras_layers_and_options_are_refused_by_name(stack, match, tmp_path):
    if "Bidirectional" in match or "reset_after" in match:  # both formats
        refused(small_keras(tmp_path, *stack, ext="h5"), match)
    refused(small_keras(tmp_path, *stack), match)


def test_embedding_mask_zero_and_return_state_are_refused(tmp_path):
    refused(small_keras(tmp_path, layers.Embedding(20, 4, mask_zero=True), layers.LSTM(4), inputs=(7,)),
            "Embedding 'embedding[_0-9]*': mask_zero=True")  # fmt: skip
    x = keras.Input((7, 3))
    out, _, _ = layers.LSTM(4, return_state=True)(x)
    keras.Model(x, out).save(tmp_path / "state.keras")
    refused(tmp_path / "state.keras", "LSTM 'lstm[_0-9]*': return_state=True")
    x = keras.Input((7, 3))
    y = layers.Dense(2)(layers.LSTM(4)(x))
    keras.Model(x, [y, layers.Dense(3)(y)]).save(tmp_path / "two.keras")  # not one chain
    refused(tmp_path / "two.keras", "output is not its last layer|not the layer before it")


def test_a_weight_linked_to_another_file_is_not_followed(tmp_path):
    path = tmp_path / "m.h5"
    path.write_bytes(small_keras(tmp_path, layers.LSTM(4), ext="h5"))
    with h5py.File(tmp_path / "other.h5", "w") as f:
        f["secret"] = np.ones((3, 16), dtype="float32")
    with h5py.File(path, "a") as f:
        layer = next(n.decode() if isinstance(n, bytes) else n for n in f["model_weights"].attrs["layer_names"])
        group = f["model_weights"][layer]
        name = next(n.decode() if isinstance(n, bytes) else n for n in group.attrs["weight_names"])
        del group[name]
        group[name] = h5py.ExternalLink(str(tmp_path / "other.h5"), "/secret")
    refused(path, "a link to elsewhere")


def test_declared_shapes_past_the_limit_are_refused_before_allocation(tmp_path):
    header = json.dumps({"rnn.weight_ih_l0": {"dtype": "F32", "shape": [100_000, 100_000], "data_offsets": [0, 4]}})
    data = struct.pack("<Q", len(header)) + header.encode() + bytes(4)
    refused(data, r"over the limit of 8,000,000 numbers", cell="lstm")
    state = {"rnn.weight_ih_l0": torch.zeros(1).expand(10**9)}  # one number, a view of a billion (stride 0)
    torch.save(state, tmp_path / "view.pt")
    refused(tmp_path / "view.pt", r"shape \(1000000000,\) takes the model over the limit")
    bf16 = {"rnn.weight_ih_l0": torch.zeros(16, 3, dtype=torch.bfloat16)}
    save_file(bf16, tmp_path / "bf16.safetensors")
    refused(tmp_path / "bf16.safetensors", "dtype BF16, expected F16, F32 or F64")


def test_keras_files_take_no_torch_options(tmp_path):
    refused(small_keras(tmp_path, layers.LSTM(4)), "cell: a Keras file names its own architecture", cell="lstm")
