"""Keras model files read with zipfile, json and h5py: no Keras, no TensorFlow, nothing unpickled.

Keras 3 `.keras`: a zip holding config.json (the model's config), metadata.json ({"keras_version": ...})
and model.weights.h5, whose groups are named by each layer's class in snake case, numbered in order
(layers/lstm, layers/lstm_1, layers/dense, ...), its variables numbered in the order the layer made them::

    layers/<key>/vars/0, 1          Embedding: embeddings (V, D); Dense: kernel (H, K), bias (K,)
    layers/<key>/cell/vars/0, 1, 2  LSTM / GRU / SimpleRNN: kernel (D, G·H), recurrent_kernel (H, G·H), bias

Legacy Keras 2 / tf.keras `.h5`: one HDF5 file with the attributes model_config (the config as JSON) and
keras_version, and a group model_weights/<layer name> whose attribute weight_names lists its datasets'
paths ("lstm/lstm_cell/kernel:0", Keras 3's legacy writer "sequential/lstm/lstm_cell/kernel").

A leading TextVectorization or StringLookup layer (text_lookup says what is computed) keeps a vocabulary learnt
by adapt() in the .keras zip as assets/layers/<key>/vocabulary.txt (a TextVectorization also as
assets/layers/<key>/_lookup_layer/vocabulary.txt: the copy Keras loads last, which must be the same), one passed
to its constructor in its config; a legacy .h5 file holds only the latter.

A bias is (G·H,) (GRU reset_after=True: (2, 3H), input and recurrent rows); with use_bias=False there is
none and the layer is computed with zeros, which is exactly what Keras computes.
"""

from __future__ import annotations

import io
import json
from contextlib import contextmanager

import numpy as np

from lstm_viz.core.params import CellParams
from lstm_viz.io import keras_config, text_lookup
from lstm_viz.io.file_limits import (
    MAX_CONFIG_BYTES,
    MAX_NUMBERS,
    Phrase,
    Refusal,
    file_part,
    h5_dataset,
    h5_group,
    h5_names,
    h5_text,
    layer_part,
    open_zip,
    read_member,
)
from lstm_viz.io.imported import Dense, Embedding, ImportedModel, Recurrent

HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"
ROLES = {"embedding": ("embeddings",), "dense": ("kernel", "bias"), "recurrent": ("kernel", "recurrent_kernel", "bias")}


def read_keras(data: bytes) -> ImportedModel:
    """A Keras 3 .keras file's model."""
    what = file_part(".keras")
    zf = open_zip(data, what)
    names = set(zf.namelist())
    for member in ("config.json", "model.weights.h5"):
        if member not in names:
            raise Refusal("model.keras_missing_member", what=what, member=member)
    text = decode(read_member(zf, "config.json", what, MAX_CONFIG_BYTES), "config.json")
    version = None
    if "metadata.json" in names:
        try:
            meta = json.loads(decode(read_member(zf, "metadata.json", what, 10_000), "metadata.json"))
            version = str(meta.get("keras_version", ""))[:20] if isinstance(meta, dict) else None
        except ValueError:
            version = None
    layers = keras_config.parse(text, "config.json", version or "3.")
    assets = {layer.key: vocabulary_asset(zf, names, layer) for layer in layers if layer.kind == "lookup"}
    with open_h5(read_member(zf, "model.weights.h5", what), "model.weights.h5") as f:
        return build(layers, lambda layer, roles, budget: keras3_vars(f, layer, roles, budget), assets)


def read_h5(data: bytes) -> ImportedModel:
    """A legacy Keras 2 / tf.keras .h5 file's model (model.save("m.h5"))."""
    what = file_part(".h5")
    with open_h5(data, what) as f:
        text = h5_text(f, "model_config", what)
        if text is None:
            raise Refusal("model.h5_no_config", what=what)
        weights = h5_group(f, "model_weights", what)
        if weights is None:
            raise Refusal("model.h5_no_weights", what=what)
        version = h5_text(f, "keras_version", what, 100) or h5_text(weights, "keras_version", what, 100)
        layers = keras_config.parse(text, "model_config", version)
        return build(layers, lambda layer, roles, budget: legacy_vars(weights, layer, roles, budget))


def vocabulary_asset(zf, names: set[str], layer) -> list[str] | None:
    """The lines of a lookup layer's assets/layers/<key>[/_lookup_layer]/vocabulary.txt, None when there is none
    (its vocabulary is then in its config); the two copies of a TextVectorization must be the same."""
    found = []
    for base in dict.fromkeys((layer.key, layer.name)):
        for path in (f"assets/layers/{base}/vocabulary.txt", f"assets/layers/{base}/_lookup_layer/vocabulary.txt"):
            if path in names:
                data = read_member(zf, path, layer_part(layer.label), text_lookup.MAX_VOCABULARY_BYTES)
                found.append(text_lookup.vocabulary_lines(data, layer.label))
        if found:
            break
    if any(lines != found[0] for lines in found[1:]):
        raise Refusal("model.vocab_assets_differ", layer=layer.label)
    return found[-1] if found else None


def decode(data: bytes, what: str | Phrase) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal("model.not_utf8", what=what) from None


@contextmanager
def open_h5(data: bytes, what: str | Phrase):
    """An h5py File on bytes in memory; a file that is not HDF5, or a damaged one, is a ValueError."""
    import h5py

    if data[:8] != HDF5_SIGNATURE:
        raise Refusal("model.not_hdf5", what=what)
    try:
        f = h5py.File(io.BytesIO(data), "r")
    except (OSError, ValueError, RuntimeError) as err:
        raise Refusal("model.hdf5_damaged", what=what, why=str(err)[:80]) from None
    try:
        yield f
    except (OSError, KeyError, RuntimeError, TypeError) as err:  # h5py on a damaged file
        raise Refusal("model.file_damaged", what=what, why=str(err)[:80]) from None
    finally:
        f.close()


def keras3_vars(f, layer, roles: tuple[str, ...], budget: list[int]) -> dict[str, np.ndarray]:
    """A layer's variables in a .keras file's model.weights.h5: layers/<key>[/cell]/vars/0, 1, ..."""
    inner = "cell/vars" if layer.kind == "recurrent" else "vars"
    part = layer_part(layer.label)
    group = None
    for base in (f"layers/{layer.key}", f"layers/{layer.name}"):
        if h5_group(f, f"{base}/{inner}", part) is not None:
            group = f"{base}/{inner}"
            break
    if group is None:
        raise Refusal("model.keras_no_weights", layer=layer.label, path=f"layers/{layer.key}/{inner}")
    count = len(h5_group(f, group, part))  # its links, none followed
    if count != len(roles):
        raise Refusal("model.keras_var_count", layer=layer.label, count=count, expected=len(roles),
                      roles=", ".join(roles))  # fmt: skip
    return {role: h5_dataset(f, f"{group}/{n}", weight_part(layer, role), budget) for n, role in enumerate(roles)}


def weight_part(layer, role: str) -> Phrase:
    """A layer's weight as a refusal names it: "layer LSTM 'lstm': kernel"."""
    return Phrase("weight", layer=layer.label, role=role)


def legacy_vars(weights, layer, roles: tuple[str, ...], budget: list[int]) -> dict[str, np.ndarray]:
    """A layer's variables in a legacy .h5 file: model_weights/<name>, the paths its weight_names list."""
    group = h5_group(weights, layer.name, layer_part(layer.label))
    if group is None:
        raise Refusal("model.h5_no_group", layer=layer.label, name=layer.name)
    paths = h5_names(group, "weight_names", layer_part(layer.label))
    found = {}
    for path in paths:
        role = path.rsplit("/", 1)[-1].split(":", 1)[0]
        if role not in roles or role in found:
            raise Refusal("model.h5_bad_weight", layer=layer.label, path=repr(path[:80]), roles=", ".join(roles))
        found[role] = h5_dataset(group, path, weight_part(layer, role), budget)
    if len(found) != len(roles):
        code = "model.h5_weights" if found else "model.h5_weights_none"
        raise Refusal(code, layer=layer.label, found=", ".join(found), roles=", ".join(roles))
    return {role: found[role] for role in roles}


def shaped(layer, role: str, array: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    if array.shape != shape:
        raise Refusal("model.weight_shape", layer=layer.label, role=role, shape=array.shape, expected=shape)
    return array


def build(layers: list, get, assets: dict | None = None) -> ImportedModel:
    """The model from the checked layers, get(layer, roles, budget) -> {role: float64 array} and the lines of
    each lookup layer's vocabulary asset by its key (None: no asset)."""
    budget = [MAX_NUMBERS]
    lookup, embedding, recurrent, readout, D = None, None, [], [], None
    for layer in layers:
        o = layer.options
        if layer.kind == "lookup":
            lookup = text_lookup.build(layer.class_name, layer.name, o, (assets or {}).get(layer.key))
        elif layer.kind == "embedding":
            w = get(layer, ROLES["embedding"], budget)["embeddings"]
            embedding = Embedding(layer.name, shaped(layer, "embeddings", w, (o["input_dim"], o["output_dim"])))
            D = o["output_dim"]
        elif layer.kind == "recurrent":
            spec, H = o["spec"], o["units"]
            G = len(spec.weighted)
            roles = ROLES["recurrent"] if o["use_bias"] else ROLES["recurrent"][:2]
            w = get(layer, roles, budget)
            kernel = w["kernel"]
            if kernel.ndim != 2 or kernel.shape[1] != G * H or (D is not None and kernel.shape[0] != D):
                want = f"({'D' if D is None else D}, {G * H})"
                raise Refusal("model.weight_shape", layer=layer.label, role="kernel", shape=kernel.shape, expected=want)
            D = kernel.shape[0]
            recurrent_kernel = shaped(layer, "recurrent_kernel", w["recurrent_kernel"], (H, G * H))
            bias_shape = (2, 3 * H) if spec.family == "gru" else (G * H,)
            bias = shaped(layer, "bias", w["bias"], bias_shape) if o["use_bias"] else np.zeros(bias_shape)
            params = CellParams(spec, (spec.from_keras(spec, kernel, recurrent_kernel, bias),))
            recurrent.append(Recurrent(layer.name, params, o["return_sequences"]))
            D = H
        elif layer.kind == "dense":
            K = o["units"]
            roles = ROLES["dense"] if o["use_bias"] else ROLES["dense"][:1]
            w = get(layer, roles, budget)
            kernel = shaped(layer, "kernel", w["kernel"], (D, K))
            bias = shaped(layer, "bias", w["bias"], (K,)) if o["use_bias"] else np.zeros(K)
            readout.append(Dense(layer.name, kernel.T, bias, o["activation"]))
            D = K
        elif layer.kind == "activation":
            readout.append(Dense(layer.name, None, None, o["activation"]))
    return ImportedModel("keras", embedding, tuple(recurrent), tuple(readout), lookup)
