"""Files in and out: weights files (safetensors, never a pickle), the pre-trained presets, and models from Keras
and PyTorch files.

    from lstm_viz.io import presets, weights
    model, config = presets.load("counting")          # NumPy and safetensors, no torch
    data = weights.to_bytes(model, config)

    m = lstm_viz.io.load_model("model.keras")          # Keras .keras / .h5, or a PyTorch state_dict
    m = lstm_viz.io.load_torch_state_dict("lstm.pt", readout_at="last")
    m.predict(x); m.forward(x).layers[0]["f"]          # an ImportedModel (lstm_viz.io.imported)
    m.vocabulary; m.encode(["I do not like rain"])     # a Keras model with a TextVectorization / StringLookup

load_model, load_torch_state_dict and ImportedModel load on first use (h5py is imported only to read a Keras
file, torch only to read a .pt file). (`lstm_viz.io` is this package; the standard library's `io` is
unaffected: imports are absolute.)
"""

import importlib

_LAZY = {
    "load_model": "lstm_viz.io.model_files",
    "load_torch_state_dict": "lstm_viz.io.model_files",
    "ImportedModel": "lstm_viz.io.imported",
}


def __getattr__(name):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'lstm_viz.io' has no attribute {name!r}")
