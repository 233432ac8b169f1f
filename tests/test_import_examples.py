"""The example models in lstm_viz/data/examples/ (built by scripts/build_example_models.py with Keras): the four
tutorial architectures, each of which opens without Keras, is at most 200 KB, and predicts what Keras' own
model.predict returned when it was built; the two text models read the negation task's encoding of its sentences."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import lstm_viz as lv
from lstm_viz import tasks

EXAMPLES = Path(lv.__file__).parent / "data" / "examples"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.keras"))


def record(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def test_there_are_the_four_tutorial_architectures():
    assert NAMES == ["airline_lstm_relu", "negation_embedding_lstm", "negation_stacked_softmax", "sine_stacked"]
    kinds = {name: [layer.split(":")[1].split()[0] for layer in lv.io.load_model(EXAMPLES / f"{name}.keras").describe()]
             for name in NAMES}  # fmt: skip
    assert kinds == {
        "negation_embedding_lstm": ["Embedding", "lstm", "Dense"],
        "negation_stacked_softmax": ["lstm", "lstm", "Dense"],  # the two Dropouts are the identity at inference
        "sine_stacked": ["lstm", "lstm", "Dense"],
        "airline_lstm_relu": ["lstm(activation=relu)", "Dense"],
    }


@pytest.mark.parametrize("name", NAMES)
def test_an_example_predicts_what_keras_did(name):
    path = EXAMPLES / f"{name}.keras"
    assert path.stat().st_size <= 200_000
    rec = record(name)
    assert rec["final_loss"] >= 0 and rec["keras_version"].startswith("3.")
    m = lv.io.load_model(path)
    got = m.predict(np.array(rec["x"]))
    assert np.abs(got - np.array(rec["keras_predict"])).max() <= 1e-5, name
    assert m.forward(np.array(rec["x"][0])).layers[0].h.ndim == 2  # one sequence: (T, H)


@pytest.mark.parametrize("name", ["negation_embedding_lstm", "negation_stacked_softmax"])
def test_a_text_example_reads_the_negation_tasks_encoding_and_learned_it(name):
    rec = record(name)
    task = tasks.get(rec["task"])
    assert task.name == "negation_sentiment" and rec["final_accuracy"] >= 0.95
    m = lv.io.load_model(EXAMPLES / f"{name}.keras")
    x = np.array(rec["x"])
    one_hot = np.eye(task.input_size)[x] if x.ndim == 2 else x  # token ids (B, T) or one-hot vectors (B, T, V)
    assert (m.vocab_size or m.input_size) == task.input_size
    labels = task.targets(one_hot)  # each sample is a template sentence, with its label
    y = m.predict(x)
    assert np.array_equal(np.rint(y[:, 0]) if y.shape[1] == 1 else np.argmax(y, axis=1), labels)
