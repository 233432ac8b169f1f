"""Build the example models shipped in lstm_viz/data/examples/, with Keras 3 on the CPU (torch backend).

    pip install -r requirements-dev.txt        # keras
    python scripts/build_example_models.py     # about 30 seconds on two CPU cores

Each example is a tutorial architecture, briefly trained on a seeded toy task, saved as <name>.keras (under
200 KB), beside <name>.json: what it is, its input, and what Keras' own model.predict returned for that input,
so that a test can hold lstm-viz's reading of the file to Keras without Keras installed.

    contains_3      Embedding(10, 8) -> LSTM(16) -> Dense(1, sigmoid): does the sequence hold the token 3?
    sine_stacked    LSTM(16, return_sequences=True) -> LSTM(16) -> Dense(1): the next value of a sine wave
    sine_gru_relu   GRU(16, activation="relu") -> Dense(1): the same, with the tutorial's relu
"""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np
from keras import layers

OUT = Path(__file__).resolve().parent.parent / "lstm_viz" / "data" / "examples"
T = 12


def contains_3(rng):
    x = rng.integers(0, 10, size=(2000, T))
    y = (x == 3).any(axis=1).astype("float32")
    model = keras.Sequential([keras.Input((T,), dtype="int32"), layers.Embedding(10, 8), layers.LSTM(16),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model, x, y, "Embedding -> LSTM -> Dense(sigmoid): does the sequence of digits hold a 3?"


def sine(rng, n=2000):
    start = rng.uniform(0, 2 * np.pi, size=(n, 1))
    freq = rng.uniform(0.2, 0.6, size=(n, 1))
    t = np.arange(T + 1)[None]
    wave = np.sin(start + freq * t).astype("float32")
    return wave[:, :T, None], wave[:, T:]


def sine_stacked(rng):
    x, y = sine(rng)
    model = keras.Sequential([keras.Input((T, 1)), layers.LSTM(16, return_sequences=True), layers.LSTM(16),
                              layers.Dense(1)])  # fmt: skip
    model.compile("adam", "mse")
    return model, x, y, "LSTM(return_sequences) -> LSTM -> Dense: the next value of a sine wave"


def sine_gru_relu(rng):
    x, y = sine(rng)
    model = keras.Sequential([keras.Input((T, 1)), layers.GRU(16, activation="relu"), layers.Dense(1)])
    model.compile("adam", "mse")
    return model, x, y, "GRU(activation=relu) -> Dense: the next value of a sine wave"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    keras.utils.set_random_seed(0)
    for build in (contains_3, sine_stacked, sine_gru_relu):
        rng = np.random.default_rng(0)
        model, x, y, about = build(rng)
        history = model.fit(x, y, epochs=20, batch_size=64, verbose=0)
        path = OUT / f"{build.__name__}.keras"
        model.save(path)
        sample = x[:4]
        record = {"about": about, "x": sample.tolist(), "keras_predict": model.predict(sample, verbose=0).tolist(),
                  "final_loss": float(history.history["loss"][-1]), "keras_version": keras.__version__}  # fmt: skip
        (OUT / f"{build.__name__}.json").write_text(json.dumps(record, indent=1) + "\n")
        print(f"{path.name}: {path.stat().st_size:,} bytes, loss {record['final_loss']:.4f}")


if __name__ == "__main__":
    main()
