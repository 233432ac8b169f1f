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
    Phrase,
    Refusal,
    json_within,
    refuse_unread_options,
)
from lstm_viz.io.imported import OUTPUT_ACTIVATIONS

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
# classes often met around recurrent layers, refused with why they are not read (the catalogue's PHRASES[class])
REFUSED = ("Bidirectional", "Masking", "TimeDistributed", "Conv1D", "Attention", "MultiHeadAttention", "RNN",
           "ConvLSTM1D", "ConvLSTM2D")  # fmt: skip
# a recurrent layer's options that change what it computes, refused with why (the catalogue's PHRASES[option])
REFUSED_OPTIONS = ("go_backwards", "stateful", "return_state", "time_major")


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
        raise Refusal("model.config_too_big", what=what, size=f"{len(text):,}", limit=f"{MAX_CONFIG_BYTES:,}")
    config = json_within(text, what, MAX_JSON_DEPTH, MAX_JSON_ITEMS)
    if not isinstance(config, dict) or not isinstance(config.get("class_name"), str):
        raise Refusal("model.config_no_class", what=what)
    model = config["class_name"]
    if model not in MODELS:
        raise Refusal("model.config_model", what=what, model=repr(model[:40]))
    body = config.get("config")
    raw = body if isinstance(body, list) else (body or {}).get("layers") if isinstance(body, dict) else None
    if not isinstance(raw, list) or not raw:
        raise Refusal("model.config_no_layers", what=what)
    if len(raw) > MAX_CONFIG_LAYERS:
        raise Refusal("model.config_too_many_layers", what=what, count=len(raw), limit=MAX_CONFIG_LAYERS)
    if not all(isinstance(layer, dict) and isinstance(layer.get("config"), dict) for layer in raw):
        raise Refusal("model.config_bad_layer", what=what)
    if model != "Sequential":
        check_chain(raw, body, what)
    used: dict[str, int] = {}
    layers = []
    input_shape = None  # the InputLayer's batch_shape: a TextVectorization with split=None needs (B, 1)
    for entry in raw:
        cls = entry.get("class_name")
        if not isinstance(cls, str):
            raise Refusal("model.config_no_class_name", what=what)
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
        raise Refusal("model.custom_layer", layer=label, module=repr(str(module)[:40]))
    if cls == "InputLayer":
        for option in ("sparse", "ragged"):
            if c.get(option):
                raise Refusal("model.input_option", layer=label, option=option)
        return LayerConfig("input", cls, name, key)
    if cls in text_lookup.CLASSES:  # its options are checked there, its vocabulary read with the file
        return LayerConfig("lookup", cls, name, key, text_lookup.read_options(cls, c, label, input_shape))
    if cls in RECURRENT:
        kind = "recurrent"
        opts, handled = recurrent_options(cls, c, label, keras_version)
    elif cls == "Embedding":
        if c.get("mask_zero"):
            raise Refusal("model.mask_zero", layer=label)
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
        raise Refusal("model.layer_refused", layer=label, cls=cls, why=Phrase(cls))
    else:
        raise Refusal("model.unknown_class", layer=label, cls=cls[:40])
    check_dtype(c.get("dtype"), label)
    refuse_unread_options(c, handled | INERT, label)
    return LayerConfig(kind, cls, name, key, opts)


def recurrent_options(cls: str, c: dict, label: str, keras_version: str | None):
    """(options, the option names handled) of an LSTM, GRU or SimpleRNN; refuses what is not computed exactly."""
    for option in REFUSED_OPTIONS:
        if c.get(option):
            raise Refusal("model.recurrent_option", layer=label, option=option, why=Phrase(option))
    handled = {"units", "activation", "recurrent_activation", "use_bias", "return_sequences", "reset_after"}
    handled |= set(REFUSED_OPTIONS)
    if cls == "GRU" and not c.get("reset_after", False):
        raise Refusal("model.gru_reset_after", layer=label)
    options = {"activation": c.get("activation", "tanh")}
    if cls != "SimpleRNN":
        options["recurrent_activation"] = c.get("recurrent_activation", "sigmoid")
    for option, value in options.items():
        if not isinstance(value, str):
            raise Refusal("model.activation_not_builtin", layer=label, option=option, value=str(value)[:40])
    if options.get("recurrent_activation") == "hard_sigmoid" and not str(keras_version or "").startswith("3."):
        raise Refusal("model.hard_sigmoid_keras2", layer=label)
    for option, value in options.items():
        choices = option_choices(RECURRENT[cls], option)
        if value not in choices:
            raise Refusal("model.cell_activation", layer=label, option=option, value=repr(value[:40]),
                          expected=", ".join(choices))  # fmt: skip
    try:
        spec = cells.spec(RECURRENT[cls], **options)
    except ValueError as err:  # should the cell refuse what its choices allow: its own words
        raise Refusal("model.cell_option", layer=label, why=err) from None
    return {"spec": spec, "units": units(c, "units", label), "use_bias": bool(c.get("use_bias", True)),
            "return_sequences": bool(c.get("return_sequences", False))}, handled  # fmt: skip


def option_choices(cell: str, option: str) -> tuple[str, ...]:
    """The activations a cell computes for an option ("activation": its g and output squashing; "recurrent_activation":
    its gates), as the cell's module declares them."""
    module = cells.FAMILIES[cell]
    return module.ACTIVATION_CHOICES if option == "activation" else module.RECURRENT_CHOICES


def units(c: dict, option: str, label: str, limit: int | None = MAX_HIDDEN) -> int:
    value = c.get(option)
    if type(value) is not int or value < 1 or (limit is not None and value > limit):
        code = "model.units" if limit is not None else "model.units_from"
        raise Refusal(code, layer=label, option=option, value=str(value)[:20], limit=limit)
    return value


def output_activation(c: dict, label: str) -> str:
    value = c.get("activation", "linear")
    if value is None:
        value = "linear"
    if not isinstance(value, str) or value not in OUTPUT_ACTIVATIONS:
        expected = ", ".join(OUTPUT_ACTIVATIONS)
        raise Refusal("model.output_activation", layer=label, value=str(value)[:40], expected=expected)
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
        raise Refusal("model.dtype", layer=label, dtype=str(name)[:40])


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
            raise Refusal("model.shared_layer", layer=label, count=len(nodes))
        got = inbound(entry)
        want = [] if n == 0 else [raw[n - 1]["config"].get("name")]
        if got != want:
            code = "model.not_chain" if got else "model.not_chain_nothing"
            raise Refusal(code, layer=label, reads=", ".join(map(str, got))[:80])
    outputs = body.get("output_layers") if isinstance(body, dict) else None
    last = raw[-1]["config"].get("name")
    if outputs is not None and inbound({"inbound_nodes": outputs}) not in ([last], []):
        raise Refusal("model.output_not_last", what=what, last=repr(str(last)[:80]))


def check_order(layers: list[LayerConfig]) -> list[LayerConfig]:
    """[lookup, Embedding | Embedding] 1-3 recurrent [Dense | Activation]... in this order (inputs and identities
    anywhere)."""
    body = [layer for layer in layers if layer.kind not in ("input", "identity")]
    if any(layer.kind == "input" for layer in layers[1:]):
        raise Refusal("model.input_after_first", layer=next(x for x in layers[1:] if x.kind == "input").label)
    stage = 0  # 0: embedding may come, 1: recurrent layers, 2: read-out
    start = 1 if body and body[0].kind == "lookup" else 0
    if start and (len(body) < 2 or body[1].kind != "embedding"):
        raise Refusal("model.lookup_then_embedding", layer=body[0].label)
    for n, layer in enumerate(body[start:], start):
        if layer.kind == "lookup":
            raise Refusal("model.lookup_first", layer=layer.label, cls=layer.class_name)
        if layer.kind == "embedding":
            if n != start:
                raise Refusal("model.embedding_after_lookup" if start else "model.embedding_first", layer=layer.label)
        elif layer.kind == "recurrent":
            if stage == 2:
                raise Refusal("model.recurrent_after_readout", layer=layer.label)
            stage = 1
        else:
            if stage == 0:
                raise Refusal("model.readout_before_recurrent", layer=layer.label, cls=layer.class_name)
            stage = 2
    recurrent = [layer for layer in body if layer.kind == "recurrent"]
    if not 1 <= len(recurrent) <= 3:
        raise Refusal("model.recurrent_count", count=len(recurrent))
    for below, above in itertools.pairwise(recurrent):
        if not below.options["return_sequences"]:
            raise Refusal("model.not_sequences", layer=below.label, above=above.label)
    return layers
