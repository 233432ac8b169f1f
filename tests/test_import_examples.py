"""The example models in lstm_viz/data/examples/ (built by scripts/build_example_models.py with Keras): each one
opens without Keras, under 200 KB, and predicts what Keras' own model.predict returned when it was built."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import lstm_viz as lv

EXAMPLES = Path(lv.__file__).parent / "data" / "examples"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.keras"))


def test_there_are_examples():
    assert NAMES == ["contains_3", "sine_gru_relu", "sine_stacked"]


@pytest.mark.parametrize("name", NAMES)
def test_an_example_predicts_what_keras_did(name):
    path = EXAMPLES / f"{name}.keras"
    assert path.stat().st_size <= 200_000
    record = json.loads((EXAMPLES / f"{name}.json").read_text())
    m = lv.io.load_model(path)
    got = m.predict(np.array(record["x"]))
    assert np.abs(got - np.array(record["keras_predict"])).max() <= 1e-5, name
    assert m.forward(np.array(record["x"][0])).layers[0].h.ndim == 2  # one sequence: (T, H)
