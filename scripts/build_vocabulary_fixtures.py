"""Build the two Keras models that carry their own vocabulary, test fixtures for lstm_viz.io's text input.

TextVectorization and StringLookup need TensorFlow, which lstm-viz never installs: build them in a separate
environment, never in the project's own.

    python -m venv /tmp/tfenv && /tmp/tfenv/bin/pip install tensorflow-cpu keras h5py numpy
    KERAS_BACKEND=tensorflow /tmp/tfenv/bin/python scripts/build_vocabulary_fixtures.py   # ~20 s on 2 cores

It writes, in tests/fixtures/ (each .keras under 100 KB):

    vocab_textvectorization.keras   TextVectorization(output_sequence_length=8) -> Embedding -> LSTM(8)
                                    -> Dense(1, sigmoid), on a string input of shape (B, 1)
    vocab_stringlookup.keras        StringLookup -> Embedding -> GRU(8) -> Dense(2, softmax), on pre-split
                                    tokens of shape (B, T)

and beside each a .json, the facts tests/test_import_vocabulary.py holds lstm-viz to (no TensorFlow there):

    texts           the inputs: strings, or lists of tokens for the StringLookup
    ids             what Keras' own lookup layer produced for them, (B, T)
    predict         Keras' model.predict on them
    vocabulary      the layer's get_vocabulary(), special tokens included
    variants        the same layer with other supported settings (and the same saved vocabulary, as Keras'
                    loader would set it): {"options": {...}, "texts": [...], "ids": [...]}
    keras_version, tensorflow_version

The vocabularies are adapted on a few sentences of mixed case and punctuation; the texts add out-of-vocabulary
words, a non-ASCII capital (TensorFlow lowercases ASCII only), a no-break space (not whitespace to
tf.strings.split), an empty text and one longer than 8 words. Weights are random (seeded), biases too.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

if os.environ.get("KERAS_BACKEND") != "tensorflow":
    sys.exit("run with KERAS_BACKEND=tensorflow (TextVectorization and StringLookup need TensorFlow)")

import keras
import numpy as np
import tensorflow as tf
from keras import layers

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures"

SENTENCES = ["I do not like rain", "They love music!", "We don't like the COLD, wet weather.",
             "Rain? I LOVE   rain...", "they do\tnot love music"]  # fmt: skip
TEXTS = [*SENTENCES, "I like snow and Rain!", "ÉCOLE: café is open", "rain\u00a0music", "",
         "i do not like rain and they do not love music at all", "  Love,love;LOVE  "]  # fmt: skip

TOKENS = [["i", "do", "not", "like", "rain"], ["They", "love", "music", "!", "rain"],
          ["we", "do", "not", "like", "Rain"], ["rain", "rain", "i", "love", "music"]]  # fmt: skip
TOKEN_TEXTS = [*TOKENS, ["i", "like", "snow", "and", "Rain"], ["", "love", "", "music", "UNK"],
               ["[UNK]", "They", "they", "café", "!"]]  # fmt: skip


def randomized(model, seed: int):
    """Every weight (biases too) uniform in [-0.5, 0.5]."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        weights = layer.get_weights()
        if weights:
            layer.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32") for w in weights])
    return model


def as_list(ids) -> list:
    return np.asarray(ids).astype(int).tolist()


def save(model, name: str, record: dict) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.keras"
    model.save(path)
    record.update(keras_version=keras.__version__, tensorflow_version=tf.__version__)
    (OUT / f"{name}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{path.name}: {path.stat().st_size:,} bytes, vocabulary {len(record['vocabulary'])}")


def text_vectorization() -> None:
    tv = layers.TextVectorization(output_sequence_length=8)
    tv.adapt(SENTENCES)
    model = keras.Sequential([keras.Input((1,), dtype="string"), tv, layers.Embedding(tv.vocabulary_size(), 4),
                              layers.LSTM(8), layers.Dense(1, activation="sigmoid")])  # fmt: skip
    randomized(model, seed=1)
    x = tf.constant(TEXTS)[:, None]  # (B, 1)
    vocabulary = tv.get_vocabulary(include_special_tokens=True)
    variants = []
    for standardize in ("lower_and_strip_punctuation", "lower", "strip_punctuation", None):
        for split in ("whitespace", None):
            for length in (8, 3, None):
                options = {"standardize": standardize, "split": split, "output_sequence_length": length}
                layer = layers.TextVectorization(**options, vocabulary=vocabulary)
                variants.append({"options": options, "texts": TEXTS, "ids": as_list(layer(x))})
    save(model, "vocab_textvectorization", {"texts": TEXTS, "ids": as_list(tv(x)),
         "predict": model.predict(x, verbose=0).tolist(), "vocabulary": vocabulary, "variants": variants})  # fmt: skip


def string_lookup() -> None:
    sl = layers.StringLookup()
    sl.adapt(TOKENS)
    model = keras.Sequential([keras.Input((None,), dtype="string"), sl, layers.Embedding(sl.vocabulary_size(), 4),
                              layers.GRU(8), layers.Dense(2, activation="softmax")])  # fmt: skip
    randomized(model, seed=2)
    x = tf.constant(TOKEN_TEXTS)  # (B, T)
    vocabulary = sl.get_vocabulary(include_special_tokens=True)
    variants = []
    in_vocabulary = [t for t in TOKEN_TEXTS if all(token in vocabulary for token in t)]
    for options in ({"mask_token": None, "num_oov_indices": 1}, {"mask_token": "", "num_oov_indices": 1},
                    {"mask_token": None, "num_oov_indices": 0}, {"mask_token": "", "num_oov_indices": 0}):  # fmt: skip
        layer = layers.StringLookup(**options, vocabulary=vocabulary)
        texts = TOKEN_TEXTS if options["num_oov_indices"] else in_vocabulary
        if options["mask_token"] == "" and not options["num_oov_indices"]:
            texts = [t for t in TOKEN_TEXTS if all(token in vocabulary or token == "" for token in t)]
        ids = layer(tf.constant(texts))
        variants.append({"options": options, "texts": texts, "ids": as_list(ids)})
    save(model, "vocab_stringlookup", {"texts": TOKEN_TEXTS, "ids": as_list(sl(x)),
         "predict": model.predict(x, verbose=0).tolist(), "vocabulary": vocabulary, "variants": variants})  # fmt: skip


if __name__ == "__main__":
    keras.utils.set_random_seed(0)
    text_vectorization()
    string_lookup()
