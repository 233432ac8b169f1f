"""A Keras model's config (the JSON of a .keras file's config.json or an .h5 file's model_config) as a list of
the layers lstm-viz computes, every other layer or option refused by name.

    layers = keras_config.parse(text, "config.json", keras_version="3.15.1")
    [(l.kind, l.name) for l in layers]    # [("embedding", "embedding"), ("recurrent", "lstm"), ("dense", "dense")]

The config is {"class_name": "Sequential" | "Functional" | "Model", "config": {"layers": [...]}}, each layer
{"class_name": "LSTM", "config": {"name": ..., "units": ..., ...}} (Keras 2's Sequential may hold the list
itself). A functional model is read only when it is a chain: each layer's one input is the layer before.

What is read, in this order: [InputLayer] [TextVectorization | StringLookup, then an Embedding (text_lookup)]
[Embedding] 1-3 × (LSTM | GRU | SimpleRNN) [Dense | Activation]..., with Dropout (and the other noise layers, the
identity at inference) anywhere after the input. An option lstm-viz does not know is accepted only when it is off
(null, false, 0): a layer that needs it is refused, never computed differently.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from lstm_viz.core import cells
from lstm_viz.io import text_lookup
from lstm_viz.io.file_limits import (
    MAX_CONFIG_BYTES,
    MAX_CONFIG_LAYERS,
    MAX_HIDDEN,
    MAX_JSON_DEPTH,
    MAX_JSON_ITEMS,
    refuse_unread_options,
)
from lstm_viz.io.imported import OUTPUT_ACTIVATIONS
from lstm_viz.io.weights import bounded_json

MODELS = ("Sequential", "Functional", "Model")
RECURRENT = {"LSTM": "lstm", "GRU": "gru", "SimpleRNN": "rnn"}
IDENTITY = ("Dropout", "SpatialDropout1D", "GaussianDropout", "GaussianNoise", "AlphaDropout")
# options that do not change what a trained layer computes at inference
INERT = {
    "name", "trainable", "dtype", "seed", "unroll", "dropout", "recurrent_dropout", "rate", "noise_shape",
    "stddev", "unit_forget_bias", "implementation", "input_length", "batch_input_shape", "batch_shape",
    "input_shape", "zero_output_for_mask", "activity_regularizer",
    "kernel_initializer", "recurrent_initializer", "bias_initializer", "embeddings_initializer",
    "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "embeddings_regularizer",
    "kernel_constraint", "recurrent_constraint", "bias_constraint", "embeddings_constraint",
}  # fmt: skip
COMPUTE_DTYPES = ("float32", "float64")
REFUSED = {  # classes often met around recurrent layers, and why they are not read
    "Bidirectional": "runs its layer forwards and backwards over the sequence",
    "Masking": "masks time steps",
    "TimeDistributed": "wraps a layer to run at every step",
    "Conv1D": "convolves along time",
    "Attention": "attends over the sequence",
    "MultiHeadAttention": "attends over the sequence",
    "RNN": "wraps a custom cell",
    "ConvLSTM1D": "is a convolutional LSTM",
    "ConvLSTM2D": "is a convolutional LSTM",
}


@dataclass(frozen=True)
class LayerConfig:
    kind: str  # "input", "lookup", "embedding", "recurrent", "identity", "dense", "activation"
    class_name: str  # Keras' class: "LSTM", "Dense", ...
    name: str  # the layer's name: the group of its weights in an .h5 file
    key: str  # the group of its weights in a .keras file: snake_case(class) numbered in order, "lstm_1"
    options: dict = field(default_factory=dict)  # what the builder needs (units, activation, cell spec, ...)

    @property
    def label(self) -> str:
        return f"{self.class_name} {self.name!r}"


def snake_case(name: str) -> str:
    """Keras' naming.to_snake_case: "SimpleRNN" -> "simple_rnn", "LSTM" -> "lstm"."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def parse(text: str, what: str, keras_version: str | None = None) -> list[LayerConfig]:
    """The layers of a Keras config, checked; ValueError names the layer and the option that is refused."""
    if len(text) > MAX_CONFIG_BYTES:
        raise ValueError(f"{what}: {len(text):,} bytes of config, over the limit of {MAX_CONFIG_BYTES:,}")
    config = bounded_json(text, what, MAX_JSON_DEPTH, MAX_JSON_ITEMS)
    if not isinstance(config, dict) or not isinstance(config.get("class_name"), str):
        raise ValueError(f"{what}: not a Keras model config (no class_name)")
    model = config["class_name"]
    if model not in MODELS:
        raise ValueError(f"{what}: the model is a {model[:40]!r}; lstm-viz reads a {' or '.join(MODELS)} model")
    body = config.get("config")
    raw = body if isinstance(body, list) else (body or {}).get("layers") if isinstance(body, dict) else None
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{what}: the model config has no list of layers")
    if len(raw) > MAX_CONFIG_LAYERS:
        raise ValueError(f"{what}: {len(raw)} layers, over the limit of {MAX_CONFIG_LAYERS}")
    if not all(isinstance(layer, dict) and isinstance(layer.get("config"), dict) for layer in raw):
        raise ValueError(f"{what}: a layer of the config is not a {{class_name, config}} object")
    if model != "Sequential":
        check_chain(raw, body, what)
    used: dict[str, int] = {}
    layers = []
    input_shape = None  # the InputLayer's batch_shape: a TextVectorization with split=None needs (B, 1)
    for entry in raw:
        cls = entry.get("class_name")
        if not isinstance(cls, str):
            raise ValueError(f"{what}: a layer without a class_name")
        base = snake_case(cls)
        used[base] = used.get(base, -1) + 1
        key = base if used[base] == 0 else f"{base}_{used[base]}"
        layers.append(read_layer(cls, entry, key, keras_version, input_shape))
        if cls == "InputLayer":
            shape = entry["config"].get("batch_shape", entry["config"].get("batch_input_shape"))
            input_shape = shape if isinstance(shape, list) else None
    return check_order(layers)


def read_layer(cls: str, entry: dict, key: str, keras_version: str | None, input_shape=None) -> LayerConfig:
    """One layer's config as a LayerConfig, its options checked (input_shape: the InputLayer's batch_shape)."""
    c = entry["config"]
    name = str(c.get("name", key))[:80]
    label = f"{cls[:40]} {name!r}"
    module = entry.get("module")
    if module is not None and not (isinstance(module, str) and module.startswith("keras")):
        raise ValueError(f"layer {label}: a custom layer (module {str(module)[:40]!r}) is not read")
    if cls == "InputLayer":
        for option in ("sparse", "ragged"):
            if c.get(option):
                raise ValueError(f"layer {label}: {option}=True is not read")
        return LayerConfig("input", cls, name, key)
    if cls in text_lookup.CLASSES:  # its options are checked there, its vocabulary read with the file
        return LayerConfig("lookup", cls, name, key, text_lookup.read_options(cls, c, label, input_shape))
    if cls in RECURRENT:
        kind = "recurrent"
        opts, handled = recurrent_options(cls, c, label, keras_version)
    elif cls == "Embedding":
        if c.get("mask_zero"):
            raise ValueError(f"layer {label}: mask_zero=True (masking) is not computed by lstm-viz")
        opts = {"input_dim": units(c, "input_dim", label, limit=None), "output_dim": units(c, "output_dim", label)}
        kind, handled = "embedding", {"input_dim", "output_dim", "mask_zero"}
    elif cls == "Dense":
        opts = {"units": units(c, "units", label), "activation": output_activation(c, label),
                "use_bias": bool(c.get("use_bias", True))}  # fmt: skip
        kind, handled = "dense", {"units", "activation", "use_bias"}
    elif cls == "Activation":
        kind, handled, opts = "activation", {"activation"}, {"activation": output_activation(c, label)}
    elif cls in IDENTITY:
        kind, handled, opts = "identity", set(), {}
    elif cls in REFUSED:
        raise ValueError(f"layer {label}: a {cls} layer ({REFUSED[cls]}) is not computed by lstm-viz")
    else:
        raise ValueError(f"layer {label}: the layer class {cls[:40]} is not one lstm-viz computes (it reads "
                         f"TextVectorization, StringLookup, Embedding, LSTM, GRU, SimpleRNN, Dropout, Dense, "
                         f"Activation)")  # fmt: skip
    check_dtype(c.get("dtype"), label)
    refuse_unread_options(c, handled | INERT, label)
    return LayerConfig(kind, cls, name, key, opts)


def recurrent_options(cls: str, c: dict, label: str, keras_version: str | None):
    """(options, the option names handled) of an LSTM, GRU or SimpleRNN; refuses what is not computed exactly."""
    refused = {"go_backwards": "reads the sequence backwards", "stateful": "carries its state between batches",
               "return_state": "returns its states", "time_major": "reads time-major input"}  # fmt: skip
    for option, why in refused.items():
        if c.get(option):
            raise ValueError(f"layer {label}: {option}=True ({why}) is not computed by lstm-viz")
    handled = {"units", "activation", "recurrent_activation", "use_bias", "return_sequences", "reset_after"}
    handled |= set(refused)
    if cls == "GRU" and not c.get("reset_after", False):
        raise ValueError(f"layer {label}: reset_after=False (the GRU of Keras 2 before TF 2, r applied before "
                         f"W_hn) is not computed by lstm-viz; it computes reset_after=True, torch's GRU")  # fmt: skip
    options = {"activation": c.get("activation", "tanh")}
    if cls != "SimpleRNN":
        options["recurrent_activation"] = c.get("recurrent_activation", "sigmoid")
    for option, value in options.items():
        if not isinstance(value, str):
            raise ValueError(f"layer {label}: {option}={str(value)[:40]} is not a built-in activation")
    if options.get("recurrent_activation") == "hard_sigmoid" and not str(keras_version or "").startswith("3."):
        raise ValueError(f"layer {label}: recurrent_activation=hard_sigmoid of Keras 2 (clip(0.2 z + 0.5, 0, 1)) "
                         f"is not Keras 3's (relu6(z + 3) / 6), which lstm-viz computes")  # fmt: skip
    try:
        spec = cells.spec(RECURRENT[cls], **options)
    except ValueError as err:
        raise ValueError(f"layer {label}: {err}") from None
    return {"spec": spec, "units": units(c, "units", label), "use_bias": bool(c.get("use_bias", True)),
            "return_sequences": bool(c.get("return_sequences", False))}, handled  # fmt: skip


def units(c: dict, option: str, label: str, limit: int | None = MAX_HIDDEN) -> int:
    value = c.get(option)
    if type(value) is not int or value < 1 or (limit is not None and value > limit):
        bound = f" to {limit}" if limit is not None else ""
        raise ValueError(f"layer {label}: {option}={str(value)[:20]} is not a whole number from 1{bound}")
    return value


def output_activation(c: dict, label: str) -> str:
    value = c.get("activation", "linear")
    if value is None:
        value = "linear"
    if not isinstance(value, str) or value not in OUTPUT_ACTIVATIONS:
        raise ValueError(f"layer {label}: activation={str(value)[:40]} is not computed by lstm-viz here; expected "
                         f"one of {', '.join(OUTPUT_ACTIVATIONS)}")  # fmt: skip
    return value


def check_dtype(dtype, label: str) -> None:
    """The layer computes in float32 or float64 (a mixed_float16 policy computes in float16: refused)."""
    if dtype is None:
        return
    name = dtype
    if isinstance(dtype, dict):
        inner = dtype.get("config")
        name = inner.get("name") if isinstance(inner, dict) else None
    if name not in COMPUTE_DTYPES:
        raise ValueError(f"layer {label}: dtype={str(name)[:40]} is not computed by lstm-viz (it reads "
                         f"{' or '.join(COMPUTE_DTYPES)} layers)")  # fmt: skip


def inbound(entry: dict) -> list[str]:
    """The names of the layers a functional layer reads (Keras 3's keras_history, Keras 2's [name, node, k, {}])."""
    names: list[str] = []

    def walk(o):
        if isinstance(o, dict):
            history = o.get("config", {}).get("keras_history") if isinstance(o.get("config"), dict) else None
            if isinstance(history, list) and history and isinstance(history[0], str):
                names.append(history[0])
                return
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            if len(o) >= 3 and isinstance(o[0], str) and type(o[1]) is int and type(o[2]) is int:
                names.append(o[0])
                return
            for v in o:
                walk(v)

    walk(entry.get("inbound_nodes", []))
    return names


def check_chain(raw: list[dict], body, what: str) -> None:
    """A functional model is read only as a chain: one input layer first, each layer reading the one before."""
    for n, entry in enumerate(raw):
        name = entry["config"].get("name")
        label = f"{str(entry.get('class_name'))[:40]} {str(name)[:80]!r}"
        nodes = entry.get("inbound_nodes", [])
        if isinstance(nodes, list) and len(nodes) > 1:
            raise ValueError(f"layer {label}: called {len(nodes)} times (a shared layer); lstm-viz reads a chain")
        got = inbound(entry)
        want = [] if n == 0 else [raw[n - 1]["config"].get("name")]
        if got != want:
            reads = ", ".join(map(str, got)) or "nothing"
            raise ValueError(f"layer {label}: reads {reads[:80]}, not the layer before it; lstm-viz reads a model "
                             f"that is one chain of layers")  # fmt: skip
    outputs = body.get("output_layers") if isinstance(body, dict) else None
    last = raw[-1]["config"].get("name")
    if outputs is not None and inbound({"inbound_nodes": outputs}) not in ([last], []):
        raise ValueError(f"{what}: the model's output is not its last layer {str(last)[:80]!r}")


def check_order(layers: list[LayerConfig]) -> list[LayerConfig]:
    """[lookup, Embedding | Embedding] 1-3 recurrent [Dense | Activation]... in this order (inputs and identities
    anywhere)."""
    body = [layer for layer in layers if layer.kind not in ("input", "identity")]
    if any(layer.kind == "input" for layer in layers[1:]):
        raise ValueError(f"layer {next(x for x in layers[1:] if x.kind == 'input').label}: an input after the first")
    stage = 0  # 0: embedding may come, 1: recurrent layers, 2: read-out
    start = 1 if body and body[0].kind == "lookup" else 0
    if start and (len(body) < 2 or body[1].kind != "embedding"):
        raise ValueError(f"layer {body[0].label}: its token ids must go to an Embedding, the next layer")
    for n, layer in enumerate(body[start:], start):
        if layer.kind == "lookup":
            raise ValueError(f"layer {layer.label}: a {layer.class_name} must be the first layer")
        if layer.kind == "embedding":
            if n != start:
                where = "the layer after the lookup" if start else "the first layer"
                raise ValueError(f"layer {layer.label}: an Embedding must be {where}")
        elif layer.kind == "recurrent":
            if stage == 2:
                raise ValueError(f"layer {layer.label}: a recurrent layer after a read-out is not read")
            stage = 1
        else:
            if stage == 0:
                raise ValueError(f"layer {layer.label}: a {layer.class_name} before the recurrent layers is not read")
            stage = 2
    recurrent = [layer for layer in body if layer.kind == "recurrent"]
    if not 1 <= len(recurrent) <= 3:
        raise ValueError(f"the model has {len(recurrent)} recurrent layers; lstm-viz reads 1 to 3")
    for below, above in itertools.pairwise(recurrent):
        if not below.options["return_sequences"]:
            raise ValueError(f"layer {below.label}: return_sequences=False, but {above.label} reads a sequence")
    return layers
