"""Open a model file of any kind lstm-viz reads; what it is, is read from its first bytes, not its name.

    m = load_model("model.keras")                       # Keras 3 (.keras) or legacy Keras 2 / tf.keras (.h5)
    m = load_model("lstm.pt", readout_at="last")        # a PyTorch state_dict: .pt / .pth or .safetensors
    m = load_model(uploaded.getvalue(), activation="tanh")   # bytes (an upload), a path or a binary file
    m.predict(x); m.forward(x).layers[0]["f"]

    first bytes          read as
    \\x89HDF\\r\\n\\x1a\\n    a legacy Keras .h5 (keras_files.read_h5)
    PK (a zip)           .keras when it holds config.json and model.weights.h5; a torch .pt when it holds data.pkl
    8-byte size + "{"    .safetensors (a PyTorch state_dict)
    \\x80 (a pickle)      refused: a pickle can run code, so it is never opened (this includes torch's
                         pre-1.6 file format: re-save it with a recent torch.save, or as .safetensors)

Size limits are lstm_viz.io.file_limits' constants. Bad input of any kind is a ValueError naming the problem.
"""

from __future__ import annotations

import struct

from lstm_viz.io import keras_files, torch_files
from lstm_viz.io.file_limits import Refusal, file_part, open_zip, read_source
from lstm_viz.io.imported import ImportedModel

TORCH_OPTIONS = ("cell", "num_layers", "hidden_size", "activation", "readout_at", "output_activation")


def sniff(data: bytes) -> str:
    """ "h5", "keras", "pt" or "safetensors" from a file's first bytes; ValueError says what else it is."""
    if data[:8] == keras_files.HDF5_SIGNATURE:
        return "h5"
    if data[:2] == b"PK":
        names = open_zip(data, file_part("zip")).namelist()
        if "config.json" in names and "model.weights.h5" in names:
            return "keras"
        if any(name.endswith("data.pkl") for name in names):
            return "pt"
        raise Refusal("model.zip_unknown")
    if data[:1] == b"\x80":
        raise Refusal("model.pickle")
    if len(data) >= 9 and data[8:9] == b"{" and struct.unpack("<Q", data[:8])[0] > 1:
        return "safetensors"
    return "unknown"


def check_options(options: dict) -> None:
    unknown = [k for k in options if k not in TORCH_OPTIONS]
    if unknown:
        raise ValueError(f"{str(unknown[0])[:40]}: not an option for a state_dict; they are {', '.join(TORCH_OPTIONS)}")


def load_model(source, **torch_options) -> ImportedModel:
    """The model in a Keras .keras / .h5 file or a PyTorch state_dict (.pt, .pth, .safetensors).

    source: a path, the file's bytes, or a binary file object. torch_options, for a state_dict only (a Keras
    file names its own architecture): cell ("lstm", "gru", "rnn"), num_layers, hidden_size (inferred from the
    shapes and checked against these when given), activation (an nn.RNN's nonlinearity: "tanh" or "relu",
    which a state_dict does not hold), readout_at ("last": fc(out[:, -1]); "all": fc(out)), output_activation
    (after the read-out: "linear", "sigmoid", "softmax", "relu", "tanh"). See torch_files for the module form.
    """
    check_options(torch_options)
    data = read_source(source)
    kind = sniff(data)
    if kind in ("keras", "h5"):
        if torch_options:
            raise ValueError(f"{next(iter(torch_options))}: a Keras file names its own architecture; this option "
                             f"is for PyTorch state_dicts")  # fmt: skip
        return keras_files.read_keras(data) if kind == "keras" else keras_files.read_h5(data)
    if kind == "unknown":
        raise Refusal("model.unknown_file")
    return load_torch_state_dict(data, **torch_options)


def load_torch_state_dict(source, **options) -> ImportedModel:
    """A PyTorch state_dict (.pt / .pth through torch.load(weights_only=True), or .safetensors) as a model; the
    options are load_model's torch_options (torch_files explains what is inferred and what is asked for)."""
    check_options(options)
    data = read_source(source, file_part("state_dict"))
    kind = sniff(data)
    if kind == "pt":
        return torch_files.state_dict_model(torch_files.read_pt(data), **options)
    if kind == "safetensors":  # its tensors are sorted by name, not in the module's order
        return torch_files.state_dict_model(torch_files.read_safetensors(data), **options, ordered=False)
    raise ValueError("state_dict file: expected a .pt / .pth file of torch.save or a .safetensors file")
