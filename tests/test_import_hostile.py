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

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Keras' own, on NumPy 2


class Boom:
    """Unpickling this opens (creates) the marker file: the test fails if that ever happens."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def keras_layers():
    """keras.layers, for a test that builds a Keras file; without Keras that test alone is skipped."""
    return pytest.importorskip("keras").layers


def refused(source, match: str, **options) -> str:
    with pytest.raises(ValueError, match=match) as err:
        lv.io.load_model(source, **options)
    return str(err.value)


def small_keras(tmp_path, *stack, ext="keras", inputs=(7, 3)) -> bytes:
    keras = pytest.importorskip("keras")
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
    assert not marker.exists()


def test_a_keras_file_whose_weights_are_a_pickle(tmp_path):
    layers = keras_layers()
    marker = tmp_path / "pwned"
    good = small_keras(tmp_path, layers.LSTM(4))  # a .keras whose weights are that pickle
    refused(rezip(good, model_weights_h5=pickle.dumps(Boom(marker))), "model.weights.h5: not an HDF5 file")
    assert not marker.exists()


def test_a_torch_file_of_an_object_not_tensors(tmp_path):
    torch.save(nn.LSTM(3, 4), tmp_path / "module.pt")  # the whole module, pickled
    refused(tmp_path / "module.pt", r"weights_only")
    torch.save({"rnn.weight_ih_l0": torch.zeros(16, 3), "note": "hello"}, tmp_path / "mixed.pt")
    refused(tmp_path / "mixed.pt", "tensor note: not a tensor")


def test_zip_bombs(tmp_path):
    layers = keras_layers()
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
    layers = keras_layers()
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
    layers = keras_layers()
    good = small_keras(tmp_path, layers.LSTM(4), layers.Dense(2))
    config = zipfile.ZipFile(io.BytesIO(good)).read("config.json").replace(b'"Dense"', b'"Dense9000"')
    refused(rezip(good, config_json=config), "the layer class Dense9000 is not one lstm-viz computes")


def test_a_config_of_1_9_mb_is_refused(tmp_path):
    layers = keras_layers()
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
    keras = pytest.importorskip("keras")
    layers = keras.layers
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
        (
            lambda layers: [layers.Bidirectional(layers.LSTM(4))],
            "Bidirectional 'bidirectional[_0-9]*': a Bidirectional layer",
        ),
        (lambda layers: [layers.LSTM(4, go_backwards=True)], "LSTM 'lstm[_0-9]*': go_backwards=True"),
        (lambda layers: [layers.GRU(4, reset_after=False)], "GRU 'gru[_0-9]*': reset_after=False"),
        (lambda layers: [layers.Conv1D(4, 3), layers.LSTM(4)], "Conv1D 'conv1d[_0-9]*': a Conv1D layer"),
        (lambda layers: [layers.Masking(), layers.LSTM(4)], "Masking 'masking[_0-9]*'"),
        (lambda layers: [layers.LSTM(4, return_sequences=True), layers.Flatten()], "Flatten 'flatten[_0-9]*'"),
        (
            lambda layers: [layers.LSTM(4, activation="softsign")],
            "LSTM 'lstm[_0-9]*': activation: 'softsign' cannot be computed",
        ),
        (lambda layers: [layers.LSTM(4, dtype="mixed_float16")], "dtype=mixed_float16"),
    ],
)
def test_other_keras_layers_and_options_are_refused_by_name(stack, match, tmp_path):
    stack = stack(keras_layers())
    if "Bidirectional" in match or "reset_after" in match:  # both formats
        refused(small_keras(tmp_path, *stack, ext="h5"), match)
    refused(small_keras(tmp_path, *stack), match)


def test_embedding_mask_zero_and_return_state_are_refused(tmp_path):
    keras = pytest.importorskip("keras")
    layers = keras.layers
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
    layers = keras_layers()
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
    layers = keras_layers()
    refused(small_keras(tmp_path, layers.LSTM(4)), "cell: a Keras file names its own architecture", cell="lstm")


def directory_zip(n: int, declared: int | None = None) -> bytes:
    """A zip of one empty member and a central directory of n entries all pointing at it (the cheapest way to a
    long directory: 51 bytes an entry), its end record declaring `declared` entries (default n, at most 0xFFFF)."""
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, 1, 0) + b"a"
    entries = b"".join(
        struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0, 0, 0, 0) + name
        for name in (str(k).encode() for k in range(n))
    )
    count = min(n if declared is None else declared, 0xFFFF)
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count, count, len(entries), len(local), 0)
    return local + entries + end


def test_a_zip_directory_is_checked_before_zipfile_parses_it(monkeypatch):
    """A 33 MB zip of 640,000 directory entries took zipfile 4 s and 345 MB to parse before its count was refused;
    the end record's entry count and directory size are now checked first, zipfile never called."""
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as z:
        for k in range(file_limits.MAX_MEMBERS + 1):
            z.writestr(f"{k}", b"")
    long_directory = directory_zip(12_000, declared=1)  # 601 KB of entries that declare themselves one
    body = directory_zip(3)  # ZIP64: the record and its locator before the end record, 10^6 entries declared
    end = body[-22:]
    record = struct.pack("<4sQ2H2I4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, 10**6, 10**6, 153, 31)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, len(body) - 22, 1)
    zip64 = body[:-22] + record + locator + end

    def never(*args, **kwargs):
        raise AssertionError("zipfile.ZipFile was called on a zip refused by its end record")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    refused(many.getvalue(), "513 members in the zip, over the limit of 512")
    refused(long_directory, r"a central directory of 600,890 bytes, over the limit of 547,840")
    refused(zip64, "1,000,000 members in the zip, over the limit of 512")
    refused(b"PK" + bytes(10), "not a readable zip archive")


def test_a_chunked_compressed_weight_is_refused_before_it_is_read(tmp_path):
    """16 declared numbers stored as one gzip chunk of 100M float32 (a 405 KB file) loaded in 1.2 s and 425 MB;
    weights stored other than contiguous (as Keras writes them) are now refused before a byte is read. The chunk
    is 1M numbers here, to keep the test cheap: what is refused is the layout, not the size."""
    with h5py.File(tmp_path / "w.h5", "w") as f:
        f.create_dataset("plain", data=np.ones(16, "f4"))
        bomb = f.create_dataset("bomb", shape=(16,), maxshape=(None,), chunks=(10**6,), compression="gzip", dtype="f4")
        bomb[...] = 1.0
        f.create_dataset("chunked", data=np.ones(16, "f4"), chunks=(4,))
        f.create_dataset("shuffled", data=np.ones(16, "f4"), chunks=(16,), shuffle=True)
    with h5py.File(tmp_path / "w.h5", "r") as f:
        assert file_limits.h5_dataset(f, "plain", "w", [100]).shape == (16,)
        for name in ("bomb", "chunked", "shuffled"):
            with pytest.raises(ValueError, match=f"w: {name} is stored in chunks or compressed"):
                file_limits.h5_dataset(f, name, "w", [100])


def test_a_chunked_compressed_weight_in_a_keras_h5_file(tmp_path):
    layers = keras_layers()
    path = tmp_path / "m.h5"
    path.write_bytes(small_keras(tmp_path, layers.LSTM(4), ext="h5"))
    with h5py.File(path, "a") as f:
        layer = next(n.decode() if isinstance(n, bytes) else n for n in f["model_weights"].attrs["layer_names"])
        group = f["model_weights"][layer]
        name = [n.decode() if isinstance(n, bytes) else n for n in group.attrs["weight_names"]][-1]  # the bias
        del group[name]
        bomb = group.create_dataset(name, shape=(16,), maxshape=(None,), chunks=(10**6,), compression="gzip",
                                    dtype="f4")  # fmt: skip
        bomb[...] = 1.0
    assert path.stat().st_size < 100_000
    refused(path.read_bytes(), "layer LSTM 'lstm[_0-9]*': bias: .*bias is stored in chunks or compressed")


def test_a_list_attribute_is_sized_before_it_is_read(tmp_path):
    """h5_names reads the shape first and then at most 801 bytes a name; h5_text one text, not an array."""
    with h5py.File(tmp_path / "a.h5", "w") as f:
        f.attrs["many"] = ["w"] * 1000  # variable-length strings
        f.attrs["long"] = ["a" * 20_000, "b"]
        f.attrs["numbers"] = np.arange(3.0)
        f.attrs["ok"] = ["lstm/kernel", "lstm/bias"]
        f.attrs["texts"] = ["{}"] * 1000
    with h5py.File(tmp_path / "a.h5", "r") as f:
        assert file_limits.h5_names(f, "ok", "a") == ["lstm/kernel", "lstm/bias"]
        with pytest.raises(ValueError, match="a: its attribute many is not a short list of names"):
            file_limits.h5_names(f, "many", "a")
        with pytest.raises(ValueError, match="a: its attribute numbers is not a short list of names"):
            file_limits.h5_names(f, "numbers", "a")
        with pytest.raises(ValueError, match="a: its attribute long holds a name over 200 characters"):
            file_limits.h5_names(f, "long", "a")
        with pytest.raises(ValueError, match=r"a: its attribute texts is not one text but an array of shape \(1000,\)"):
            file_limits.h5_text(f, "texts", "a")


def test_links_to_elsewhere_are_never_followed(tmp_path):
    """An external link (to a group or a dataset, in another file or back into this one) or a soft link is
    refused before it is followed; the other file holds a readable copy, so following it would load a model."""
    with h5py.File(tmp_path / "other.h5", "w") as f:
        f["group/w"] = np.ones(16, "f4")
    with h5py.File(tmp_path / "links.h5", "w") as f:
        f["group/w"] = np.ones(16, "f4")
        f["outside"] = h5py.ExternalLink(str(tmp_path / "other.h5"), "/group")
        f["back"] = h5py.ExternalLink("links.h5", "/group")
        f["soft"] = h5py.SoftLink("/group")
    with h5py.File(io.BytesIO((tmp_path / "links.h5").read_bytes()), "r") as f:
        assert file_limits.h5_dataset(f, "group/w", "x", [100]).shape == (16,)
        for path in ("outside", "back", "soft"):
            with pytest.raises(ValueError, match=f"x: {path} is a link to elsewhere"):
                file_limits.h5_group(f, path, "x")
            with pytest.raises(ValueError, match=f"x: {path}/w is a link to elsewhere"):
                file_limits.h5_dataset(f, f"{path}/w", "x", [100])


def test_a_keras_h5_layer_group_linked_to_another_file_is_not_followed(tmp_path):
    layers = keras_layers()
    path = tmp_path / "m.h5"
    path.write_bytes(small_keras(tmp_path, layers.LSTM(4), ext="h5"))
    with h5py.File(path, "r") as src, h5py.File(tmp_path / "other.h5", "w") as dst:
        src.copy(src["model_weights"], dst, "model_weights")  # a readable copy of every weight
        layer = next(n.decode() if isinstance(n, bytes) else n for n in src["model_weights"].attrs["layer_names"])
    for parent, name in (("/model_weights", layer), ("/", "model_weights")):
        edited = tmp_path / f"linked_{name}.h5"
        edited.write_bytes(path.read_bytes())
        with h5py.File(edited, "a") as f:
            del f[parent][name]
            f[parent][name] = h5py.ExternalLink(str(tmp_path / "other.h5"), f"{parent.rstrip('/')}/{name}")
        refused(edited.read_bytes(), f"{name} is a link to elsewhere, which lstm-viz does not follow")
        refused(edited, f"{name} is a link to elsewhere")
